"""The record: one serialisation, round-tripped; ids from content."""

from __future__ import annotations

import json

from rapporteur.core.store import unit_from_json, unit_json
from rapporteur.core.units import Unit

UNIT = Unit(
    "S_2025_303",
    "paragraph",
    12,
    "UNODC documented 14 seizures.",
    part="annex",
    symbol="S/2025/303",
    date="2025-05-02",
)


def test_to_dict_carries_the_citation_forms():
    d = UNIT.to_dict()
    assert (d["unit"], d["key"], d["reference"]) == (
        "annex para 12",
        "S_2025_303:annex para 12",
        "para. 12 of annex",
    )


def test_from_dict_ignores_derived_keys_and_keeps_the_id():
    again = Unit.from_dict(UNIT.to_dict())
    assert again == UNIT and again.id == UNIT.id


def test_the_store_line_is_the_same_shape():
    assert json.loads(unit_json(UNIT)) == UNIT.to_dict()
    assert unit_from_json(unit_json(UNIT)) == UNIT


def test_an_older_record_without_derived_keys_still_reads():
    old = {k: v for k, v in UNIT.to_dict().items() if k not in ("unit", "key", "reference")}
    assert Unit.from_dict(old) == UNIT
