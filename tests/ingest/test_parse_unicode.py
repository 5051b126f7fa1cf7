"""Unit text is stored in one Unicode spelling (NFC), whatever form the source used."""

from __future__ import annotations

import unicodedata

from rapporteur.ingest.parse import parse_bytes

DECOMPOSED = "Cindy Quesada Herna\u0301ndez chaired the meeting in Bogota\u0301 and Ge\u0300ne"


def test_decomposed_accents_are_composed_at_ingest() -> None:
    text = f"Report of the meeting\n\n1. {DECOMPOSED}.\n\n2. The Commission met in São Paulo.\n"
    units = parse_bytes(text.encode(), "E_CN.6_2025_9.txt").units
    paragraphs = {u.number: u.text for u in units if u.kind == "paragraph"}
    assert paragraphs[1] == unicodedata.normalize("NFC", DECOMPOSED) + "."
    assert "Hernández" in paragraphs[1] and "\u0301" not in paragraphs[1]
    assert paragraphs[2] == "The Commission met in São Paulo."  # already composed: unchanged
