"""Filters applied before ranking: a boolean mask over units, so a restrictive filter never starves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from rapporteur.errors import ConfigError
from rapporteur.units import KINDS, Unit

KIND_ALIASES = {"rec": "recommendation", "recommendations": "recommendation", "para": "paragraph",
                "paragraphs": "paragraph", "op": "operative", "pp": "preambular", "art": "article",
                "articles": "article", "footnotes": "footnote"}


@dataclass(frozen=True, slots=True)
class Filters:
    """What to search within; empty fields mean no restriction."""

    docs: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    bodies: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict | None) -> Filters:
        """Build from API/CLI input: each field a value or a list; kinds accept short forms."""
        data = dict(data or {})
        unknown = set(data) - {f.name for f in fields(cls)} - {"doc", "symbol", "kind", "year", "body"}
        if unknown:
            raise ConfigError(f"filters: unknown field(s) {sorted(unknown)}; use docs, symbols, kinds,"
                              " years, bodies")
        get = lambda name: _as_tuple(data.get(name + "s", data.get(name)))
        kinds = tuple(KIND_ALIASES.get(k.lower(), k.lower()) for k in get("kind"))
        bad = [k for k in kinds if k not in KINDS]
        if bad:
            raise ConfigError(f"filters.kinds: unknown kind {bad[0]!r}; use one of {', '.join(KINDS)}")
        try:
            years = tuple(int(y) for y in get("year"))
        except ValueError:
            raise ConfigError("filters.years: years are numbers, e.g. 2021") from None
        return cls(get("doc"), get("symbol"), kinds, years, get("body"))

    def __bool__(self) -> bool:
        return any((self.docs, self.symbols, self.kinds, self.years, self.bodies))


def _as_tuple(value) -> tuple:
    if value is None or value == "":
        return ()
    if isinstance(value, (list, tuple, set)):
        return tuple(v for v in value if v not in (None, ""))
    return (value,)


def unit_mask(units: Sequence[Unit], filters: Filters, bodies: dict[str, str] | None = None) -> np.ndarray:
    """A boolean array: True where the unit passes every filter (pure)."""
    if not filters:
        return np.ones(len(units), dtype=bool)
    symbols = {s.lower() for s in filters.symbols}
    wanted_bodies = [b.lower() for b in filters.bodies]

    def ok(u: Unit) -> bool:
        return ((not filters.docs or u.doc in filters.docs)
                and (not symbols or (u.symbol or "").lower() in symbols)
                and (not filters.kinds or u.kind in filters.kinds)
                and (not filters.years or u.year in filters.years)
                and (not wanted_bodies or any(b in (bodies or {}).get(u.doc, "").lower() for b in wanted_bodies)))

    return np.fromiter((ok(u) for u in units), dtype=bool, count=len(units))
