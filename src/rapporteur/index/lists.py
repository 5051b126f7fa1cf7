"""First stage: the ranked lists, raw per-unit scores of BM25 and of each dense model.

A non-English question reads differently per list: BM25 takes the English corpus terms it
translates to (index/translate.py), and the lists in ``FOREIGN_TOPIC`` embed only its topic.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import numpy as np

from rapporteur.core.filters import Filters
from rapporteur.core.words import topic
from rapporteur.index.embedder import Embedder
from rapporteur.index.reader import IndexReader
from rapporteur.index.threads import side_by_side

# Dense lists that read only the topic of a non-English question, without its frame ("¿Qué se
# recomendó sobre ...?"): e5 was trained on short queries (docs/retrieval-report.md, cross-lingual).
# BM25 reads such a question as the English corpus terms it translates to (index/translate.py).
FOREIGN_TOPIC = ("e5-small",)


def list_names(index: IndexReader, lists: Sequence[str] | None, weights: dict) -> list[str]:
    """The lists a search runs: those named (else every weighted one) that this index has."""
    return [n for n in (lists or tuple(weights)) if n == "bm25" or n in index.dense]


def score_lists(
    index: IndexReader,
    query: str,
    names: Sequence[str],
    mask: np.ndarray | None = None,
    translate: bool = False,
    topic_lists: Sequence[str] = (),
    *,
    filters: Filters | None = None,
) -> dict[str, np.ndarray]:
    """Raw per-unit scores of each named list for the query (dense lists search within mask).

    ``translate``: BM25 reads the English corpus terms the question translates to (a
    non-English question); ``topic_lists``: dense lists that read only its topic.
    """
    texts = list_texts(index, query, names, topic_lists)
    if index.lists is not None:  # the engine filters itself: by the filters, else by the mask
        vectors = {n: _query_vector(index, n, texts[n]) for n in names if n in index.embedders}
        # Milvus's BM25 takes text: the translated terms, without their weights.
        bm25_text = " ".join(index.translated(query)) if translate and index.lexicon else query
        out = index.lists.score_lists(
            bm25_text, names, filters if filters is not None else mask, vectors
        )
        # A list the engine does not serve (bm25 on a Milvus before 2.5) comes from our files.
        names = [n for n in names if n not in out]
    else:
        out = {}
    for name in names:
        if name == "bm25":
            out[name] = bm25_foreign(index, query) if translate else index.lexical.scores(query)
        elif name in index.dense:
            out[name] = index.dense[name].scores(_query_vector(index, name, texts[name]), mask)
    return out


def bm25_foreign(index: IndexReader, query: str) -> np.ndarray:
    """BM25 for a non-English question: over the English terms it translates to, when a lexicon
    is loaded."""
    if index.lexicon is None:
        return index.lexical.scores(query)
    return index.lexical.weighted_scores(index.translated(query))


def list_texts(
    index: IndexReader, query: str, names: Sequence[str], topic_lists: Sequence[str]
) -> dict[str, str]:
    """What each named dense list embeds: the question, or its topic for ``topic_lists``."""
    about = topic(query) if any(n in topic_lists for n in names) else query
    return {n: about if n in topic_lists else query for n in names if n in index.embedders}


def embed_question(
    index: IndexReader,
    query: str,
    names: Sequence[str],
    foreign: bool,
    also: Embedder | None = None,
) -> None:
    """Fill each model's question cache at once, one thread per model (the passes are
    independent), so the dense lists and the second stage (``also``, its embedder) read their
    vectors from it."""
    topic_lists = FOREIGN_TOPIC if foreign else ()
    wanted = [
        (index.embedders[n], text)
        for n, text in list_texts(index, query, names, topic_lists).items()
    ]
    if also is not None:
        wanted.append((also, query))
    texts: dict[int, tuple[Embedder, set[str]]] = {}
    for embedder, text in wanted:
        texts.setdefault(id(embedder), (embedder, set()))[1].add(text)
    side_by_side([partial(_embed_all, e, sorted(ts)) for e, ts in texts.values()])


def _query_vector(index: IndexReader, name: str, query: str) -> np.ndarray:
    return index.embedders[name].query_vector(query)


def _embed_all(embedder: Embedder, texts: list[str]) -> None:
    for text in texts:
        embedder.query_vector(text)
