"""Document-level signals (pure): how well each document as a whole matches a question, and which
of the matching documents is the newest, spread back onto the document's units.

A question is about a document before it is about a paragraph ("What does S/2025/303 recommend",
"the most recent report on Haiti"): the best unit score of each document says which documents
are in play; the prior lifts every unit of the best ones, and the recency term lifts the newest
of those close to the best when the question asks for the latest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import numpy as np

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


def document_prior(scores: np.ndarray, codes: np.ndarray, n_docs: int) -> np.ndarray:
    """Per unit: its document's best score, min-max scaled over the documents in play (0 to 1).

    ``codes[i]`` is unit i's document number. A unit with no finite score gets 0.
    """
    best = document_best(scores, codes, n_docs)
    live = np.isfinite(best)
    scaled = np.zeros(n_docs, dtype=np.float32)
    if live.any():
        lo, hi = float(best[live].min()), float(best[live].max())
        if hi - lo > 1e-9:
            scaled[live] = (best[live] - lo) / (hi - lo)
    return scaled[codes]


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


def within_document_bm25(
    terms: dict[str, float], units: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75
) -> np.ndarray:
    """BM25 of weighted query terms over the tokens of one document's units, with IDF counted
    within that document (pure).

    Inside S/2025/420 every paragraph says "Haiti" and "UNODC": the words that named the document
    weigh almost nothing there, and "drones" decides which paragraph answers.
    """
    n = len(units)
    out = np.zeros(n, dtype=np.float32)
    if not n or not terms:
        return out
    lengths = np.array([len(t) for t in units], dtype=np.float32)
    avg = float(lengths.mean()) or 1.0
    counts = [_counts(t) for t in units]
    for term, weight in terms.items():
        tf = np.array([c.get(term, 0) for c in counts], dtype=np.float32)
        df = int((tf > 0).sum())
        if not df:
            continue
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        out += weight * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths / avg))
    return out


def _counts(tokens: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in tokens:
        out[t] = out.get(t, 0) + 1
    return out
