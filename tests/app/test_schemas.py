"""The API's response models are the records' own shape: derived, never written twice."""

from __future__ import annotations

from rapporteur.app.schemas import DocumentOut, HitOut, UnitOut
from rapporteur.core.units import Document, Hit, Unit

UNIT = Unit(
    "wg6-2021",
    "recommendation",
    18,
    "States should monitor the darknet.",
    section="A. Recommendations",
    page=7,
    ordinal=60,
    symbol="CTOC/COP/WG.6/2021/4",
)


def test_the_unit_model_has_exactly_the_keys_to_dict_writes():
    assert set(UnitOut.model_fields) == set(UNIT.to_dict())
    assert UnitOut.model_validate(UNIT.to_dict()).model_dump() == UNIT.to_dict()


def test_a_hit_validates_against_its_model_and_round_trips():
    hit = Hit(UNIT, 0.8125)
    out = HitOut.model_validate(hit.to_dict()).model_dump()
    assert (
        out == hit.to_dict() and out["unit"] == "rec 18" and out["reference"] == "recommendation 18"
    )
    assert Hit.from_dict(out) == Hit(UNIT, 0.8125)


def test_a_document_round_trips_through_its_model():
    doc = Document("wg6-2021", symbol="CTOC/COP/WG.6/2021/4", date="2021-05-31")
    assert DocumentOut.model_validate(doc.to_dict()).model_dump() == doc.to_dict()
    assert Document.from_dict(doc.to_dict()) == doc and doc.to_dict()["year"] == 2021
