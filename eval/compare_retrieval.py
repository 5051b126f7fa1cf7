"""Compare retrieval stages on a question set: `python -m eval.compare_retrieval [--questions F]`.

Indexes the seed report into a scratch home with every model, then scores each stage alone and
combined. A first cut of the evaluation harness; prints a markdown table.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from pathlib import Path

from eval.retrieval import evaluate, load_questions
from index import open_searcher, rebuild
from index.embedders import load_embedder
from index.search import SearchConfig, config_from
from ingest.batch import ingest_files
from rapporteur.settings import Settings
from rapporteur.store import Store

ROOT = Path(__file__).resolve().parents[1]


def configs(default: SearchConfig) -> dict[str, SearchConfig]:
    """Each stage alone, then the fused configurations up to the default."""
    plain = replace(default, foreign_weights=None, intent_boost=0.0)
    return {
        "BM25": SearchConfig(weights={"bm25": 1.0}),
        "e5-small": SearchConfig(weights={"e5-small": 1.0}),
        "USE-m3": SearchConfig(weights={"use-m3": 1.0}),
        "MiniLM": SearchConfig(weights={"minilm": 1.0}),
        "BM25 0.3 + e5 0.7": plain,
        "+ non-English routing (e5+USE)": replace(plain, foreign_weights=default.foreign_weights),
        "+ recommendation intent (default)": default,
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--questions", default=str(ROOT.parent / "shared/eval/dev_questions.jsonl"))
    p.add_argument("--seed", default=str(ROOT / "data/wg6-2021.txt"))
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=Path(tmp), embedders=("e5-small", "use-m3", "minilm"))
        embedders = [load_embedder(n) for n in settings.embedders]
        ingest_files([Path(args.seed)], Store(settings.store_path))
        rebuild(settings, embedders)
        searcher = open_searcher(settings, embedders)
        report = evaluate(searcher, load_questions(Path(args.questions)), configs(config_from(Settings())))
    print("| configuration | R@1 | R@5 | R@10 | MRR@10 | nDCG@10 | cross-lingual R@5 |")
    print("|---|---|---|---|---|---|---|")
    for name, r in report.items():
        m, x = r["mean"], r["by_kind"].get("crosslingual", {})
        print(f"| {name} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['recall@10']:.3f} | "
              f"{m['mrr@10']:.3f} | {m['ndcg@10']:.3f} | {x.get('recall@5', 0):.3f} |")


if __name__ == "__main__":
    main()
