"""The verdict's training pairs (training/reader/train_verdict.py), on toy units: labels, held-out
questions, and that a unit holding the gold quote is never a negative."""

from __future__ import annotations

from rapporteur.core.units import Unit
from training.reader.train_verdict import auc, held, pairs, siblings, swapped


def unit(doc: str, n: int, text: str) -> Unit:
    return Unit(doc, "paragraph", n, text)


UNITS = {
    ("A", "para 1"): unit("A", 1, "The budget for 2024 was 23.75 million dollars. It rose."),
    ("A", "para 2"): unit("A", 2, "The Office audited forty country offices in 2024."),
    ("B", "para 1"): unit("B", 1, "As reported: The budget for 2024 was 23.75 million dollars."),
    ("B", "para 2"): unit("B", 2, "The budget for 2026 has not been proposed yet by the Office."),
}
MINED = {"q1": [["B", "para 1"], ["A", "para 2"], ["B", "para 2"]], "q2": [["A", "para 2"]]}
RECORDS = [
    {
        "id": "q1",
        "lang": "en",
        "kind": "factual",
        "q": "What was the budget in 2024?",
        "primary": [
            {"doc": "A", "unit": "para 1", "quote": "The budget for 2024 was 23.75 million"}
        ],
    },
    {
        "id": "q2",
        "lang": "en",
        "kind": "no_answer",
        "q": "What is the budget for 2026?",
        "primary": [],
        "near": [
            {"doc": "B", "unit": "para 2", "quote": "The budget for 2026 has not been proposed"}
        ],
    },
    {"id": "q3", "lang": "fr", "kind": "factual", "q": "Quel budget ?", "primary": []},
]


def test_pairs_label_the_gold_piece_and_never_a_twin_of_it_as_a_negative():
    rows = pairs(RECORDS, UNITS, MINED, negatives=2)
    q1 = [r for r in rows if r["id"] == "q1"]
    assert [(r["y"], r["why"]) for r in q1] == [(1, "gold"), (0, "mined"), (0, "mined")]
    assert q1[0]["s"].startswith("The budget for 2024")  # the piece holding the quote
    # B para 1 repeats the gold quote: it answers too, so it is skipped, not a negative
    assert all("As reported" not in r["s"] for r in q1)
    q2 = [r for r in rows if r["id"] == "q2"]
    assert [(r["y"], r["why"]) for r in q2] == [(0, "near"), (0, "mined")]
    assert not [r for r in rows if r["id"] == "q3"]  # no terms given: English questions only


def test_a_question_in_another_language_is_read_as_its_english_terms():
    french = dict(RECORDS[0], id="q4", lang="fr", q="Quel était le budget en 2024 ?")
    mined = MINED | {"q4": MINED["q1"]}
    rows = pairs([french], UNITS, mined, negatives=2, terms={"q4": "budget 2024 dollars"})
    assert {r["q"] for r in rows} == {"budget 2024 dollars"} and {r["lang"] for r in rows} == {"fr"}
    assert [(r["y"], r["why"]) for r in rows] == [(1, "gold"), (0, "mined"), (0, "mined")]
    assert pairs([french], UNITS, mined, negatives=2, terms={}) == []  # no terms: not read


def test_the_held_out_questions_are_fixed_by_id_and_about_one_in_ten():
    ids = [f"x{i:04d}" for i in range(2000)]
    share = sum(map(held, ids)) / len(ids)
    assert 0.07 < share < 0.13 and [held(i) for i in ids] == [held(i) for i in ids]
    rows = pairs(RECORDS, UNITS, MINED, negatives=2)
    assert all(r["held"] == held(r["id"]) for r in rows)


def test_auc():
    assert auc([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2]) == 1.0
    assert auc([1, 0, 1, 0], [0.1, 0.9, 0.2, 0.8]) == 0.0
    assert auc([1, 1], [0.3, 0.4]) == 0.5  # one class: undefined, reported as chance


def test_a_swapped_year_or_state_is_a_near_miss_its_gold_unit_never_mentions():
    import random

    units = UNITS | {("C", "para 1"): unit("C", 1, "Haiti received 12 million dollars in 2023.")}
    haiti = {
        "id": "q5",
        "lang": "en",
        "kind": "factual",
        "q": "How much did Haiti receive in 2023?",
        "primary": [{"doc": "C", "unit": "para 1", "quote": "Haiti received 12 million dollars"}],
    }
    rows = swapped([RECORDS[0], haiti, RECORDS[2]], units, ["Haiti", "Mali"], random.Random(1))
    assert {r["why"] for r in rows} == {"swap-year", "swap-state"}
    assert all(r["y"] == 0 and r["held"] == held(r["id"]) for r in rows)
    year = next(r for r in rows if r["id"] == "q5" and r["why"] == "swap-year")
    asked = year["q"].split()[-1].rstrip("?")
    assert asked in {"2020", "2021", "2022", "2024", "2025", "2026"}  # 1-3 years away
    assert year["s"] == "Haiti received 12 million dollars in 2023."  # the same gold piece
    state = next(r for r in rows if r["why"] == "swap-state")
    assert state["q"] == "How much did Mali receive in 2023?"
    q1 = [r for r in rows if r["id"] == "q1"]  # 2024 -> a year the unit does not hold
    assert q1 and all("2024" not in r["q"] for r in q1)
    assert not [r for r in rows if r["id"] in ("q2", "q3")]  # unanswerable, not English


def test_siblings_are_the_gold_units_other_clauses_never_the_answering_one():
    text = (
        "The Office audited forty country offices during the year under review. The budget for "
        "2024 was 23.75 million dollars. Staff costs rose by a tenth over the previous period."
    )
    units = {("A", "para 1"): unit("A", 1, text)}
    rows = siblings(RECORDS, units, 5)
    assert {r["id"] for r in rows} == {"q1"}  # answerable questions only
    assert all(r["y"] == 0 and r["why"] == "sibling" for r in rows)
    assert not any("23.75" in r["s"] for r in rows)  # never the answering sentence
    assert sorted(r["s"] for r in rows) == [
        "Staff costs rose by a tenth over the previous period.",
        "The Office audited forty country offices during the year under review.",
    ]
    assert len(siblings(RECORDS, units, 1)) == 1 and siblings(RECORDS, units, 0) == []
