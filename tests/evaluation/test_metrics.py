"""Metric code against hand-computed values, including the known traps."""

from __future__ import annotations

import math

import pytest

from rapporteur.evaluation.metrics import mean_scores, mrr_at, ndcg_at, recall_at, score_run


def test_recall_and_mrr_by_hand():
    ranked = ["x", "a", "y", "b"]
    assert recall_at(ranked, {"a", "b"}, 1) == 0.0
    assert recall_at(ranked, {"a", "b"}, 2) == 0.5
    assert recall_at(ranked, {"a", "b"}, 5) == 1.0
    assert mrr_at(ranked, {"a", "b"}) == 0.5
    assert mrr_at(ranked, {"z"}) == 0.0


def test_ndcg_ideal_comes_from_qrels_not_the_run():
    # The run finds only the gain-1 unit, first. An IDCG taken from the run would give 1.0.
    gains = {"p": 2, "r": 1}
    got = ndcg_at(["r"], gains, 10)
    idcg = 2 / math.log2(2) + 1 / math.log2(3)
    assert got == pytest.approx(1 / idcg)
    assert got < 1.0


def test_repeated_ids_are_scored_once():
    gains = {"p": 2}
    assert ndcg_at(["p", "p", "p"], gains) == pytest.approx(1.0)
    assert recall_at(["x", "x", "x", "x", "x", "p"], {"p"}, 2) == 1.0  # dedupe: x, p


def test_short_runs_are_not_inflated():
    gains = {"a": 1, "b": 1, "c": 1}
    assert ndcg_at(["a"], gains, 10) < 1.0


def test_score_run_means():
    qrels = {"q1": {"a": 2, "b": 1}, "q2": {"c": 2}}
    run = {"q1": ["b", "a"], "q2": ["x"]}
    per = score_run(run, qrels)
    assert per["q1"]["mrr@10"] == 0.5 and per["q2"]["mrr@10"] == 0.0
    assert mean_scores(per)["recall@5"] == 0.5
