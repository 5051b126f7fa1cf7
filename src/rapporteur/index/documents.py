"""Document-level signals (pure): which of the documents matching a question is the newest,
spread back onto the document's units.

"The most recent report on Haiti": the best unit score of each document says which documents
are in play; the recency term lifts the newest of those close to the best when the question
asks for the latest. Each document's mandate, as its first paragraphs state it, is read here too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import numpy as np

from rapporteur.core.grammar import MANDATE_UNITS, mandate
from rapporteur.core.units import Unit

# "the most recent report", "the latest figure", "most recently asked", "the newest resolution";
# French "le plus récent", "dernier"; Spanish "más reciente", "último"; Russian "последн-";
# Arabic "أحدث", "الأخير"; Chinese "最新", "最近".
LATEST_INTENT = re.compile(
    r"\b(most\s+recent(?:ly)?|latest|newest|plus\s+r[ée]cent\w*|derni[eè]re?s?|m[aá]s\s+reciente\w*"
    r"|[uú]ltim[oa]s?|последн\w*|новейш\w*)\b|أحدث|الأخير|最新|最近",
    re.IGNORECASE,
)


def document_best(scores: np.ndarray, codes: np.ndarray, n_docs: int) -> np.ndarray:
    """Each document's best finite unit score; -inf for a document with none (pure)."""
    best = np.full(n_docs, -np.inf, dtype=np.float32)
    finite = np.isfinite(scores)
    np.maximum.at(best, codes[finite], scores[finite].astype(np.float32))
    return best


def recency(best: np.ndarray, days: np.ndarray, margin: float) -> np.ndarray:
    """Per document, 0 to 1: among the dated documents whose best score is within ``margin`` of
    the top document's, the newest gets 1, the oldest 0, the rest by date; all others 0 (pure).

    ``days`` is each document's date as a day number, -1 when it has none.
    """
    out = np.zeros(len(best), dtype=np.float32)
    finite = np.isfinite(best)
    if not finite.any():
        return out
    close = finite & (best >= float(best[finite].max()) - margin) & (days >= 0)
    if close.sum() < 2:
        return out
    lo, hi = float(days[close].min()), float(days[close].max())
    if hi > lo:
        out[close] = (days[close] - lo) / (hi - lo)
    return out


def day_number(date: str | None) -> int:
    """An ISO date ("2025-06-30", "2025-06", "2025") as a day number; -1 when absent or unreadable."""
    if not date:
        return -1
    parts = (date.strip().split("-") + ["1", "1"])[:3]
    try:
        return dt.date(int(parts[0]), int(parts[1] or 1), int(parts[2] or 1)).toordinal()
    except ValueError:
        return -1


def document_days(doc_names: Sequence[str], dates: dict[str, str | None]) -> np.ndarray:
    """Each document's day number (``day_number``), in the order of ``doc_names``."""
    return np.array([day_number(dates.get(d)) for d in doc_names], dtype=np.int64)


def document_mandates(units: Sequence[Unit], codes: np.ndarray) -> dict[str, str]:
    """Each document's mandate as its first paragraphs state it ("paragraph 9 of resolution
    2692 (2023)", core/grammar.mandate), for the documents that state one (pure). ``codes``:
    each unit's document code; a document's units are consecutive, in reading order."""
    found = {}
    for start in np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]):  # each doc's first
        rows = range(start, min(start + MANDATE_UNITS, len(codes)))
        texts = (units[r].text for r in rows if codes[r] == codes[start])
        if m := next(filter(None, map(mandate, texts)), None):
            found[units[start].doc] = m
    return found
