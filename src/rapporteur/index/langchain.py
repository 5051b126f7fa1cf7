"""LangChain adapter: a `Searcher` as a LangChain retriever. LangChain types stop at this module.

>>> retriever = RapporteurRetriever(searcher=open_searcher(settings), k=5)
>>> docs = retriever.invoke("What was recommended on cryptocurrencies?")
>>> docs[0].metadata["unit"]
'rec 18'
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from rapporteur.core.config import SearchConfig
from rapporteur.core.filters import Filters
from rapporteur.core.units import Hit


def to_document(hit: Hit) -> Document:
    """A hit as a LangChain Document: the unit's text, and what a citation needs as metadata."""
    record = hit.to_dict()
    return Document(page_content=record.pop("text"), id=record["id"], metadata=record)


class RapporteurRetriever(BaseRetriever):
    """The k best units for a query, within filters, as LangChain Documents."""

    searcher: Any  # index.search.Searcher, loaded once by the caller
    k: int = 10
    filters: Filters | dict | None = None  # a Filters, or its dict form ({"kinds": ["rec"]})
    config: SearchConfig | None = None  # None: the searcher's default configuration

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        filters = (
            Filters.from_dict(self.filters) if isinstance(self.filters, dict) else self.filters
        )
        return [
            to_document(hit) for hit in self.searcher.search(query, self.k, filters, self.config)
        ]
