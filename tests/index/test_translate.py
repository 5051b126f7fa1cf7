"""Cross-lingual BM25: vocabulary, phrases, topic and term choice (pure), then the real model."""

from __future__ import annotations

import numpy as np
import pytest

from rapporteur.index.translate import Lexicon, as_text, choose, vocabulary


def test_vocabulary_keeps_content_words_and_repeated_pairs():
    texts = [
        "States should counter money-laundering.",
        "Money-laundering and arms embargoes.",
        "Arms embargoes matter.",
    ]
    terms = vocabulary(texts)
    assert terms[0] in {"money-laundering", "arms", "embargoes"}  # most frequent first
    assert "arms embargoes" in terms  # a pair seen twice
    assert "states should" not in terms and "should" not in terms  # stopwords never count
    assert "counter money-laundering" not in terms  # a pair seen once


def test_vocabulary_is_capped():
    assert len(vocabulary([f"word{i}x alpha{i}y" for i in range(50)], max_terms=10)) == 10


def test_choose_takes_the_best_terms_above_the_threshold_with_their_similarity():
    terms = ["laundering", "money-laundering", "income", "brokers"]
    sim = np.array(
        [
            [0.61, 0.70, 0.49, 0.10],  # "blanchiment d'argent"
            [0.20, 0.10, 0.30, 0.40],
        ]
    )  # nothing close enough
    assert choose(sim, terms, per_phrase=2, threshold=0.6) == {
        "money-laundering": 0.70,
        "laundering": 0.61,
    }


@pytest.mark.model
def test_real_model_translates_into_the_reports_own_words(seed_index):
    _, searcher = seed_index
    assert searcher.lexicon is not None, "the default build makes a lexicon with use-m3"
    emb = searcher.embedders["use-m3"]
    assert "money-laundering" in searcher.lexicon.translate(
        "Qu'a-t-on dit sur le blanchiment d'argent ?", emb
    )
    assert "destruction" in searcher.lexicon.translate(
        "¿Qué se dijo sobre la destrucción de armas?", emb
    )
    # The English terms reach BM25: raw French BM25 finds nothing in rec 9, the translation does.
    rec9 = next(i for i, u in enumerate(searcher.units) if u.label == "rec 9")
    assert searcher.lexical.scores("blanchiment d'argent")[rec9] == 0
    assert searcher.bm25_foreign("Qu'a-t-on dit sur le blanchiment d'argent ?")[rec9] > 0


def test_lexicon_round_trips_through_files(tmp_path):
    lexicon = Lexicon(["arms", "brokers"], np.eye(2, dtype=np.float32), "m")
    lexicon.save(tmp_path / "lexicon")
    again = Lexicon.load(tmp_path / "lexicon")
    assert again.terms == ["arms", "brokers"] and again.model_id == "m"
    assert np.allclose(again.vectors, np.eye(2))


@pytest.mark.model
def test_a_rebuild_embeds_no_lexicon_term_again(tmp_path):
    import json

    from rapporteur.core.settings import Settings
    from rapporteur.core.store import Store
    from rapporteur.index import rebuild
    from rapporteur.index.build import current_folder
    from rapporteur.index.embedders import load_embedder
    from rapporteur.ingest.batch import ingest_files
    from tests.conftest import SEED

    settings = Settings(home=tmp_path, embedders=("use-m3",))
    embedders = [load_embedder("use-m3")]
    ingest_files([SEED], Store(settings.store_path))
    lexicons = []
    for _ in range(2):
        rebuild(settings, embedders)
        lexicons.append(
            json.loads((current_folder(tmp_path) / "manifest.json").read_text())["lexicon"]
        )
    assert lexicons[0]["terms"] == lexicons[1]["terms"] > 1000
    assert lexicons[0]["embedded"] == lexicons[0]["terms"] and lexicons[1]["embedded"] == 0


def test_pairs_are_counted_in_a_bounded_sample_of_texts(monkeypatch):
    from rapporteur.index import translate

    monkeypatch.setattr(translate, "PAIR_TEXTS", 2)
    texts = [
        "arms embargoes",
        "other words",
        "arms embargoes",
        "more words",
    ]  # stride 2: texts 0, 2
    assert "arms embargoes" in vocabulary(texts)
    texts = [
        "other words",
        "arms embargoes",
        "more words",
        "arms embargoes",
    ]  # the pairs sit at 1, 3
    terms = vocabulary(texts)
    assert "arms embargoes" not in terms and "embargoes" in terms  # words are still all counted


def test_best_columns_is_the_stable_full_sort_without_it():
    """The top n of a row as ``argsort(-row, kind="stable")[:n]``, ties in column order."""
    from rapporteur.index.translate import best_columns

    rng = np.random.default_rng(3)
    rows = [
        rng.choice([0.1, 0.5, 0.7, 0.7, 0.9], 40).astype(np.float32),  # many ties
        rng.uniform(-1, 1, 300).astype(np.float32),
        np.array([0.2, 0.2], dtype=np.float32),
    ]
    for row in rows:
        for n in (0, 1, 2, 3, 7, len(row), len(row) + 5):
            assert best_columns(row, n).tolist() == np.argsort(-row, kind="stable")[:n].tolist()


def test_terms_read_as_one_text_heaviest_first():
    assert as_text({"firearms": 0.7, "marking": 0.9, "weapons": 0.7}) == "marking firearms weapons"
    assert as_text({}) == ""
