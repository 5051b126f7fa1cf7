"""The composition root's preparation: the second stage's sentence vectors load once per searcher,
before the first question, and change no result."""

from __future__ import annotations

from dataclasses import replace

from rapporteur.app.facade import Rapporteur
from rapporteur.index.embedders import FakeEmbedder
from tests.conftest import fake_seed_home

QUESTIONS = ("What was recommended on cryptocurrencies?", "rec 18", "firearms marking")


def _facade(settings) -> Rapporteur:
    rapporteur = Rapporteur.open(settings, [FakeEmbedder()])
    rapporteur.config = replace(rapporteur.config, rerank=True, reranker="fake")
    return rapporteur


def test_prepare_keeps_every_units_sentences_and_changes_no_result(tmp_path):
    settings = fake_seed_home(tmp_path)
    prepared, plain = _facade(settings).prepare(), _facade(settings)
    scorer = prepared.searcher.scorer("fake")
    assert set(scorer._rows) == {u.id for u in prepared.searcher.units}
    assert not plain.searcher.scorer("fake")._rows
    for q in QUESTIONS:
        assert [h.to_dict() for h in prepared.search(q, 10)] == [
            h.to_dict() for h in plain.search(q, 10)
        ]
    matrix = scorer._matrix
    prepared.prepare()  # the same searcher: nothing is read again
    assert prepared.searcher.scorer("fake")._matrix is matrix


def test_a_rebuild_prepares_the_searcher_it_swaps_in(tmp_path):
    rapporteur = _facade(fake_seed_home(tmp_path)).prepare()
    before = rapporteur.searcher
    rapporteur.reindex()
    assert rapporteur.searcher is not before
    assert rapporteur.searcher.scorer("fake")._rows  # prepared by the rebuild, not a question
