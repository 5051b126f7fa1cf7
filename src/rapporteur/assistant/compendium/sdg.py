"""SDG targets each recommendation serves: explicit mentions first, then the targets' subject
terms and the entry's similarity to the target texts.

The targets (17 goals, 169 targets) are ``data/sdg_targets.tsv``, from the global indicator
framework (A/RES/71/313, annex). A mention ("target 16.4 of the Sustainable Development Goals",
"SDG target 5.2") in the text or in its section heading links with score 1.0. Otherwise each
target gets a probability from a logistic model over six features of the (entry, target) pair:
the cosine of the entry's text to the target's text with all-MiniLM-L6-v2 (SIMILARITY_MODEL), that
cosine less the entry's best, the inverse of the target's rank by cosine, the weight of the
target's subject terms the entry uses (``data/sdg_terms.tsv``: the phrases of its text and the
words UN reports use for the same thing; a term of n words weighs n), whether it uses any, and the
terms of the target's Goal. The best targets, at most TOP, with a probability of at least
LINK_PROBABILITY link ("similarity"). With no vectors (no model loaded) the terms decide alone: the
best targets, at most TOP, each scoring at least LINK_AT and at least SHARE of the best ("terms").
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
# The pair model: fitted on the 239 labelled entries of the three halves of the library sample
# (tune + check + check2, 170 links; docs/compendium.md, "Round 2"), by logistic regression
# (scikit-learn, C=1). Measured by leaving each of the 26 documents with entries out in turn, the
# coefficients and the threshold refitted without it: P 0.800 R 0.353 (tune 0.837 / 0.424, check
# 0.867 / 0.236, check2 0.647 / 0.367); the threshold is the median of those refits, the lowest
# giving P >= 0.80 on the other documents.
SIMILARITY_MODEL = "minilm"  # the weights below were fitted on its cosines
PAIR_WEIGHTS = {
    "cosine": 5.109,  # cosine of the entry text to the target text
    "below_best": 4.149,  # that cosine less the entry's best cosine (0 for its nearest target)
    "rank": 2.816,  # 1 / rank of the target by cosine (1 for the nearest)
    "terms": 0.758,  # weight of its subject terms used, up to 4
    "any_term": 2.48,  # 1 when it uses one
    "goal_terms": 0.214,  # weight of the subject terms of its Goal's targets used, up to 6
}
PAIR_BIAS = -7.413
LINK_PROBABILITY = 0.61


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


def pair_probabilities(cosines: np.ndarray, terms: np.ndarray, goals: np.ndarray) -> np.ndarray:
    """Per target, the pair model's probability that the entry serves it (PAIR_WEIGHTS).

    ``cosines``: the entry's cosine to each target text; ``terms``: its term score per target
    (``term_scores``); ``goals``: each target's Goal number."""
    rank = np.argsort(np.argsort(-cosines, kind="stable"), kind="stable")
    goal_terms = np.array([terms[goals == g].sum() for g in goals])
    w = PAIR_WEIGHTS
    z = (
        w["cosine"] * cosines
        + w["below_best"] * (cosines - cosines.max())
        + w["rank"] / (rank + 1)
        + w["terms"] * np.minimum(terms, 4)
        + w["any_term"] * (terms > 0)
        + w["goal_terms"] * np.minimum(goal_terms, 6)
        + PAIR_BIAS
    )
    return 1.0 / (1.0 + np.exp(-z))


def link(text: str, section: str, cosines: np.ndarray | None = None) -> tuple[SdgLink, ...]:
    """Every SDG link of one recommendation: its mentions, else its best targets by the pair model
    (``cosines``: the entry's cosine to each target text, in ``targets()`` order), else by terms."""
    found = explicit_links(text, section)
    if found:
        return tuple(found)
    ids = [t.id for t in targets()]
    scores = term_scores(text, ids)
    if cosines is not None:
        goals = np.array([t.goal for t in targets()])
        chance = pair_probabilities(np.asarray(cosines, dtype=float), scores, goals)
        order = np.argsort(-chance, kind="stable")[:TOP]
        return tuple(
            SdgLink(ids[i], float(chance[i]), "similarity")
            for i in order
            if chance[i] >= LINK_PROBABILITY
        )
    best = scores.max() if len(scores) else 0.0
    order = np.argsort(-scores, kind="stable")[:TOP]
    return tuple(
        SdgLink(ids[i], float(scores[i]), "terms")
        for i in order
        if scores[i] >= LINK_AT and scores[i] >= SHARE * best
    )
