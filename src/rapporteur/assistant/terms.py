"""A question's content words: the words that name its subject, not the ones that frame it."""

from __future__ import annotations

import re

from rapporteur.core.text import WORD
from rapporteur.core.words import FOREIGN_STOPWORDS, tokenize

# Words that frame a question rather than name its subject: every question about the report
# could contain them. Type words ("city", "country", "year") name the kind of answer wanted;
# order-in-time words ("latest", "most recent", "next") ask which document, which search answers
# by date (index/documents.recency), not a word the answering unit must hold.
FRAMING = frozenset(
    tokenize(
        "recommend recommended recommendation recommendations suggest suggested suggestion "
        "propose proposed proposal say said tell mention mentioned discuss discussed decide "
        "decided decision decisions report reports working group groups state states speaker "
        "speakers delegate delegates participant participants according address addressed "
        "happen happened point pointed raise raised note noted view views position think "
        "city country countries place year date time day month people person name number "
        "many much kind type way ways main key root major particular issue issues matter "
        "matters aspect aspects role anything else one ones thing things without within among "
        "latest recent recently newest next last current"
    )
)
# Spanish and French function words (index/translate.py) and the question framing the
# abstention check ignores, as FRAMING does in English (cross-lingual answers match the rest to
# English words by vector).
FOREIGN_FRAMING = FOREIGN_STOPWORDS | frozenset(
    [
        "informe",
        "rapport",
        "grupo",
        "trabajo",
        "groupe",
        "travail",
        "estados",
        "états",
        "position",
        "posición",
        "decisión",
        "décision",
        "relación",
    ]
)


def content_terms(text: str) -> list[str]:
    """The stemmed content words of a question, framing words left out, in order."""
    return list(dict.fromkeys(t for t in tokenize(text) if t not in FRAMING))


def english_words(text: str) -> dict[str, str]:
    """Content words of an English question: each stem (framing left out) -> the word it came from."""
    return {s: w for w in WORD.findall(text) for s in tokenize(w) if s not in FRAMING}


def foreign_words(text: str) -> dict[str, str]:
    """Content words of a Spanish or French question (function words and framing left out)."""
    words = WORD.findall(text.lower())
    out = {w: w for w in words if w not in FOREIGN_FRAMING and len(w) > 2 and "'" not in w}
    for w in words:  # "d'argent" -> "argent"
        if w[:2] in ("d'", "l'") and len(w) > 4 and w[2:] not in FOREIGN_FRAMING:
            out[w[2:]] = w[2:]
    return out


# A capitalised word inside an English question: a name ("Kashmir", "Nord Stream", "Nigerian").
# Acronyms are left out (delegates abbreviate what the documents spell out: "CPC", "CERF"), and
# so is the first word, capitalised because it starts the question.
_NAME = re.compile(r"(?<=[\s(“\"'‘])([A-Z][a-z][\w’'-]*)")
_POSSESSIVE = re.compile(r"[’']s$")


def names(question: str) -> list[str]:
    """The capitalised words of a question after its first word, possessives cut, function words
    ("The Bahamas", "All Forms") left out (pure)."""
    words = (_POSSESSIVE.sub("", m) for m in _NAME.findall(question))
    return [w for w in dict.fromkeys(words) if tokenize(w)]
