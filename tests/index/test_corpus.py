"""The whole shared corpus (seed report, 43 resolutions, 7 PDFs) through ingest and a fake-embedder
index: every document stored, the index built and searchable, a repeat embedding nothing.

Real models are left out on purpose: e5 embeds 5-10 passages/s on 2 cores, and the corpus has
about 3,000 units (5+ minutes). Ingest and the fake index take about 40 s, mostly PDF parsing.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from rapporteur.core.config import SearchConfig
from rapporteur.core.filters import Filters
from rapporteur.core.settings import Settings
from rapporteur.core.store import Store
from rapporteur.index import open_searcher, rebuild
from rapporteur.index.embedders import FakeEmbedder
from rapporteur.ingest.batch import collect, ingest_files
from tests.conftest import need_corpus

pytestmark = pytest.mark.corpus
FAKE = SearchConfig.plain({"bm25": 0.5, "fake": 0.5})
FOLDERS = ("reports", "resolutions", "pdf")


@pytest.fixture(scope="module")
def corpus_home(tmp_path_factory):
    """The corpus ingested into a fresh store and indexed with the fake embedder, once."""
    corpus = need_corpus()
    files, missing = collect([corpus / f for f in FOLDERS])
    settings = Settings(home=tmp_path_factory.mktemp("corpus"), embedders=("fake",))
    outcomes = ingest_files(files, Store(settings.store_path))
    report = rebuild(settings, [FakeEmbedder()])
    return settings, files, missing, outcomes, report


def test_every_document_is_stored(corpus_home):
    settings, files, missing, outcomes, _ = corpus_home
    assert not missing and len(files) == 51
    assert [o for o in outcomes if o.status != "added"] == []
    documents = Store(settings.store_path).documents()
    assert len(documents) == 51 and all(n > 0 for _, n in documents)
    kinds = {o.path.rsplit(".", 1)[-1] for o in outcomes}
    assert kinds == {"txt", "pdf"}


def test_fake_index_covers_every_unit_and_answers(corpus_home):
    settings, _, _, _, report = corpus_home
    units = Store(settings.store_path).units()
    assert report.units == len(units) and report.pieces["fake"] >= len(units)
    searcher = open_searcher(settings, [FakeEmbedder()])
    assert not searcher.stale
    assert [h.unit.key for h in searcher.search("iArms", 1, config=FAKE)] == ["wg6-2021:rec 43"]
    named = searcher.search("OP 5 of A/RES/73/146", 1, config=FAKE)
    assert [h.unit.key for h in named] == ["A_RES_73_146:OP 5"]
    hits = searcher.search("arms embargo", 20, Filters(symbols=("S/2025/303",)), config=FAKE)
    assert len(hits) == 20 and {h.unit.doc for h in hits} == {"S_2025_303"}


def test_second_ingest_and_rebuild_embed_nothing(corpus_home):
    settings, files, _, _, _ = corpus_home
    again = ingest_files(files, Store(settings.store_path))
    assert {o.status for o in again} == {"unchanged"}
    report = rebuild(settings, [FakeEmbedder()])
    assert report.embedded == {"fake": 0}


def test_a_document_named_in_the_question_comes_first(corpus_home):
    settings = corpus_home[0]
    searcher = open_searcher(settings, [FakeEmbedder()])
    named = replace(FAKE, doc_boost=0.5)
    for question, doc in [
        ("What did resolution 73/146 say about the protection of victims?", "A_RES_73_146"),
        ("What does A/RES/78/228 request of the Secretary-General?", "A_RES_78_228"),
        ("What did HRC resolution 56/9 say about civilian firearms?", "A_HRC_RES_56_9"),
    ]:
        assert {h.unit.doc for h in searcher.search(question, 5, config=named)} == {doc}, question
    # A symbol that is not an indexed document boosts nothing: its mention is found as before.
    assert (
        searcher.search("CTOC/COP/WG.6/2021/INF/1/Rev.1", 1, config=named)[0].unit.key
        == "wg6-2021:para 55"
    )


def test_a_question_naming_a_document_is_answered_from_it(corpus_home):
    from rapporteur.assistant.answer import answer

    searcher = open_searcher(corpus_home[0], [FakeEmbedder()])
    a = answer(
        "What does A/RES/78/228 request of the Secretary-General?",
        searcher,
        config=replace(FAKE, doc_boost=0.5),
    )
    assert not a.abstained and {u.doc for u in a.citations} == {"A_RES_78_228"}


def test_a_question_naming_a_year_prefers_that_years_documents(corpus_home):
    searcher = open_searcher(corpus_home[0], [FakeEmbedder()])
    hits = searcher.search(
        "What did the 2019 resolution say about trafficking in persons?",
        5,
        config=replace(FAKE, doc_boost=0.5),
    )
    assert {h.unit.year for h in hits} == {2019}


def test_a_paragraph_of_a_resolution_named_by_number_is_that_resolutions(corpus_home):
    """Many resolutions have an OP 5: the one of the resolution the question names comes first,
    however the question names it."""
    searcher = open_searcher(corpus_home[0], [FakeEmbedder()])
    for question in (
        "OP 5 of resolution 75/158",
        "What does OP 5 of A/RES/75/158 ask?",
        "OP 5 of 75/158",
        "What does paragraph 5 of resolution 75/158 ask?",  # a resolution's paragraph: its OP
        "Que demande le paragraphe 5 de la résolution 75/158 ?",
        "第75/158号决议第5段要求什么？",
    ):
        hits = searcher.search(question, 3, config=FAKE)
        assert hits[0].unit.key == "A_RES_75_158:OP 5" and hits[0].named
        assert [h.named for h in hits[1:]] == [False, False]


def test_a_paragraph_no_document_is_named_for_comes_first_in_every_document(corpus_home):
    """An "OP 5" of no document names the OP 5 of every resolution, or of those whose titles
    the question's words name ("firearms"): all come before other units, the closest first."""
    searcher = open_searcher(corpus_home[0], [FakeEmbedder()])
    hits = searcher.search("What does OP 5 say?", 40, config=FAKE)
    named = [h for h in hits if h.named]
    assert len(named) > 5 and hits[: len(named)] == named
    assert {(h.unit.kind, h.unit.number) for h in named} == {("operative", 5)}
    hits = searcher.search("OP 5 on firearms manufacturers and dealers", 10, config=FAKE)
    named = [h for h in hits if h.named]
    assert 1 < len(named) < 6 and all("firearms" in h.unit.title.lower() for h in named)
    assert hits[0].unit.key == "A_HRC_RES_50_12:OP 5"  # "manufacturers and dealers of firearms"


def test_a_list_of_paragraphs_names_each_of_them(corpus_home):
    searcher = open_searcher(corpus_home[0], [FakeEmbedder()])
    hits = searcher.search("What do paras. 24 and 25 of S/2025/303 say?", 3, config=FAKE)
    assert [h.unit.label for h in hits[:2]] == ["annex para 24", "annex para 25"]
    assert [h.named for h in hits] == [True, True, False]
