"""Cross-lingual BM25: a non-English question's words looked up in the corpus's own English words.

BM25 cannot match "blanchiment d'argent" with "money-laundering", and on a Spanish or French
question its English stemmer only adds noise ("armes" -> "arm"). A multilingual sentence encoder
puts a phrase and its translation close together, so each content phrase of the question is
embedded and replaced by its nearest terms in a lexicon of the corpus's own words and two-word
terms, embedded once at index time ("blanchiment d'argent" -> "money-laundering", "courtiers"
-> "brokers", "África Occidental" -> "west africa"). BM25 then runs on those English terms.

Pure parts (vocabulary, choosing terms; a question's phrases in core/words.py) are separate from
the embedding I/O.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np

from rapporteur.core.text import LETTER_WORD as WORD
from rapporteur.core.words import STOPWORDS, phrases

MODEL = "use-m3"  # the embedder whose shared space translates: fast (8k terms/s) and multilingual
MAX_TERMS = (
    30_000  # most frequent words and two-word terms kept (30k x 512-d: 31 MB on disk, 61 in memory)
)
MIN_BIGRAM = 2  # a two-word term must occur at least this often
PAIR_TEXTS = 50_000  # texts whose two-word terms are counted (all of them below this)
MIN_SIMILARITY = 0.6  # below this a neighbour is another concept, not a translation
PER_PHRASE = 2  # English terms taken per question phrase


def vocabulary(texts: Iterable[str], max_terms: int = MAX_TERMS) -> list[str]:
    """The corpus's content words and repeated two-word terms, most frequent first (pure).

    Words are counted in every text; pairs in at most PAIR_TEXTS texts spread evenly over the
    corpus (a million units hold tens of millions of distinct pairs, and only frequent ones
    are kept).
    """
    texts = list(texts)
    stride = max(1, -(-len(texts) // PAIR_TEXTS))
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for i, text in enumerate(texts):
        tokens = [w.lower() for w in WORD.findall(text)]
        content = [w if len(w) > 2 and w not in STOPWORDS else "" for w in tokens]
        words.update(w for w in content if w)
        if i % stride == 0:
            pairs.update(f"{a} {b}" for a, b in pairwise(content) if a and b)
    terms = words.most_common() + [(p, n) for p, n in pairs.most_common() if n >= MIN_BIGRAM]
    terms.sort(key=lambda t: -t[1])  # stable: a word before a pair of equal count
    return [t for t, _ in terms[:max_terms]]


def choose(
    similarity: np.ndarray,
    terms: Sequence[str],
    per_phrase: int = PER_PHRASE,
    threshold: float | None = None,
) -> dict[str, float]:
    """English terms for each phrase (rows of ``similarity``), its best ``per_phrase`` above the
    threshold, each with its best similarity as its weight (pure)."""
    threshold = MIN_SIMILARITY if threshold is None else threshold
    chosen: dict[str, float] = {}
    for row in similarity:
        for i in best_columns(row, per_phrase):
            if row[i] >= threshold:
                chosen[terms[i]] = max(chosen.get(terms[i], 0.0), float(row[i]))
    return chosen


def best_columns(row: np.ndarray, n: int) -> np.ndarray:
    """``np.argsort(-row, kind="stable")[:n]`` without sorting the whole row (pure): the values
    at least the n-th largest, stably sorted. Ties keep column order, as the full sort does; a
    30,000-term row sorts in ~4 ms on the loaded bench machine, this takes a fraction of that."""
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    negated = -np.asarray(row)
    if n >= len(negated):
        return np.argsort(negated, kind="stable")[:n]
    nth = np.partition(negated, n - 1)[n - 1]
    candidates = np.flatnonzero(negated <= nth)  # column order: the stable sort keeps it on ties
    return candidates[np.argsort(negated[candidates], kind="stable")][:n]


class Lexicon:
    """The corpus's terms and their vectors in one multilingual embedder's space."""

    def __init__(self, terms: list[str], vectors: np.ndarray, model_id: str) -> None:
        self.terms = terms
        self.vectors = np.asarray(vectors, dtype=np.float32)  # float16 on disk
        self.model_id = model_id

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "terms.json").write_text(
            json.dumps({"model_id": self.model_id, "terms": self.terms}, ensure_ascii=False),
            encoding="utf-8",
        )
        np.save(
            folder / "vectors.npy", self.vectors.astype(np.float16)
        )  # half the bytes; cosines move by ~0.001

    @classmethod
    def load(cls, folder: Path) -> Lexicon:
        meta = json.loads((folder / "terms.json").read_text(encoding="utf-8"))
        return cls(meta["terms"], np.load(folder / "vectors.npy"), meta["model_id"])

    def similarity(self, texts: Sequence[str], embedder) -> np.ndarray:
        """Cosines of each text (rows) to every term (columns)."""
        if not texts or not self.terms:
            return np.zeros((len(texts), len(self.terms)), dtype=np.float32)
        # One batch; USE-m3 is symmetric (no query/passage prefixes), so passages are queries.
        return np.asarray(embedder.embed_passages(list(texts)), dtype=np.float32) @ self.vectors.T

    def lookup(
        self, texts: Sequence[str], embedder, per_phrase: int = PER_PHRASE
    ) -> list[dict[str, float]]:
        """Each text's nearest corpus terms above the threshold, with their cosines."""
        return [
            choose(row[None], self.terms, per_phrase) for row in self.similarity(texts, embedder)
        ]

    def translate(self, query: str, embedder) -> dict[str, float]:
        """The question as weighted English corpus terms (empty when no phrase has a close one)."""
        return choose(self.similarity(phrases(query), embedder), self.terms)


def as_text(terms: dict[str, float]) -> str:
    """Weighted English terms as one text, heaviest first (ties: as given): how a non-English
    question is read by the English-only verdict, in training and at search (pure)."""
    return " ".join(sorted(terms, key=lambda t: -terms[t]))
