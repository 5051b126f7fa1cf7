"""Search over the seed: fake-embedder tests (fast) and real-model acceptance checks."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from rapporteur.core.config import SearchConfig, config_from
from rapporteur.core.errors import IndexMismatch
from rapporteur.core.filters import Filters
from rapporteur.core.settings import Settings
from rapporteur.core.store import Store
from rapporteur.index import open_searcher, rebuild
from rapporteur.index.build import current_folder
from rapporteur.index.embedders import FakeEmbedder
from rapporteur.ingest.batch import ingest_files
from tests.conftest import SEED, fake_seed_home

FAKE = SearchConfig.plain({"bm25": 0.5, "fake": 0.5})


@pytest.fixture(scope="module")
def fake_home(tmp_path_factory):
    return fake_seed_home(tmp_path_factory.mktemp("home"))  # some tests here rebuild it


@pytest.fixture(scope="module")
def fake(fake_searcher):
    return fake_searcher


def labels(hits):
    return [h.unit.label for h in hits]


def test_symbol_and_acronym_come_first(fake):
    assert labels(fake.search("CTOC/COP/WG.6/2021/INF/1/Rev.1", 3, config=FAKE))[0] == "para 55"
    assert labels(fake.search("iArms", 3, config=FAKE))[0] == "rec 43"


def test_exact_unit_reference_comes_first(fake):
    assert labels(fake.search("what does recommendation 18 say?", 3, config=FAKE))[0] == "rec 18"
    assert labels(fake.search("para 12 of wg6-2021", 3, config=FAKE))[0] == "para 12"
    hits = fake.search("what does recommendation 18 say?", 3, config=FAKE)
    assert [h.named for h in hits] == [True, False, False]
    assert not any(
        h.named for h in fake.search("recommendation 18", 3, Filters(kinds=("paragraph",)), FAKE)
    )


def test_kind_filter_returns_only_that_kind_and_as_many_as_asked(fake):
    hits = fake.search("firearms", 40, Filters(kinds=("recommendation",)), config=FAKE)
    assert len(hits) == 40 and {h.unit.kind for h in hits} == {"recommendation"}
    # A filter narrower than k returns every unit that exists, never fewer.
    notes = fake.search("European Union", 10, Filters(kinds=("footnote",)), config=FAKE)
    assert sorted(labels(notes)) == ["footnote 1", "footnote 2"]


def test_kind_prior_moves_units_of_that_kind_and_no_other(fake):
    plain = fake.search("European Union", 10, config=FAKE)
    assert "footnote" in {h.unit.kind for h in plain}
    lowered = fake.search("European Union", 10, config=replace(FAKE, kind_prior={"footnote": -1}))
    assert "footnote" not in {h.unit.kind for h in lowered}
    before = {h.unit.key: h.score for h in plain if h.unit.kind != "footnote"}
    for h in lowered:  # every other unit keeps its score
        if h.unit.key in before:
            assert h.score == pytest.approx(before[h.unit.key])


def test_hits_are_unique_units_with_scores(fake):
    hits = fake.search("marking of firearms", 20, config=FAKE)
    assert len({h.unit.id for h in hits}) == 20
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert set(hits[0].scores) == {"bm25", "fake"}
    assert hits[0].rerank is None and not hits[0].named  # FAKE has no second stage, names no unit


def test_question_passes_side_by_side_embed_the_question_once(fake, monkeypatch):
    embedder = fake.embedders["fake"]
    asked = []
    embed = type(embedder).embed_query
    monkeypatch.setattr(
        embedder, "embed_query", lambda text: (asked.append(text), embed(embedder, text))[1]
    )
    fake.clear_query_caches()
    hits = fake.search(
        "marking of firearms", 10, config=replace(FAKE, rerank=True, reranker="fake")
    )
    assert asked == ["marking of firearms"]  # the dense list and the second stage share it
    assert hits[0].rerank is not None


def test_index_built_with_another_model_is_refused(fake_home):
    with pytest.raises(IndexMismatch, match="rapporteur index"):
        open_searcher(fake_home, [FakeEmbedder(dim=32)])


def test_index_older_than_the_store_still_answers_flagged_stale(tmp_path):
    settings = Settings(home=tmp_path, embedders=("fake",))
    store = Store(settings.store_path)
    ingest_files([SEED], store)
    rebuild(settings, [FakeEmbedder()])
    assert not open_searcher(settings, [FakeEmbedder()]).stale
    store.delete("wg6-2021")
    searcher = open_searcher(settings, [FakeEmbedder()])
    assert searcher.stale
    assert labels(searcher.search("iArms", 1, config=FAKE)) == ["rec 43"]


def test_manifest_records_what_built_it(fake_home):
    manifest = json.loads((current_folder(fake_home.home) / "manifest.json").read_text())
    assert manifest["units"] == 106 and manifest["documents"].keys() == {"wg6-2021"}
    assert manifest["embedders"][0]["model_id"] == FakeEmbedder().model_id
    assert manifest["store_state"] == Store(fake_home.store_path).state()


def test_rebuild_reuses_cached_embeddings(fake_home):
    report = rebuild(fake_home, [FakeEmbedder()])
    assert report.embedded == {"fake": 0}


@pytest.mark.model
def test_real_models_symbol_acronym_and_crosslingual(seed_index):
    settings, searcher = seed_index
    config = config_from(settings)
    assert (
        labels(searcher.search("CTOC/COP/WG.6/2021/INF/1/Rev.1", 3, config=config))[0] == "para 55"
    )
    assert labels(searcher.search("iArms", 3, config=config))[0] == "rec 43"
    spanish = searcher.search("¿Qué se recomendó sobre las criptomonedas?", 5, config=config)
    assert "rec 18" in labels(spanish)
    english = searcher.search("What was recommended on cryptocurrencies?", 3, config=config)
    assert labels(english)[0] == "rec 18"


def test_corrupted_index_file_is_detected(tmp_path):
    settings = Settings(home=tmp_path, embedders=("fake",))
    ingest_files([SEED], Store(settings.store_path))
    rebuild(settings, [FakeEmbedder()])
    faiss_file = current_folder(tmp_path) / "fake.faiss"
    data = bytearray(faiss_file.read_bytes())
    data[-10] ^= 0xFF
    faiss_file.write_bytes(bytes(data))
    with pytest.raises(IndexMismatch, match="fake.faiss: missing or corrupted"):
        open_searcher(settings, [FakeEmbedder()])
    rebuild(settings, [FakeEmbedder()])  # the fix the message names works
    assert (
        open_searcher(settings, [FakeEmbedder()]).search("iArms", 1, config=FAKE)[0].unit.label
        == "rec 43"
    )


def test_embedding_is_committed_in_chunks_so_a_killed_build_keeps_its_work(tmp_path):
    from rapporteur.index.cache import EmbeddingCache

    cache, calls, seen = EmbeddingCache(tmp_path / "e.sqlite"), [], []
    texts = [f"text {i}" for i in range(5)]

    def compute(batch):
        calls.append(len(batch))
        if len(calls) == 3:
            raise KeyboardInterrupt("killed")
        return FakeEmbedder().embed_passages(batch)

    with pytest.raises(KeyboardInterrupt):
        cache.embed("fake", texts, compute, 64, lambda *args: seen.append(args), chunk=2)
    # (done, total, share of the characters): five texts of six characters each
    assert calls == [2, 2, 1] and seen == [(2, 5, 0.4), (4, 5, 0.8)]
    calls.clear()
    vectors, computed = cache.embed(
        "fake",
        texts,
        lambda b: (calls.append(len(b)), FakeEmbedder().embed_passages(b))[1],
        64,
        chunk=2,
    )
    assert computed == 1 and calls == [1] and vectors.shape == (5, 64)


LETTER = """SYMBOL: S/2099/{n}

