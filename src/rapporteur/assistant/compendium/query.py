"""Filtering and grouping compendium entries, the same for the CLI, the API and the UI (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapporteur.assistant.compendium.records import Recommendation
from rapporteur.core.errors import ConfigError, NotFound


@dataclass(frozen=True, slots=True)
class Query:
    """Which entries to show; empty fields mean no restriction."""

    body: str = ""  # substring of the issuing body, any case
    year: int | None = None
    theme: str = ""  # a theme path or its start ("Trafficking in women and girls")
    addressee: str = ""  # "States", "UNODC", ...; any case
    sdg: str = ""  # a target ("16.4") or a goal ("16")
    doc: str = ""  # a document key

    @classmethod
    def from_dict(cls, data: dict | None) -> Query:
        """From API or CLI input; a bad year is one ConfigError line."""
        data = {k: v for k, v in (data or {}).items() if v not in (None, "")}
        unknown = set(data) - {"body", "year", "theme", "addressee", "sdg", "doc"}
        if unknown:
            raise ConfigError(
                f"compendium: unknown filter(s) {sorted(unknown)}; use body, year, theme, "
                "addressee, sdg, doc"
            )
        try:
            year = int(data["year"]) if "year" in data else None
        except ValueError:
            raise ConfigError("compendium: year is a number, e.g. 2021") from None
        return cls(
            str(data.get("body", "")),
            year,
            str(data.get("theme", "")),
            str(data.get("addressee", "")),
            str(data.get("sdg", "")),
            str(data.get("doc", "")),
        )

    def matches(self, r: Recommendation) -> bool:
        """True when the entry passes every filter given."""
        return all(
            (
                not self.body or self.body.lower() in (r.body or "").lower(),
                self.year is None or r.year == self.year,
                not self.theme
                or any(p == self.theme or p.startswith(self.theme + " > ") for p in r.themes),
                not self.addressee or self.addressee.lower() in (a.lower() for a in r.addressees),
                not self.sdg or any(_serves(s.target, self.sdg) for s in r.sdg_targets),
                not self.doc or r.doc == self.doc,
            )
        )


def find(records: Iterable[Recommendation], reference: str) -> tuple[Recommendation, str | None]:
    """The entry a reference names, and its lettered item if any: "S/2025/303 annex para 56",
    "S/2025/389 para 86 (c)" or the key "S_2025_389:para 86 (c)"; a unit whose items are entries
    gives its first item (NotFound naming the forms otherwise)."""
    wanted = " ".join(reference.split())
    every = list(records)
    for r in every:
        if wanted in (r.reference, r.key):
            return r, r.item
    for r in every:  # "S/2025/389 para 86": the unit whose items are the entries
        if r.item and wanted in (f"{r.symbol or r.doc} {r.unit}", f"{r.doc}:{r.unit}"):
            return r, r.item
    raise NotFound(
        f"no compendium entry {reference!r}; write it as 'A/RES/73/146 OP 4', "
        "'wg6-2021 rec 47 (c)' or 'wg6-2021:rec 18'"
    )


def _serves(target: str, wanted: str) -> bool:
    return target == wanted if "." in wanted else target.split(".")[0] == wanted


def select(records: Iterable[Recommendation], query: Query) -> list[Recommendation]:
    """The entries that match, in library order (document, then position)."""
    return sorted(
        (r for r in records if query.matches(r)), key=lambda r: (r.date or "", r.doc, r.ordinal)
    )


def groups(records: Sequence[Recommendation], by: str) -> list[tuple[str, list[Recommendation]]]:
    """Entries under each heading of a grouping (theme, addressee, sdg, doc), headings sorted.

    An entry with several addressees or targets appears under each; one with none under "(none)".
    Themes group by the top-level theme.
    """
    out: dict[str, list[Recommendation]] = {}
    for r in records:
        for heading in _headings(r, by) or ("(none)",):
            out.setdefault(heading, []).append(r)
    return sorted(out.items(), key=lambda kv: _order(kv[0], by))


def _headings(r: Recommendation, by: str) -> tuple[str, ...]:
    if by == "theme":
        return tuple(dict.fromkeys(p.split(" > ")[0] for p in r.themes))
    if by == "addressee":
        return r.addressees
    if by == "sdg":
        return tuple(dict.fromkeys(s.target for s in r.sdg_targets))
    return (r.symbol or r.doc,)


def _order(heading: str, by: str):
    if by == "sdg" and heading != "(none)":
        goal, _, target = heading.partition(".")
        return (0, int(goal), target.zfill(3))
    return (heading == "(none)", heading.lower())


def facets(records: Sequence[Recommendation]) -> dict[str, list]:
    """The values each filter can take in these entries (for the UI's dropdowns)."""
    return {
        "bodies": sorted({r.body for r in records if r.body}),
        "years": sorted({r.year for r in records if r.year}),
        "themes": sorted({p for r in records for p in r.themes}),
        "addressees": sorted({a for r in records for a in r.addressees}),
        "sdg_targets": sorted(
            {s.target for r in records for s in r.sdg_targets},
            key=lambda t: (int(t.split(".")[0]), t.split(".")[1].zfill(3)),
        ),
    }
