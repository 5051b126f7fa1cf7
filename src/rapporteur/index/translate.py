"""Cross-lingual BM25: a non-English question's words looked up in the corpus's own English words.

BM25 cannot match "blanchiment d'argent" with "money-laundering", and on a Spanish or French
question its English stemmer only adds noise ("armes" -> "arm"). A multilingual sentence encoder
puts a phrase and its translation close together, so each content phrase of the question is
embedded and replaced by its nearest terms in a lexicon of the corpus's own words and two-word
terms, embedded once at index time ("blanchiment d'argent" -> "money-laundering", "courtiers"
-> "brokers", "África Occidental" -> "west africa"). BM25 then runs on those English terms.

Pure parts (vocabulary, phrases, choosing terms) are separate from the embedding I/O.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np

from rapporteur.core.text import HAN, han_spans
from rapporteur.core.text import LETTER_WORD as WORD
from rapporteur.index.lexical import STOPWORDS

MODEL = "use-m3"  # the embedder whose shared space translates: fast (8k terms/s) and multilingual
MAX_TERMS = (
    30_000  # most frequent words and two-word terms kept (30k x 512-d: 31 MB on disk, 61 in memory)
)
MIN_BIGRAM = 2  # a two-word term must occur at least this often
PAIR_TEXTS = 50_000  # texts whose two-word terms are counted (all of them below this)
MIN_SIMILARITY = 0.6  # below this a neighbour is another concept, not a translation
PER_PHRASE = 2  # English terms taken per question phrase
# Function words of the other UN languages (Spanish, French, Russian, Arabic; Chinese question
# frames once jieba has cut the words apart),
# and the question frames ("qu'a-t-on dit", "se recomendó") that carry no topic. The answerer's
# abstention check adds its framing words (assistant/terms.py) to these.
_FOREIGN_STOPWORDS = """a acerca al algo como cómo con cuál cuáles cuándo cuando cuánto cuántos cuántas de del donde
    dónde el ella en entre era es esa ese eso esta este esto estos estas hay la las le lo los más o
    para pero por porque qué que quién quiénes se según ser sin sobre su sus un una uno unos unas y
    ya respecto dijo dijeron dice dicho hizo hicieron decidió recomendó recomienda recomiendan
    recomendaron recomendado recomendación recomendaciones ha han sido fue fueron
    qu qu'a qu'a-t-on quoi quel quelle quels quelles qui quand combien pourquoi au aux avec ce ces
    cet cette comment dans de des du elle en est et il ils la le les leur leurs mais ou où par pas
    pour sa sans se selon son sont sous sur ta un une vos votre dit dire a-t-on décidé recommande
    recommande-t-on recommandent recommandé recommandée recommandations recommandation concernant
    concerne concernent sujet propos été était ont fait faire faut faut-il doit doivent peut
    peuvent porte portent debe deben deberían debería puede pueden hacer hace
    и в во не что как на о об по с со к у из за для это был была были ли
    какие какой какая какое каких каким сколько когда где кто чем почему этот эта эти этого
    который которая которые которых согласно также или при между после до
    ما ماذا هي هو التي الذي الذين اللذين في فيها فيه من إلى الى على عن مع هل كم كيف متى أين
    لماذا أي وفقا وفقاً حسب ذلك هذا هذه تلك كان كانت قد لم لا أن إن أو ثم بعد قبل بين عند
    لدى منذ حول خلال ضد وما وهل
    哪些 哪个 哪一天 哪里 什么 如何 怎样 为什么 多少 是否 由谁来 由谁 根据 关于 对于 以及"""
FOREIGN_STOPWORDS = frozenset(_FOREIGN_STOPWORDS.split())


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


def _content_spans(query: str) -> list[tuple[int, int]]:
    """Where the question's content words are (function words and question frames left out)."""
    spans = []
    for m in WORD.finditer(query):
        if HAN.search(m.group()) and len(m.group()) > 3:  # Chinese: no spaces between words
            spans += [
                (a, b)
                for a, b in han_spans(m.group(), m.start())
                if query[a:b] not in FOREIGN_STOPWORDS
            ]
            continue
        word = re.sub(r"^[a-z]{1,2}['’]", "", m.group().lower())  # d'argent, l'arme, qu'a
        if len(word) > 1 and word not in FOREIGN_STOPWORDS and word not in STOPWORDS:
            spans.append((m.start() + len(m.group()) - len(word), m.end()))
    return spans


def topic(query: str) -> str:
    """The question from its first content word on, without the frame (pure):
    "¿Qué se recomendó sobre el registro de armas de fuego?" -> "registro de armas de fuego"."""
    spans = _content_spans(query)
    return query[spans[0][0] :].strip(" ?¿!¡.") if spans else query


def words_and_pairs(
    query: str, skip: frozenset[str] = frozenset()
) -> tuple[list[str], list[tuple[int, str]]]:
    """The question's content words, and each pair of neighbouring ones as written with the
    index of its first word (pure); ``skip`` drops more words (an answerer's framing words)."""
    spans = [(a, b) for a, b in _content_spans(query) if query[a:b].lower() not in skip]
    words = [query[a:b] for a, b in spans]
    pairs = [
        (i, query[a[0] : b[1]])
        for i, (a, b) in enumerate(pairwise(spans))
        if b[0] - a[1] <= (1 if HAN.match(query[b[0]]) else 12)  # Chinese: a word between at most
    ]
    return words, pairs


def phrases(query: str) -> list[str]:
    """The question's content words and each pair of neighbouring ones, as written (pure).

    A pair keeps the function words between ("armas de fuego"), so the encoder sees the phrase.
    """
    words, pairs = words_and_pairs(query)
    return list(dict.fromkeys(words + [p for _, p in pairs]))


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
