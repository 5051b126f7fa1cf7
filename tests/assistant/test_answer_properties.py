"""`answer()` never raises, whatever the question: generated from real units of the corpus
(benchmarks/fuzz_questions.py, which the library fuzz of `make bench` sends over HTTP too)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.fuzz_questions import questions, windows
from rapporteur.assistant.answer import answer
from rapporteur.core.config import SearchConfig
from rapporteur.core.store import Store
from rapporteur.index import open_searcher, rebuild
from rapporteur.index.embedders import FakeEmbedder
from rapporteur.ingest.batch import ingest_files
from tests.conftest import CORPUS, SEED

FAKE = SearchConfig.plain({"bm25": 0.5, "fake": 0.5}, intent_boost=0.25, doc_boost=0.5)
PDFS = sorted((CORPUS / "pdf-2025").glob("*.pdf"))[:6] if CORPUS.is_dir() else []


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """The seed and a few real 2025 PDFs, indexed with the fake embedder."""
    from rapporteur.core.settings import Settings

    home = tmp_path_factory.mktemp("answer-fuzz")
    settings = Settings(home=home, embedders=("fake",))
    ingest_files([SEED, *PDFS], Store(settings.store_path))
    rebuild(settings, [FakeEmbedder()])
    searcher = open_searcher(settings, [FakeEmbedder()])
    return searcher, windows(searcher.units)


def test_answer_never_raises_on_generated_questions(library):
    searcher, texts = library

    @settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
    @given(questions(texts), st.booleans())
    def check(question, with_history):
        history = [{"role": "user", "content": texts[0]}] if with_history else None
        result = answer(question, searcher, history=history, config=FAKE)
        assert isinstance(result.text, str)
        retrieved = {h.unit.id for h in result.evidence}
        assert all(u.id in retrieved for u in result.citations)  # no citation is invented

    check()


def test_a_long_list_of_two_items_about_nothing_asked_is_kept_whole():
    """The HTTP 500 of "What measures has the UN recommended to control X in Y?": a long
    sentence with two inline items, neither sharing a word with the question."""
    from rapporteur.assistant.select import LONG_WORDS, trim

    lead = "The Council decided " + "to consider the matter further " * (LONG_WORDS // 5)
    sentence = f"{lead} (a) at its next session; (b) with the States concerned."
    text, compared = trim(sentence, lambda piece: 0.0)
    assert text.startswith("The Council decided") and "(a) at its next" in text
    assert "(b) with the States" in text and compared == text.split(" (a)")[0]
