"""The indexed units' vocabulary: how many units hold each stemmed term (for IDF), and whether a
word occurs anywhere at all (for "no indexed document mentions X")."""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence

from rapporteur.core.words import tokenize

PREFIX = 5  # letters two stems must share to count as the same word ("Nigerian", "Nigeria")


class Vocabulary:
    """Document frequencies, counted once on first use from ``counts()`` (BM25's own columns),
    or from the texts when that index keeps none."""

    def __init__(
        self, counts: Callable[[], tuple[dict[str, int], int]], texts: Sequence[str]
    ) -> None:
        self._counts, self._texts = counts, texts
        self._df: tuple[dict[str, int], int] | None = None
        self._sorted: list[str] | None = None  # the terms, sorted, for prefix lookups

    def frequencies(self) -> tuple[dict[str, int], int]:
        """How many units hold each term, and how many units there are."""
        if self._df is None:
            try:
                self._df = self._counts()
            except (AttributeError, KeyError, TypeError):  # a BM25 without per-term columns
                df: dict[str, int] = {}
                for text in self._texts:
                    for t in set(tokenize(text)):
                        df[t] = df.get(t, 0) + 1
                self._df = (df, len(self._texts))
        return self._df

    def idf(self, term: str) -> float:
        """IDF of a stemmed term (a term in no unit gets the largest)."""
        df, n = self.frequencies()
        return math.log((n + 1) / (df.get(term, 0) + 0.5))

    def mentions(self, word: str) -> bool:
        """Whether some unit holds ``word``: its stem, or for a stem of PREFIX letters or more a
        stem with the same first PREFIX letters."""
        df, _ = self.frequencies()
        if self._sorted is None:
            self._sorted = sorted(df)
        for stem in tokenize(word):
            if df.get(stem):
                return True
            if len(stem) >= PREFIX:
                at = bisect.bisect_left(self._sorted, stem[:PREFIX])
                if at < len(self._sorted) and self._sorted[at].startswith(stem[:PREFIX]):
                    return True
        return False
