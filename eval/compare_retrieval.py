"""Compare retrieval stages on question sets: `python -m eval.compare_retrieval [--questions F ...]`.

Indexes the seed report into a scratch home with every model, then scores each stage alone and
combined, on the dev questions and on the project's own extra questions. Prints one markdown
table per question set.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from rapporteur.core.settings import Settings
from rapporteur.core.store import Store
from rapporteur.evaluation.retrieval import evaluate, load_questions
from rapporteur.index import open_searcher, rebuild
from rapporteur.index.embedders import load_embedder
from rapporteur.index.search import SearchConfig, config_from
from rapporteur.ingest.batch import ingest_files

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    ROOT.parent / "shared/eval/dev_questions.jsonl",
    ROOT / "eval/questions_extra.jsonl",
    ROOT / "eval/questions_xl_holdout.jsonl",
]
# The defaults before the second stage (README, 2026-11-27), kept as the reference row.
PREVIOUS = SearchConfig(
    weights={"bm25": 0.3, "e5-small": 0.7},
    foreign_weights={"e5-small": 0.5, "use-m3": 0.5},
    intent_boost=0.25,
    translate=False,
    foreign_topic=(),
)


def configs(default: SearchConfig) -> dict[str, SearchConfig]:
    """Each list alone, the previous defaults, the retuned first stage, each second stage, the default."""
    fused = replace(PREVIOUS, weights={"bm25": 0.2, "e5-small": 0.8})
    raw = replace(fused, foreign_weights={"bm25": 0.1, "e5-small": 0.45, "use-m3": 0.45})
    translated = replace(raw, translate=True)
    first = replace(translated, foreign_topic=("e5-small",))
    second = replace(
        first, rerank=True, rerank_depth=default.rerank_depth, rerank_weight=default.rerank_weight
    )
    return {
        "BM25": SearchConfig.plain({"bm25": 1.0}),
        "e5-small": SearchConfig.plain({"e5-small": 1.0}),
        "USE-m3": SearchConfig.plain({"use-m3": 1.0}),
        "MiniLM": SearchConfig.plain({"minilm": 1.0}),
        "previous default (BM25 0.3 + e5 0.7, routing, intent)": PREVIOUS,
        "BM25 0.2 + e5 0.8": fused,
        "+ BM25 0.1 in the non-English mix": raw,
        "+ non-English BM25 on translated terms": translated,
        "+ e5 reads the non-English topic only": first,
        "+ 2nd stage: lexical coverage": replace(second, reranker="lexical"),
        "+ 2nd stage: e5 best sentence": replace(second, reranker="e5-small"),
        "+ 2nd stage: USE-m3 best sentence": replace(second, reranker="use-m3"),
        "+ 2nd stage: MiniLM best sentence": replace(second, reranker="minilm"),
        "default (settings)": default,
    }


def table(report: dict) -> list[str]:
    """Markdown rows: the means, then cross-lingual recall and MRR."""
    lines = [
        "| configuration | R@1 | R@5 | R@10 | MRR@10 | nDCG@10 | cross-lingual R@5 | cross-lingual MRR |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in report.items():
        m, x = r["mean"], r["by_kind"].get("crosslingual", {})
        lines.append(
            f"| {name} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['recall@10']:.3f} | "
            f"{m['mrr@10']:.3f} | {m['ndcg@10']:.3f} | {x.get('recall@5', 0):.3f} | "
            f"{x.get('mrr@10', 0):.3f} |"
        )
    return lines


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--questions", nargs="+", default=[str(q) for q in QUESTIONS])
    p.add_argument("--seed", default=str(ROOT / "data/wg6-2021.txt"))
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=Path(tmp), embedders=("e5-small", "use-m3", "minilm"))
        embedders = [load_embedder(n) for n in settings.embedders]
        ingest_files([Path(args.seed)], Store(settings.store_path))
        rebuild(settings, embedders)
        searcher = open_searcher(settings, embedders)
        for path in args.questions:
            questions = load_questions(Path(path))
            started = time.perf_counter()
            report = evaluate(searcher, questions, configs(config_from(Settings())))
            answerable = sum(bool(q.get("primary")) for q in questions)
            print(
                f"\n{Path(path).name}: {answerable} answerable questions "
                f"({time.perf_counter() - started:.0f} s)\n"
            )
            print("\n".join(table(report)))


if __name__ == "__main__":
    main()
