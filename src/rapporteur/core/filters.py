"""What a search or a listing is restricted to (pure): documents, symbols, kinds, years, bodies.

The index turns them into a boolean mask over units before ranking (index/columns.py), so a
restrictive filter never starves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from rapporteur.core.errors import ConfigError
from rapporteur.core.grammar import KINDS, kind_of


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
