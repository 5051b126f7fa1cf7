"""A question's content words: the words that name its subject, not the ones that frame it."""

from __future__ import annotations

import re

from index.lexical import tokenize

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


def content_terms(text: str) -> list[str]:
    """The stemmed content words of a question, framing words left out, in order."""
    return list(dict.fromkeys(t for t in tokenize(text) if t not in FRAMING))


def foreign_words(text: str) -> dict[str, str]:
    """Content words of a Spanish or French question (function words and framing left out)."""
    words = _WORD.findall(text.lower())
    out = {w: w for w in words if w not in FOREIGN_FRAMING and len(w) > 2 and "'" not in w}
    for w in words:  # "d'argent" -> "argent"
        if w[:2] in ("d'", "l'") and len(w) > 4 and w[2:] not in FOREIGN_FRAMING:
            out[w[2:]] = w[2:]
    return out
