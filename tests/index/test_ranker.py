"""The learned ranker: its features, its re-ordering, the shipped weights, and the search with it."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from rapporteur.core.config import config_from
from rapporteur.core.errors import ConfigError
from rapporteur.index.ranker import (
    FEATURES,
    RANKER,
    Candidate,
    Ranker,
    features,
    load_ranker,
    reorder,
)


def cand(score, doc="A", ordinal=1, rerank=0.5, named=False, lists=None, words=40):
    lists = {"bm25": 10.0, "e5-small": 0.8} if lists is None else lists
    return Candidate(score, lists, rerank, named, doc, ordinal, 20, words)


def column(x: np.ndarray, name: str) -> np.ndarray:
    return x[:, FEATURES.index(name)]


def test_features_are_relative_to_the_best_candidate_and_flag_what_is_missing():
    x = features(
        [
            cand(1.0, lists={"bm25": 10.0, "e5-small": 0.8}),
            cand(0.6, doc="B", ordinal=0, rerank=None, lists={"bm25": 5.0}),
            cand(0.5, ordinal=7),
        ]
    )
    assert x.shape == (3, len(FEATURES))
    assert column(x, "gap").tolist() == pytest.approx([0.0, -0.4, -0.5])
    assert column(x, "bm25_v").tolist() == pytest.approx([1.0, 0.5, 1.0])
    assert column(x, "e5-small_miss").tolist() == [0.0, 1.0, 0.0]
    assert column(x, "use-m3_miss").tolist() == [1.0, 1.0, 1.0]
    assert column(x, "rer_miss").tolist() == [0.0, 1.0, 0.0]
    assert column(x, "doc_share").tolist() == pytest.approx([2 / 3, 1 / 3, 2 / 3])
    assert column(x, "top_doc").tolist() == [1.0, 0.0, 1.0]
    assert column(x, "doc_first").tolist() == [1.0, 1.0, 0.0]  # each document's first candidate
    assert column(x, "first").tolist() == [0.0, 1.0, 0.0]  # its document's opening unit
    assert features([]).shape == (0, len(FEATURES))


def test_reorder_hands_out_the_same_scores_named_units_first_in_the_blended_order():
    scores = np.array([9.0, 0.8, 0.7, 0.5])
    learned = np.array([0.0, -1.0, 3.0, 2.0])
    named = [True, False, False, False]
    out = reorder(scores, learned, named, 1.0)
    assert sorted(out.tolist()) == sorted(scores.tolist())  # the same scale for the quotes
    assert out.tolist() == [9.0, 0.5, 0.8, 0.7]  # named first, then by learned score
    assert reorder(scores, learned, named, 0.0).tolist() == scores.tolist()  # the search's order
    # halfway, the unit both orders put high rises over the one only the search put second
    assert reorder(scores, learned, named, 0.5).tolist() == [9.0, 0.7, 0.8, 0.5]


def test_the_shipped_weights_load_with_their_card_and_read_the_reader():
    ranker = load_ranker()
    assert ranker.depth == 30 and len(ranker.sha256) == 64
    assert (
        ranker.card["questions"]["english"] >= 1000 and ranker.card["questions"]["foreign"] >= 1000
    )
    report = ranker.card[
        "report"
    ]  # the figures it was chosen on, written by training/ranker/fit.py
    assert (
        report["held_en english"]["ranker"]["MRR@10"]
        > report["held_en english"]["search"]["MRR@10"]
    )
    # two candidates alike but for the reader's score: the one the reader reads higher wins
    same = [cand(1.0, rerank=0.40, ordinal=3), cand(1.0, rerank=0.70, ordinal=3)]
    english = ranker.scores(same, foreign=False)
    assert english[1] > english[0]
    # and for a question in another language, the dense list's cosine decides the same way
    cosine = [
        cand(1.0, rerank=None, lists={"e5-small": 0.80}),
        cand(1.0, rerank=None, lists={"e5-small": 0.86}),
    ]
    assert ranker.scores(cosine, foreign=True)[1] > ranker.scores(cosine, foreign=True)[0]


def test_weights_run_only_behind_the_second_stage_they_were_learned_behind():
    ranker = load_ranker()
    assert ranker.reads(foreign=False, second_stage="sentences:reader")
    assert not ranker.reads(foreign=False, second_stage=None)  # English without the reader
    assert not ranker.reads(foreign=False, second_stage="sentences:minilm")
    assert ranker.reads(foreign=True, second_stage=None)  # the reader reads English only


def test_the_manifest_names_the_ranker_its_hash_and_weight():
    from rapporteur.core.settings import Settings
    from rapporteur.index import second_stage_card

    card = second_stage_card(Settings())["ranker"]
    assert card["sha256"] == load_ranker().sha256 and card["weight"] == Settings().ranker_weight
    assert "ranker" not in second_stage_card(Settings(ranker_weight=0.0))


def test_weights_made_for_other_features_are_refused(tmp_path):
    data = json.loads(RANKER.read_text())
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(data | {"features": data["features"][:-1]}))
    with pytest.raises(ConfigError, match="other features"):
        Ranker(path)
    with pytest.raises(ConfigError, match="no ranker"):
        Ranker(tmp_path / "absent.json")


@pytest.mark.model
def test_the_search_re_orders_its_best_units_and_keeps_named_ones_first(seed_index):
    settings, searcher = seed_index
    on = config_from(settings)
    off = replace(on, ranker_weight=0.0)
    on = replace(on, ranker_weight=1.0)
    question = "What should States do about firearms sold on the dark web?"
    with_ranker = searcher.search(question, 30, None, on)
    without = searcher.search(question, 30, None, off)
    assert {h.unit.key for h in with_ranker} == {h.unit.key for h in without}
    assert sorted(h.score for h in with_ranker) == pytest.approx(sorted(h.score for h in without))
    named = searcher.search("What does recommendation 18 say?", 5, None, on)
    assert named[0].named and named[0].unit.label == "rec 18"
    # without the second stage an English question is outside what the weights learned
    bare = replace(on, rerank=False)
    assert [h.unit.key for h in searcher.search(question, 30, None, bare)] == [
        h.unit.key for h in searcher.search(question, 30, None, replace(bare, ranker_weight=0.0))
    ]


def test_the_card_names_the_committed_dump_it_was_fitted_on():
    import hashlib

    from training.ranker.fit import DATA

    card = load_ranker().card
    assert card["data_sha256"] == hashlib.sha256((DATA / "train.jsonl.gz").read_bytes()).hexdigest()
