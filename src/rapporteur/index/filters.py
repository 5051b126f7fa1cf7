"""Filters applied before ranking: a boolean mask over units, so a restrictive filter never starves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from rapporteur.core.errors import ConfigError
from rapporteur.core.grammar import KINDS, kind_of
from rapporteur.core.units import Unit


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
        unknown = (
            set(data) - {f.name for f in fields(cls)} - {"doc", "symbol", "kind", "year", "body"}
        )
        if unknown:
            raise ConfigError(
                f"filters: unknown field(s) {sorted(unknown)}; use docs, symbols, kinds,"
                " years, bodies"
            )
        plural = {"body": "bodies"}  # every other field is name + "s"

        def get(name):
            return _as_tuple(data.get(plural.get(name, name + "s"), data.get(name)))

        kinds = tuple(kind_of(k) or k.lower() for k in get("kind"))
        bad = [k for k in kinds if k not in KINDS]
        if bad:
            raise ConfigError(
                f"filters.kinds: unknown kind {bad[0]!r}; use one of {', '.join(KINDS)}"
            )
        try:
            years = tuple(int(y) for y in get("year"))
        except ValueError:
            raise ConfigError("filters.years: years are numbers, e.g. 2021") from None
        return cls(get("doc"), get("symbol"), kinds, years, get("body"))

    def __bool__(self) -> bool:
        return any((self.docs, self.symbols, self.kinds, self.years, self.bodies))


def body_docs(bodies: dict[str, str], wanted: Sequence[str]) -> list[str]:
    """Documents whose issuing body contains one of the wanted names, any case, sorted (pure)."""
    names = [b.lower() for b in wanted]
    return sorted(d for d, body in bodies.items() if any(b in body.lower() for b in names))


def _as_tuple(value) -> tuple:
    if value is None or value == "":
        return ()
    if isinstance(value, (list, tuple, set)):
        return tuple(v for v in value if v not in (None, ""))
    return (value,)


class UnitColumns:
    """The filterable fields of a fixed list of units as arrays, for a vectorised mask.

    Built once per loaded index; each query's mask is then a few `np.isin` calls over integer
    codes (3.6 ms at 1M units, against ~90 ms for a per-unit Python loop).
    """

    def __init__(self, units: Sequence[Unit], bodies: dict[str, str] | None = None) -> None:
        self.n = len(units)
        # Strings become integer codes (np.unique's inverse): isin on ints is ~10x faster.
        self.docs, self.doc = _codes([u.doc for u in units])
        self.kinds, self.kind = _codes([u.kind for u in units])
        self.symbols, self.symbol = _codes([(u.symbol or "").lower() for u in units])
        self.year = np.array([u.year if u.year is not None else -1 for u in units], dtype=np.int64)
        self.bodies = bodies or {}

    def mask(self, filters: Filters) -> np.ndarray:
        out = np.ones(self.n, dtype=bool)
        if not filters:
            return out
        if filters.docs:
            out &= _member(self.doc, self.docs, filters.docs)
        if filters.symbols:
            out &= _member(self.symbol, self.symbols, [s.lower() for s in filters.symbols])
        if filters.kinds:
            out &= _member(self.kind, self.kinds, filters.kinds)
        if filters.years:
            out &= np.isin(self.year, list(filters.years))
        if filters.bodies:
            out &= _member(self.doc, self.docs, body_docs(self.bodies, filters.bodies))
        return out


def _codes(values: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values (sorted) and each value's index into them."""
    if not values:
        return np.array([], dtype=object), np.zeros(0, dtype=np.int64)
    names, inverse = np.unique(np.array(values, dtype=object), return_inverse=True)
    return names, inverse.astype(np.int64)


def _member(codes: np.ndarray, names: np.ndarray, wanted) -> np.ndarray:
    """Rows whose coded value is one of the wanted strings."""
    return np.isin(codes, np.flatnonzero(np.isin(names, list(wanted))))
