"""Documents of one series behind an answer, and which is the latest (pure).

A body re-adopts a resolution under the same title ("Protection of migrants": A/RES/66/172 ...
A/RES/78/217) and a mission reports under the same title every quarter. When an answer quotes
one of them and the evidence holds another, a delegate needs to know which is later: the later
text updates the earlier, and quoting a superseded paragraph in a negotiation is a mistake.
Documents are of one series when their titles share nearly all their words once years are taken
out (HRC 50/12 "Human rights and the regulation of civilian acquisition ..." and HRC 56/9 "Human
rights and the civilian acquisition ..."); covering letters ("Letter dated 26 June 2025 from ...")
are a series only when what they transmit answers one mandate: the reports their first
paragraphs say are "submitted pursuant to paragraph 9 of Security Council resolution 2692
(2023)" (core/grammar.mandate), as the quarterly UNODC reports on Haiti are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapporteur.core.units import Unit
from rapporteur.ingest.meta import un_date

_LETTER = re.compile(r"^\s*(?:letter|identical letters|note verbale|from:)", re.IGNORECASE)
_YEARS = re.compile(r"(?<![\w/])(?:19|20)\d\d(?:\s*[–-]\s*(?:19|20)?\d\d)?(?![\w/])")
# Word-set overlap (Jaccard) at which two titles of one issuing body name one series. Chosen by
# reading every pair of the 83 titles of ../shared/corpus (eval/library): across bodies, titles
# of different series reach 0.85 (GA "Political declaration on the implementation of the ... Global
# Plan of Action ..." / ECOSOC "Implementation of the ... Global Plan of Action ..."), hence the body
# condition; within one body the nearest different series are at 0.71 (A/80/11 Committee on
# Contributions / A/80/21 Committee on Information), the furthest pair of one series at 0.91.
SAME_SERIES = 0.8


def title_words(title: str | None) -> frozenset[str] | None:
    """A title's words, lower case, years and punctuation out; None for letters, memos and
    titles of fewer than two words."""
    if not title or _LETTER.match(title):
        return None
    words = frozenset(re.sub(r"[^\w]+", " ", _YEARS.sub(" ", title.lower())).split())
    return words if len(words) >= 2 else None


def body(symbol: str | None) -> str:
    """The issuing body's part of a symbol: "A/HRC/RES/56/9" -> "A/HRC/RES", "S/2025/176" -> "S"."""
    parts = (symbol or "").split("/")
    return "/".join(p for p in parts if p and not any(c.isdigit() for c in p))


def same_series(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two titles' words overlap enough to name one series."""
    return len(a & b) / len(a | b) >= SAME_SERIES


@dataclass(frozen=True)
class Member:
    """One dated document of a series: its key, symbol and ISO date."""

    doc: str
    symbol: str | None
    date: str

    @property
    def name(self) -> str:
        return self.symbol or self.doc

    def to_dict(self) -> dict:
        return {"doc": self.doc, "symbol": self.symbol, "date": self.date}


@dataclass(frozen=True)
class Series:
    """Two or more dated documents of one series in an answer's evidence, oldest first, and
    which of them the answer cites."""

    title: str
    members: tuple[Member, ...]
    cited: tuple[str, ...]

    @property
    def latest(self) -> Member:
        return self.members[-1]

    def note(self) -> str:
        """One sentence for the reader: which document is the latest, and what that means."""
        latest = self.latest
        if latest.doc in self.cited:
            earlier = _named([m for m in self.members[:-1] if m.doc in self.cited])
            earlier = earlier or _named(list(self.members[:-1]))
            return (
                f"{latest.name} ({un_date(latest.date)}) is the latest of these sources in the "
                f"series “{self.title}” (earlier: {earlier}): where they differ, the later text "
                "updates the earlier."
            )
        quoted = _named([m for m in self.members if m.doc in self.cited])
        return (
            f"A later document of the series “{self.title}” was retrieved but not quoted: "
            f"{latest.name} ({un_date(latest.date)}); the quoted {quoted} may be superseded."
        )

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "documents": [m.to_dict() for m in self.members],
            "cited": list(self.cited),
            "latest": self.latest.doc,
            "note": self.note(),
        }


def series_of(
    cited: Sequence[Unit], evidence: Sequence[Unit], mandates: Mapping[str, str] | None = None
) -> tuple[Series, ...]:
    """The series of the cited units' documents that have another dated document among the
    cited and the evidence units, in the order of first citation. ``mandates``: document ->
    its mandate (``Index.mandates``), which makes covering letters a series."""
    groups: list[tuple[str, frozenset[str], str, dict[str, Member]]] = []
    for u in [*cited, *evidence]:  # (body, title words, title, members) per series
        words, title = title_words(u.title), " ".join((u.title or "").split())
        if words is None and (mandate := (mandates or {}).get(u.doc)):  # a letter: what it sends
            title = f"reports under {mandate}"
            words = frozenset({title})
        if words is None or not u.date:
            continue
        issuer = body(u.symbol)
        group = next((g for g in groups if g[0] == issuer and same_series(g[1], words)), None)
        if group is None:
            group = (issuer, words, title, {})
            groups.append(group)
        group[3].setdefault(u.doc, Member(u.doc, u.symbol, u.date))
    cited_docs = list(dict.fromkeys(u.doc for u in cited))
    out: list[Series] = []
    for doc in cited_docs:
        group = next((g for g in groups if doc in g[3]), None)
        if group is None or any(doc in s.cited for s in out):
            continue
        members = group[3]
        if len({m.date for m in members.values()}) < 2:
            continue
        ordered = tuple(sorted(members.values(), key=lambda m: (m.date, m.doc)))
        out.append(Series(group[2], ordered, tuple(d for d in cited_docs if d in members)))
    return tuple(out)


def _named(members: Sequence[Member]) -> str:
    """ "A/RES/76/172 (16 December 2021), A/RES/74/148 (18 December 2019)": newest first."""
    return ", ".join(f"{m.name} ({un_date(m.date)})" for m in reversed(members))
