"""Follow-up questions rewritten as standalone ones, with the part the evidence must cover."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapporteur.assistant.terms import content_terms

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
