"""SDG targets each recommendation serves: explicit mentions first, then similarity to the target texts.

The targets (17 goals, 169 targets) are ``data/sdg_targets.tsv``, from the global indicator
framework (A/RES/71/313, annex). A mention ("target 16.4 of the Sustainable Development Goals",
"SDG target 5.2") in the text or in its section heading links with score 1.0; otherwise the
record's vector is compared with each target's text (the same dense model, from the embedding
cache) and with the records that mention a target (exemplars): the better score counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from rapporteur.assistant.compendium.records import SdgLink
from rapporteur.assistant.dupes import SEMANTIC_FLOOR, content_words
from rapporteur.core.errors import ConfigError

DATA = "sdg_targets.tsv"
# "target 16.4 of the Sustainable Development Goals", "SDG target 5.2", "targets 16.4 and 16.5",
# "Sustainable Development Goal target 8.7".
MENTION = re.compile(
    r"\b(?:SDG\s+|Goal\s+)?targets?\s+(?P<ids>\d{1,2}\.(?:\d{1,2}|[a-z])\b(?:\s*(?:,|and)\s*\d{1,2}\.(?:\d{1,2}|[a-z])\b)*)",
    re.IGNORECASE,
)
TARGET_ID = re.compile(r"\d{1,2}\.(?:\d{1,2}|[a-z])\b")
# Chosen with `python -m eval.compendium_tune` on the labelled sample (73 labelled links; no
# held-out set yet, COMPENDIUM_REPORT.md "SDG targets"): at most TOP targets by similarity, each
# at least LINK_AT. Target texts alone (no exemplars) reached F1 0.42 at best (P 0.91 R 0.27);
# with exemplars (the nearest record that mentions a target) F1 0.71 (P 0.80 R 0.64) here.
TOP = 1
LINK_AT = 0.40
SEMANTIC_WEIGHT = (
    1.0  # score = rescaled cosine to the target text (0.5: half the word share: F1 0.69)
)
EXEMPLAR_WEIGHT = 1.0  # a nearest mentioning record's rescaled cosine, scaled by this


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


def word_share(text: str, target: str) -> float:
    """Share of the target's content words (stemmed) that the text uses."""
    words = content_words(target)
    return len(words & content_words(text)) / len(words) if words else 0.0


def blended(cosines: np.ndarray | None, text: str, texts: list[str]) -> np.ndarray:
    """Per target: SEMANTIC_WEIGHT of the rescaled cosine plus the rest of the word share."""
    words = np.array([word_share(text, t) for t in texts])
    if cosines is None:
        return words
    rescaled = np.clip((cosines - SEMANTIC_FLOOR) / (1.0 - SEMANTIC_FLOOR), 0.0, 1.0)
    return SEMANTIC_WEIGHT * rescaled + (1.0 - SEMANTIC_WEIGHT) * words


def exemplar_scores(
    cosines: np.ndarray, mentions: list[set[str]], ids: list[str], own: int
) -> np.ndarray:
    """Per target: the rescaled cosine of this record to its nearest other record that mentions
    the target (a recommendation like those filed under "target 16.4" serves 16.4 too)."""
    rescaled = np.clip((cosines - SEMANTIC_FLOOR) / (1.0 - SEMANTIC_FLOOR), 0.0, 1.0)
    out = np.zeros(len(ids))
    column = {t: k for k, t in enumerate(ids)}
    for j, found in enumerate(mentions):
        for t in found if j != own else ():
            out[column[t]] = max(out[column[t]], rescaled[j])
    return out


def similar_links(
    scores: np.ndarray, ids: list[str], exclude: set[str], top: int = TOP, at: float = LINK_AT
) -> list[SdgLink]:
    """The ``top`` best-scoring targets at or above ``at`` that are not already linked."""
    order = np.argsort(-scores, kind="stable")
    out = []
    for i in order:
        if len(out) == top or scores[i] < at:
            break
        if ids[i] not in exclude:
            out.append(SdgLink(ids[i], round(float(scores[i]), 4), "similarity"))
    return out


def link(
    text: str, section: str, cosines: np.ndarray | None, exemplars: np.ndarray | None = None
) -> tuple[SdgLink, ...]:
    """Every SDG link of one recommendation: mentions, then the best similar targets (by the
    target's text, or by ``exemplars``: ``exemplar_scores``, the better of the two)."""
    found = explicit_links(text, section)
    every = targets()
    scores = blended(cosines, text, [t.text for t in every])
    if exemplars is not None:
        scores = np.maximum(scores, EXEMPLAR_WEIGHT * exemplars)
    return tuple(
        found
        + similar_links(scores, [t.id for t in every], {s.target for s in found}, TOP, LINK_AT)
    )
