"""The library set's retrieval, side by side in one run: Rapporteur's first stage, its default,
and the plain LangChain pipeline, per half, kind and language, with query latency.

    python -m benchmarks.library_report --home H [--corpus ../shared/corpus] [--extra DIR]
                                        [--misses] [--out FILE.md]

H is a home with the library indexed (``rapporteur --home H ingest`` over the corpus's
pdf-2025, pdf, resolutions and reports folders). The LangChain baseline (benchmarks/library_baseline:
PDF loader, 1000/200-character chunks, MiniLM, FAISS, k=5) is built over the same corpus folders
in this process; ``pip install -e '.[bench]'`` brings it. ``--extra DIR``: PDFs H also holds
(the distractors of benchmarks/library_distractors), read into the baseline too. Rapporteur's cells
come from the resolved gold units (R@5: share of primary units in the top 5); LangChain's from
the gold quote inside a chunk (it has no units). Latency: each question once, its question caches cleared, in
the order of the set, ms p50 / p95. ``--misses`` lists, per half, each question whose primary
unit the default leaves out of the top 5, with the rank of its first primary (or ">30"), its gold
and the top 3 hits (the JSON always holds them).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import replace
from pathlib import Path

from benchmarks import library_baseline
from rapporteur.app.facade import Rapporteur
from rapporteur.core.settings import load_settings
from rapporteur.evaluation.harness import doc_at_k
from rapporteur.evaluation.library import resolve
from rapporteur.evaluation.metrics import score_run
from rapporteur.evaluation.retrieval import load_questions, qrels_of

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "eval" / "library" / "library_questions.jsonl"
METRICS = ("recall@5", "mrr@10", "doc@5")


def pipelines(default) -> dict:
    """Rapporteur's rows: the first stage alone (BM25 + e5 fused, the shape the round began
    with) and the default (document signals, kind prior, second stage)."""
    first = replace(
        default,
        rerank=False,
        recency_boost=0.0,
        intent_boost=0.0,
        kind_prior={},
    )
    return {"Rapporteur, first stage": first, "Rapporteur, default": default}


def scores(searcher, questions: list[dict], config, depth: int = 30):
    """Per-question R@5 / MRR@10 / doc@5 of one configuration, its ranked unit keys and qrels."""
    qrels = qrels_of(questions)
    run = {
        q["id"]: [h.unit.key for h in searcher.search(q["q"], depth, config=config)]
        for q in questions
        if q["id"] in qrels
    }
    per = score_run(run, qrels)
    for qid, ranked in run.items():
        per[qid]["doc@5"] = doc_at_k(ranked, qrels[qid], 5)
    return per, run, qrels


def misses(per: dict, run: dict, qrels: dict, questions: list[dict]) -> list[str]:
    """One line per question whose primary unit is not in the top 5: the rank of its first
    primary (or ">30"), its gold and the top 3 hits."""
    lines = []
    for q in questions:
        if q["id"] in per and per[q["id"]]["recall@5"] < 1:
            primary = {u for u, g in qrels[q["id"]].items() if g >= 2}
            ranks = [i + 1 for i, u in enumerate(run[q["id"]]) if u in primary]
            lines.append(f"- {q['id']} {q['kind']}, ranks {ranks or '>30'}: {q['q'][:90]}")
            lines.append(f"  gold {sorted(primary)[:3]}, top {run[q['id']][:3]}")
    return lines


def timed_ours(searcher, questions: list[dict], config) -> tuple[dict, list[float], list[str]]:
    """Per-question scores, the first-time search time of each question in ms, and the misses."""
    ms = []
    for q in questions:
        searcher.clear_query_caches()
        started = time.perf_counter()
        searcher.search(q["q"], 10, config=config)
        ms.append((time.perf_counter() - started) * 1000)
    per, ranked, qrels = scores(searcher, questions, config)
    return per, ms, misses(per, ranked, qrels, questions)


def groups(per: dict, questions: list[dict]) -> dict[str, dict[str, float]]:
    """Mean of each metric overall, per kind and per language (``kind:x``, ``lang:x``)."""
    ids: dict[str, list[str]] = {"all": []}
    for q in questions:
        if q["id"] in per:
            for key in ("all", f"kind:{q['kind']}", f"lang:{q.get('lang', 'en')}"):
                ids.setdefault(key, []).append(q["id"])
    return {
        key: {m: statistics.fmean(per[i][m] for i in members) for m in METRICS}
        | {"n": len(members)}
        for key, members in ids.items()
    }


def latency(ms: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    return {
        p: round(ms[min(len(ms) - 1, int(len(ms) * f))], 1)
        for p, f in (("p50", 0.5), ("p95", 0.95))
    }


def run(home: Path, corpus: Path, extra: Path | None = None) -> dict:
    rapporteur = Rapporteur.open(load_settings(home=home))
    rapporteur.warm()
    searcher = rapporteur.searcher
    every = [q for q in load_questions(SET) if q.get("primary")]
    resolved, _ = resolve(every, searcher.units)
    say(f"LangChain baseline over {corpus}")
    chunks = library_baseline.load_chunks(corpus)
    if extra is not None:
        chunks += library_baseline.file_chunks(sorted(extra.glob("*.pdf")))
    store = library_baseline.faiss_store(chunks)
    out: dict = {
        "units": len(searcher.units),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "halves": {},
    }
    for split in ("tune", "check"):
        ours = [q for q in resolved if q["split"] == split]
        rows = {}
        for name, config in pipelines(rapporteur.config).items():
            say(f"{split}: {name}")
            per, ms, missed = timed_ours(searcher, ours, config)
            rows[name] = {"groups": groups(per, ours), "latency_ms": latency(ms), "misses": missed}
        say(f"{split}: LangChain")
        per, ms = {}, []
        for q in (q for q in every if q["split"] == split):
            started = time.perf_counter()
            found = store.similarity_search(q["q"], k=10)
            ms.append((time.perf_counter() - started) * 1000)
            ranked = [(d.metadata["doc"], library_baseline.normal(d.page_content)) for d in found]
            per[q["id"]] = library_baseline.score(ranked, q)
        rows["LangChain (1000/200, MiniLM, FAISS, k=5)"] = {
            "groups": groups(per, [q for q in every if q["split"] == split]),
            "latency_ms": latency(ms),
        }
        out["halves"][split] = rows
    return out


def markdown(report: dict, show_misses: bool = False) -> str:
    """The tables per half; with ``show_misses``, the default's misses below each."""
    lines = [f"Library: {report['units']} units; run {report.get('when', '?')}.", ""]
    for split, rows in report["halves"].items():
        keys = sorted(next(iter(rows.values()))["groups"], key=lambda k: (k != "all", k))
        lines += [
            f"**{split} half**: R@5 / MRR@10 / doc@5 (n), then R@5 per kind and language; ms p50 / p95",
            "",
            "| pipeline | all | " + " | ".join(k.split(":")[1] for k in keys[1:]) + " | ms |",
            "|---|" + "---|" * (len(keys) + 1),
        ]
        for name, row in rows.items():
            g, lat = row["groups"], row["latency_ms"]
            a = g["all"]
            cells = [f"{a['recall@5']:.3f} / {a['mrr@10']:.3f} / {a['doc@5']:.3f} ({a['n']})"]
            cells += [f"{g[k]['recall@5']:.3f}" if k in g else "-" for k in keys[1:]]
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {lat['p50']} / {lat['p95']} |")
        lines.append("")
        if show_misses:
            missed = rows["Rapporteur, default"]["misses"]
            lines += [f"Misses of the default ({split} half, primary not in the top 5):", ""]
            lines += [*missed, ""]
    return "\n".join(lines)


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.library_report", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--home", type=Path, required=True, help="home with the library indexed")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--extra", type=Path, help="folder of more PDFs the home holds")
    parser.add_argument("--out", type=Path, help="write the markdown here (JSON beside it)")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list each question whose primary unit the default misses in the top 5",
    )
    args = parser.parse_args(argv)
    if args.extra is not None and not args.extra.is_dir():
        raise SystemExit(f"{args.extra}: no such folder (--extra takes the distractors' folder)")
    report = run(args.home, args.corpus, args.extra)
    text = markdown(report, args.misses)
    if args.out:
        args.out.write_text(text)
        args.out.with_suffix(".json").write_text(json.dumps(report, indent=1))
    print(text)


if __name__ == "__main__":
    main()
