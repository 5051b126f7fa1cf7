"""Library sets: gold quotes resolve to the units that hold them, whatever our labels are."""

from __future__ import annotations

from rapporteur.core.units import Unit
from rapporteur.evaluation.harness import doc_at_k
from rapporteur.evaluation.library import is_library_set, normal, resolve, select

UNITS = [
    Unit(
        "S_2025_303",
        "paragraph",
        12,
        "UNODC docu-\nmented 14 seizures of firearms in Port-au-Prince.",
    ),
    Unit("S_2025_303", "paragraph", 13, "The Group recommended stronger border controls."),
    Unit("A_79_989", "passage", 2, "I have the honour to transmit the report of the mission."),
]


def q(qid, primary, relevant=(), split="tune"):
    return {
        "id": qid,
        "q": "?",
        "split": split,
        "primary": list(primary),
        "relevant": list(relevant),
    }


def test_normal_rejoins_line_end_hyphens_and_drops_punctuation():
    assert (
        normal("UNODC docu-\nmented 14 seizures, (firearms).")
        == "unodc documented 14 seizures firearms"
    )


def test_a_quote_finds_its_unit_even_under_another_label():
    gold = {
        "doc": "S_2025_303",
        "unit": "annex para 12",
        "quote": "documented 14 seizures of firearms",
    }
    [out], missing = resolve([q("L1", [gold])], UNITS)
    assert (
        out["qrels"] == {"S_2025_303:para 12": 2} and out["doc"] == "S_2025_303" and missing == []
    )


def test_a_letter_without_numbers_resolves_by_quote_alone():
    gold = {"doc": "A_79_989", "unit": None, "quote": "honour to transmit the report"}
    [out], _ = resolve([q("L2", [gold])], UNITS)
    assert out["qrels"] == {"A_79_989:passage 2": 2}


def test_the_label_is_the_fallback_and_unresolved_gold_is_reported():
    by_label = {
        "doc": "S_2025_303",
        "unit": "para 13",
        "quote": "words that were cut by a page break",
    }
    nowhere = {"doc": "S_2025_999", "unit": "para 1", "quote": "anything at all here"}
    [out], missing = resolve([q("L3", [by_label], [nowhere])], UNITS)
    assert out["qrels"] == {"S_2025_303:para 13": 2}
    assert [m["doc"] for m in missing] == ["S_2025_999"]


def test_primary_outranks_relevant_for_the_same_unit():
    gold = {"doc": "S_2025_303", "unit": "para 12", "quote": "14 seizures of firearms"}
    [out], _ = resolve([q("L4", [gold], [gold])], UNITS)
    assert out["qrels"] == {"S_2025_303:para 12": 2}


def test_format_detection_and_split():
    rows = [q("a", [{"doc": "x", "unit": None, "quote": "y"}]), q("b", [], split="check")]
    assert is_library_set(rows) and not is_library_set([{"id": "d", "primary": ["rec 1"]}])
    assert [r["id"] for r in select(rows, "check")] == ["b"] and len(select(rows, None)) == 2


def test_doc_at_k_counts_the_document_of_a_primary_unit():
    gains = {"S_2025_303:para 12": 2, "S_2025_85:para 3": 1}
    assert doc_at_k(["A_1:para 1", "S_2025_303:para 40"], gains, 5) == 1.0
    assert doc_at_k(["S_2025_85:para 3", "A_1:para 1"], gains, 5) == 0.0
    assert doc_at_k(["A_1:para 1", "S_2025_303:para 1"], gains, 1) == 0.0
