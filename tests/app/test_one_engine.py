"""One engine: the LangChain retriever, `Searcher.search` and `answer` with no configuration, the
facade and the HTTP API rank the same units for the same question (the product's settings)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rapporteur.app.api import create_app
from rapporteur.app.facade import Rapporteur
from rapporteur.assistant.answer import answer
from rapporteur.core.config import SearchConfig, config_from
from rapporteur.index.langchain import RapporteurRetriever

QUESTIONS = [
    "What was recommended on cryptocurrencies?",
    "What is recommended about marking firearms?",
    "¿Qué se recomendó sobre las criptomonedas?",
    "iArms",
]


def test_a_configuration_with_no_arguments_is_the_products(tmp_path):
    from rapporteur.core.settings import Settings

    assert SearchConfig() == config_from(Settings(home=tmp_path))


@pytest.mark.model
def test_every_surface_ranks_the_same_units(seed_index):
    settings, searcher = seed_index
    facade = Rapporteur.open(settings, list(searcher.embedders.values()))
    retriever = RapporteurRetriever(searcher=searcher, k=5)
    with TestClient(create_app(settings, facade)) as client:
        for q in QUESTIONS:
            plain = [h.unit.key for h in searcher.search(q, 5)]
            assert [h.unit.key for h in facade.search(q, 5)] == plain, q
            assert [d.metadata["key"] for d in retriever.invoke(q)] == plain, q
            body = client.post("/api/search", json={"query": q, "k": 5}).json()
            assert [h["key"] for h in body["hits"]] == plain, q
            assert answer(q, searcher).text == facade.ask(q).text, q
