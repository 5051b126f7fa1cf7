"""The small records and checks the facade hands to its surfaces: keys, unit context, uploads."""

from __future__ import annotations

import hmac
from dataclasses import asdict, dataclass

from rapporteur.core.errors import RapporteurError
from rapporteur.core.grammar import unit_label, unit_refs
from rapporteur.core.units import Document, Unit

EMPTY = "no documents are indexed yet; upload one or run `rapporteur ingest PATH`"


class WritesOff(RapporteurError):
    """Writes were asked for but no API key is configured (RAPPORTEUR_API_KEY)."""


class BadKey(RapporteurError):
    """A write came without the API key, or with a wrong one."""


def check_key(expected: str | None, given: str | None) -> None:
    """Allow a write only with the configured key (constant-time comparison)."""
    if not expected:
        raise WritesOff(
            "writes are off: set RAPPORTEUR_API_KEY on the server to allow uploads and deletes"
        )
    if not given or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise BadKey("missing or wrong API key (header X-API-Key)")


@dataclass(frozen=True, slots=True)
class UnitContext:
    """A unit with its neighbours in the document and the document's identity."""

    unit: Unit
    before: tuple[Unit, ...]
    after: tuple[Unit, ...]
    document: Document

    def to_dict(self) -> dict:
        return {
            "unit": self.unit.to_dict(),
            "section": self.unit.section,
            "before": [u.to_dict() for u in self.before],
            "after": [u.to_dict() for u in self.after],
            "document": self.document.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class UploadOutcome:
    """What an upload did: ``added``, ``replaced`` or ``unchanged``, and the index it left."""

    name: str
    status: str
    doc: str
    units: int
    seconds: float

    def to_dict(self) -> dict:
        return asdict(self)


def context_of(units: list[Unit], unit: Unit, n: int) -> tuple[tuple[Unit, ...], tuple[Unit, ...]]:
    """The ``n`` units before and after ``unit`` in its document's ``units`` (pure)."""
    i = next(j for j, u in enumerate(units) if u.id == unit.id)
    return tuple(units[max(0, i - n) : i]), tuple(units[i + 1 : i + 1 + n])


def label_candidates(label: str) -> list[str]:
    """Labels to try for a unit named by a person: as given, then its short form.

    ``"recommendation 18"`` and ``"rec. 18"`` both mean ``"rec 18"``.
    """
    label = " ".join(label.split())
    out = [label]
    for kind, number, _ in unit_refs(label):
        out.append(unit_label(kind, number))
    return out
