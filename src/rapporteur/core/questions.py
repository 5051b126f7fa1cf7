"""What a question says about itself (pure): its language, whether it asks what was recommended,
and the documents it names by symbol, resolution number or year."""

from __future__ import annotations

import re
from functools import lru_cache

from rapporteur.core.grammar import (
    RESOLUTION_NUMBER,
    SYMBOL,
    resolution_number,
    resolution_numbers,
)

# "What was recommended", "what should States do", "¿Qué se recomendó?", "Qu'a-t-on recommandé ?"
# Russian "рекомендовано", "предложено", "следует"; Arabic "أوصى", "توصيات"; Chinese "建议", "推荐".
RECOMMEND_INTENT = re.compile(
    r"\b(recommend\w*|suggest\w*|should|propos\w*|recomend\w*|recommand\w*|sugiri\w*|deber\w*|devr\w*"
    r"|рекоменд\w*|предлож\w*|следует|должн\w*|أوص\w*|توص\w*)\b|建议|推荐",
    re.IGNORECASE,
)
# The six UN languages: a question is read as one of them (py3langid, restricted to these).
UN_LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


# Letters of scripts other than Latin (Cyrillic, Greek, Arabic, Hebrew, CJK, ...): Russian,
# Arabic and Chinese questions take the multilingual route too.
OTHER_SCRIPT = re.compile(
    r"[\u0370-\u03ff\u0400-\u052f\u0590-\u06ff\u0750-\u077f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)


def named_documents(query: str, symbols: dict[str, str]) -> set[str]:
    """Documents a question names, by full symbol or "resolution 73/146" (pure).

    ``symbols`` maps each indexed document's lowercased symbol to its key.
    """
    q = query.lower()
    found = {doc for sym, doc in symbols.items() if sym in q and _mention(sym).search(q)}
    for number in resolution_numbers(q):
        found |= {doc for sym, doc in symbols.items() if sym.endswith("/" + number)}
    return found


def referenced_documents(doc: str, symbols: dict[str, str], keys: set[str]) -> set[str]:
    """The documents a unit reference's "of ..." names (pure): a key, a full symbol, a resolution
    ("of resolution 2769 (2025)") or its bare number ("OP 5 of 73/146"); empty when it names
    none of ``keys``."""
    for name in [doc, *SYMBOL.findall(doc)]:  # "S/2025/303" in "documento S/2025/303"
        key = symbols.get(name.lower(), name)
        if key in keys:
            return {key}
    numbers = resolution_numbers(doc) or ([doc] if re.fullmatch(r"\d{1,4}/\d{1,4}", doc) else [])
    return {d for sym, d in symbols.items() for n in numbers if sym.endswith("/" + n)}


# "the 2019 report", "2021 session", "the report of 2020", "resolutions of 2015": the year of the
# documents a question is about (a year alone, "seized in 2019", is content, not a document).
DOCUMENT_YEAR = re.compile(
    r"\b((?:19|20)\d{2})\s+(?:reports?|sessions?|meetings?|resolutions?)\b"
    r"|\b(?:reports?|sessions?|meetings?|resolutions?)\s+(?:of|in|for|from)\s+((?:19|20)\d{2})\b",
    re.IGNORECASE,
)


def named_years(query: str) -> set[int]:
    """Years of the documents a question asks about ("the 2019 report" -> {2019}) (pure)."""
    return {int(a or b) for a, b in DOCUMENT_YEAR.findall(query)}


def without_document_names(query: str, symbols: dict[str, str]) -> str:
    """The question with its mentions of indexed documents taken out (pure): "What does
    A/RES/78/228 request?" -> "What does  request?"; "resolution 73/146" -> "resolution".
    What a question must find in the evidence is its subject, not the name of the document."""

    def number(m: re.Match) -> str:
        named = resolution_number(m)
        known = any(sym.endswith("/" + named) for sym in symbols)
        return m[0].replace(m[1] or m[2], " ").strip() if known else m[0]

    out = RESOLUTION_NUMBER.sub(number, query)
    out = DOCUMENT_YEAR.sub(lambda m: re.sub(r"(?:19|20)\d{2}", " ", m[0]), out)
    for sym in symbols:
        if sym in out.lower():
            out = _mention(sym).sub(" ", out)
    return out


def _mention(symbol: str) -> re.Pattern:
    """A symbol written whole ("A/RES/73/146", not inside "A/RES/73/1460"), any case."""
    return re.compile(rf"(?<![\w/]){re.escape(symbol)}(?![\w/])", re.IGNORECASE)


def language(query: str) -> str:
    """The UN language a question is written in ("en", "fr", "es", "ru", "ar", "zh") (pure).

    Mostly letters of another script decide at once (a Russian question naming "iArms" is still
    Russian); otherwise py3langid, restricted to the six UN languages, reads it. On the repo's
    question sets (dev 24, xl holdout 14, extra 31, library 204) it names 272 of 273 languages
    right (the miss: an English question quoting the French name of an NGO), where the
    earlier word list got the English/other split right on 271.
    """
    letters = [c for c in query if c.isalpha()]
    other = [c for c in letters if OTHER_SCRIPT.match(c)]
    if letters and len(other) > len(letters) / 2:
        if any(_CJK.match(c) for c in other):
            return "zh"
        return "ru" if sum(bool(_CYRILLIC.match(c)) for c in other) > len(other) / 2 else "ar"
    if not letters:
        return "en"
    return _identifier().classify(query)[0]


def is_foreign(query: str) -> bool:
    """Whether a question is written in a UN language other than English (``language``)."""
    return language(query) != "en"


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's model, restricted to the UN languages (loaded once, ~0.5 ms a question)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(UN_LANGUAGES))
    return identifier
