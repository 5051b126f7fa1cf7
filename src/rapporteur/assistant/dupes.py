"""Duplicate check for draft recommendations: does a draft repeat something already adopted?

Each draft is compared with its nearest adopted units (recommendations and operative paragraphs
by default) on two kinds of evidence:

- semantic: cosine of the draft and the unit, both embedded as passages by the dense model
  (e5-small), so a reworded commitment still scores high;
- lexical: the larger of (a) the word-sequence ratio (difflib over normalised words) against
  the unit or its best sub-paragraph, which catches verbatim re-adoption, and (b) the share of
  the draft's content words (stemmed, stopwords out) found in the unit, which catches a
  condensed restatement.

They are blended into one ``similarity`` in [0, 1] whose thresholds give the verdict:
``duplicate`` (the same commitment, reworded or not), ``overlap`` (substantially covers the
same ask) or ``new``. Scoring and verdicts are pure functions; ``check_drafts`` and
``compare_document`` run them over a loaded ``Searcher``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from rapporteur.assistant.diff import word_diff
from rapporteur.assistant.ports import Index
from rapporteur.core.config import SearchConfig
from rapporteur.core.errors import NotFound
from rapporteur.core.filters import Filters
from rapporteur.core.text import LETTERS_OR_DIGITS
from rapporteur.core.units import Hit, Unit
from rapporteur.core.words import tokenize

DUPLICATE, OVERLAP, NEW = "duplicate", "overlap", "new"
VERDICTS = (DUPLICATE, OVERLAP, NEW)
ADOPTED_KINDS = ("recommendation", "operative")
DEFAULT_SCOPE = Filters(kinds=ADOPTED_KINDS)
CANDIDATES = 20  # units fetched by hybrid search per draft, then re-scored here

# Calibrated with `python -m benchmarks.dupes --grid` (e5-small cosines). e5-small puts even
# unrelated UN prose at 0.83-0.90 cosine, so the cosine is rescaled from SEMANTIC_FLOOR..1 to 0..1
# (0.95 -> 0.75) and given 0.3 of the blend; the words decide the rest.
# DUPLICATE_AT sits midway between the hardest cases on each side: the lowest reworded duplicate
# (hand-written, 0.696) and the highest OP of an unrelated resolution (0.586). Measured:
#   dev drafts (4 duplicate, 2 new):          every verdict right, top match right;
#     duplicates 0.784-0.827, new 0.251-0.316
#   hand-written (12 dup, 5 overlap, 10 new): duplicate P 1.00 R 1.00; overlap P 1.00 R 0.60;
#     new P 0.83 R 1.00
#   mined resolution pairs (252 near-verbatim duplicates, 18 amended overlaps, 96 unrelated new):
#     duplicate P 0.95 R 1.00 F1 0.97; overlap P 0.26 R 0.28 (amended re-adoptions mostly come
#     out duplicate); new P 1.00 R 0.85 (procedural "takes note of the report" OPs: overlap)
#   held-out series (64 dup, 4 overlap): duplicate P 0.93 R 0.98
# The grid's best on mined overlaps (floor 0.85, 0.66/0.40) leaves the reworded duplicates only
# 0.013 above the line, against 0.056 here.
SEMANTIC_MODEL = "e5-small"
SEMANTIC_FLOOR = 0.80
SEMANTIC_WEIGHT = 0.3  # similarity = 0.3 * rescaled cosine + 0.7 * lexical
DUPLICATE_AT = 0.64
OVERLAP_AT = 0.44  # hand-written overlaps 0.31-0.50, new drafts 0.16-0.36

# The parser leaves a resolution's closing "36th meeting 6 October 2020" on its last paragraph,
# and footnote calls glued to words ("Rights2"); neither is part of the commitment.
_MEETING = re.compile(
    r"\n\s*\d+(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b.*", re.DOTALL | re.IGNORECASE
)
_FOOTNOTE_CALL = re.compile(r"(?<=[^\W\d_])\d+\b")
# Sub-paragraphs: one per line, or "(a) ..." runs after a ";" or ":" inside a line.
_SUBPARAGRAPH = re.compile(r"\n+|(?<=[;:])\s+(?=\([a-z]{1,4}\)\s)")


@dataclass(frozen=True, slots=True)
class Match:
    """An adopted unit near a draft, with the evidence and the word diff adopted -> draft."""

    unit: Unit
    similarity: float
    lexical: float
    semantic: float | None  # None when the index lacks the calibrated model (words alone decide)
    diff: list[tuple[str, str]] = field(default_factory=list, compare=False)

    def to_dict(self) -> dict:
        """The adopted unit's shape plus the evidence and the diff."""
        return self.unit.to_dict() | {
            "similarity": round(self.similarity, 4),
            "lexical": round(self.lexical, 4),
            "semantic": None if self.semantic is None else round(self.semantic, 4),
            "diff": [list(op) for op in self.diff],
        }


