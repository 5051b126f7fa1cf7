"""Themes a person would name: a controlled vocabulary, and sub-themes named by its terms (pure).

The top level is ``data/themes.tsv``: the 17 Sustainable Development Goals and the UN's subject
areas outside them (peace and security, human rights, humanitarian affairs, international law,
disarmament, crime and drugs, terrorism, decolonization, UN management and oversight), each with
its subject terms. An entry belongs to the theme whose terms its text uses most (a term of n
words weighs n; the document's title counts half, as context), its SDG targets' Goals add to
their themes, and with no term at all the nearest theme by the dense model's cosine to the
theme's terms decides. A sub-theme is the theme's most specific term an entry uses (the longest,
then the rarest in the library: "conflict-related sexual violence" before "women"); a term that
only one or two entries use is no sub-theme. So every name is a term of the vocabulary, never a
frequent word or a heading. docs/compendium.md justifies the vocabulary.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from rapporteur.assistant.compendium.records import Recommendation, Theme
from rapporteur.assistant.compendium.terms import TermIndex

TITLE_WEIGHT = 0.5  # a document title's terms count half an entry's own
SDG_WEIGHT = 2.0  # an SDG target linked to the entry adds this to its Goal's theme
MIN_SUBTHEME = 3  # entries a term needs to name a sub-theme


@dataclass(frozen=True, slots=True)
class Subject:
    """One theme of the vocabulary: its name, its SDG (0 for a subject area) and its terms."""

    name: str
    goal: int
    terms: tuple[str, ...]

    def text(self) -> str:
        """What the dense model embeds for this theme."""
        return f"{self.name}: {', '.join(self.terms)}"


@lru_cache(maxsize=1)
def vocabulary() -> tuple[Subject, ...]:
    """The top-level themes, in file order (``data/themes.tsv``)."""
    text = resources.files("rapporteur.assistant.compendium").joinpath("data", "themes.tsv")
    out = []
    for line in text.read_text("utf-8").splitlines():
        if line and not line.startswith(("#", "name\t")):
            name, goal, terms = line.split("\t")
            out.append(
                Subject(
                    name,
                    0 if goal == "-" else int(goal),
                    tuple(t.strip() for t in terms.split(";")),
                )
            )
    return tuple(out)


@lru_cache(maxsize=1)
def _index() -> TermIndex:
    """Every term of the vocabulary, keyed by its theme's row."""
    return TermIndex.of(
        (str(i), t) for i, subject in enumerate(vocabulary()) for t in subject.terms
    )


@lru_cache(maxsize=8192)
def terms_in(text: str) -> tuple[tuple[int, str], ...]:
    """(theme index, term) of every vocabulary term the text uses."""
    return tuple((int(i), term) for i, term in _index().find(text))


def scores(record: Recommendation, cosines: np.ndarray | None = None) -> np.ndarray:
    """Per vocabulary theme: the entry's term weight, its title's at half, its SDG Goals."""
    out = np.zeros(len(vocabulary()))
    for i, term in terms_in(f"{record.lead} {record.text}"):
        out[i] += len(term.split())
    for i, term in terms_in(record.title or ""):
        out[i] += TITLE_WEIGHT * len(term.split())
    goals = {int(s.target.split(".")[0]) for s in record.sdg_targets}
    for i, subject in enumerate(vocabulary()):
        if subject.goal in goals:
            out[i] += SDG_WEIGHT
    if not out.any() and cosines is not None:
        out[int(np.argmax(cosines))] = 1.0
    return out


def theme_tree(records: Sequence[Recommendation], cosines: np.ndarray | None = None) -> list[Theme]:
    """Top-level themes of the vocabulary that hold entries, each followed by its sub-themes.

    ``cosines``: rows of entry-to-theme cosines (the dense model's), for entries with no term.
    """
    if not records:
        return []
    names = [s.name for s in vocabulary()]
    top: dict[int, list[Recommendation]] = {}
    for n, r in enumerate(records):
        row = scores(r, cosines[n] if cosines is not None else None)
        if row.any():
            top.setdefault(int(np.argmax(row)), []).append(r)
    rarity = _rarity(records)
    out = []
    for i in sorted(top, key=lambda i: names[i]):
        members = top[i]
        out.append(Theme(names[i], names[i], vocabulary()[i].terms, tuple(r.key for r in members)))
        out += _subthemes(i, members, rarity)
    return out


def _rarity(records: Sequence[Recommendation]) -> dict[str, float]:
    """Inverse document frequency of each term over the entries."""
    counts = Counter(t for r in records for t in {t for _, t in terms_in(f"{r.lead} {r.text}")})
    return {t: math.log((1 + len(records)) / (1 + n)) for t, n in counts.items()}


def _subthemes(i: int, members: list[Recommendation], rarity: dict[str, float]) -> list[Theme]:
    """Sub-themes of theme ``i``: each entry under its most specific term of that theme."""
    parent = vocabulary()[i].name
    by_term: dict[str, list[Recommendation]] = {}
    for r in members:
        own = [
            t for j, t in terms_in(f"{r.lead} {r.text}") if j == i and t.lower() != parent.lower()
        ]
        if own:
            best = max(own, key=lambda t: (len(t.split()), rarity.get(t, 0.0), t))
            by_term.setdefault(best, []).append(r)
    return [
        Theme(f"{parent} > {term}", term, (term,), tuple(r.key for r in rs))
        for term, rs in sorted(by_term.items())
        if len(rs) >= MIN_SUBTHEME and len(rs) < len(members)
    ]


def assign(records: Sequence[Recommendation], themes: Sequence[Theme]) -> list[Recommendation]:
    """Each record with the paths of the themes that hold it, broadest first."""
    paths: dict[str, list[str]] = {}
    for theme in themes:
        for key in theme.keys:
            paths.setdefault(key, []).append(theme.path)
    return [r.with_links(themes=tuple(paths.get(r.key, ()))) for r in records]


def check_names(paths: Iterable[str], themes: Iterable[Theme] = ()) -> dict:
    """Whether every theme name is a vocabulary theme or one of its terms (so never a heading
    such as "Conclusions and recommendations" nor a list of frequent words)."""
    allowed = {s.name for s in vocabulary()} | {t for s in vocabulary() for t in s.terms}
    names = sorted({part for p in paths for part in p.split(" > ")} | {t.name for t in themes})
    bad = [n for n in names if n not in allowed]
    return {"names": len(names), "ok": len(names) - len(bad), "bad": bad}


def adjusted_rand(a: Sequence, b: Sequence) -> float:
    """Adjusted Rand index of two labelings of the same items (1 same, ~0 chance)."""
    pairs = Counter(zip(a, b))

    def comb(n):
        return n * (n - 1) / 2

    index = sum(comb(n) for n in pairs.values())
    rows = sum(comb(n) for n in Counter(a).values())
    cols = sum(comb(n) for n in Counter(b).values())
    expected = rows * cols / comb(len(a)) if len(a) > 1 else 0.0
    top = (rows + cols) / 2 - expected
    return 1.0 if top == 0 else (index - expected) / top