Letter dated {day} January 2099 from the Secretary-General addressed to the President of the Security Council

1. The present report is submitted pursuant to paragraph 9 of Security Council resolution 2692 (2023).

2. Gangs moved {n} shipments of firearms along the coast.
"""


def test_mandates_are_read_from_each_documents_first_paragraphs(tmp_path, fake_searcher):
    files = []
    for n in (1, 2):
        files.append(tmp_path / f"S_2099_{n}.txt")
        files[-1].write_text(LETTER.format(n=n, day=n + 3))
    settings = Settings(home=tmp_path, embedders=("fake",))
    ingest_files([*files, SEED], Store(settings.store_path))
    rebuild(settings, [FakeEmbedder()])
    searcher = open_searcher(settings, [FakeEmbedder()])
    haiti = "paragraph 9 of resolution 2692 (2023)"
    assert searcher.mandates == {"S_2099_1": haiti, "S_2099_2": haiti}  # the seed states none
    assert fake_searcher.mandates == {}


def test_a_question_with_decomposed_accents_finds_what_the_composed_one_does(fake):
    """Ingest stores text composed (NFC); a pasted question may carry "e" + U+0301."""
    import unicodedata

    question = "Who is José Luis Pérez?"
    decomposed = unicodedata.normalize("NFD", question)
    assert decomposed != question
    composed_hits = labels(fake.search(question, 5, config=FAKE))
    assert labels(fake.search(decomposed, 5, config=FAKE)) == composed_hits
