"""`rapporteur ingest/docs/parse`: idempotent ingest, one-line errors, store left intact."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from rapporteur.cli import main
from rapporteur.core.store import Store
from tests.conftest import SEED


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def snapshot(home):
    store = Store(home / "store.sqlite")
    return [(d, n) for d, n in store.documents()], [u.id for u in store.units()]


def test_ingest_is_idempotent(home, capsys):
    code, out, _ = run(capsys, "--home", str(home), "ingest", "--no-index", str(SEED))
    assert code == 0 and "added" in out and "106 units" in out
    code, out, _ = run(capsys, "--home", str(home), "ingest", "--no-index", str(SEED))
    assert code == 0 and "1 unchanged" in out
    code, out, _ = run(capsys, "--home", str(home), "docs", "--json")
    docs = json.loads(out)["documents"]
    assert [(d["doc"], d["units"]) for d in docs] == [("wg6-2021", 106)]


def test_changed_file_replaces_its_document(home, tmp_path, capsys):
    copy = tmp_path / "wg6-2021.txt"
    shutil.copy(SEED, copy)
    run(capsys, "--home", str(home), "ingest", "--no-index", str(copy))
    copy.write_text(SEED.read_text().replace("cryptocurrencies", "virtual assets"))
    code, out, _ = run(capsys, "--home", str(home), "ingest", "--no-index", str(copy))
    assert code == 0 and "replaced" in out
    rec18 = Store(home / "store.sqlite").unit("wg6-2021", "rec 18")
    assert "virtual assets" in rec18.text


BAD = {
    "empty.txt": b"",
    "random.pdf": os.urandom(2048),
    "notes.xyz": b"hello",
    "latin1.txt": "Résumé des délibérations".encode("latin-1"),
    "nothing.txt": b"just some words\n\nwith no numbered paragraphs\n",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_line_and_store_unchanged(home, tmp_path, capsys, name):
    run(capsys, "--home", str(home), "ingest", "--no-index", str(SEED))
    before = snapshot(home)
    bad = tmp_path / name
    bad.write_bytes(BAD[name])
    code, _out, err = run(capsys, "--home", str(home), "ingest", "--no-index", str(bad))
    assert code == 1
    lines = [x for x in err.splitlines() if x]
    assert len(lines) == 1 and lines[0].startswith("skipped: ") and name in lines[0]
    assert "Traceback" not in err
    assert snapshot(home) == before


def test_good_files_still_ingested_beside_bad_ones(home, tmp_path, capsys):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SEED, folder / "wg6-2021.txt")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(500))
    code, out, err = run(
        capsys,
        "--home",
        str(home),
        "ingest",
        "--no-index",
        str(folder),
        str(tmp_path / "missing.txt"),
    )
    assert code == 3  # partial: the good file stored, the others skipped with their reasons
    assert "1 added" in out and "2 skipped" in out
    assert "broken.pdf" in err and "missing.txt" in err
    code, out, _ = run(capsys, "--home", str(home), "ingest", "--no-index", "--json", str(folder))
    assert code == 3 and json.loads(out)["status"] == "partial"
    code, out, _ = run(
        capsys, "--home", str(home), "ingest", "--no-index", "--json", str(folder / "wg6-2021.txt")
    )
    assert code == 0 and json.loads(out)["status"] == "stored"


def test_parse_json_fields(capsys):
    code, out, _ = run(capsys, "parse", str(SEED), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 106
    assert {"doc", "symbol", "kind", "unit", "number", "section", "page", "text"} <= rows[0].keys()
    rec18 = next(r for r in rows if r["unit"] == "rec 18")
    assert (
        rec18["kind"] == "recommendation"
        and rec18["number"] == 18
        and "cryptocurrencies" in rec18["text"]
    )


def test_parse_missing_file_is_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "parse", str(tmp_path / "nope.txt"))
    assert code == 1 and err.strip().startswith("error: ") and "nope.txt" in err


GAPPY = """Working Group on Gaps
Distr.: General
2 March 2024

Report on the meeting of the Working Group on Gaps

I. Discussion

1. The Group met in Vienna on two days.

2. Delegations discussed the first item of the agenda.

5. The Group adopted its report by consensus at the end.
"""


def test_docs_and_parse_report_missing_paragraph_numbers(home, tmp_path, capsys):
    path = tmp_path / "gappy.txt"
    path.write_text(GAPPY)
    code, out, _ = run(capsys, "parse", str(path))
    assert code == 0 and "paragraph numbers missing: 3, 4 (body)" in out
    run(capsys, "--home", str(home), "ingest", "--no-index", str(path), str(SEED))
    code, out, _ = run(capsys, "--home", str(home), "docs", "--json")
    gaps = {d["doc"]: d["gaps"] for d in json.loads(out)["documents"]}
    assert gaps == {"gappy": {"": [3, 4]}, "wg6-2021": {}}
    code, out, _ = run(capsys, "--home", str(home), "docs")
    assert out.count("paragraph numbers missing") == 1


def test_eval_finds_the_dev_sets_beside_the_checkout():
    from rapporteur.cli.reports import DEV_SETS
    from tests.conftest import EVAL_DIR

    assert DEV_SETS.resolve() == EVAL_DIR.resolve()  # a symlinked ../shared is the same place
