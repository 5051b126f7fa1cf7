"""Retrieval evaluation: run labelled questions through search configurations and score them."""

from __future__ import annotations

import json
from pathlib import Path

from rapporteur.core.config import SearchConfig
from rapporteur.core.errors import ConfigError
from rapporteur.evaluation.metrics import mean_scores, score_run


def load_jsonl(path: Path, required: set[str], what: str) -> list[dict]:
    """JSON lines with the required fields; a one-line ConfigError naming the file otherwise."""
    try:
        rows = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable JSON-lines {what} set ({exc})") from None
    for row in rows:
        missing = required - row.keys()
        if missing:
            raise ConfigError(f"{path}: {what} {row.get('id', '?')} lacks {sorted(missing)}")
    return rows


def load_questions(path: Path) -> list[dict]:
    """Questions: id, kind, lang, q, primary, relevant, and doc (dev format) or docs (library)."""
    return load_jsonl(path, {"id", "q"}, "question")


def load_drafts(path: Path) -> list[dict]:
    """Drafts in the dev format: id, doc, draft, duplicate_of."""
    return load_jsonl(path, {"id", "draft", "doc"}, "draft")


def qrels_of(questions: list[dict]) -> dict[str, dict[str, int]]:
    """Graded qrels: primary units 2, relevant units 1, keyed "doc:unit" (no_answer questions left out)."""
    out = {}
    for q in questions:
        if "qrels" in q:  # a library set, resolved against the index (evaluation.library)
            if q["qrels"]:
                out[q["id"]] = dict(q["qrels"])
            continue
        gains = {f"{q['doc']}:{u}": 1 for u in q.get("relevant", [])}
        gains |= {f"{q['doc']}:{u}": 2 for u in q.get("primary", [])}
        if gains:
            out[q["id"]] = gains
    return out


def run_config(
    searcher, questions: list[dict], config: SearchConfig, k: int = 10
) -> dict[str, dict[str, float]]:
    """BEIR-shaped run {qid: {"doc:unit": score}} for one configuration."""
    return {
        q["id"]: {h.unit.key: h.score for h in searcher.search(q["q"], k, config=config)}
        for q in questions
    }


def evaluate(searcher, questions: list[dict], configs: dict[str, SearchConfig]) -> dict:
    """Mean and per-query metrics for each configuration, overall and per question kind."""
    qrels = qrels_of(questions)
    kinds = {q["id"]: q.get("kind", "") for q in questions}
    report = {}
    for name, config in configs.items():
        run = run_config(searcher, [q for q in questions if q["id"] in qrels], config)
        per = score_run({qid: list(r) for qid, r in run.items()}, qrels)
        by_kind = {
            kind: mean_scores({q: s for q, s in per.items() if kinds[q] == kind})
            for kind in sorted({kinds[q] for q in per})
        }
        report[name] = {"mean": mean_scores(per), "by_kind": by_kind, "per_query": per, "run": run}
    return report
