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

   Known limits: words found in *different* passages still count ("sanctions … Security
   Council … Libya"), a missing word can be outweighed by found ones ("the General Assembly …
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

Calibrated on ``../shared/eval/dev_questions.jsonl`` and ``tests/assistant/questions_extra.jsonl``
(``tests/assistant/test_answer_dev.py`` prints the figures with ``pytest -s``).
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from assistant.types import Answer
from index.lexical import STOPWORDS, tokenize
from index.search import RECOMMEND_INTENT, SearchConfig, is_foreign, unit_refs
from index.tokens import split_sentences
from rapporteur.units import Hit, Unit

K_EVIDENCE = 8  # units retrieved per question: the evidence, and all an answer may cite
K_CLOSEST = 3  # nearest units shown when abstaining
MISSING_AT = 0.40  # abstain when words found nowhere carry this share of the question's IDF
SOFT_AT = 0.60  # USE-m3 cosine at which a question word counts as found ("gun" ~ "firearms")
SOFT_MODEL = "use-m3"  # fast (about 1 ms a sentence) and multilingual: word and sentence vectors
AGREE_MODELS = ("e5-small", "use-m3")
AGREE_TOP = 5
K_QUOTED = 6  # the best units of the evidence, whose sentences may be quoted
MAX_UNITS = 3  # units quoted in one answer
MAX_SENTENCES = 4
MAX_WORDS = 200  # an answer stops growing here (its best sentence always goes in)
KEEP_RATIO = 0.75  # a sentence of another unit is quoted if it scores this share of the best
LONG_WORDS = 110  # a list longer than this keeps only its lead and the items that matter

# Words that frame a question rather than name its subject: every question about the report
# could contain them. Type words ("city", "country", "year") name the kind of answer wanted.
FRAMING = frozenset(
    tokenize(
        "recommend recommended recommendation recommendations suggest suggested suggestion "
        "propose proposed proposal say said tell mention mentioned discuss discussed decide "
        "decided decision decisions report reports working group groups state states speaker "
        "speakers delegate delegates participant participants according address addressed "
        "happen happened point pointed raise raised note noted view views position think "
        "city country countries place year date time day month people person name number "
        "many much kind type way ways main key root major particular issue issues matter "
        "matters aspect aspects role anything else one ones thing things without within among"
    )
)
# Spanish and French function words and question framing (cross-lingual answers match the
# rest to English words by vector).
_FOREIGN_WORDS = (
    "que qué quel quelle quels quelles qui quoi quand où comment pourquoi combien cuál cuáles "
    "quién quiénes cuándo dónde cómo por porque cuánto cuántos cuántas sobre del los las una "
    "unos unas para con sin entre según esta este estos estas ese esa eso fue fueron han hay "
    "ser son era les des dans pour par avec sans sur sous entre selon cette ces est sont été "
    "ont dit dijo dicho recomendó recomendaron recomendado recomienda recomiendan recomendación "
    "recomendaciones recommande recommandé recommandée recommandent recommandation "
    "recommandations a-t-on qu'a-t-on recommande-t-on concernant concernent concerne sujet "
    "propos respecto relación acerca informe rapport grupo trabajo groupe travail estados "
    "états position posición dijeron decidió décidé décision decisión aux une"
)
FOREIGN_FRAMING = frozenset(_FOREIGN_WORDS.split())
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_NUMBER = re.compile(r"\d[\d.,]*")


# --- citations --------------------------------------------------------------------------------

_KIND_WORDS = {
    "recommendation": "recommendation", "rec": "recommendation",
    "paragraph": "paragraph", "para": "paragraph",
    "operative paragraph": "operative", "op": "operative",
    "preambular paragraph": "preambular", "pp": "preambular",
    "footnote": "footnote", "fn": "footnote",
    "article": "article", "art": "article",
    "summary": "summary",
}  # fmt: skip
_KIND = (
    r"(?:recommendations?|recs?\.?|operative\s+paragraphs?|preambular\s+paragraphs?|paragraphs?"
    r"|paras?\.?|OPs?|PPs?|footnotes?|fns?\.?|articles?|arts?\.?|summary)"
)
# "recommendation 18", "paras. 9 and 10", "article 5 of annex I", "OP 5, A/RES/73/146"
_PROSE = re.compile(
    rf"(?P<kind>{_KIND})\s+(?P<nums>\d{{1,4}}(?:\s*(?:,|and|&)\s*\d{{1,4}})*)"
    r"(?:\s+of\s+(?:the\s+)?(?P<part>draft|annex(?:\s+[IVXLC]+)?))?"
    r"(?:\s*,\s*(?P<doc>[^,;()\[\]]+?))?\s*$",
    re.IGNORECASE,
)
_ITEM_SPLIT = re.compile(
    rf"\s*;\s*|\s*,\s*(?={_KIND}\s+\d)|\s+and\s+(?={_KIND}\s+\d)", re.IGNORECASE
)
# A bracketed key group anywhere; a parenthesis only where a citation sits: before the
# sentence's closing punctuation, the end, or another citation.
_GROUP = re.compile(
    r"(?P<key>\s*\[[^\[\]\n]+\])|(?P<paren>\s*\([^()\n]+\)(?=\s*(?:[.;:!?]|\[|\(|$)))"
)
# "… trafficking. [wg6-2021:rec 18]": a key after the full stop belongs before it.
_KEY_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[[^\[\]\n]+\])+)")
_PLURAL = {"recommendation": "recommendations", "paragraph": "paras.", "footnote": "footnotes",
           "article": "articles"}  # fmt: skip


