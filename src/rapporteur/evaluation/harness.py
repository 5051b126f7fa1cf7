"""The evaluation harness behind `rapporteur eval`: retrieval, answers and duplicates, one report.

Retrieval is scored with ranx (recall and MRR on the primary units: relevance level 2; nDCG on
graded relevance) per configuration, per question kind and per question, with a paired t-test of
each configuration against the default. Every report carries the index manifest it ran on.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import replace
from pathlib import Path

from rapporteur.core.config import SearchConfig
from rapporteur.evaluation.retrieval import qrels_of, run_config

METRICS = ["recall@1-l2", "recall@5-l2", "recall@10-l2", "mrr@10-l2", "ndcg@10"]
NAMES = {
    "recall@1-l2": "recall@1",
    "recall@5-l2": "recall@5",
    "recall@10-l2": "recall@10",
    "mrr@10-l2": "mrr@10",
    "ndcg@10": "ndcg@10",
}


# MiniLM's weight as the second stage until the reader (2026-12-07). The row runs today's stage
# order (the recommendation intent also counts after the second stage), so it approximates the
# former engine; docs/reader-report.md compares with the former code itself.
BEFORE_READER_WEIGHT = 0.2


def configurations(default: SearchConfig, models: list[str]) -> dict[str, SearchConfig]:
    """Each list alone, plain fusion, then the default; named for the report."""
    out = {"bm25": SearchConfig.plain({"bm25": 1.0}, exact_refs=False)}
    for name in models:
        out[name] = SearchConfig.plain({name: 1.0}, exact_refs=False)
    out["fused"] = replace(
        default, foreign_weights=None, intent_boost=0.0, rerank=False, ranker_weight=0.0
    )
    out["default without second stage"] = replace(default, rerank=False, ranker_weight=0.0)
    if default.rerank and default.reranker == "reader":  # the row the reader replaced, beside it
        out["default, MiniLM second stage (before the reader)"] = replace(
            default, reranker="minilm", rerank_weight=BEFORE_READER_WEIGHT
        )
    if default.ranker_weight:  # the order before the learned ranker, beside it
        out["default without the ranker"] = replace(default, ranker_weight=0.0)
    if default.foreign_reader_weight:  # questions not in English before the multilingual reader
        out["default without the multilingual reader"] = replace(default, foreign_reader_weight=0.0)
    out["default"] = default
    return out


def manifest_tag(searcher) -> dict:
    """The index manifest without the per-unit id list."""
    return {k: v for k, v in searcher.manifest.items() if k != "unit_ids"}


def retrieval_report(searcher, questions: list[dict], configs: dict[str, SearchConfig]) -> dict:
    """Mean, per-kind and per-question scores for each configuration (ranx), plus the runs."""
    from ranx import Qrels, Run, compare, evaluate

    qrels_dict = qrels_of(questions)
    answerable = [q for q in questions if q["id"] in qrels_dict]
    qrels = Qrels(qrels_dict)
    kinds = {q["id"]: q.get("kind", "") for q in answerable}
    langs = {q["id"]: q.get("lang", "en") for q in answerable}
    out, runs = {}, {}
    for name, config in configs.items():
        run_dict = run_config(searcher, answerable, config)
        run_dict = {
            q: (r or {"_none_": 0.0}) for q, r in run_dict.items()
        }  # ranx needs a row per query
        runs[name] = Run(run_dict, name=name)
        per = evaluate(qrels, runs[name], METRICS, return_mean=False, make_comparable=True)
        qids = list(run_dict)
        per_query = {
            qid: {NAMES[m]: float(per[m][i]) for m in METRICS}
            | {"doc@5": doc_at_k(list(run_dict[qid]), qrels_dict[qid], 5)}
            for i, qid in enumerate(qids)
        }
        out[name] = {
            "mean": _means(per_query, qids),
            "by_kind": {
                k: _means(per_query, [q for q in qids if kinds[q] == k])
                for k in sorted(set(kinds.values()))
            },
            "by_lang": {
                g: _means(per_query, [q for q in qids if langs[q] == g])
                for g in sorted(set(langs.values()))
            },
            "per_query": per_query,
            "run": run_dict,
        }
    if "default" in runs and len(runs) > 1:
        report = compare(
            qrels,
            list(runs.values()),
            metrics=["mrr@10-l2", "recall@5-l2"],
            max_p=0.05,
            make_comparable=True,
        )
        table = report.to_dict()
        for name, entry in out.items():
            entry["significance_vs_default"] = {
                NAMES[m]: table[name]["comparisons"].get("default", {}).get(m)
                if name != "default"
                else None
                for m in ("mrr@10-l2", "recall@5-l2")
            }
    return out


def doc_at_k(ranked: list[str], gains: dict[str, int], k: int) -> float:
    """1.0 when a document of a primary unit is among the documents of the top ``k`` keys (pure)."""
    gold_docs = {key.split(":", 1)[0] for key, grade in gains.items() if grade >= 2}
    return float(any(key.split(":", 1)[0] in gold_docs for key in ranked[:k]))


def _means(per_query: dict[str, dict[str, float]], qids: list[str]) -> dict[str, float]:
    """The mean of each metric over some questions."""
    names = list(next(iter(per_query.values())))
    return {m: statistics.fmean(per_query[q][m] for q in qids) for m in names} if qids else {}


def answer_report(searcher, questions: list[dict], config: SearchConfig) -> dict:
    """Answer quality: primary cited, citation precision, abstention, latency (per question too)."""
    from rapporteur.assistant.answer import answer

    rows = []
    for q in questions:
        started = time.perf_counter()
        a = answer(q["q"], searcher, config=config)
        seconds = time.perf_counter() - started
        cited = {u.key for u in a.citations}
        gains = qrels_of([q]).get(q["id"], {})
        primary = {key for key, grade in gains.items() if grade >= 2}
        relevant = set(gains)
        rows.append(
            {
                "id": q["id"],
                "kind": q.get("kind"),
                "lang": q.get("lang", "en"),
                "abstained": a.abstained,
                "cites_primary": bool(cited & primary),
                "cited": sorted(cited),
                "precision": len(cited & relevant) / len(cited) if cited else None,
                "seconds": round(seconds, 4),
            }
        )
    return {"summary": summarise_answers(rows), "per_question": rows}


def summarise_answers(rows: list[dict]) -> dict:
    """Aggregate per-question answer rows (pure)."""
    unanswerable = [r for r in rows if r["kind"] == "no_answer"]
    answerable = [r for r in rows if r["kind"] != "no_answer"]
    precisions = [r["precision"] for r in answerable if r["precision"] is not None]
    seconds = sorted(r["seconds"] for r in rows) or [0.0]
    return {
        "answerable": len(answerable),
        "cites_primary": _share(r["cites_primary"] for r in answerable),
        "citation_precision": statistics.fmean(precisions) if precisions else 0.0,
        "no_answer_questions": len(unanswerable),
        "abstention_accuracy": _share(r["abstained"] for r in unanswerable)
        if unanswerable
        else None,
        "false_abstentions": sum(r["abstained"] for r in answerable),
        "latency_p50_s": seconds[len(seconds) // 2],
        "latency_p95_s": seconds[min(len(seconds) - 1, int(len(seconds) * 0.95))],
    }


def _share(flags) -> float:
    flags = list(flags)
    return sum(flags) / len(flags) if flags else 0.0


def duplicates_report(searcher, drafts: list[dict]) -> dict:
    """Verdict precision/recall/F1 (duplicate vs not) and top-match accuracy on a draft set."""
    from rapporteur.assistant.dupes import check_drafts

    results = check_drafts([d["draft"] for d in drafts], searcher)
    rows = []
    for d, r in zip(drafts, results):
        gold = {f"{d['doc']}:{u}" for u in d.get("duplicate_of", [])}
        top = r.matches[0].unit.key if r.matches else None
        rows.append(
            {
                "id": d["id"],
                "gold": sorted(gold),
                "verdict": r.verdict,
                "top": top,
                "top_correct": (top in gold) if gold else None,
            }
        )
    return {"summary": summarise_verdicts(rows), "per_draft": rows}


def summarise_verdicts(rows: list[dict]) -> dict:
    """Precision/recall/F1 of `duplicate` against the gold labels, and top-match accuracy (pure)."""
    tp = sum(bool(r["gold"]) and r["verdict"] == "duplicate" for r in rows)
    fp = sum(not r["gold"] and r["verdict"] == "duplicate" for r in rows)
    fn = sum(bool(r["gold"]) and r["verdict"] != "duplicate" for r in rows)
    p = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    tops = [r["top_correct"] for r in rows if r["top_correct"] is not None]
    return {
        "precision": p,
        "recall": rec,
        "f1": 2 * p * rec / (p + rec) if p + rec else 0.0,
        "top_match_accuracy": _share(tops),
        "drafts": len(rows),
        "new_flagged_overlap": sum(not r["gold"] and r["verdict"] == "overlap" for r in rows),
    }


def markdown(report: dict) -> str:
    """The report's tables in markdown."""
    manifest = report["manifest"]
    models = ", ".join(m["name"] for m in manifest.get("embedders", []))
    header = (
        f"Evaluation {report['created_at']} on index built {manifest.get('created_at')}"
        f" ({manifest.get('units')} units; models {models})"
    )
    lines = [header, ""]
    if "retrieval" in report:
        lines += [
            "| configuration | R@1 | R@5 | R@10 | MRR@10 | nDCG@10 | doc@5 | cross-lingual R@5 "
            "| p (MRR vs default) |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, r in report["retrieval"].items():
            m, x = r["mean"], r["by_kind"].get("crosslingual", {})
            p = (r.get("significance_vs_default") or {}).get("mrr@10")
            lines.append(
                f"| {name} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['recall@10']:.3f} | "
                f"{m['mrr@10']:.3f} | {m['ndcg@10']:.3f} | {m['doc@5']:.3f} | "
                f"{x.get('recall@5', 0):.3f} | {'' if p is None else f'{p:.3f}'} |"
            )
        default = report["retrieval"].get("default", {})
        for part in ("by_kind", "by_lang"):
            rows = default.get(part, {})
            lines += ["", f"| default, {part[3:]} | R@5 | MRR@10 | doc@5 |", "|---|---|---|---|"]
            lines += [
                f"| {k} | {v['recall@5']:.3f} | {v['mrr@10']:.3f} | {v['doc@5']:.3f} |"
                for k, v in rows.items()
            ]
    if "answers" in report:
        s = report["answers"]["summary"]
        lines += ["", "| answers | value |", "|---|---|"] + [
            f"| {k} | {v:.3f} |" if isinstance(v, float) else f"| {k} | {v} |" for k, v in s.items()
        ]
    if "duplicates" in report:
        s = report["duplicates"]["summary"]
        lines += ["", "| duplicates | value |", "|---|---|"] + [
            f"| {k} | {v:.3f} |" if isinstance(v, float) else f"| {k} | {v} |" for k, v in s.items()
        ]
    return "\n".join(lines)


def recall_chart(report: dict, path: Path) -> None:
    """PNG: recall@k (k = 1..10) of the primary units per configuration."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from rapporteur.evaluation.metrics import recall_at

    qrels = report["qrels"]
    fig, ax = plt.subplots(figsize=(6, 4))
    for name, r in report["retrieval"].items():
        ys = []
        for k in range(1, 11):
            vals = [
                recall_at(list(r["run"][q]), {u for u, g in gains.items() if g >= 2}, k)
                for q, gains in qrels.items()
            ]
            ys.append(statistics.fmean(vals))
        ax.plot(range(1, 11), ys, marker="o", label=name)
    ax.set_xlabel("k")
    ax.set_ylabel("recall@k (primary units)")
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_outputs(report: dict, out: Path) -> None:
    """report.json, report.md and recall.png into a folder."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    (out / "report.md").write_text(markdown(report) + "\n")
    if "retrieval" in report:
        recall_chart(report, out / "recall.png")


def run_eval(
    searcher,
    default: SearchConfig,
    questions: list[dict] | None,
    drafts: list[dict] | None,
    names: list[str] | None = None,
    answers: bool = True,
) -> dict:
    """Run every part that has input; `names` picks configurations (default: all)."""
    from rapporteur.evaluation.retrieval import qrels_of

    report: dict = {
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "manifest": manifest_tag(searcher),
    }
    if questions:
        configs = configurations(default, list(searcher.dense))
        if names:
            unknown = set(names) - set(configs)
            if unknown:
                from rapporteur.core.errors import ConfigError

                raise ConfigError(
                    f"--config: unknown {sorted(unknown)}; choose from {', '.join(configs)}"
                )
            configs = {n: c for n, c in configs.items() if n in names or n == "default"}
        report["qrels"] = qrels_of(questions)
        if report["qrels"]:  # a file of unanswerable questions alone is scored on answers only
            report["retrieval"] = retrieval_report(searcher, questions, configs)
        if answers:
            report["answers"] = answer_report(searcher, questions, default)
    if drafts:
        report["duplicates"] = duplicates_report(searcher, drafts)
    return report