@dataclass(frozen=True, slots=True)
class DraftResult:
    """The verdict on one draft, its closest adopted units (best first), and its twins in the list.

    ``within`` holds the indexes of other drafts in the same list that duplicate this one;
    ``unit`` is the unit checked when the draft comes from an ingested document.
    """

    draft: str
    verdict: str
    matches: tuple[Match, ...]
    within: tuple[int, ...] = ()
    unit: Unit | None = None

    def to_dict(self) -> dict:
        out = {
            "draft": self.draft,
            "verdict": self.verdict,
            "within": list(self.within),
            "matches": [m.to_dict() for m in self.matches],
        }
        if self.unit is not None:
            out |= {"doc": self.unit.doc, "unit": self.unit.label}
        return out


# --- pure scoring ---------------------------------------------------------------------------


def clean(text: str) -> str:
    """The text without a trailing meeting line or footnote calls glued to words."""
    return _FOOTNOTE_CALL.sub("", _MEETING.sub("", text))


# Caches sized for a library's compendium: its lineage compares each of ~2,500 entries (and
# their sub-paragraphs) with ~15 candidates, so the same texts recur tens of thousands of times.
WORD_CACHE = 1 << 16


@lru_cache(maxsize=WORD_CACHE)
def normal_words(text: str) -> tuple[str, ...]:
    """Lowercased words and numbers of the cleaned text, punctuation dropped."""
    return tuple(LETTERS_OR_DIGITS.findall(clean(text).lower()))


@lru_cache(maxsize=WORD_CACHE)
def content_words(text: str) -> frozenset[str]:
    """Stemmed content words (the BM25 tokenizer: stopwords out), as a set."""
    return frozenset(tokenize(clean(text)))


@lru_cache(maxsize=WORD_CACHE)
def segments(text: str) -> tuple[str, ...]:
    """The text, then its sub-paragraphs of 4+ words when it has more than one."""
    parts = [p for p in _SUBPARAGRAPH.split(_MEETING.sub("", text)) if len(p.split()) >= 4]
    return (text, *parts) if len(parts) > 1 else (text,)


def sequence_ratio(draft: str, adopted: str, floor: float = 0.0) -> float:
    """difflib ratio of the normalised word sequences, against the unit or its best sub-paragraph.

    Verbatim re-adoption gives 1.0; "sixty-eighth session" for "seventieth session" in a
    40-word paragraph gives about 0.95. ``floor``: a caller that only needs to know whether the
    ratio exceeds it gets at most ``floor`` back, without the full comparison, when it does not.
    """
    words = normal_words(draft)
    counts = Counter(words)
    best = 0.0
    for part in segments(adopted):
        other = normal_words(part)
        bar, total = max(best, floor), len(words) + len(other)
        # difflib's real_quick_ratio and quick_ratio, computed before a SequenceMatcher is built
        # (building one indexes ``other``: most of the time of a library's lineage, and wasted
        # on every pair these upper bounds already rule out); the same bounds, the same result
        if _ratio(min(len(words), len(other)), total) <= bar:
            continue
        if _ratio(sum((counts & Counter(other)).values()), total) <= bar:
            continue
        best = max(best, difflib.SequenceMatcher(None, words, other, autojunk=False).ratio())
    return best


def _ratio(matches: int, total: int) -> float:
    """difflib's ratio of ``matches`` in sequences of ``total`` items together (1.0 when empty)."""
    return 2.0 * matches / total if total else 1.0


def containment(draft: str, adopted: str) -> float:
    """Share of the draft's content words found in the adopted text or, if it has
    sub-paragraphs, in its best sub-paragraph (0 for an empty draft).

    Sub-paragraphs, because a 12-item operative paragraph holds most words of any draft on
    its subject: against the whole of one, unrelated drafts reached 0.5-0.8.
    """
    words = content_words(draft)
    if not words:
        return 0.0
    parts = segments(adopted)
    return max(len(words & content_words(p)) for p in parts[1:] or parts) / len(words)


def lexical_similarity(draft: str, adopted: str, floor: float = 0.0) -> float:
    """Lexical evidence: the larger of the word-sequence ratio and the content-word containment
    (``floor``: as ``sequence_ratio``'s; exact above it)."""
    return max(sequence_ratio(draft, adopted, floor), containment(draft, adopted))


def similarity(semantic: float | None, lexical: float) -> float:
    """Blend a cosine and a lexical score into one similarity in [0, 1] (no cosine: the lexical)."""
    if semantic is None:
        return lexical
    rescaled = min(1.0, max(0.0, (semantic - SEMANTIC_FLOOR) / (1.0 - SEMANTIC_FLOOR)))
    return SEMANTIC_WEIGHT * rescaled + (1.0 - SEMANTIC_WEIGHT) * lexical


def verdict(score: float) -> str:
    """``duplicate``, ``overlap`` or ``new`` for the best similarity of a draft."""
    if score >= DUPLICATE_AT:
        return DUPLICATE
    return OVERLAP if score >= OVERLAP_AT else NEW


