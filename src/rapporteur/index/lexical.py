"""Lexical search: a BM25 index (bm25s) over core/words.tokenize, which keeps UN symbols and acronyms whole."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rapporteur.core.words import tokenize


class Lexical:
    """BM25 over unit texts (one row per unit), saved as bm25s files in a folder."""

    def __init__(self, retriever) -> None:
        self.retriever = retriever

    @classmethod
    def build(cls, texts: list[str]) -> Lexical:
        import bm25s

        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index([tokenize(t) or ["_empty_"] for t in texts], show_progress=False)
        return cls(retriever)

    def save(self, folder: Path) -> None:
        self.retriever.save(str(folder))

    @classmethod
    def load(cls, folder: Path) -> Lexical:
        import bm25s

        return cls(bm25s.BM25.load(str(folder), mmap=False))

    def document_frequencies(self) -> tuple[dict[str, int], int]:
        """How many units hold each token, and how many units there are."""
        # bm25s keeps a sparse column per token: its length is the token's document frequency
        lengths = np.diff(self.retriever.scores["indptr"])
        df = {t: int(lengths[i]) for t, i in self.retriever.vocab_dict.items() if i < len(lengths)}
        return df, int(self.retriever.scores["num_docs"])

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every unit for the query (zeros where no query term occurs)."""
        tokens = [t for t in tokenize(query) if t in self.retriever.vocab_dict]
        n = self.retriever.scores["num_docs"]
        if not tokens:
            return np.zeros(n, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(tokens), dtype=np.float32)

    def weighted_scores(self, terms: dict[str, float]) -> np.ndarray:
        """BM25 with a weight per query term: each token's score times its term's weight."""
        weights: dict[str, float] = {}
        for term, weight in terms.items():
            for token in tokenize(term):
                if token in self.retriever.vocab_dict:
                    weights[token] = max(weights.get(token, 0.0), weight)
        out = np.zeros(self.retriever.scores["num_docs"], dtype=np.float32)
        for token, weight in weights.items():
            out += weight * np.asarray(self.retriever.get_scores([token]), dtype=np.float32)
        return out
