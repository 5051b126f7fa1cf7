"""Pure pieces of retrieval: the lexical tokenizer, fusion, filters and unit references."""

from __future__ import annotations

import numpy as np
import pytest

from rapporteur.core.filters import Filters
from rapporteur.core.units import Unit
from rapporteur.index.columns import UnitColumns
from rapporteur.index.fusion import minmax, rrf, top_k, weighted
from rapporteur.index.lexical import Lexical


def test_bm25_ranks_the_exact_symbol_first():
    texts = [
        "Documents CTOC/COP/WG.6/2021/1 and CTOC/COP/WG.6/2021/2.",
        "A list of participants is in CTOC/COP/WG.6/2021/INF/1/Rev.1.",
        "Firearms trafficking and illicit financial flows.",
    ]
    scores = Lexical.build(texts).scores("CTOC/COP/WG.6/2021/INF/1/Rev.1")
    assert int(np.argmax(scores)) == 1 and scores[0] == 0 and scores[2] == 0


def test_bm25_unknown_words_score_zero():
    assert not Lexical.build(["alpha beta", "gamma"]).scores("zzz qqq").any()


def test_minmax_and_weighted_fusion():
    mask = np.array([True, True, True, False])
    assert minmax(np.array([1.0, 3.0, 2.0, 99.0]), mask).tolist() == [0.0, 1.0, 0.5, 0.0]
    fused = weighted(
        {"a": np.array([1.0, 0.0, 0.5, 9.0]), "b": np.array([0.0, 1.0, 1.0, 9.0])},
        {"a": 0.75, "b": 0.25},
        mask,
    )
    assert fused[:3].tolist() == pytest.approx([0.75, 0.25, 0.625])
    assert fused[3] == -np.inf  # filtered out before ranking
    assert top_k(fused, 10) == [0, 2, 1]


def test_rrf_rewards_agreement():
    mask = np.ones(3, dtype=bool)
    fused = rrf({"a": np.array([3.0, 2.0, 1.0]), "b": np.array([1.0, 3.0, 2.0])}, mask, k=60)
    assert top_k(fused, 3) == [1, 0, 2]
    assert fused[1] == pytest.approx(1 / 62 + 1 / 61)


def unit_mask(units, filters, bodies=None):
    return UnitColumns(units, bodies).mask(filters)


def unit(doc, kind, n, date="2021-05-31", symbol=None):
    return Unit(doc=doc, kind=kind, number=n, text=f"{kind} {n}", date=date, symbol=symbol)


def test_filters_mask_before_ranking():
    units = [
        unit("a", "paragraph", 1),
        unit("a", "recommendation", 1),
        unit("b", "operative", 1, "2018-12-17", "A/RES/73/146"),
    ]
    assert unit_mask(units, Filters.from_dict({"kinds": ["rec"]})).tolist() == [False, True, False]
    assert unit_mask(units, Filters.from_dict({"year": 2018})).tolist() == [False, False, True]
    assert unit_mask(units, Filters.from_dict({"symbol": "a/res/73/146"})).tolist() == [
        False,
        False,
        True,
    ]
    assert unit_mask(
        units, Filters.from_dict({"docs": ["a"], "kinds": ["paragraph"]})
    ).tolist() == [True, False, False]
    assert unit_mask(units, Filters()).all()


def test_bodies_and_several_values_per_field():
    units = [
        unit("a", "paragraph", 1),
        unit("a", "recommendation", 1),
        unit("b", "operative", 1, "2018-12-17", "A/RES/73/146"),
        unit("c", "footnote", 1, None),
    ]
    bodies = {"a": "Conference of the Parties", "b": "General Assembly", "c": ""}

    def mask(f):
        return unit_mask(units, Filters.from_dict(f), bodies).tolist()

    assert mask({"bodies": ["general assembly"]}) == [False, False, True, False]
    assert mask({"bodies": ["parties"], "kinds": ["rec"]}) == [False, True, False, False]
    assert mask({"docs": ["b", "c"], "kinds": ["operative", "footnote"]}) == [
        False,
        False,
        True,
        True,
    ]
    assert mask({"years": [2021, 2018]}) == [True, True, True, False]  # an undated unit has no year
    assert mask({"docs": ["b", "c"], "years": [2021]}) == [False, False, False, False]