def reference(unit: Unit, with_doc: bool = False) -> str:
    """A unit as UN prose cites it: "recommendation 18", "OP 5, A/RES/73/146".

    The document's symbol is always named; a document without one is named by its key when
    ``with_doc`` (an answer citing more than one document).
    """
    where = unit.symbol or (unit.doc if with_doc else None)
    return f"{unit.reference}, {where}" if where else unit.reference


def references(units: Sequence[Unit], with_doc: bool = False) -> str:
    """Several units as one citation: "recommendations 18 and 22; para. 9"."""
    groups: list[list[Unit]] = []
    for u in units:
        last = groups[-1][0] if groups else None
        if (
            last
            and (last.doc, last.kind, last.part) == (u.doc, u.kind, u.part)
            and u.kind in _PLURAL
        ):
            groups[-1].append(u)
        else:
            groups.append([u])
    parts = []
    for group in groups:
        if len(group) == 1:
            parts.append(reference(group[0], with_doc))
            continue
        nums = [str(u.number) for u in group]
        text = f"{_PLURAL[group[0].kind]} {', '.join(nums[:-1])} and {nums[-1]}"
        first = group[0]
        text += f" of {first.part}" if first.part else ""
        where = first.symbol or (first.doc if with_doc else None)
        parts.append(f"{text}, {where}" if where else text)
    return "; ".join(parts)


def _kind(word: str) -> str | None:
    word = " ".join(word.lower().rstrip(".").split())
    word = re.sub(r"s$", "", word) if word not in ("pp", "op") else word
    return _KIND_WORDS.get(word)


def _parse_prose(item: str) -> list[tuple[str, int, str, str | None]] | None:
    """("recommendation", 18, part, doc) for each unit a prose reference names, or None."""
    m = _PROSE.match(item.strip())
    if not m or not (kind := _kind(m["kind"])):
        return None
    part = (m["part"] or "").lower()
    return [(kind, int(n), part, m["doc"]) for n in re.findall(r"\d+", m["nums"])]


def _resolve(
    kind: str, number: int, part: str, doc: str | None, units: Sequence[Unit]
) -> Unit | None:
    for u in units:
        if (u.kind, u.number, u.part.lower()) != (kind, number, part):
            continue
        if doc is None or doc.strip().lower() in (u.doc.lower(), (u.symbol or "").lower()):
            return u
    return None


def _parse_group(group: str, units: Sequence[Unit]) -> list[Unit | None] | None:
    """The units a citation group names (None where a reference names no retrieved unit).

    Returns None when the group is not a citation at all ("(UNODC)", "(a)", "[sic]").
    """
    group = group.strip()
    inner, keyed = group[1:-1], group.startswith("[")
    items = (
        [i for i in _ITEM_SPLIT.split(inner) if i.strip()]
        if not keyed
        else re.split(r"[;,]", inner)
    )
    out: list[Unit | None] = []
    by_key = {u.key.lower(): u for u in units}
    for item in items:
        item = " ".join(item.split())
        if keyed:
            doc, sep, label = item.partition(":")
            if not sep:
                doc, label = None, item
            hit = by_key.get(f"{doc.strip()}:{label.strip()}".lower()) if doc else None
            if hit is None and doc is None:
                named = [u for u in units if u.label.lower() == label.strip().lower()]
                hit = named[0] if len(named) == 1 else None
            if hit is not None:
                out.append(hit)
                continue
            refs = _parse_prose(label) or _parse_prose(label.replace("annex ", "", 1))
            if refs is None:
                return None  # "[sic]", "[emphasis added]": not a key
            out += [_resolve(k, n, p, doc, units) for k, n, p, _ in refs]
        else:
            refs = _parse_prose(item)
            if refs is None:
                return None
            out += [_resolve(k, n, p, d, units) for k, n, p, d in refs]
    return out or None


