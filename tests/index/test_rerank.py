"""The second stage: sentence cutting and blending (pure), the stage in Searcher.search with stub
and fake scorers, the sentence-vector cache, a local cross-encoder, and the real default."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace

import numpy as np
import pytest

from rapporteur.core.config import SearchConfig, config_from
from rapporteur.core.errors import ConfigError
from rapporteur.core.filters import Filters
from rapporteur.core.settings import Settings
from rapporteur.core.units import Unit
from rapporteur.index.embedders import FakeEmbedder
from rapporteur.index.rerank import LexicalScorer, SentenceScorer, blend, rescore, sentences
from rapporteur.ingest.parse import parse
from tests.conftest import SEED

FAKE = SearchConfig.plain({"bm25": 0.5, "fake": 0.5})
UNITS = {u.label: u for u in parse(SEED).units}


def test_sentences_cut_at_sentence_ends_and_list_items():
    assert [s[:26] for s in sentences(UNITS["para 56"].text)] == [
        "The Working Group had befo",
        "(a) Annotated provisional ",
        "(b) Background paper prepa",
        "(c) Background paper prepa",
    ]
    assert len(sentences(UNITS["para 9"].text)) == 5
    assert sentences(UNITS["rec 18"].text) == [UNITS["rec 18"].text]


def test_sentences_keep_abbreviations_and_short_fragments_together():
    text = (
        "As noted in para. 3 of the report, the Group met twice in Vienna. "
        "Mr. Smith thanked the secretariat for its support to the meeting. Adopted."
    )
    assert sentences(text) == [
        "As noted in para. 3 of the report, the Group met twice in Vienna.",
        "Mr. Smith thanked the secretariat for its support to the meeting. Adopted.",
    ]


def test_blend_rescales_each_stage_over_the_candidates():
    got = blend(np.array([0.9, 0.7, 0.5]), np.array([0.1, 0.3, 0.2]), 0.25)
    np.testing.assert_allclose(got, [0.75, 0.625, 0.125])


def test_rescore_keeps_units_past_the_candidates_below_them():
    fused = np.array([0.9, 0.7, 0.5, 0.4, -np.inf], dtype=np.float32)
    out = rescore(fused, [0, 1, 2], np.array([0.0, 1.0, 0.5]), 0.5)
    np.testing.assert_allclose(out[:4], [0.5, 0.75, 0.25, -0.125])  # 0.5 * (0.4 - 0.5) / 0.4
    assert out[4] == -np.inf


class Favour:
    """A stub scorer: one unit label scores 1, the rest 0."""

    name = "favour"

    def __init__(self, label: str, english_only: bool = False) -> None:
        self.label, self.english_only, self.calls = label, english_only, 0

    def score(self, query, units):
        self.calls += 1
        return np.array([float(u.label == self.label) for u in units])


@pytest.fixture(scope="module")
def fake(fake_searcher):
    return fake_searcher


def labels(hits):
    return [h.unit.label for h in hits]


def test_second_stage_reorders_only_the_candidates(fake):
    query = "marking of firearms"
    first = labels(fake.search(query, 40, config=FAKE))
    favoured = first[4]
    config = replace(
        FAKE, rerank=True, rerank_depth=10, rerank_weight=0.9, reranker=Favour(favoured)
    )
    hits = fake.search(query, 40, config=config)
    assert labels(hits)[0] == favoured
    # the rest keep their order
    assert labels(hits)[1:10] == [x for x in first[:10] if x != favoured]
    assert labels(hits)[10:] == first[10:]  # past the depth nothing moves
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[0].rerank is not None and hits[20].rerank is None


def test_second_stage_respects_filters_and_exact_refs(fake):
    config = replace(FAKE, rerank=True, rerank_weight=1.0, reranker=Favour("para 9"))
    assert labels(fake.search("what does recommendation 18 say?", 2, config=config)) == [
        "rec 18",
        "para 9",
    ]
    hits = fake.search("cryptocurrencies", 5, Filters(kinds=("recommendation",)), config=config)
    assert {h.unit.kind for h in hits} == {"recommendation"}


def test_english_only_scorer_skips_other_languages(fake):
    scorer = Favour("para 9", english_only=True)
    config = replace(FAKE, rerank=True, reranker=scorer, foreign_weights={"fake": 1.0})
    fake.search("¿Qué se recomendó sobre las criptomonedas?", 5, config=config)
    assert scorer.calls == 0
    fake.search("What was recommended on cryptocurrencies?", 5, config=config)
    assert scorer.calls == 1


def test_sentence_vectors_are_cached_by_content(fake, tmp_path):
    class Counting(FakeEmbedder):
        computed = 0

        def embed_passages(self, texts):
            Counting.computed += len(texts)
            return super().embed_passages(texts)

    cache = tmp_path / "embeddings.sqlite"
    units = [UNITS["para 9"], UNITS["para 56"], UNITS["rec 18"]]
    first = SentenceScorer(Counting(), cache).score("cryptocurrencies darknet", units)
    assert Counting.computed == 10  # 5 + 4 + 1 sentences
    # a new scorer (a new process) finds the vectors on disk
    again = SentenceScorer(Counting(), cache).score("cryptocurrencies darknet", units)
    assert Counting.computed == 10
    np.testing.assert_allclose(first, again)
    with closing(sqlite3.connect(cache)) as con:
        assert con.execute("SELECT count(*) FROM vectors").fetchone()[0] == 10


def test_named_scorers_load_once_per_searcher(fake):
    config = replace(FAKE, rerank=True, reranker="fake")
    hits = fake.search("iArms", 3, config=config)
    assert labels(hits)[0] == "rec 43"
    assert fake.scorer("fake") is fake.scorer("fake")
    assert isinstance(fake.scorer("lexical"), LexicalScorer)


def test_lexical_scorer_counts_question_words():
    got = LexicalScorer().score(
        "darknet cryptocurrencies", [UNITS["rec 18"], UNITS["para 9"], UNITS["rec 1"]]
    )
    np.testing.assert_allclose(got, [1.0, 1.0, 0.0])


def test_settings_choose_the_reranker():
    assert config_from(Settings()).reranker == "reader"
    config = config_from(Settings(reranker="/models/ce", rerank_depth=20, rerank_weight=0.7))
    assert (config.reranker, config.rerank_depth, config.rerank_weight) == ("/models/ce", 20, 0.7)


def test_missing_cross_encoder_folder_is_a_config_error(fake, tmp_path):
    with pytest.raises(ConfigError, match="reranker .*no such folder"):
        fake.scorer(str(tmp_path / "nowhere"))


@pytest.fixture(scope="module")
def tiny_cross_encoder(tmp_path_factory):
    """A randomly initialised one-layer BERT cross-encoder saved to a local folder (no download)."""
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    folder = tmp_path_factory.mktemp("cross-encoder")
    words = sorted({w for u in UNITS.values() for w in u.text.lower().split()})[:500]
    (folder / "vocab.txt").write_text(
        "\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words])
    )
    BertTokenizer(str(folder / "vocab.txt")).save_pretrained(folder)
    config = BertConfig(
        vocab_size=len(words) + 5,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        num_labels=1,
    )
    BertForSequenceClassification(config).save_pretrained(folder)
    return folder


@pytest.mark.model
def test_local_cross_encoder_plugs_in(fake, tiny_cross_encoder):
    scorer = fake.scorer(str(tiny_cross_encoder))
    assert scorer.name == f"cross-encoder:{tiny_cross_encoder.name}" and not scorer.english_only
    got = scorer.score("darknet", [UNITS["rec 18"], UNITS["para 9"]])
    assert got.shape == (2,) and np.isfinite(got).all()
    config = replace(FAKE, rerank=True, reranker=str(tiny_cross_encoder), rerank_depth=5)
    assert len(fake.search("marking of firearms", 10, config=config)) == 10


@pytest.mark.model
def test_default_second_stage_on_the_real_index(seed_index):
    settings, searcher = seed_index
    config = config_from(settings)
    question = "Which documents did the Working Group have before it?"
    assert (
        labels(
            searcher.search(question, 3, config=replace(config, rerank=False, verdict_weight=0))
        )[0]
        == "para 49"
    )
    hits = searcher.search(question, 3, config=config)
    assert labels(hits)[0] == "para 56" and hits[0].rerank is not None
    spanish = "¿Qué se recomendó sobre las criptomonedas?"
    plain = searcher.search(spanish, 5, config=replace(config, foreign_reader_weight=0.0))
    assert plain[0].rerank is None  # MiniLM reads English only
    # the multilingual reader, last, reads it: its best-sentence score is the hit's
    assert all(h.rerank is not None for h in searcher.search(spanish, 5, config=config))


def test_prepare_embeds_every_sentence_once_so_queries_embed_nothing(tmp_path):
    from rapporteur.index.embedders import FakeEmbedder
    from rapporteur.index.rerank import SentenceScorer, sentences

    units = [
        Unit("d", "paragraph", 1, "States should mark firearms. They should keep records."),
        Unit("d", "paragraph", 2, "The Group met in Vienna. States should mark firearms."),
    ]
    calls = []

    class Counting(FakeEmbedder):
        def embed_passages(self, texts):
            calls.append(len(texts))
            return super().embed_passages(texts)

    scorer = SentenceScorer(Counting(), tmp_path / "cache.sqlite")
    distinct = {s for u in units for s in sentences(u.text)}
    assert scorer.prepare(units) == len(distinct) > 0
    assert scorer.prepare(units) == 0  # all cached
    calls.clear()
    scores = scorer.score("mark firearms", units)
    assert calls == [] and scores.shape == (2,)


def test_prepared_scorer_scores_as_the_cache_does(tmp_path):
    """A prepared scorer reads its sentence matrix; an unprepared one the cache: the same floats."""
    units = [UNITS["para 9"], UNITS["para 56"], UNITS["rec 18"]]
    cache = tmp_path / "cache.sqlite"
    prepared = SentenceScorer(FakeEmbedder(), cache)
    prepared.prepare(list(UNITS.values()))
    plain = SentenceScorer(FakeEmbedder(), cache)
    for query in ("cryptocurrencies darknet", "firearms marking", "zzz"):
        assert prepared.score(query, units).tolist() == plain.score(query, units).tolist()
    assert len(prepared._rows) == len(UNITS) and not plain._rows
    other = Unit("d", "paragraph", 1, "A unit the index never held. It has two sentences.")
    assert (
        prepared.score("unit", [other, units[0]]).tolist()
        == plain.score("unit", [other, units[0]]).tolist()
    )  # a unit prepare never saw: the cache path
