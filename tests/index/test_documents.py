"""Document-level signals (index/documents.py) on toy score arrays."""

import numpy as np

from rapporteur.index.documents import (
    LATEST_INTENT,
    day_number,
    document_best,
    recency,
)


def test_document_best_skips_masked_units():
    scores = np.array([0.2, 0.9, -np.inf, 0.4], dtype=np.float32)
    codes = np.array([0, 0, 1, 2])
    assert document_best(scores, codes, 3).tolist() == [np.float32(0.9), -np.inf, np.float32(0.4)]


def test_recency_prefers_the_newest_close_document():
    best = np.array([0.90, 0.85, 0.50, 0.88], dtype=np.float32)
    days = np.array([100, 300, 400, -1])  # doc 2 is newest but far below; doc 3 has no date
    assert np.allclose(recency(best, days, margin=0.1), [0.0, 1.0, 0.0, 0.0])


def test_recency_scales_by_date_between_oldest_and_newest():
    best = np.array([1.0, 1.0, 1.0], dtype=np.float32)
    assert np.allclose(recency(best, np.array([0, 50, 200]), margin=0.1), [0.0, 0.25, 1.0])


def test_recency_needs_two_dated_candidates():
    assert recency(np.array([1.0, 0.2]), np.array([10, 20]), margin=0.1).tolist() == [0.0, 0.0]


def test_day_number():
    assert day_number("2025-06-30") - day_number("2025-06-01") == 29
    assert day_number("2025") == day_number("2025-01-01")
    assert day_number(None) == -1
    assert day_number("n.d.") == -1


def test_latest_intent():
    assert LATEST_INTENT.search("What does the most recent report on Haiti recommend?")
    assert LATEST_INTENT.search("What report did the Council most recently ask for?")
    assert LATEST_INTENT.search("¿Cuál es la cifra más reciente?")
    assert LATEST_INTENT.search("最新报告")
    assert not LATEST_INTENT.search("What was recommended on drones?")
