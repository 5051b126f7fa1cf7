"""SDG targets each recommendation serves: explicit mentions first, then the targets' subject terms.

The targets (17 goals, 169 targets) are ``data/sdg_targets.tsv``, from the global indicator
framework (A/RES/71/313, annex). A mention ("target 16.4 of the Sustainable Development Goals",
"SDG target 5.2") in the text or in its section heading links with score 1.0. Otherwise each
target's subject terms (``data/sdg_terms.tsv``: the phrases of its own text and the words UN
reports use for the same thing) are looked for in the entry's text: a term of n words scores n,
and the best targets, at most TOP, each scoring at least LINK_AT and at least SHARE of the best,
are linked ("similarity" links of earlier rounds, by the dense model's cosine to the target
texts, were measured and dropped: docs/compendium.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from rapporteur.assistant.compendium.actors import entity_names
from rapporteur.assistant.compendium.records import SdgLink
from rapporteur.assistant.compendium.terms import TermIndex
from rapporteur.core.errors import ConfigError

DATA = "sdg_targets.tsv"
TERMS = "sdg_terms.tsv"
# "target 16.4 of the Sustainable Development Goals", "SDG target 5.2", "targets 16.4 and 16.5",
# "Sustainable Development Goal target 8.7".
MENTION = re.compile(
    r"\b(?:SDG\s+|Goal\s+)?targets?\s+(?P<ids>\d{1,2}\.(?:\d{1,2}|[a-z])\b"
    r"(?:\s*(?:,|and)\s*\d{1,2}\.(?:\d{1,2}|[a-z])\b)*)",
    re.IGNORECASE,
)
TARGET_ID = re.compile(r"\d{1,2}\.(?:\d{1,2}|[a-z])\b")
# Chosen on the tune half of the labelled library sample (eval/compendium/tune.jsonl, 116 links):
# top 3, at least one word, at least half the best score: P 0.673 R 0.603 F 0.636; without the
# share cut P 0.625 R 0.647; the best target only P 0.69-0.74 R 0.47-0.53. The labels allow three.
TOP = 3
LINK_AT = 1.0
SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Target:
    """One SDG target ("16.4") or goal ("16") with its text."""

    id: str
    goal: int
    text: str

    @property
    def is_goal(self) -> bool:
        return "." not in self.id


@lru_cache(maxsize=1)
def targets() -> tuple[Target, ...]:
    """The 169 targets (goals excluded) from the package data file."""
    try:
        text = (
            resources.files("rapporteur.assistant.compendium")
            .joinpath("data", DATA)
            .read_text("utf-8")
        )
    except FileNotFoundError:
        raise ConfigError(
            f"{DATA} missing from the package; reinstall rapporteur (pip install -e .)"
        ) from None
    rows = [
        line.split("\t")
        for line in text.splitlines()
        if line and not line.startswith(("#", "id\t"))
    ]
    every = [Target(r[0], int(r[1]), r[2]) for r in rows]
    return tuple(t for t in every if not t.is_goal)


def goal_titles() -> dict[int, str]:
    """Goal number -> its title."""
    text = (
        resources.files("rapporteur.assistant.compendium").joinpath("data", DATA).read_text("utf-8")
    )
    rows = [
        line.split("\t")
        for line in text.splitlines()
        if line and not line.startswith(("#", "id\t"))
    ]
    return {int(r[1]): r[2] for r in rows if "." not in r[0]}


def mentioned(text: str) -> list[str]:
    """Target ids a text names: "target 16.4 of the Sustainable Development Goals" -> ["16.4"]."""
    known = {t.id for t in targets()}
    found: list[str] = []
    for m in MENTION.finditer(text):
        found += [i for i in TARGET_ID.findall(m["ids"]) if i in known and i not in found]
    return found


def explicit_links(text: str, section: str) -> list[SdgLink]:
    """Links by mention in the text, then in its section heading (both score 1.0)."""
    own = mentioned(text)
    links = [SdgLink(t, 1.0, "mention") for t in own]
    return links + [SdgLink(t, 1.0, "heading") for t in mentioned(section) if t not in own]


@lru_cache(maxsize=1)
def _terms() -> tuple[TermIndex, dict[str, float]]:
    """The subject terms of ``data/sdg_terms.tsv`` by target, and each term's weight: a term of
    n words weighs n (one common word is weak evidence, a three-word phrase strong)."""
    text = resources.files("rapporteur.assistant.compendium").joinpath("data", TERMS)
    pairs = []
    for line in text.read_text("utf-8").splitlines():
        if line and not line.startswith(("#", "target\t")):
            target, terms = line.split("\t")
            pairs += [(target, t.strip()) for t in terms.split(";") if t.strip()]
    return TermIndex.of(pairs), {t: float(len(t.split())) for _, t in pairs}


def term_scores(text: str, ids: list[str]) -> np.ndarray:
    """Per target: the summed weight of its subject terms the text uses (names of UN entities
    taken out first: "the Entity for Gender Equality and the Empowerment of Women" is no ask)."""
    text = entity_names().sub(" ", text)
    column = {t: k for k, t in enumerate(ids)}
    index, weight = _terms()
    out = np.zeros(len(ids))
    for target, term in index.find(text):
        if target in column:
            out[column[target]] += weight[term]
    return out


def link(text: str, section: str) -> tuple[SdgLink, ...]:
    """Every SDG link of one recommendation: its mentions, then its best targets by subject terms."""
    found = explicit_links(text, section)
    if found:
        return tuple(found)
    ids = [t.id for t in targets()]
    scores = term_scores(text, ids)
    best = scores.max() if len(scores) else 0.0
    order = np.argsort(-scores, kind="stable")[:TOP]
    return tuple(
        SdgLink(ids[i], float(scores[i]), "terms")
        for i in order
        if scores[i] >= LINK_AT and scores[i] >= SHARE * best
    )
