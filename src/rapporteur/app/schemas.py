"""API response models derived from the core records, so the OpenAPI schema is their one shape.

A field added to ``Unit`` appears in ``Unit.to_dict`` and here at once; nothing is written twice.
"""

from __future__ import annotations

import dataclasses
from typing import Any, get_type_hints

from pydantic import BaseModel, Field, create_model

from rapporteur.core.units import Document, Unit

# What ``Unit.to_dict`` adds to the dataclass fields (derived, read-only).
UNIT_DERIVED: dict[str, Any] = {
    "unit": (str, Field(description="The unit's label, e.g. 'rec 18'.")),
    "key": (str, Field(description="Corpus-wide key, e.g. 'wg6-2021:rec 18': what answers cite.")),
    "reference": (str, Field(description="The UN prose form, e.g. 'recommendation 18'.")),
}


def model_of(cls: type, name: str, extra: dict[str, Any]) -> type[BaseModel]:
    """A pydantic model with the dataclass's fields (same names and types) plus ``extra``."""
    hints = get_type_hints(cls)
    own = {f.name: (hints[f.name], ...) for f in dataclasses.fields(cls)}
    return create_model(name, **own, **extra)


UnitOut = model_of(Unit, "UnitOut", UNIT_DERIVED)
HitOut = create_model("HitOut", __base__=UnitOut, score=(float, Field(description="Fused score.")))
DocumentOut = model_of(Document, "DocumentOut", {"year": (int | None, None)})


class SearchOut(BaseModel):
    query: str
    hits: list[HitOut]  # type: ignore[valid-type]
