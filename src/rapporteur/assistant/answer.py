"""Cited answers from retrieved units: extractive by default, generative when a model is given.

``answer(question, searcher, history)`` runs, in order:

1. **Follow-ups** (``standalone_question``): "and what about ammunition?" after a question on
   marking becomes "What is recommended about marking …, and about ammunition?", with
   "ammunition" as the *focus* the evidence must cover.
2. **Retrieval**: ``K_EVIDENCE`` units from ``Searcher.search``.
3. **Does the evidence address the question?** (``judge``) No similarity threshold: every
   dense model puts unrelated UN prose at high cosine (e5-small 0.78-0.89 for questions the
   report does not answer, 0.80-0.93 for ones it does). Instead:

   - English: the question's content words (stemmed, question framing such as "recommend",
     "say", "Working Group" left out) must be found in the evidence, exactly, by stem prefix
     ("crypto" -> "cryptocurrencies") or by a close word vector (USE-m3, cosine >= ``SOFT_AT``:
     "guns" -> "firearms" 0.80, "dark" -> "darknet" 0.69). Numbers must match exactly. The
     question is abstained on when the words found nowhere carry ``MISSING_AT`` or more of the
     question's IDF weight. On the seed report the answerable questions (dev, our extra set
     and the eval harness's paraphrase set, 64 in English) reach at most 0.38 ("match",
     "cartridge" in "What tool does Colombia use to match bullets and cartridge cases…"), the
     unanswerable ones that abstain at least 0.44 ("host" in "Which country will host the
     next meeting?").
   - Spanish/French: the same with their content words matched to English evidence words by
     vector ("criptomonedas" -> "cryptocurrencies" 0.63), equal weights. One word can miss a
     compound ("feu" in "armes à feu"), so a question that fails on words is still answered
     when some unit is in the top ``AGREE_TOP`` of both e5-small and USE-m3.
   - A question that names a unit ("rec 18") is always answered.

   - English, with the default second stage: also abstained on when no sentence of the evidence
     reaches the second stage's cosine floor (``SENTENCE_FLOORS``; MiniLM 0.40, the reader
     0.37): this catches words found in *different* passages ("sanctions … Security Council …
     Libya", MiniLM 0.36; answerable questions >= 0.46).

   Known limits: a missing word can be outweighed by found ones ("the General Assembly …
   the budget of UNODC"), and the more documents are indexed the more stray words are found
   (see ``tests/assistant/test_answer_dev.py``).
4. **Sentences** (``select_sentences``): sentences of the best units scored by the weighted
   share of question words they contain, their USE-m3 cosine to the question, and their
   unit's retrieval score; the best few, grouped by unit (recommendations first when the
   question asks what was recommended), each ending with its UN reference
   "(recommendation 18)".
5. **Citations are checked after generation** (``check_citations``, pure): every reference,
   key form "[wg6-2021:rec 18]" or prose "(para. 9)", must name a retrieved unit; others are
   removed, and so is a sentence left with none.

The steps live in ``rapporteur.assistant.followup``, ``rapporteur.assistant.abstain``
(with ``rapporteur.assistant.terms``),
``rapporteur.assistant.select`` and ``rapporteur.assistant.citations``; this module joins them.

Calibrated on ``../shared/eval/dev_questions.jsonl`` and ``eval/seed/answers.jsonl``
(``tests/assistant/test_answer_dev.py`` prints the figures with ``pytest -s``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import numpy as np

from rapporteur.assistant.abstain import (
    SENTENCE_FLOORS,
    SOFT_MODEL,
    SUPPORT_AT,
    Judgement,
    judge,
    match_terms,
    similar,
    support,
    unit_supports,
)
from rapporteur.assistant.citations import check_citations, cite
from rapporteur.assistant.followup import standalone_question
from rapporteur.assistant.generate import generative_answer
from rapporteur.assistant.ports import Index
from rapporteur.assistant.select import (
    attributed,
    by_document,
    distinct,
    score_sentences,
    select_sentences,
)
from rapporteur.assistant.series import series_of
from rapporteur.assistant.terms import content_terms, foreign_words
from rapporteur.assistant.types import Answer
from rapporteur.core.config import SearchConfig
from rapporteur.core.filters import Filters
from rapporteur.core.grammar import kinds_named, unit_refs
from rapporteur.core.questions import RECOMMEND_INTENT, is_foreign, named_documents
from rapporteur.core.text import composed, split_sentences
from rapporteur.core.units import Hit

__all__ = [
    "K_CLOSEST",
    "K_EVIDENCE",
    "K_QUOTED",
    "UNQUOTED",
    "abstention_text",
    "answer",
    "ask_stream",
]

K_EVIDENCE = 8  # units retrieved per question: the evidence, and all an answer may cite
K_CLOSEST = 3  # nearest units shown when abstaining
# The best units of the evidence, whose sentences may be quoted, footnotes left out unless the
# question names one or nothing else was found (a footnote sources a paragraph; it is not what a
# delegate quotes). Chosen on the library set's TUNE half (2026-12-02, docs/answers-report.md):
# 6 units with footnotes (before) cites_primary 0.721, citation precision 0.491; without
# footnotes, 6 / 5 / 4 / 3 / 2 units: 0.721 / 0.709 / 0.721 / 0.698 / 0.674 and 0.498 / 0.503 /
# 0.528 / 0.553 / 0.577: 4 is the most precise that cites as many primaries. Check half, not used
# to choose: 0.744 / 0.426 -> 0.744 / 0.469.
K_QUOTED = 4
UNQUOTED = frozenset({"footnote"})  # unit kinds not quoted unless named or alone


def answer(
    question: str,
    searcher: Index,
    history: list[dict] | None = None,
    filters: Filters | None = None,
    config: SearchConfig | None = None,
    generator=None,
) -> Answer:
    """A cited answer to ``question`` from the indexed units, or a plain abstention.

    ``history`` is the conversation so far ({"role": "user"|"assistant", "content": …}).
    ``generator`` is an optional LangChain chat model (``rapporteur.assistant.generate.chat_model_from``);
    without one, or when it fails, the answer is extractive (quoted sentences).
    """
    config = config or SearchConfig()  # the product's engine, for search and floor alike
    standalone, focus = standalone_question(composed(question), history)
    hits = searcher.search(standalone, K_EVIDENCE, filters, config)
    # The floor is calibrated on MiniLM best-sentence cosines: not for another scorer's scale.
    floor = SENTENCE_FLOORS.get(searcher.second_stage(config) or "")
    mask = searcher.mask(filters) if filters is not None else None
    verdict = judge(searcher, standalone, focus, hits, mask, floor, config.verdict_floor)
    by_reference = verdict.how in ("reference", "unknown-unit")  # decided by what it names
    score = None if by_reference else 0.0
    if hits and not by_reference:
        # judged per unit: the question's terms and meaning must meet in one retrieved unit
        score = support(unit_supports(searcher, standalone, focus, hits))
        if verdict.answerable and score < SUPPORT_AT:
            verdict = replace(verdict, answerable=False, how="unsupported")
    base = Answer(question, "", evidence=tuple(hits), standalone=standalone, support=score)
    if not verdict.answerable:
        return replace(
            base, text=abstention_text(verdict), abstained=True, closest=tuple(hits[:K_CLOSEST])
        )
    extractive = _with_series(
        _extractive(base, searcher, standalone, focus, hits, verdict), searcher
    )
    if generator is None:
        return extractive
    try:
        return _with_series(generative_answer(base, generator, history), searcher)
    except Exception as exc:  # noqa: BLE001 -- the model, its server or its output: answer without it
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return replace(
            extractive,
            notice=f"the generative answerer failed ({reason}); "
            "this answer quotes the reports instead",
        )


def _with_series(result: Answer, searcher: Index) -> Answer:
    """The answer with the series its cited documents belong to in its evidence."""
    evidence = [h.unit for h in result.evidence]
    return replace(result, series=series_of(result.citations, evidence, searcher.mandates))


def ask_stream(
    question: str,
    searcher: Index,
    history: list[dict] | None = None,
    filters: Filters | None = None,
    config: SearchConfig | None = None,
    generator=None,
) -> Iterator[str | Answer]:
    """``answer`` as a stream: the text sentence by sentence, then the ``Answer`` itself.

    Only checked text is streamed: a generated answer is checked whole before its first
    sentence goes out.
    """
    result = answer(question, searcher, history, filters, config, generator)
    spans = split_sentences(result.text)
    for n, (a, b) in enumerate(spans):
        yield result.text[a:b] + (" " if n < len(spans) - 1 else "")
    yield result


def abstention_text(verdict: Judgement) -> str:
    """What an abstention says: plainly that the reports do not address the question, and why."""
    text = "The indexed reports do not address this question"
    if verdict.how == "unsupported":
        return f"{text}: no single passage covers what it asks, although its words appear."
    if verdict.how == "unknown-unit":
        return f"{text}: {'; '.join(verdict.missing)}."
    if verdict.how == "unknown-name":
        return f"{text}: no indexed document mentions {_either(verdict.missing)}."
    if verdict.how == "unanswered":
        return f"{text}: the closest passages are on its subject, but none answers what it asks."
    if verdict.how == "unrelated":
        return f"{text}: no passage comes close to it, although some of its words appear."
    if verdict.missing:
        return f"{text}: none of the closest passages mentions {_either(verdict.missing)}."
    return f"{text}."


def _either(words: Sequence[str]) -> str:
    """Up to four words quoted, the last joined by "or": “a”, “b” or “c”."""
    named = [f"“{w}”" for w in words[:4]]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"


def _asked_units(searcher: Index, standalone: str, focus: str, hits: Sequence[Hit]) -> list[Hit]:
    """The hits the question names and asks for, to be quoted and nothing else: those of one
    document ("paras. 24 and 25 of S/2025/303"), or of documents the question names; a
    follow-up's own ("and paragraph 13?" after paragraph 12). Named in several documents the
    question does not name ("under Article 19", which two protocols number too): none, and the
    best sentences are quoted as for any question."""
    named = [h for h in hits if h.named]
    asked = unit_refs(focus) if focus != standalone else []
    own = [
        h
        for h in named
        if any(h.unit.kind in kinds_named(kind) and h.unit.number == n for kind, n, _ in asked)
    ]
    named = own or named
    docs = {h.unit.doc for h in named}
    if len(docs) > 1 and not docs <= named_documents(standalone, searcher.symbols):
        return []
    return named


def _extractive(
    base: Answer,
    searcher: Index,
    standalone: str,
    focus: str,
    hits: Sequence[Hit],
    verdict: Judgement,
) -> Answer:
    """Quote the sentences of the best units that answer the question, each with its reference."""
    terms, found = _answer_terms(searcher, standalone, focus, hits, verdict)
    best, twins = distinct(hits, K_QUOTED)  # the same words in two documents are quoted once
    named = _asked_units(searcher, standalone, focus, best)
    pool = named or [h for h in best if h.unit.kind not in UNQUOTED] or best
    embedder = searcher.embedder(SOFT_MODEL)
    cosines = None
    if embedder is not None:
        question = embedder.embed_query(standalone)

        def cosines(texts: list[str]) -> np.ndarray:
            return searcher.text_vectors(SOFT_MODEL, texts) @ question

    quotes = score_sentences(terms, found, pool, cosines)
    picked = select_sentences(quotes, bool(RECOMMEND_INTENT.search(standalone)), bool(named))
    also = {q.unit.id: twins.get(q.unit.id, ()) for q in picked}
    with_doc = len({u.doc for q in picked for u in (q.unit, *also[q.unit.id])}) > 1
    if with_doc:  # several documents: each one's quotes together, each reference with its symbol
        picked = by_document(picked)
    quoted = {(q.unit.id, q.index) for q in picked}
    picked = [attributed(q, {i for u, i in quoted if u == q.unit.id}) for q in picked]
    text = " ".join(cite(q.text, q.unit, with_doc, also[q.unit.id]) for q in picked)
    text, cited = check_citations(text, [h.unit for h in hits])  # a no-op unless a bug
    return replace(base, text=text, citations=cited)


def _answer_terms(
    searcher: Index, standalone: str, focus: str, hits: Sequence[Hit], verdict: Judgement
) -> tuple[dict[str, float], dict[str, tuple[str, ...]]]:
    """The question's terms with their weights, and the evidence words that stand for them.

    A follow-up's own words count twice. Spanish and French words are matched to English
    evidence words by the soft-match model ("género" -> "gender"), their function words and
    question framing left out (``FOREIGN_FRAMING``).
    """
    idf = searcher.idf
    if is_foreign(standalone):
        words = foreign_words(standalone)
        found = verdict.found
        if found is None:
            found = match_terms(words, [h.unit.text for h in hits], similar(searcher))
        return dict.fromkeys(words, 1.0), found
    terms = {s: idf(s) for s in content_terms(standalone)}
    for s in content_terms(focus) if focus != standalone else ():
        terms[s] = terms.get(s, 0.0) + idf(s)
    found = verdict.found if verdict.found is not None else {}
    if verdict.found is None and terms:
        found = match_terms({s: s for s in terms}, [h.unit.text for h in hits])
    return terms, found
