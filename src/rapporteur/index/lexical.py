"""Lexical search: a BM25 index (bm25s) with a tokenizer that keeps UN symbols and acronyms whole."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from rapporteur.core.grammar import SYMBOL
from rapporteur.core.text import TOKEN_WORD

# UN document symbols ("CTOC/COP/WG.6/2021/INF/1/Rev.1", "A/RES/73/146", "S/2025/303") stay one token;
# so do words with inner hyphens or dots ("money-laundering", "16.4"), whose parts are added too.
TOKEN = re.compile(f"(?P<symbol>{SYMBOL.pattern})|{TOKEN_WORD.pattern}")
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "said",
        "say",
        "says",
        "tell",
        "told",
        "anything",
        "something",
        "regarding",
        "concerning",
    ]
)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    """Lowercased, stemmed tokens; symbols whole; stopwords out (pure)."""
    tokens: list[str] = []
    for m in TOKEN.finditer(text):
        word = m.group().lower()
        if m["symbol"]:
            tokens.append(word.rstrip("."))
            continue
        parts = re.split(r"[-.'’]", word) if re.search(r"[-'’]", word) else []
        for w in [word, *parts]:
            if w and w not in STOPWORDS and not (len(w) == 1 and not w.isdigit()):
                tokens.append(w)
    stem = _stemmer().stemWord
    return [t if ("/" in t or any(c.isdigit() for c in t)) else stem(t) for t in tokens]


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
