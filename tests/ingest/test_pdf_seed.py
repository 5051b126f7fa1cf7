"""The seed report rendered as a UN-style PDF parses to the same units as the text file."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from rapporteur.ingest.parse import parse
from rapporteur.ingest.plain import text_blocks
from tests.conftest import SEED


def render_module():
    spec = importlib.util.spec_from_file_location(
        "pdf_render", Path(__file__).with_name("pdf_render.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_pdf_matches_seed_text(tmp_path):
    pdf = render_module().render_un_pdf(text_blocks(SEED.read_text()), tmp_path / "wg6-2021.pdf")
    from_pdf, from_text = parse(pdf), parse(SEED)
    assert [(u.label, u.section, u.text) for u in from_pdf.units] == [
        (u.label, u.section, u.text) for u in from_text.units
    ]
    assert from_pdf.document.symbol == "CTOC/COP/WG.6/2021/4"  # read from the running header
    assert from_pdf.document.date == from_text.document.date
    pages = [u.page for u in from_pdf.units]
    assert pages[0] >= 1 and pages == sorted(pages[:-2]) + pages[-2:]  # footnotes last
