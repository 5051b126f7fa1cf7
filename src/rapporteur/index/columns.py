"""The filterable fields of the indexed units as arrays: a filter becomes a boolean mask before ranking."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rapporteur.core.filters import Filters, body_docs
from rapporteur.core.units import Unit


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
