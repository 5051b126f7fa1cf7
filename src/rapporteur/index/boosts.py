"""Boosts and priors on the fused scores: what the question asks for (recommendations, named
documents and years, the latest), how often a kind of unit answers, and units named outright.

Each takes the fused scores and returns them changed; values come from the configuration
(core/config.py), whose defaults are the settings'.
"""

from __future__ import annotations

import numpy as np

from rapporteur.core.config import SearchConfig
from rapporteur.core.filters import Filters
from rapporteur.core.questions import RECOMMEND_INTENT, named_documents, named_years
from rapporteur.index.documents import LATEST_INTENT, document_best, recency
from rapporteur.index.reader import IndexReader

# The ranking score of a unit the question names: above any fused score (at most 1 plus the
# intent and document boosts, 1.75 with the defaults). Answers read hits by Hit.named; the value
# stays 2.0 because sentence selection scales by the top hit's score (assistant/select.py).
NAMED_SCORE = 2.0
NAMED_STEP = 1e-6  # between named units ("recommendation 18" of several reports): fused order


def asks_recommendation(query: str, config: SearchConfig) -> bool:
    """Whether the intent boost applies: the question asks what was recommended."""
    return bool(config.intent_boost and RECOMMEND_INTENT.search(query))


def recommended(index: IndexReader, fused: np.ndarray, config: SearchConfig) -> np.ndarray:
    """Fused scores plus the intent boost on every recommendation (in place)."""
    fused += config.intent_boost * index.is_recommendation
    return fused


def named_documents_first(
    index: IndexReader, query: str, fused: np.ndarray, config: SearchConfig
) -> np.ndarray:
    """Fused scores plus the document boost on the units of the documents the question names
    ("A/RES/78/228", "resolution 73/146") or of the years it names as documents' ("the 2019
    report") (in place)."""
    if not config.doc_boost:
        return fused
    named = named_documents(query, index.symbols)
    years = named_years(query) & index.years
    if named or years:
        fused += config.doc_boost * index.columns.mask(
            Filters(docs=tuple(sorted(named)), years=tuple(sorted(years)))
        )
    return fused


def kind_prior(index: IndexReader, fused: np.ndarray, config: SearchConfig) -> np.ndarray:
    """Fused scores plus the prior of each unit's kind ("preambular": -0.1)."""
    return fused + index.kind_values(config.kind_prior) if config.kind_prior else fused


def latest_first(
    index: IndexReader, query: str, fused: np.ndarray, config: SearchConfig
) -> np.ndarray:
    """Fused scores plus, for a question after the latest, the recency of each unit's document
    among the documents within ``recency_margin`` of the best (index/documents.py)."""
    if not (config.recency_boost and LATEST_INTENT.search(query)):
        return fused
    codes = index.columns.doc
    best = document_best(fused, codes, len(index.columns.docs))
    return (
        fused + config.recency_boost * recency(best, index.doc_days, config.recency_margin)[codes]
    )


def named_rows(index: IndexReader, query: str, mask: np.ndarray, config: SearchConfig) -> set[int]:
    """Rows of the units the question names outright ("rec 18", "OP 5 of 73/146") within mask."""
    if not config.exact_refs:
        return set()
    return {row for row in index.references.rows(query) if mask[row]}


def named_units_first(fused: np.ndarray, rows: set[int]) -> np.ndarray:
    """Scores with the named rows first (NAMED_SCORE), several in their fused order (pure)."""
    if not rows:
        return fused
    fused = fused.copy()
    order = sorted(rows, key=lambda r: (-fused[r], r))
    fused[order] = NAMED_SCORE + NAMED_STEP * np.arange(len(order), 0, -1)
    return fused
