"""Boosts and priors on fused scores (index/boosts.py): named units first, kind prior, intent."""

import numpy as np

from rapporteur.core.config import SearchConfig
from rapporteur.core.units import Unit
from rapporteur.index.boosts import (
    NAMED_SCORE,
    NAMED_STEP,
    asks_recommendation,
    kind_prior,
    named_units_first,
)
from rapporteur.index.dense import Dense
from rapporteur.index.embedders import FakeEmbedder
from rapporteur.index.lexical import Lexical
from rapporteur.index.reader import IndexReader

UNITS = [
    Unit(doc="d", kind="preambular", number=1, text="Recalling its resolutions on firearms."),
    Unit(doc="d", kind="operative", number=1, text="Urges States to mark firearms."),
    Unit(doc="d", kind="operative", number=2, text="Decides to remain seized of the matter."),
]


def reader() -> IndexReader:
    embedder, texts = FakeEmbedder(), [u.text for u in UNITS]
    dense = Dense.build(embedder.embed_passages(texts), np.arange(len(UNITS)), len(UNITS))
    return IndexReader(UNITS, Lexical.build(texts), {"fake": dense}, {"fake": embedder}, {})


def test_named_units_come_first_in_their_fused_order_and_others_keep_their_scores():
    fused = np.array([0.9, 0.2, 0.5, 0.7], dtype=np.float32)
    out = named_units_first(fused, {1, 2})
    assert out[2] == np.float32(NAMED_SCORE + 2 * NAMED_STEP)  # 0.5 before 0.2
    assert out[1] == np.float32(NAMED_SCORE + NAMED_STEP)
    assert out[0] == fused[0] and out[3] == fused[3]
    assert named_units_first(fused, set()) is fused and fused[1] == np.float32(0.2)  # not changed


def test_kind_prior_moves_only_units_of_that_kind():
    fused = np.array([0.5, 0.5, 0.5], dtype=np.float32)
    config = SearchConfig.plain({"bm25": 1.0}, kind_prior={"preambular": -0.1})
    assert np.allclose(kind_prior(reader(), fused, config), [0.4, 0.5, 0.5])
    assert kind_prior(reader(), fused, SearchConfig.plain({"bm25": 1.0})) is fused


def test_the_intent_boost_needs_a_question_after_recommendations():
    config = SearchConfig.plain({"bm25": 1.0}, intent_boost=0.25)
    assert asks_recommendation("What was recommended on marking?", config)
    assert not asks_recommendation("What was said on marking?", config)
    assert not asks_recommendation("What was recommended?", SearchConfig.plain({"bm25": 1.0}))
