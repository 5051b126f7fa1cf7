"""eval/compendium: the labelled library sample parses, is split by document, and every quote of
a shared-corpus document is a verbatim part of the unit this repository's parser cuts."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT, need_corpus


def _verifier():
    """eval/compendium/check.py, the set's own verifier: a script beside its data (eval/ is a
    folder of labelled sets, not a package), loaded from its path."""
    path = ROOT / "eval" / "compendium" / "check.py"
    spec = importlib.util.spec_from_file_location("compendium_check", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_check = _verifier()
ADDRESSEES, HERE, load, main = _check.ADDRESSEES, _check.HERE, _check.load, _check.main
sdg_ids, verify = _check.sdg_ids, _check.verify

FILES = {
    name: load(HERE / name)
    for name in (
        "tune.jsonl",
        "check.jsonl",
        "check2.jsonl",
        "check3.jsonl",
        "check4.jsonl",
        "check5.jsonl",
    )
}


def docs(rows: list[dict]) -> set[str]:
    return {r["doc"] for r in rows}


def test_every_half_parses_and_is_split_by_document():
    tune, check, check2 = FILES["tune.jsonl"], FILES["check.jsonl"], FILES["check2.jsonl"]
    check3, check4, check5 = FILES["check3.jsonl"], FILES["check4.jsonl"], FILES["check5.jsonl"]
    assert docs(tune).isdisjoint(docs(check))
    assert docs(check2).isdisjoint(docs(tune) | docs(check))
    assert docs(check3).isdisjoint(docs(tune) | docs(check) | docs(check2))
    assert docs(check4).isdisjoint(docs(tune) | docs(check) | docs(check2) | docs(check3))
    earlier = docs(tune) | docs(check) | docs(check2) | docs(check3) | docs(check4)
    assert docs(check5).isdisjoint(earlier)
    assert len(docs(tune) | docs(check)) >= 20
    # the held-out halves: check2 10-12 documents and at least 70 records, check3, check4 and
    # check5 12-14 and 80
    assert 10 <= len(docs(check2)) <= 12
    assert sum(not r.get("none") for r in check2) >= 70
    for rows in (check3, check4, check5):
        assert 12 <= len(docs(rows)) <= 14
        assert sum(not r.get("none") for r in rows) >= 80
    # check4's and check5's rules (README "check4", "check5") take no document of more than 20
    # records
    for rows in (check4, check5):
        per_doc = Counter(r["doc"] for r in rows if not r.get("none"))
        assert max(per_doc.values()) <= 20, per_doc.most_common(1)
    records = [r for rows in FILES.values() for r in rows if not r.get("none")]
    assert len(records) >= 150
    # both halves hold documents with no recommendation, and those have no other line
    for rows in FILES.values():
        empty = {r["doc"] for r in rows if r.get("none")}
        assert empty and not empty & {r["doc"] for r in rows if not r.get("none")}


def test_no_document_of_the_readers_excluded_list():
    """The reader issue's held-out files stay out of every labelled sample."""
    listed = (HERE.parents[1] / "training" / "reader" / "excluded.txt").read_text().splitlines()
    held = {line.strip() for line in listed if line.strip() and not line.startswith("#")}
    assert len(held) >= 30
    labelled = set().union(*(docs(rows) for rows in FILES.values()))
    assert not held & labelled
    # nor a revision, corrigendum or addendum of a listed file (S_2025_71_Rev.1 for S_2025_71)
    assert not {d for d in labelled for h in held if d.startswith((h + "_", h + ".", h + " "))}


def test_every_record_uses_the_readme_vocabulary():
    targets = sdg_ids()
    assert targets is not None and len(targets) == 169
    for rows in FILES.values():
        for r in rows:
            if r.get("none"):
                continue
            assert set(r["addressee"]) <= ADDRESSEES, r
            assert r["action"] == r["action"].lower().strip() and r["action"], r
            assert set(r["sdg_targets"]) <= targets, r
            assert r["item"] is None or r["quote"].startswith(f"({r['item']})"), r


def test_the_verifier_names_a_quote_that_is_not_in_its_unit(tmp_path):
    (tmp_path / "units").mkdir()
    unit = {"unit": "para 3", "text": "Member States should ratify the\nConvention without delay."}
    (tmp_path / "units" / "X_1.jsonl").write_text(json.dumps(unit) + "\n")
    good = {
        "doc": "X_1",
        "unit": "para 3",
        "item": None,
        "quote": "Member States should ratify the Convention without delay.",
        "addressee": ["Member States"],
        "action": "ratify",
        "sdg_targets": [],
    }
    bad = dict(good, quote="Member States should ratify the Protocol without delay.")
    assert verify({"a.jsonl": [good]}, tmp_path)[:2] == (1, 0)
    ok, n_bad, lines = verify({"a.jsonl": [bad]}, tmp_path)
    assert (ok, n_bad) == (0, 1) and "quote not in para 3" in lines[0]


@pytest.fixture(scope="module")
def corpus_units(tmp_path_factory) -> Path:
    """The labelled documents the shared corpus holds, cut by this repository's parser into the
    folder layout of training.reader.dump_units."""
    from rapporteur.ingest.parse import parse

    corpus = need_corpus()
    out = tmp_path_factory.mktemp("units")
    (out / "units").mkdir()
    labelled = set().union(*(docs(rows) for rows in FILES.values()))
    pdfs = [p for sub in ("pdf-2025", "pdf") for p in sorted((corpus / sub).glob("*.pdf"))]
    for path in pdfs:
        if path.stem in labelled:
            units = parse(path).units
            lines = "".join(json.dumps(u.to_dict(), ensure_ascii=False) + "\n" for u in units)
            (out / "units" / f"{path.stem}.jsonl").write_text(lines, encoding="utf-8")
    return out


@pytest.mark.corpus
def test_every_quote_of_a_shared_corpus_document_verifies(corpus_units, capsys):
    parsed = {p.stem for p in (corpus_units / "units").glob("*.jsonl")}
    # at least half of tune's and check's documents are in the shared corpus (CI has them), 5 of
    # check2's, 3 of check3's, 2 of check4's and 2 of check5's (all that qualified by their
    # rules, README "check2" to "check5")
    held_out = {"check2.jsonl": 5, "check3.jsonl": 3, "check4.jsonl": 2, "check5.jsonl": 2}
    for name, rows in FILES.items():
        need = held_out.get(name, (len(docs(rows)) + 1) // 2)
        assert len(docs(rows) & parsed) >= need, name
    lines = sum(1 for rows in FILES.values() for r in rows if r["doc"] in parsed)
    ok, n_bad, problems = verify(FILES, corpus_units, skip_missing=True)
    assert (ok, n_bad, problems) == (lines, 0, [])
    assert main(["--units", str(corpus_units), "--skip-missing"]) == 0
    assert capsys.readouterr().out.startswith(f"{lines} records ok, 0 bad")
