"""`answer()` never raises, whatever the question: generated from real units of the corpus."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapporteur.assistant.answer import answer
from rapporteur.core.store import Store
from rapporteur.index import open_searcher, rebuild
from rapporteur.index.embedders import FakeEmbedder
from rapporteur.index.search import SearchConfig
from rapporteur.ingest.batch import ingest_files
from tests.conftest import CORPUS, SEED

FAKE = SearchConfig.plain({"bm25": 0.5, "fake": 0.5}, intent_boost=0.25, doc_boost=0.5)
PDFS = sorted((CORPUS / "pdf-2025").glob("*.pdf"))[:6] if CORPUS.is_dir() else []

FRAMES = [
    "What measures has the UN recommended to control {x} in {y}?",
    "What was recommended on {x}?",
    "{x}",
    "Que dit le rapport sur {x} ?",
    "¿Qué se recomendó sobre {x} en {y}?",
    "Что говорится о {x}?",
    "ما الذي أوصي به بشأن {x}؟",
    "关于{x}有什么建议？",
    "and what about {x}?",
    "What does paragraph {n} of {s} say about {x}?",
    "OPs {n} to {m} of resolution 73/146 on {x}",
    "the {o} preambular paragraph of {s}",
    "recommendation {n}",
    "(a) {x}; (b) {y}",
    "Which {x} were seized between {y} and {x}?",
]
REFS = ["S/2025/303", "A/80/16", "JIU/REP/2025/1", "resolution 2769 (2025)", "A/RES/73/146"]
ODD = st.text(
    st.characters(blacklist_categories=("Cs",), min_codepoint=1), min_size=0, max_size=300
)


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """The seed and a few real 2025 PDFs, indexed with the fake embedder."""
    from rapporteur.core.settings import Settings

    home = tmp_path_factory.mktemp("answer-fuzz")
    settings = Settings(home=home, embedders=("fake",))
    ingest_files([SEED, *PDFS], Store(settings.store_path))
    rebuild(settings, [FakeEmbedder()])
    searcher = open_searcher(settings, [FakeEmbedder()])
    windows = []
    for unit in searcher.units[::7]:
        words = unit.text.split()
        windows += [" ".join(words[i : i + n]) for i, n in ((0, 5), (len(words) // 2, 9))]
    return searcher, [w for w in windows if w]


def questions(windows: list[str]):
    pieces = st.one_of(st.sampled_from(windows), ODD)
    framed = st.builds(
        lambda f, x, y, n, m, o, s: f.format(x=x, y=y, n=n, m=m, o=o, s=s),
        st.sampled_from(FRAMES),
        pieces,
        pieces,
        st.integers(0, 400),
        st.integers(0, 400),
        st.sampled_from(["first", "fifth", "3rd", "twenty-first"]),
        st.sampled_from(REFS),
    )
    return st.one_of(framed, ODD, st.just(" \n\t "), st.just("x " * 3000))


def test_answer_never_raises_on_generated_questions(library):
    searcher, windows = library

    @settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
    @given(questions(windows), st.booleans())
    def check(question, with_history):
        history = [{"role": "user", "content": windows[0]}] if with_history else None
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