def within_duplicates(drafts: list[str], vectors: np.ndarray | None) -> list[tuple[int, ...]]:
    """For each draft, the indexes of the other drafts in the list that duplicate it (symmetric).

    ``vectors`` are the drafts' unit-length embeddings (rows), or None to judge on words alone.
    """
    twins: list[list[int]] = [[] for _ in drafts]
    cosines = vectors @ vectors.T if vectors is not None and len(drafts) else None
    for i in range(len(drafts)):
        for j in range(i + 1, len(drafts)):
            semantic = float(cosines[i, j]) if cosines is not None else None
            # Even identical words cannot reach DUPLICATE_AT below this cosine: skip the words.
            if similarity(semantic, 1.0) < DUPLICATE_AT:
                continue
            lexical = max(
                lexical_similarity(drafts[i], drafts[j]), lexical_similarity(drafts[j], drafts[i])
            )
            if verdict(similarity(semantic, lexical)) == DUPLICATE:
                twins[i].append(j)
                twins[j].append(i)
    return [tuple(t) for t in twins]


# --- over an index ----------------------------------------------------------------------------


def semantic_model(searcher: Index) -> str | None:
    """The dense model whose cosines the thresholds were calibrated on, if the index has it."""
    return SEMANTIC_MODEL if SEMANTIC_MODEL in searcher.dense_names else None


def check_drafts(
    drafts: list[str],
    searcher: Index,
    scope: Filters | None = None,
    k: int = 3,
    units: list[Unit | None] | None = None,
) -> list[DraftResult]:
    """Judge each draft against the adopted units in ``scope`` (default: recommendations and OPs).

    Candidates come from hybrid search (CANDIDATES per draft) and are re-scored here; the ``k``
    most similar are returned with their word diffs. Deterministic for the same input and index.
    ``units`` (same length as ``drafts``) names the unit each draft was taken from, if any.
    """
    scope = scope or DEFAULT_SCOPE
    model = semantic_model(searcher)
    embedder = searcher.embedder(model) if model else None
    vectors = embedder.embed_passages(list(drafts)) if embedder is not None and drafts else None
    config = search_config(searcher)
    twins = within_duplicates(list(drafts), vectors)
    results = []
    for i, draft in enumerate(drafts):
        hits = searcher.search(draft, CANDIDATES, scope, config)
        # Exact cosines of just the candidates, whatever the index type (an HNSW graph past
        # 200k pieces scores only its own top 100; the thresholds assume true cosines).
        cosines = (
            searcher.cosines(model, vectors[i], [h.unit for h in hits]).tolist()
            if vectors is not None
            else None
        )
        matches = _matches(draft, hits, cosines, k)
        best = matches[0].similarity if matches else 0.0
        results.append(
            DraftResult(draft, verdict(best), matches, twins[i], units[i] if units else None)
        )
    return results


def search_config(searcher: Index) -> SearchConfig:
    """BM25 plus every dense model; no "rec 18" shortcut (a draft may cite what it repeats)."""
    dense = list(searcher.dense_names)
    weights = {"bm25": 0.4} | {name: 0.6 / len(dense) for name in dense}
    return SearchConfig.plain(weights if dense else {"bm25": 1.0}, exact_refs=False)


def _matches(draft: str, hits: list[Hit], cosines: list[float] | None, k: int) -> tuple[Match, ...]:
    """The k candidates most similar to the draft, best first (search rank breaks ties)."""
    scored = []
    for rank, hit in enumerate(hits):
        lexical = lexical_similarity(draft, hit.unit.text)
        semantic = float(cosines[rank]) if cosines is not None else None
        scored.append((-similarity(semantic, lexical), rank, hit.unit, lexical, semantic))
    scored.sort(key=lambda s: (s[0], s[1]))
    return tuple(
        Match(unit, -neg, lexical, semantic, word_diff(unit.text, draft))
        for neg, _, unit, lexical, semantic in scored[:k]
    )


def compare_document(
    doc: str, searcher: Index, earlier_only: bool = False, k: int = 3
) -> list[DraftResult]:
    """Check every recommendation and operative paragraph of ``doc`` against the other documents.

    With ``earlier_only``, only documents dated before ``doc`` count (undated ones are left out).
    """
    own = [u for u in searcher.units if u.doc == doc]
    if not own:
        raise NotFound(f"document {doc!r} is not in the index; see `rapporteur docs`")
    units = [u for u in own if u.kind in ADOPTED_KINDS]
    date = own[0].date
    others = sorted(
        {
            u.doc
            for u in searcher.units
            if u.doc != doc and (not earlier_only or (u.date and date and u.date < date))
        }
    )
    if not others:  # nothing to compare with: every unit is new
        return [DraftResult(u.text, NEW, (), unit=u) for u in units]
    scope = Filters(docs=tuple(others), kinds=ADOPTED_KINDS)
    return check_drafts([u.text for u in units], searcher, scope, k, units=units)