@dataclass(frozen=True)
class Cited:
    """One sentence of an answer after the check: its text and the citations in it."""

    pieces: tuple  # text (str) and citations (a tuple of units), in order
    paragraph: int = 0

    @property
    def units(self) -> tuple[Unit, ...]:
        return tuple(dict.fromkeys(u for p in self.pieces if isinstance(p, tuple) for u in p))

    @property
    def bare(self) -> str:
        """The sentence without its references."""
        return _tidy("".join(p for p in self.pieces if isinstance(p, str)))

    def render(self, with_doc: bool = False) -> str:
        """The sentence with its references in UN prose: "… trafficking (recommendation 18)."."""
        return _tidy(
            "".join(
                f" ({references(p, with_doc)})" if isinstance(p, tuple) else p for p in self.pieces
            )
        )


def _tidy(text: str) -> str:
    return re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


def _check_sentence(sentence: str, units: Sequence[Unit]) -> tuple[tuple, bool]:
    """The sentence cut into text and checked citations; whether it had any citation."""
    pieces: list = []
    had, last = False, 0
    for m in _GROUP.finditer(sentence):
        parsed = _parse_group(m.group(), units)
        if parsed is None:
            continue  # "(UNODC)", "(a)": not a citation
        had = True
        between = sentence[last : m.start()]
        last = m.end()
        valid = tuple(u for u in parsed if u is not None)
        if pieces and isinstance(pieces[-1], tuple) and not between.strip():
            pieces[-1] = tuple(dict.fromkeys(pieces[-1] + valid))  # "(rec 18) [para 9]": one
        elif valid:
            pieces += [between, tuple(dict.fromkeys(valid))]
        else:
            pieces.append(between)
    pieces.append(sentence[last:])
    return tuple(p for p in pieces if p), had


def cite_sentences(text: str, evidence: Sequence[Unit], require: bool = False) -> list[Cited]:
    """The sentences of ``text`` that survive the citation check, with what each cites.

    References are key groups "[wg6-2021:rec 18; wg6-2021:para 9]" (a bare "[rec 18]" if only
    one retrieved unit has that label) or prose groups "(recommendation 18)",
    "(paras. 9 and 10)", "(OP 5, A/RES/73/146)" placed where a citation goes (before the
    sentence's full stop; a key just after it is moved in front). A reference to a unit not
    in ``evidence`` is removed; a sentence whose every reference was removed goes with it,
    and with ``require`` so does a sentence that cites nothing.
    """
    text = _KEY_AFTER_STOP.sub(r"\2\1", text)
    out = []
    for n, paragraph in enumerate(re.split(r"\n\s*\n", text)):
        for a, b in split_sentences(paragraph):
            pieces, had = _check_sentence(paragraph[a:b], evidence)
            sentence = Cited(pieces, n)
            if (had or require) and not sentence.units:
                continue
            out.append(sentence)
    return out


def render(sentences: Sequence[Cited]) -> tuple[str, tuple[Unit, ...]]:
    """Checked sentences as answer text (paragraphs kept) and the units it cites, in order.

    Documents are named in references when the answer cites more than one document.
    """
    cited = tuple(dict.fromkeys(u for s in sentences for u in s.units))
    with_doc = len({u.doc for u in cited}) > 1
    paragraphs: dict[int, list[str]] = {}
    for s in sentences:
        paragraphs.setdefault(s.paragraph, []).append(s.render(with_doc))
    return "\n\n".join(" ".join(p) for p in paragraphs.values()), cited


def check_citations(
    text: str, evidence: Sequence[Unit], require: bool = False
) -> tuple[str, tuple[Unit, ...]]:
    """Keep only references to retrieved units: the text in UN prose form, and what it cites.

    Pure (no model, no index); see ``cite_sentences`` for what counts as a reference.
    ``check_citations("Guns are sold online [wg6-2021:rec 18]. Fake [wg6-2021:rec 99].",
    units)`` is ``("Guns are sold online (recommendation 18).", (rec 18,))`` when only
    recommendation 18 was retrieved.
    """
    return render(cite_sentences(text, evidence, require))


# --- follow-ups -------------------------------------------------------------------------------

