"""The LangChain retriever over a fake-embedder index of the seed report."""

from __future__ import annotations

import pytest
from langchain_core.documents import Document

from rapporteur.core.config import SearchConfig
from rapporteur.core.errors import ConfigError
from rapporteur.core.filters import Filters
from rapporteur.index.langchain import RapporteurRetriever

FAKE = SearchConfig.plain({"bm25": 0.5, "fake": 0.5})


@pytest.fixture(scope="module")
def searcher(fake_searcher):
    return fake_searcher


def test_invoke_returns_documents_with_citation_metadata(searcher):
    docs = RapporteurRetriever(searcher=searcher, k=3, config=FAKE).invoke("iArms")
    assert len(docs) == 3 and all(isinstance(d, Document) for d in docs)
    top = docs[0]
    assert top.page_content.startswith(
        "States should, where appropriate and feasible, populate the INTERPOL"
    )
    assert {k: top.metadata[k] for k in ("doc", "unit", "kind", "key")} == {
        "doc": "wg6-2021",
        "unit": "rec 43",
        "kind": "recommendation",
        "key": "wg6-2021:rec 43",
    }
    # the record's one shape (Hit.to_dict) less the text, which is the page content
    assert set(top.metadata) == set(searcher.search("iArms", 1, None, FAKE)[0].to_dict()) - {"text"}
    assert top.id == top.metadata["id"]
    assert "Recommendations" in top.metadata["section"]
    scores = [d.metadata["score"] for d in docs]
    assert scores == sorted(scores, reverse=True)


def test_same_hits_as_the_searcher(searcher):
    query = "marking of firearms"
    docs = RapporteurRetriever(searcher=searcher, k=8, config=FAKE).invoke(query)
    assert [d.metadata["key"] for d in docs] == [
        h.unit.key for h in searcher.search(query, 8, config=FAKE)
    ]
    assert [d.id for d in docs] == [h.unit.id for h in searcher.search(query, 8, config=FAKE)]


@pytest.mark.parametrize("filters", [Filters(kinds=("footnote",)), {"kinds": ["footnotes"]}])
def test_filters_as_record_or_dict(searcher, filters):
    docs = RapporteurRetriever(searcher=searcher, k=10, filters=filters, config=FAKE).invoke(
        "European Union"
    )
    assert sorted(d.metadata["unit"] for d in docs) == ["footnote 1", "footnote 2"]


def test_bad_filter_is_a_config_error(searcher):
    with pytest.raises(ConfigError, match="unknown kind"):
        RapporteurRetriever(searcher=searcher, filters={"kinds": ["memo"]}, config=FAKE).invoke("x")


def test_batch_like_any_runnable(searcher):
    retriever = RapporteurRetriever(searcher=searcher, k=1, config=FAKE)
    out = retriever.batch(["iArms", "what does recommendation 18 say?"])
    assert [docs[0].metadata["unit"] for docs in out] == ["rec 43", "rec 18"]
