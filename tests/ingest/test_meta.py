"""Document dates, read from a header and written back as UN documents write them (pure)."""

from __future__ import annotations

from rapporteur.ingest.meta import parse_date, un_date


def test_un_date_writes_what_parse_date_reads():
    assert un_date("2024-12-17") == "17 December 2024" and un_date("n.d.") == "n.d."
    for iso in ("2021-05-31", "2025-01-01", "2019-07-23"):
        assert parse_date(f"Vienna, {un_date(iso)}") == iso