_LEAD = re.compile(
    r"^\s*(?:(?:and|but|also|so|ok(?:ay)?)\b[\s,]*)?"
    r"(?:(?:what|how)\s+about|what\s+of|as\s+(?:for|to)|and|also|regarding|concerning)\b[\s,]*",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(
    r"\b(it|this|that|these|those|them)\b(?!\s+(?:of|which|was|were)\b)", re.IGNORECASE
)
_WH = re.compile(
    r"^\s*(what|which|who|whom|whose|when|where|why|how|is|are|was|were|did|do|does"
    r"|should|can|could|qu\w*|cu[aá]\w*|d[oó]nde|c[oó]mo|quel\w*|o[uù])\b",
    re.IGNORECASE,
)
_FRAME = re.compile(
    r"(?<!Group )\b(about|on|regarding|concerning|in relation to|with regard to)\s+(?=\S)",
    re.IGNORECASE,
)
_ASKS = re.compile(r"\b(what|which|who|whom|when|where|why|how)\b", re.IGNORECASE)
_PREPOSITION = re.compile(
    r"^(in|on|about|for|regarding|with|of|from|to|at|by|concerning)\b", re.IGNORECASE
)


def content_terms(text: str) -> list[str]:
    """The stemmed content words of a question, framing words left out, in order."""
    return list(dict.fromkeys(t for t in tokenize(text) if t not in FRAMING))


def _topic(question: str) -> tuple[str, str]:
    """(frame preposition, topic) of a question: ("about", "marking of firearms")."""
    m = _FRAME.search(question)
    if not m:
        return "", ""
    return m.group(1).lower(), question[m.end() :].strip().rstrip("?.! ").strip()


def standalone_question(question: str, history: Sequence[dict] | None = None) -> tuple[str, str]:
    """The question rewritten with the conversation, and the part the evidence must cover.

    Follow-ups are recognised by their opening ("and …", "what about …", "also …" with no
    question of their own), by having at most one content word and no question word
    ("Ammunition?"), or by a pronoun ("it", "that", "them") in a question with at most two
    content words. They are combined with the previous user question (itself rewritten):

    - elliptical: added to the last question that was not itself elliptical ("What is
      recommended about marking…, and about ammunition?"); the follow-up is the focus;
    - pronoun: replaced by the previous question's topic, the words after its "about"/"on"
      ("Who presented it?" -> "Who presented the ballistic comparison system?"); without
      such a topic the previous question goes in front, and the follow-up is the focus.

    Anything else is returned unchanged, as its own focus.
    """
    question = " ".join(question.split())
    turns = [str(t.get("content", "")) for t in history or () if t.get("role") == "user"]
    turns = [t for t in turns if t.strip()]
    if not turns:
        return question, question
    rest = _elliptic_rest(question)
    if rest is not None:
        base = _base_question(turns)
        if not rest:
            return base, base
        frame, _ = _topic(base)
        joined = rest if _PREPOSITION.match(rest) else f"{frame or 'about'} {rest}"
        return f"{base.rstrip('?.! ')}, and {joined}?", rest
    pronouns = list(_ANAPHOR.finditer(question))
    if pronouns and len(content_terms(question)) <= 2:
        previous = standalone_question(turns[-1], _as_history(turns[:-1]))[0]
        added = _elliptic_rest(turns[-1])  # "it" after "and what about ammunition?": ammunition
        topic = _PREPOSITION.sub("", added).strip() if added else _topic(previous)[1]
        if topic:
            p = pronouns[-1]
            rewritten = question[: p.start()] + topic + question[p.end() :]
            return rewritten, rewritten
        return f"{previous.rstrip()} {question}", question
    return question, question


def _elliptic_rest(question: str) -> str | None:
    """What an elliptical follow-up adds ("ammunition" in "and what about ammunition?"), or None."""
    lead = _LEAD.match(question)
    rest = (question[lead.end() :] if lead else question).strip().rstrip("?.! ").strip()
    if lead or (len(content_terms(question)) <= 1 and not _WH.match(question)):
        return None if _ASKS.search(rest) else rest
    return None


def _base_question(turns: list[str]) -> str:
    """The last user question that was not elliptical, rewritten with the turns before it."""
    i = len(turns) - 1
    while i > 0 and _elliptic_rest(turns[i]) is not None:
        i -= 1
    return standalone_question(turns[i], _as_history(turns[:i]))[0]


def _as_history(turns: list[str]) -> list[dict]:
    return [{"role": "user", "content": t} for t in turns]


# --- does the evidence address the question? --------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """Whether the evidence addresses the question, and which of its words nothing mentions."""

    answerable: bool
    missing: tuple[str, ...] = ()
    missing_share: float = 0.0
    found: dict[str, tuple[str, ...]] | None = None  # stem -> evidence words that stand for it
    how: str = "terms"  # "terms", "agreement", "reference", "no-evidence", "no-terms"


def missing_share(terms: dict[str, float], found: set[str]) -> float:
    """The share of the question's weight carried by terms not found (0 when it has none)."""
    total = sum(terms.values())
    return sum(w for t, w in terms.items() if t not in found) / total if total else 0.0


def match_terms(
    terms: dict[str, str],
    texts: Sequence[str],
    similar: Callable[[list[str], list[str]], np.ndarray] | None = None,
) -> dict[str, tuple[str, ...]]:
    """Which question terms the texts contain, and as which words.

    ``terms`` maps a stem to the question word it came from. A stem is found when a text has
    it, when a text's stem starts with its first five letters ("crypto" -> "cryptocurr"), or
    when ``similar(question_words, text_words)`` (a cosine matrix) reaches ``SOFT_AT`` for
    some word of the texts. Numbers are found only as themselves.
    """
    stems: dict[str, set[str]] = {}
    forms: dict[str, set[str]] = {}  # a whole word's stem -> its forms, for the vector match
    for text in texts:
        for s in tokenize(text):  # whole-text tokens keep symbols ("a/res/73/146") whole
            stems.setdefault(s, set())
        for w in _WORD.findall(text.lower()):
            if w in STOPWORDS:
                continue
            ts = tokenize(w)
            for s in ts:
                stems.setdefault(s, set()).add(w)
            if ts and len(w) >= 3 and not any(c.isdigit() for c in w):
                forms.setdefault(ts[0], set()).add(w)
    found: dict[str, tuple[str, ...]] = {}
    for stem in terms:
        if stem in stems:
            found[stem] = tuple(sorted(stems[stem]))
        elif len(stem) >= 5 and not _NUMBER.fullmatch(stem):
            near = sorted(w for s, ws in stems.items() if s.startswith(stem[:5]) for w in ws)
            if near:
                found[stem] = tuple(near)
    rest = [s for s in terms if s not in found and not _NUMBER.fullmatch(s)]
    if rest and similar is not None and forms:
        # one form per stem is compared ("firearm" for "firearms" too): a third fewer vectors
        shortest = {min(ws, key=lambda w: (len(w), w)): ws for ws in forms.values()}
        pool = sorted(shortest)
        cos = similar([terms[s] for s in rest], pool)
        for row, stem in enumerate(rest):
            close = sorted(
                w for j in np.flatnonzero(cos[row] >= SOFT_AT) for w in shortest[pool[j]]
            )
            if close:
                found[stem] = tuple(close)
    return found


def judge(
    searcher,
    question: str,
    focus: str,
    hits: Sequence[Hit],
    mask: np.ndarray | None = None,
) -> Judgement:
    """Whether ``hits`` address ``focus`` (the part of ``question`` the evidence must cover)."""
    if not hits:
        return Judgement(False, how="no-evidence")
    if unit_refs(question) and any(h.score >= 2.0 for h in hits):
        return Judgement(True, how="reference")  # the question names a unit that exists
    if is_foreign(focus) or is_foreign(question):
        return _judge_foreign(searcher, question, focus, hits, mask)
    words = {s: w for w in _WORD.findall(focus) for s in tokenize(w) if s not in FRAMING}
    if not words:
        return Judgement(True, how="no-terms")
    found = match_terms(words, [h.unit.text for h in hits], _similar(searcher))
    idf = _idf(searcher)
    weights = {s: idf(s) for s in words}
    share = missing_share(weights, set(found))
    missing = tuple(dict.fromkeys(words[s] for s in words if s not in found))
    return Judgement(share < MISSING_AT, missing, share, found)


def foreign_words(text: str) -> dict[str, str]:
    """Content words of a Spanish or French question (function words and framing left out)."""
    words = _WORD.findall(text.lower())
    out = {w: w for w in words if w not in FOREIGN_FRAMING and len(w) > 2 and "'" not in w}
    for w in words:  # "d'argent" -> "argent"
        if w[:2] in ("d'", "l'") and len(w) > 4 and w[2:] not in FOREIGN_FRAMING:
            out[w[2:]] = w[2:]
    return out


def _judge_foreign(
    searcher, question: str, focus: str, hits: Sequence[Hit], mask: np.ndarray | None
) -> Judgement:
    """Spanish/French: the words must have English counterparts in the evidence, or else the
    two multilingual models must agree on a unit.

    Words are matched by vector ("criptomonedas" -> "cryptocurrencies" 0.63) as in English, with
    equal weights; a single word can miss a compound ("armes à feu": "feu" is not "firearms"),
    so a question that fails on words is still answered when some unit is in the top
    ``AGREE_TOP`` of both e5-small and USE-m3.
    """
    words = foreign_words(focus)
    found = match_terms(words, [h.unit.text for h in hits], _similar(searcher)) if words else {}
    share = missing_share(dict.fromkeys(words, 1.0), set(found))
    missing = tuple(w for w in words if w not in found)
    if words and share < MISSING_AT:
        return Judgement(True, missing, share, found)
    agreed = _agreement(searcher, question, mask)
    return replace(agreed, missing=missing, missing_share=share, found=found)


def _agreement(searcher, question: str, mask: np.ndarray | None) -> Judgement:
    """Cross-lingual questions: answered when some unit is near the top of both models."""
    names = [n for n in AGREE_MODELS if n in getattr(searcher, "dense", {})]
    if len(names) < 2:
        return Judgement(True, how="agreement")  # nothing to compare: do not refuse
    lists = searcher.score_lists(question, names, mask)
    tops = []
    for name in names:
        scores = np.nan_to_num(np.asarray(lists[name], dtype=np.float32), nan=-np.inf)
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        tops.append(set(np.argsort(-scores)[:AGREE_TOP].tolist()))
    return Judgement(bool(tops[0] & tops[1]), how="agreement")


_IDF_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _idf(searcher) -> Callable[[str], float]:
    """IDF of a stem over the indexed units (a stem in no unit gets the largest)."""
    if searcher not in _IDF_CACHE:
        try:  # bm25s keeps a column per term: its length is the term's document frequency
            r = searcher.lexical.retriever
            lengths = np.diff(r.scores["indptr"])
            df = {t: int(lengths[i]) for t, i in r.vocab_dict.items() if i < len(lengths)}
            n = int(r.scores["num_docs"])
        except (AttributeError, KeyError, TypeError):
            df, n = {}, len(searcher.units)
            for u in searcher.units:
                for t in set(tokenize(u.text)):
                    df[t] = df.get(t, 0) + 1
        _IDF_CACHE[searcher] = (df, n)
    df, n = _IDF_CACHE[searcher]
    return lambda t: math.log((n + 1) / (df.get(t, 0) + 0.5))


# Word and sentence vectors of the soft-match model, by text; bounded so a server stays small.
_VECTORS: dict[tuple[str, str], np.ndarray] = {}


def _vectors(embedder, texts: list[str]) -> np.ndarray:
    todo = [t for t in dict.fromkeys(texts) if (embedder.name, t) not in _VECTORS]
    if todo:
        if len(_VECTORS) > 200_000:
            _VECTORS.clear()
        for t, v in zip(todo, embedder.embed_passages(todo), strict=True):
            _VECTORS[(embedder.name, t)] = v
    return np.stack([_VECTORS[(embedder.name, t)] for t in texts])


def _similar(searcher) -> Callable[[list[str], list[str]], np.ndarray] | None:
    """Cosines between two word lists with the soft-match model, if the index has it."""
    embedder = getattr(searcher, "embedders", {}).get(SOFT_MODEL)
    if embedder is None:
        return None
    return lambda a, b: _vectors(embedder, a) @ _vectors(embedder, b).T


# --- sentences --------------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"^\s*(?:[-•]\s*)?(?:\((?:[a-z]{1,2}|[ivx]{1,4})\)|\d{1,2}\.)\s+")
_INLINE_ITEM = re.compile(r"\s(?=\((?:[a-z]|[ivx]{1,4})\)\s)|\s(?=\d{1,2}\.\s+[A-Z])")


def segments(text: str) -> list[str]:
    """A unit's text as quotable sentences; a list stays one sentence with its lead-in.

    "…the following agenda:\\n1. Organizational matters:\\n(a) Opening…" is one segment, so
    an item is never quoted without what it is an item of.
    """
    blocks: list[list] = []  # [lead, items]: a line and the list items that follow it
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if (
            blocks
            and _LIST_ITEM.match(line)
            and (blocks[-1][1] or blocks[-1][0].endswith((":", ";")))
        ):
            blocks[-1][1].append(line)
        else:
            blocks.append([line, []])
    out: list[str] = []
    for lead, items in blocks:
        sentences = _merge_numbers([lead[a:b] for a, b in split_sentences(lead)]) or [lead]
        if items:  # the list belongs to the sentence that introduces it
            sentences[-1] = " ".join([sentences[-1], *items])
        out += sentences
    return out


def _merge_numbers(pieces: list[str]) -> list[str]:
    """Join a lone list number ("2.") to the sentence after it."""
    out: list[str] = []
    for piece in pieces:
        if out and re.fullmatch(r"\d{1,2}\.", out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def trim(sentence: str, share: Callable[[str], float]) -> tuple[str, str]:
    """A list cut to its lead and the items that answer, gaps marked "…"; and the text to
    compare with the question (the lead alone when no item is about the question).

    ``share(text)`` is how much of the question a text covers. Items within 0.75 of the best
    item's share are kept (three at most). A list with no such item comes back whole if it
    has at most ``LONG_WORDS`` words (an agenda that is the answer is read in full), else as
    its lead and first three items. Sentences that are not lists come back unchanged.
    """
    parts = _INLINE_ITEM.split(sentence)
    if len(parts) < 3:
        return sentence, sentence
    lead, items = parts[0], parts[1:]
    shares = [share(item) for item in items]
    top = max(shares)
    if top > 0:
        chosen = [i for i, s in enumerate(shares) if s >= 0.75 * top][:3]
    elif len(sentence.split()) <= LONG_WORDS:
        return sentence, lead
    else:
        chosen = [0, 1, 2]
    out, previous = [lead], -1
    for i in chosen:
        out.append(("" if i == previous + 1 else "… ") + items[i])
        previous = i
    text = " ".join(out)
    if chosen[-1] < len(items) - 1:
        text = text.rstrip(" ;,.") + " …"
    return text, text if top > 0 else lead


@dataclass(frozen=True)
class Quote:
    """A sentence picked for the answer: where it comes from and how well it scored."""

    unit: Unit
    index: int  # position of the sentence in its unit
    text: str  # as quoted (a long list trimmed to the items that answer)
    score: float


def score_sentences(
    terms: dict[str, float],
    found: dict[str, tuple[str, ...]],
    hits: Sequence[Hit],
    cosines: Callable[[list[str]], np.ndarray] | None = None,
) -> list[Quote]:
    """Every sentence of the hits, scored for the question (best first).

    score = 0.45 x the share of the question's term weight the sentence contains (a found
    term counts through any word that stands for it) + 0.35 x its cosine to the question
    (``cosines(texts)``) relative to the best sentence's + 0.2 x its unit's retrieval score
    relative to the top hit's. With no terms the cosine and the retrieval score share it.
    """
    total = sum(terms.values())

    def share(text: str) -> float:
        return _term_share(text, terms, found, total)

    rows = []  # (hit index, sentence index, quoted text, text to compare)
    for i, hit in enumerate(hits):
        for j, sentence in enumerate(segments(hit.unit.text)):
            rows.append((i, j, *trim(sentence, share)))
    if not rows:
        return []
    semantic = cosines([r[3] for r in rows]) if cosines is not None else None
    if semantic is not None:
        semantic = np.maximum(semantic, 0.0) / max(float(semantic.max()), 1e-9)
    top = max(hits[0].score, 1e-9)
    quotes = []
    for n, (i, j, text, _) in enumerate(rows):
        lexical = share(text)
        dense = float(semantic[n]) if semantic is not None else lexical
        prior = max(hits[i].score, 0.0) / top
        if total:
            score = 0.45 * lexical + 0.35 * dense + 0.2 * prior
        else:
            score = 0.65 * dense + 0.35 * prior
        quotes.append(Quote(hits[i].unit, j, text, score))
    quotes.sort(key=lambda q: -q.score)
    return quotes


def _term_share(
    text: str, terms: dict[str, float], found: dict[str, tuple[str, ...]], total: float
) -> float:
    if not total:
        return 0.0
    stems = set(tokenize(text))
    words = set(_WORD.findall(text.lower()))
    got = sum(w for t, w in terms.items() if t in stems or words & set(found.get(t, ())))
    return got / total


def select_sentences(quotes: Sequence[Quote], recommend_first: bool = False) -> list[Quote]:
    """The quotes for the answer, grouped by unit, in reading order.

    The best sentence, then the best of up to ``MAX_UNITS`` - 1 more units that reach
    ``KEEP_RATIO`` of its score, and a second sentence of a unit when it reaches 0.9 of it;
    ``MAX_SENTENCES`` and about ``MAX_WORDS`` words in all (the best sentence always goes
    in). Units follow their best score, recommendations first when ``recommend_first``; a
    unit's sentences keep the document's order.
    """
    if not quotes:
        return []
    best = quotes[0].score
    chosen: dict[str, list[Quote]] = {quotes[0].unit.id: [quotes[0]]}
    words = len(quotes[0].text.split())
    for q in quotes[1:]:
        if sum(map(len, chosen.values())) >= MAX_SENTENCES:
            break
        if words + len(q.text.split()) > MAX_WORDS:
            continue
        mine = chosen.get(q.unit.id)
        if mine is None and len(chosen) < MAX_UNITS and q.score >= KEEP_RATIO * best:
            chosen[q.unit.id] = [q]
        elif mine is not None and len(mine) < 2 and q.score >= 0.9 * best:
            mine.append(q)
        else:
            continue
        words += len(q.text.split())
    groups = list(chosen.values())
    if recommend_first:
        groups.sort(key=lambda g: g[0].unit.kind != "recommendation")
    return [q for g in groups for q in sorted(g, key=lambda q: q.index)]


def cite(sentence: str, unit: Unit, with_doc: bool = False) -> str:
    """The sentence with its unit's reference before the full stop: "… (recommendation 18)."."""
    body = sentence.strip().rstrip(" .;:,")
    return f"{body} ({reference(unit, with_doc)})."


# --- answering --------------------------------------------------------------------------------


def answer(
    question: str,
    searcher,
    history: list[dict] | None = None,
    filters=None,
    config: SearchConfig | None = None,
    generator=None,
) -> Answer:
    """A cited answer to ``question`` from the indexed units, or a plain abstention.

    ``history`` is the conversation so far ({"role": "user"|"assistant", "content": …}).
    ``generator`` is an optional LangChain chat model (``assistant.generate.chat_model_from``);
    without one, or when it fails, the answer is extractive (quoted sentences).
    """
    standalone, focus = standalone_question(question, history)
    hits = searcher.search(standalone, K_EVIDENCE, filters, config)
    verdict = judge(searcher, standalone, focus, hits, _mask(searcher, filters))
    base = Answer(question, "", evidence=tuple(hits), standalone=standalone)
    if not verdict.answerable:
        return replace(
            base, text=abstention_text(verdict), abstained=True, closest=tuple(hits[:K_CLOSEST])
        )
    extractive = _extractive(base, searcher, standalone, focus, hits, verdict)
    if generator is None:
        return extractive
    from assistant.generate import generative_answer

    try:
        return generative_answer(base, generator, history)
    except Exception as exc:  # noqa: BLE001 -- the model, its server or its output: answer without it
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return replace(
            extractive,
            notice=f"the generative answerer failed ({reason}); "
            "this answer quotes the reports instead",
        )


def ask_stream(
    question: str,
    searcher,
    history: list[dict] | None = None,
    filters=None,
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
    if verdict.missing:
        named = [f"“{w}”" for w in verdict.missing[:4]]
        words = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"
        return f"{text}: none of the closest passages mentions {words}."
    return f"{text}."


def _extractive(
    base: Answer, searcher, standalone: str, focus: str, hits: Sequence[Hit], verdict: Judgement
) -> Answer:
    """Quote the sentences of the best units that answer the question, each with its reference."""
    terms, found = _answer_terms(searcher, standalone, focus, hits, verdict)
    pool = list(hits[:K_QUOTED])
    embedder = getattr(searcher, "embedders", {}).get(SOFT_MODEL)
    cosines = None
    if embedder is not None:
        question = embedder.embed_query(standalone)

        def cosines(texts: list[str]) -> np.ndarray:
            return _vectors(embedder, texts) @ question

    quotes = score_sentences(terms, found, pool, cosines)
    picked = select_sentences(quotes, bool(RECOMMEND_INTENT.search(standalone)))
    with_doc = len({q.unit.doc for q in picked}) > 1
    text = " ".join(cite(q.text, q.unit, with_doc) for q in picked)
    text, cited = check_citations(text, [h.unit for h in hits])  # a no-op unless a bug
    return replace(base, text=text, citations=cited)


def _answer_terms(
    searcher, standalone: str, focus: str, hits: Sequence[Hit], verdict: Judgement
) -> tuple[dict[str, float], dict[str, tuple[str, ...]]]:
    """The question's terms with their weights, and the evidence words that stand for them.

    A follow-up's own words count twice. Spanish and French words are matched to English
    evidence words by the soft-match model ("género" -> "gender"), their function words and
    question framing left out (``FOREIGN_FRAMING``).
    """
    idf = _idf(searcher)
    if is_foreign(standalone):
        words = foreign_words(standalone)
        found = verdict.found
        if found is None:
            found = match_terms(words, [h.unit.text for h in hits], _similar(searcher))
        return dict.fromkeys(words, 1.0), found
    terms = {s: idf(s) for s in content_terms(standalone)}
    for s in content_terms(focus) if focus != standalone else ():
        terms[s] = terms.get(s, 0.0) + idf(s)
    found = verdict.found if verdict.found is not None else {}
    if verdict.found is None and terms:
        found = match_terms({s: s for s in terms}, [h.unit.text for h in hits])
    return terms, found


def _mask(searcher, filters) -> np.ndarray | None:
    if filters is None:
        return None
    from index.filters import unit_mask

    return unit_mask(searcher.units, filters, getattr(searcher, "bodies", {}))
