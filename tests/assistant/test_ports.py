"""The Searcher is an assistant.ports.Index: the assistant needs nothing else from it."""

import inspect

import numpy as np
import pytest

from rapporteur.assistant.ports import Index
from rapporteur.core.config import SearchConfig
from rapporteur.core.filters import Filters
from rapporteur.core.units import Unit
from rapporteur.index.dense import Dense
from rapporteur.index.embedders import FakeEmbedder
from rapporteur.index.lexical import Lexical
from rapporteur.index.search import Searcher

UNITS = [
    Unit(doc="d", kind="recommendation", number=1, text="States should mark firearms."),
    Unit(doc="d", kind="paragraph", number=2, text="Firearms trafficking online was discussed."),
    Unit(doc="d", kind="paragraph", number=3, text="The meeting closed."),
]


@pytest.fixture(scope="module")
def searcher():
    embedder = FakeEmbedder()
    texts = [u.text for u in UNITS]
    dense = Dense.build(embedder.embed_passages(texts), np.arange(len(UNITS)), len(UNITS))
    return Searcher(UNITS, Lexical.build(texts), {"fake": dense}, {"fake": embedder}, {})


def test_searcher_has_every_member_of_the_protocol_with_its_parameters(searcher):
    members = [n for n in vars(Index) if not n.startswith("_")] + list(Index.__annotations__)
    for name in members:
        assert hasattr(searcher, name), name
        wanted = getattr(Index, name, None)
        if inspect.isfunction(wanted):  # the same leading parameters (the Searcher may take more)
            params = list(inspect.signature(wanted).parameters)
            assert (
                list(inspect.signature(getattr(Searcher, name)).parameters)[: len(params)] == params
            ), name


def test_what_the_index_answers(searcher):
    assert searcher.dense_names == ("fake",)
    assert (
        searcher.embedder("fake") is searcher.embedders["fake"]
        and searcher.embedder("e5-small") is None
    )
    assert searcher.mask(Filters(kinds=("paragraph",))).tolist() == [False, True, True]
    # "firearm" is in 2 of 3 units, "meet" in 1, "gun" in none: log((n + 1) / (df + 0.5))
    assert searcher.idf("firearm") == pytest.approx(np.log(4 / 2.5))
    assert searcher.idf("meet") == pytest.approx(np.log(4 / 1.5))
    assert searcher.idf("gun") == pytest.approx(np.log(4 / 0.5))
    vectors = searcher.text_vectors("fake", ["firearms", "meeting", "firearms"])
    assert vectors.shape == (3, 64) and np.array_equal(vectors[0], vectors[2])
    cos = searcher.cosines(
        "fake", searcher.embedders["fake"].embed_query("The meeting closed."), UNITS[::-1]
    )
    assert cos[0] == pytest.approx(1.0) and cos[0] > cos[1]
    assert searcher.nearest_terms(["armas"], 3) is None  # no cross-lingual lexicon here
    assert searcher.second_stage(SearchConfig(rerank=False)) is None
    assert searcher.second_stage(SearchConfig(rerank=True, reranker="lexical")) == "lexical"


def test_question_vectors_are_kept_per_embedder_and_cleared(searcher):
    embedder = searcher.embedders["fake"]
    first = embedder.query_vector("marking of firearms")
    assert embedder.query_vector("marking of firearms") is first
    searcher.clear_query_caches()
    again = embedder.query_vector("marking of firearms")
    assert again is not first and np.array_equal(again, first)
    assert (
        FakeEmbedder().query_vector("marking of firearms") is not again
    )  # not shared between instances


def test_mentions_finds_a_word_by_stem_or_first_five_letters(searcher):
    assert searcher.mentions("firearm")
    assert searcher.mentions("Trafficked")  # stem "traffick"
    assert searcher.mentions("marking")
    assert not searcher.mentions("Kashmir")
    assert not searcher.mentions("the")  # a function word holds no stem


def test_vectors_come_from_the_embedding_cache_beside_the_index(tmp_path):
    embedder = FakeEmbedder()
    texts = [u.text for u in UNITS]
    dense = Dense.build(embedder.embed_passages(texts), np.arange(len(UNITS)), len(UNITS))
    cache = tmp_path / "cache" / "embeddings.sqlite"
    searcher = Searcher(
        UNITS, Lexical.build(texts), {"fake": dense}, {"fake": embedder}, {}, cache_path=cache
    )
    assert searcher.cache_folder == tmp_path / "cache"
    vectors = searcher.unit_vectors("fake", UNITS[:2])  # one piece each: its passage vector
    assert np.allclose(vectors, embedder.embed_passages(texts[:2]), atol=1e-6)
    themes = searcher.cached_vectors("fake", ["marking", "tracing"])
    assert np.array_equal(themes, embedder.embed_passages(["marking", "tracing"]))
    assert cache.exists()  # kept across processes
    bare = Searcher(UNITS, Lexical.build(texts), {"fake": dense}, {"fake": embedder}, {})
    assert bare.cache_folder is None
