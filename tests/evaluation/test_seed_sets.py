"""eval/seed and eval/drafts: every gold label names a unit of the seed as this repository parses
it, and the ids are distinct across the seed's question sets (the dev set's included)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rapporteur.ingest.parse import parse
from tests.conftest import EVAL_DIR, ROOT, SEED

SETS = ("paraphrases.jsonl", "answers.jsonl", "crosslingual_holdout.jsonl")
DRAFTS = ROOT / "eval" / "drafts" / "hand_drafts.jsonl"


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def labels() -> set[str]:
    return {u.label for u in parse(SEED).units}


@pytest.mark.parametrize("name", SETS)
def test_every_gold_unit_is_a_unit_of_the_seed(name, labels):
    questions = rows(ROOT / "eval" / "seed" / name)
    assert questions and all(q["doc"] == "wg6-2021" for q in questions)
    for q in questions:
        assert set(q["primary"]) | set(q["relevant"]) <= labels, q["id"]
        assert bool(q["primary"]) is (q["kind"] != "no_answer"), q["id"]


def test_ids_are_distinct_across_the_seed_sets():
    names = [ROOT / "eval" / "seed" / n for n in SETS]
    if (EVAL_DIR / "dev_questions.jsonl").is_file():
        names.append(EVAL_DIR / "dev_questions.jsonl")
    ids = [q["id"] for path in names for q in rows(path)]
    assert len(ids) == len(set(ids)) >= 31 + 38 + 14


def test_the_hand_drafts_name_recommendations_of_the_seed(labels):
    drafts = rows(DRAFTS)
    by_label = {v: [d for d in drafts if d["label"] == v] for v in ("duplicate", "overlap", "new")}
    assert {v: len(ds) for v, ds in by_label.items()} == {"duplicate": 12, "overlap": 5, "new": 10}
    assert len({d["id"] for d in drafts}) == len(drafts)
    for d in drafts:
        assert set(d["duplicate_of"]) <= labels and bool(d["duplicate_of"]) is (
            d["label"] == "duplicate"
        ), d["id"]
