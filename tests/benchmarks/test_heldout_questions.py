"""The reader's held-out questions as an eval file: only the held tenth, gold named as stored."""

from __future__ import annotations

from benchmarks.heldout_questions import as_eval
from training.reader.train_verdict import held

IDS = [f"t{i:03d}" for i in range(200)]


def record(qid: str, lang: str, doc: str | None) -> dict:
    gold = [{"doc": doc, "unit": "para 1", "quote": "five words of a quote"}] if doc else []
    return {"id": qid, "kind": "factual", "lang": lang, "q": "?", "primary": gold}


def test_only_held_questions_with_their_documents_as_the_home_names_them():
    records = [
        record(q, "fr" if i % 2 else "en", "A_80_1" if i % 3 else None) for i, q in enumerate(IDS)
    ]
    lost = next(f"u{i}" for i in range(1000) if held(f"u{i}"))
    records.append(record(lost, "en", "A_99_9"))  # held, but the home lacks its document
    keys = {"A_80_1.en"}
    rows, missing = as_eval(records, keys, "all")
    assert {r["id"] for r in rows} == {r["id"] for r in records if held(r["id"])} - {lost}
    assert all(g["doc"] == "A_80_1.en" for r in rows for g in r["primary"])
    assert all(r["split"] == "tune" for r in rows)
    assert missing == 1
    other, _ = as_eval(records, keys, "other")
    assert other and all(r["lang"] != "en" for r in other)
    assert {r["id"] for r in as_eval(records, keys, "en")[0]} | {r["id"] for r in other} == {
        r["id"] for r in rows
    }
