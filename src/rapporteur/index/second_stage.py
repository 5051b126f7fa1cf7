"""Second stage and last stages: the best candidates re-scored by a finer scorer (index/rerank.py),
the verdict's read of the question against the best units (index/verdict.py), and for a question
not in English the multilingual reader's order (index/e5_reader.py).

``SecondStage`` owns what these load and keep: the scorers by name, once per index, and the
last question's verdicts (the answer's judge reads the units the search's last stage read).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from rapporteur.core.config import SearchConfig
from rapporteur.core.questions import is_foreign
from rapporteur.core.units import Unit
from rapporteur.index.fusion import top_k
from rapporteur.index.ranker import DEPTH, reorder
from rapporteur.index.reader import IndexReader
from rapporteur.index.rerank import Scorer, SentenceScorer, load_scorer, rescore
from rapporteur.index.translate import as_text
from rapporteur.index.verdict import load_verdict

FOREIGN_READER = "e5-reader"  # the multilingual reader's scorer, by its model's name


@lru_cache(maxsize=1)
def _e5_reader():
    """The multilingual reader's model, loaded once per process on first use."""
    from rapporteur.index.e5_reader import load_e5_reader

    return load_e5_reader()


class SecondStage:
    """The re-scoring stages over one index, with their models and caches."""

    def __init__(self, index: IndexReader) -> None:
        self.index = index
        self._scorers: dict[str, Scorer] = {}
        # the last question, what the verdict reads for it (``reads``) and its scores by unit id
        self._verdicts: tuple[str | None, str | None, dict[str, float]] = (None, None, {})

    def scorer(self, reranker):
        """The scorer a name stands for, loaded once per index (or the Scorer given)."""
        if not isinstance(reranker, str):
            return reranker
        if reranker not in self._scorers:
            index = self.index
            self._scorers[reranker] = load_scorer(reranker, index.embedders, index.cache_path)
        return self._scorers[reranker]

    def for_question(self, config: SearchConfig, foreign: bool):
        """The scorer that re-scores this question's candidates, or None (off, or an English-only
        scorer and a question that is not English)."""
        if not config.rerank:
            return None
        scorer = self.scorer(config.reranker)
        return None if foreign and scorer.english_only else scorer

    def embedders(self) -> list:
        """The models the loaded scorers embed questions with."""
        return [s.embedder for s in self._scorers.values() if isinstance(s, SentenceScorer)]

    def foreign_reader(self) -> SentenceScorer:
        """The multilingual reader as a best-sentence scorer, loaded once per index (its
        sentences' vectors kept in the index's embedding cache)."""
        if FOREIGN_READER not in self._scorers:
            self._scorers[FOREIGN_READER] = SentenceScorer(_e5_reader(), self.index.cache_path)
        return self._scorers[FOREIGN_READER]  # type: ignore[return-value]

    def read_foreign(
        self, query: str, fused: np.ndarray, named: set[int], config: SearchConfig
    ) -> tuple[np.ndarray, dict[int, float]]:
        """Last of all, for a question not in English: the ranker's ``DEPTH`` best units (30, as in
        the reader's pilot) re-ordered by the
        multilingual reader's best-sentence score blended with their order by rank at
        ``foreign_reader_weight`` (units the question names stay first), and its score of each."""
        rows = top_k(fused, DEPTH)
        if len(rows) < 2:
            return fused, {}
        scores = self.foreign_reader().score(query, [self.index.units[r] for r in rows])
        out = np.array(fused, dtype=np.float64)
        out[rows] = reorder(
            out[rows], scores, [r in named for r in rows], config.foreign_reader_weight
        )
        return out, dict(zip(rows, scores.tolist(), strict=True))

    def rerank(
        self, query: str, fused: np.ndarray, config: SearchConfig, scorer: Scorer
    ) -> tuple[np.ndarray, dict[int, float]]:
        """Fused scores with the best ``rerank_depth`` candidates re-scored by ``scorer``, and the
        scorer's score of each candidate row."""
        rows = top_k(fused, config.rerank_depth)
        units = [self.index.units[r] for r in rows]
        second = np.asarray(scorer.score(query, units), dtype=np.float32)
        return rescore(fused, rows, second, config.rerank_weight), dict(
            zip(rows, second.tolist(), strict=True)
        )

    def read_best(
        self, query: str, fused: np.ndarray, mask: np.ndarray, config: SearchConfig
    ) -> np.ndarray:
        """Last stage: the verdict reads the question against the ``verdict_depth`` best units'
        likeliest clauses; ``verdict_weight`` times its probability is added to their scores.
        A question the verdict cannot read (``reads``) keeps its scores."""
        rows = [r for r in top_k(np.where(mask, fused, -np.inf), config.verdict_depth) if mask[r]]
        if not rows:
            return fused
        logits = self.verdicts(query, [self.index.units[r] for r in rows])
        if np.isnan(logits).all():
            return fused
        out = np.array(fused, dtype=np.float32)
        out[rows] += config.verdict_weight / (1.0 + np.exp(-logits))
        return out

    def reads(self, question: str) -> str | None:
        """What the verdict reads for a question: an English one as asked; another as the
        index's English terms for it (index/translate.py) when the shipped verdict was trained
        on such terms; None when it cannot read it (no lexicon, no close term, English only)."""
        if not is_foreign(question):
            return question
        if not load_verdict().reads_terms:
            return None
        return as_text(self.index.translated(question)) or None

    def verdicts(self, question: str, units: Sequence[Unit]) -> np.ndarray:
        """Per unit, the verdict model's logit that its likeliest clause answers the question
        (index/verdict.py, loaded once per process on first use; NaN for a question it cannot
        read, ``reads``). The last question's scores are kept. Concurrent questions each write
        into their own question's scores, never another's."""
        cached = self._verdicts  # read once: another thread may start another question
        if cached[0] != question:
            cached = self._verdicts = (question, self.reads(question), {})
        _, text, known = cached  # only this question's scores are written here
        new = list({u.id: u for u in units if u.id not in known}.values())
        if new:
            scores = load_verdict().read(text, new).tolist() if text else [float("nan")] * len(new)
            known.update(zip((u.id for u in new), scores))
        return np.array([known[u.id] for u in units], dtype=np.float32)
