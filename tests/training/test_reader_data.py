"""The reader's committed training questions respect the held-out documents, exactly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from training.reader.check import HERE, KINDS, LANGS, excluded, is_held

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
LISTED = [  # the 30 files held out for evaluation from outside (training/reader/excluded.txt)
    "A_79_753", "A_79_834", "A_79_843", "A_79_871", "A_79_940", "A_79_941", "A_79_946",
    "A_80_176", "A_80_188", "A_80_56", "A_AC.292_2025_INF_5_Rev.1", "A_CONF.230_2025_INF_1",
    "A_ES-10_1030", "E_2025_33", "E_2025_60", "E_2025_65", "E_2025_73",
    "E_ICEF_2025_AB_L.3_Add.2", "ICCD_COP(8)_CST_INF.1", "JIU_REP_2025_2", "S_2025_202",
    "S_2025_257", "S_2025_269", "S_2025_320", "S_2025_342", "S_2025_354", "S_2025_389",
    "S_2025_411", "S_2025_71", "TPNW_MSP_2025_8",
]  # fmt: skip


def records() -> list[dict]:
    files = sorted((HERE / "questions").glob("*.jsonl"))
    return [json.loads(line) for f in files for line in f.read_text().splitlines() if line]


def refs(record: dict) -> list[dict]:
    return record.get("primary", []) + record.get("near", [])


def symbolish(name: str) -> str:
    """A file key or a symbol reduced to one comparable form: "S_RES_2769 (2025)" and
    "S/RES/2769 (2025)" are both "SRES27692025"."""
    return re.sub(r"[^A-Z0-9.]", "", name.upper().replace("_", "/").replace("/", ""))


def test_the_listed_files_and_every_check_half_document_are_held_out():
    held = excluded()
    assert set(LISTED) <= held
    library = ROOT / "eval" / "library" / "library_questions.jsonl"
    check = [json.loads(line) for line in library.read_text().splitlines()]
    gold = {g["doc"] for r in check if r["split"] == "check" for g in r["primary"] + r["relevant"]}
    assert len(gold) >= 50 and gold <= held


def test_no_question_is_about_a_held_out_document():
    held = excluded()
    forms = {symbolish(d) for d in held}
    revised = {re.sub(r"_Rev\.\d+$", "", d) for d in held}
    for record in records():
        for ref in refs(record):
            assert ref["doc"] not in held, (record["id"], ref["doc"])
            # another revision of a held-out document ("S_2025_71_Rev.1" of "S_2025_71")
            assert re.sub(r"_Rev\.\d+$", "", ref["doc"]) not in revised, (record["id"], ref["doc"])
            # the same document under another file name ("S_RES_2769 (2025)")
            assert symbolish(ref["doc"]) not in forms, (record["id"], ref["doc"])


def test_the_set_has_the_size_languages_and_kinds_it_was_written_for():
    rs = records()
    answerable = [r for r in rs if r["kind"] != "no_answer"]
    assert len(answerable) >= 2000 and len(rs) - len(answerable) >= 400
    assert {r["kind"] for r in rs} <= KINDS and {r["lang"] for r in rs} <= LANGS
    assert sum(r["lang"] != "en" for r in rs) >= len(rs) / 4
    assert len({g["doc"] for r in rs for g in refs(r)}) >= 300
    assert len({r["id"] for r in rs}) == len(rs)
    for r in rs:
        for g in refs(r):
            assert 5 <= len(g["quote"].split()) <= 40, r["id"]


@pytest.mark.corpus
def test_check_half_documents_read_from_the_corpus_are_held_out_by_symbol():
    """Parse the corpus's check-half documents: no question names one of their symbols."""
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} absent: the shared corpus holds the check half's documents")
    from rapporteur.ingest.parse import parse
    from rapporteur.ingest.pdf import pdf_symbol

    def symbol(path: Path) -> str | None:
        """A PDF's symbol from its first pages (as the parser finds it), else the whole parse."""
        found = pdf_symbol(path.read_bytes(), path.name) if path.suffix == ".pdf" else None
        return found or parse(path).document.symbol

    held = excluded()
    paths = {p.stem: p for p in CORPUS.rglob("*") if p.suffix in (".pdf", ".txt")}
    symbols = {symbolish(symbol(paths[d]) or d) for d in held if d in paths}
    assert len(symbols) >= 50
    for record in records():
        for ref in refs(record):
            assert symbolish(ref["doc"]) not in symbols, (record["id"], ref["doc"])


def test_a_revision_of_a_held_out_document_is_held_out_both_ways():
    held = {"S_2025_71", "A_AC.292_2025_INF_5_Rev.1"}
    assert is_held("S_2025_71_Rev.1", held) and is_held("A_AC.292_2025_INF_5", held)
    assert not is_held("S_2025_710", held) and not is_held("S_2025_7", held)
