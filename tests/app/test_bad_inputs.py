"""The README's bad-input table, as assertions: what `rapporteur ingest` does with each input."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from rapporteur.cli import main
from rapporteur.core.store import Store

EXPECTED = {  # input -> (exit code, text the user must see)
    "empty file": (1, "empty.txt: the file is empty"),
    "random bytes named .pdf": (1, "random.pdf: not a PDF"),
    "truncated PDF": (1, "truncated.pdf: truncated PDF"),
    "encrypted PDF": (1, "encrypted.pdf: encrypted PDF"),
    "image-only PDF": (1, "run OCR first"),
    "DOCX with tracked changes": (0, "added"),
    "HTML with scripts": (0, "added"),
    "non-UTF-8 text": (1, "latin1.txt: not UTF-8 text"),
    "unknown extension": (1, "notes.xyz: unsupported file type"),
    "HTML without text": (1, "blank.html: no text in the document"),
    "ZIP archive named .pdf": (1, "archive.pdf: not a PDF"),
    "10,000 one-line paragraphs": (0, "(10000 units)"),
    "50 MB file": (1, "big.txt: larger than 40 MiB"),
    "path that does not exist": (1, "missing.txt: no such file or folder"),
    "folder with a good and a bad file": (3, "1 added, 0 replaced, 0 unchanged, 1 skipped"),
    "folder with no documents": (1, "no-documents: no documents (.txt, .md, .pdf"),
}


def bad_inputs_module():
    spec = importlib.util.spec_from_file_location(
        "bad_inputs", Path(__file__).with_name("bad_inputs.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return bad_inputs_module().make(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("label", list(EXPECTED))
def test_what_the_user_sees(inputs, label, tmp_path, capsys):
    code = main(["--home", str(tmp_path), "ingest", "--no-index", str(inputs[label])])
    out = capsys.readouterr()
    expected_code, text = EXPECTED[label]
    assert code == expected_code
    assert text in out.out + out.err
    assert "Traceback" not in out.err
    assert all(line.startswith("skipped: ") for line in out.err.splitlines() if line)


def test_tracked_changes_read_as_accepted_and_scripts_never_stored(inputs, tmp_path, capsys):
    main(
        [
            "--home",
            str(tmp_path),
            "ingest",
            "--no-index",
            str(inputs["DOCX with tracked changes"]),
            str(inputs["HTML with scripts"]),
        ]
    )
    store = Store(tmp_path / "store.sqlite")
    assert store.unit("tracked", "para 2").text == "The Working Group adopted the report."
    texts = " ".join(u.text for u in store.units("scripts"))
    assert "alert" not in texts and "injected" not in texts
