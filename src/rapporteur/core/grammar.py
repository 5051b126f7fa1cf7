"""The UN reference grammar, written once: unit kinds, their labels and written forms, symbols.

Every module that reads or writes a reference ("rec 18", "para. 9", "OP 5 of A/RES/73/146",
"resolution 73/146") imports its rule from here.
"""

from __future__ import annotations

import re

# Unit kinds and their short human labels, as UN staff cite them:
# "para 12", "rec 18", "OP 5", "PP 3", "footnote 1", "art 7".
KIND_LABELS: dict[str, str] = {
    "paragraph": "para",
    "recommendation": "rec",
    "operative": "OP",
    "preambular": "PP",
    "footnote": "footnote",
    "article": "art",
    "summary": "summary",  # unnumbered text outside any numbered unit (a report's summary box)
    # a letter's or note's own paragraphs, which it does not number: "passage 3", "annex passage 2"
    # (ordinal per part, like a paragraph number, so labels stay unique and citable)
    "passage": "passage",
}
# The long forms used in prose answers: "(recommendation 18)", "(para. 9)".
KIND_PROSE: dict[str, str] = {
    "paragraph": "para.",
    "recommendation": "recommendation",
    "operative": "OP",
    "preambular": "PP",
    "footnote": "footnote",
    "article": "article",
    "summary": "summary",
    "passage": "passage",
}
# Plurals for a run of units of one kind: "recommendations 18 and 22", "paras. 9 and 10".
KIND_PLURAL: dict[str, str] = {
    "recommendation": "recommendations",
    "paragraph": "paras.",
    "footnote": "footnotes",
    "article": "articles",
    "passage": "passages",
}
KINDS = tuple(KIND_LABELS)

# Every written form of a kind, lowercased and singular (``kind_of`` strips dots and plurals).
KIND_ALIASES: dict[str, str] = {kind: kind for kind in KINDS} | {
    "rec": "recommendation",
    "para": "paragraph",
    "operative paragraph": "operative",
    "op": "operative",
    "preambular paragraph": "preambular",
    "pp": "preambular",
    "fn": "footnote",
    "art": "article",
}
# The same forms as a regular expression (case-insensitive), plurals and abbreviation dots allowed:
# "recommendations", "recs.", "operative paragraph", "paras.", "OPs", "PP", "fn.", "art.".
KIND_WORD = (
    r"(?:recommendations?|recs?\.?|operative\s+paragraphs?|preambular\s+paragraphs?"
    r"|paragraphs?\.?|paras?\.?|OPs?|PPs?|footnotes?|fns?\.?|articles?\.?|arts?\.?|passages?|summary)"
)

# A UN document symbol inside running text, any case: "A/RES/73/146", "S/2025/303",
# "CTOC/COP/WG.6/2021/INF/1/Rev.1", "a/res/73/146" in a typed question.
SYMBOL = re.compile(r"\b[A-Za-z]{1,10}(?:/[A-Za-z0-9.\-]+)+")
# A header line that is a symbol and nothing else ("A/RES/73/146", "SYMBOL: 73/146"), in ``s``.
HEADER_SYMBOL = re.compile(
    r"^(?:SYMBOL:\s*)?(?P<s>(?:[A-Z]{1,10}|\d{1,4})(?:/[A-Za-z0-9.\-]{1,20}){1,8})\s*$"
)
# A symbol as printed at the top of a PDF page, capitals with an optional year: "S/RES/2734 (2024)".
PRINTED_SYMBOL = r"[A-Z][A-Z0-9]*(?:\.\d{1,2})?(?:/[A-Z0-9][A-Za-z0-9.\-]*)+(?: ?\(\d{4}\))?"
# Kind words of the other UN languages, by the stem ``kind_of`` reads them from: "paragraphe 5",
# "párrafo 5", "пункт 5" ("пункта", "пункте"), "الفقرة 5", "recommandation 18", "recomendación
# 18", "рекомендации 18", "التوصية 18", "artículo 9", "статья 9", "المادة 9" (French "article" is
# the English word). Chinese puts the number first: "第5段", "第18项建议", "第9条".
FOREIGN_KINDS: dict[str, str] = {
    "paragraphe": "paragraph",
    "párrafo": "paragraph",
    "parrafo": "paragraph",
    "пункт": "paragraph",
    "параграф": "paragraph",
    "الفقر": "paragraph",
    "فقر": "paragraph",
    "recommandation": "recommendation",
    "recomendaci": "recommendation",
    "рекомендаци": "recommendation",
    "التوصي": "recommendation",
    "توصي": "recommendation",
    "artículo": "article",
    "articulo": "article",
    "стать": "article",
    "المادة": "article",
    "مادة": "article",
}
_FOREIGN_KIND_WORD = "|".join(rf"{stem}\w*" for stem in FOREIGN_KINDS)
_CHINESE_KINDS = {"段": "paragraph", "项建议": "recommendation", "条": "article"}
# One number or several: "paras. 24 and 25", "paragraphs 9 to 11", "OPs 3, 4 et 5", "9-11".
_NUMBERS = r"\d{1,4}(?:\s*(?:,|&|and|et|y|и|و|to|à|a|-|–)\s*\d{1,4}(?![\d/]))*"
_RANGE = re.compile(r"(\d+)\s*(?:to|à|a|-|–)\s*(\d+)")
RANGE_MAX = 30  # "paras. 9 to 11" names 9, 10 and 11; a longer span is read as its two ends
# A resolution by its number, as the six UN languages write it: "resolution 73/146", "res. 56/9",
# "résolution 79/189", "resolución 79/189", "резолюции 79/189", "القرار 79/189", "第79/189号决议",
# and the Security Council's "resolution 2769 (2025)" ("قراره 2769 (2025)", "第2769（2025）号决议").
_RESOLUTION_WORD = (
    r"(?:\bres(?:olution|\.)?|\br[ée]solution|\bresoluci[oó]n|резолюци\w*|\w*قرار\w*)"
)
_RESOLUTION_NUM = r"(\d{3,4}\s*[(（]\d{4}[)）]|\d{1,4}/\d{1,4})"
RESOLUTION_NUMBER = re.compile(
    rf"{_RESOLUTION_WORD}\s+(?:(?:no\.?|n[°º]|№)\s*)?{_RESOLUTION_NUM}(?![\d/])"
    rf"|第\s*{_RESOLUTION_NUM}\s*号?决议",
    re.IGNORECASE,
)

# A unit named in a question: "rec 18", "para. 9", "OP 5 in A/RES/73/146", "para 3 of wg6-2021",
# "OP 5 of 73/146", "paragraph 31 of Security Council resolution 2769 (2025)", "paras. 24 and 25
# of S/2025/303", "le paragraphe 5 de la résolution 73/146" (its document left to the question).
_OF_RESOLUTION = rf"(?:the\s+)?(?:[\w-]+\s+){{0,3}}?{_RESOLUTION_WORD}\s+{_RESOLUTION_NUM}"


# "of", "in" and their French, Spanish and Arabic forms ("de la", "du", "del", "من"); Russian
# puts the document in the genitive with no word before it ("пункт 5 резолюции 73/146").
_OF = r"(?:(?:of|in|de|du|des|del|dans|en|из|من|في)\s+(?:(?:the|la|el|le)\s+|l['’]\s*)?)?"


def _of_document(group: str) -> str:
    """ "of A/RES/73/146", "in wg6-2021", "of Security Council resolution 2769 (2025)", "of 73/146",
    "du document S/2025/303", "de la résolution 73/146", "резолюции 73/146", "من القرار 78/223"."""
    word = r"(?!(?:and|or|et|ou|y|o|и|или|و)\s)[\w-]+\s+"  # "document", "доклада"; not "and"
    symbol = rf"(?:{word}){{0,2}}?(?:{SYMBOL.pattern}|\d{{1,4}}/\d{{1,4}})"
    doc = rf"{_OF_RESOLUTION}|{symbol}|[\w.\-]*\d[\w.\-]*"
    return rf"\s+{_OF}(?P<{group}>{doc})"


# English ordinals before a kind: "the fifth preambular paragraph", "the 3rd recommendation".
_ORDINAL_UNITS = "first second third fourth fifth sixth seventh eighth ninth".split()
_ORDINALS = (
    {w: n for n, w in enumerate(_ORDINAL_UNITS, 1)}
    | {
        w: n
        for n, w in enumerate(
            "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
            "eighteenth nineteenth twentieth".split(),
            10,
        )
    }
    | {"thirtieth": 30, "fortieth": 40}
)
_ORDINAL = (
    rf"(?:(?:twenty|thirty|forty)-?)?(?:{'|'.join(_ORDINAL_UNITS)})"
    rf"|{'|'.join(w for w in _ORDINALS if w not in _ORDINAL_UNITS)}|\d{{1,3}}(?:st|nd|rd|th)"
)
UNIT_REF = re.compile(
    rf"\b(?P<kind>{KIND_WORD}|{_FOREIGN_KIND_WORD})\s*(?P<num>{_NUMBERS})\b"
    rf"(?:{_of_document('doc')})?"
    rf"|\b(?P<ord>{_ORDINAL})\s+(?P<ord_kind>{KIND_WORD})\b(?:{_of_document('ord_doc')})?"
    rf"|(?:(?P<zh_doc>第\s*{_RESOLUTION_NUM.replace('(', '(?:', 1)}\s*号?决议)\s*)?"
    rf"第\s*(?P<zh_num>\d{{1,4}})\s*(?P<zh_kind>{'|'.join(_CHINESE_KINDS)})",
    re.IGNORECASE,
)


def ordinal(word: str) -> int | None:
    """The number an English ordinal writes: "fifth" 5, "twenty-first" 21, "3rd" 3 (pure)."""
    word = word.lower()
    if word[:1].isdigit():
        return int(re.sub(r"\D", "", word))
    tens = next((t for t in ("twenty", "thirty", "forty") if word.startswith(t)), "")
    rest = word[len(tens) :].lstrip("-")
    base = {"twenty": 20, "thirty": 30, "forty": 40}.get(tens, 0)
    return base + _ORDINALS[rest] if rest in _ORDINALS else None


def resolution_numbers(text: str) -> list[str]:
    """The resolution numbers ``text`` names, as their symbols end: "73/146", "2769 (2025)" (pure)."""
    return [resolution_number(m) for m in RESOLUTION_NUMBER.finditer(text)]


def resolution_number(match: re.Match) -> str:
    """The number of one ``RESOLUTION_NUMBER`` match, written as symbols end ("2769 (2025)")."""
    raw = match[1] or match[2]
    return re.sub(r"\s*[(（](\d{4})[)）]", r" (\1)", raw)


def kind_of(word: str) -> str | None:
    """The kind a written form names ("Recs." -> "recommendation", "OPs" -> "operative"), or None."""
    word = " ".join(word.lower().rstrip(".").split())
    if word not in ("pp", "op"):
        word = re.sub(r"s$", "", word)
    if word in KIND_ALIASES:
        return KIND_ALIASES[word]
    return next((kind for stem, kind in FOREIGN_KINDS.items() if word.startswith(stem)), None)


def kinds_named(kind: str) -> tuple[str, ...]:
    """The unit kinds a reference of ``kind`` may name, the kind itself first: a resolution's
    "paragraph 5" is its OP 5, as the UN cites it (pure)."""
    return (kind, "operative") if kind == "paragraph" else (kind,)


def unit_label(kind: str, number: int) -> str:
    """The short label of a unit, e.g. ``unit_label("recommendation", 18) == "rec 18"``."""
    return f"{KIND_LABELS[kind]} {number}"


def unit_refs(text: str) -> list[tuple[str, int, str | None]]:
    """Units a text names: [("recommendation", 18, None), ("paragraph", 12, "S/2025/303")]; a
    list or a span names each of its numbers ("paras. 24 and 25", "paragraphs 9 to 11")."""
    out = []
    for m in UNIT_REF.finditer(text):
        if m["zh_num"]:
            out.append((_CHINESE_KINDS[m["zh_kind"]], int(m["zh_num"]), m["zh_doc"]))
        elif m["ord"]:
            kind, number = kind_of(m["ord_kind"]), ordinal(m["ord"])
            if kind and number:
                out.append((kind, number, m["ord_doc"]))
        elif kind := kind_of(m["kind"]):
            out += [(kind, n, m["doc"]) for n in _numbers(m["num"])]
    return out


def _numbers(written: str) -> list[int]:
    """The numbers of "24 and 25", "9 to 11" (9, 10, 11), "3, 4 et 5", in order, once each."""
    spans = {int(a): int(b) for a, b in _RANGE.findall(written)}
    out: list[int] = []
    for n in map(int, re.findall(r"\d+", written)):
        end = spans.get(n, n)
        out += range(n, end + 1) if 0 < end - n <= RANGE_MAX else [n]
    return list(dict.fromkeys(out))


# A chapter of recommendations ("V. Recommendations", "Conclusions and recommendations"): its
# numbered paragraphs are what a report recommends, though they are cut as paragraphs.
RECOMMENDATIONS_HEADING = re.compile(r"\brecommendations?\b", re.IGNORECASE)


def recommends(kind: str, section: str) -> bool:
    """Whether a unit is a recommendation: of that kind, or under a recommendations heading
    (any level of its " > " section path)."""
    return kind == "recommendation" or bool(RECOMMENDATIONS_HEADING.search(section or ""))


# The paragraph of a resolution a report answers to, as its first paragraphs state it: "submitted
# pursuant to paragraph 9 of Security Council resolution 2692 (2023)". Reports under one mandate
# form one series whatever their titles: the Secretary-General's covering letters
# ("Letter dated 4 February 2025 from ...") transmitting the quarterly reports it asks for.
MANDATE = re.compile(
    r"\bpursuant\s+to\s+(?:operative\s+)?paragraphs?\s+(?P<para>\d{1,3})(?:\s?\([a-z]\))?\s+of\s+"
    r"(?:(?:the\s+)?(?:General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council"
    r"|Human\s+Rights\s+Council|Council|Assembly)\s+)?resolution\s+"
    r"(?P<res>\d{1,4}/\d{1,4}|\d{3,4}\s?\(\d{4}\))",
    re.IGNORECASE,
)
MANDATE_UNITS = 3  # a report states its mandate in its first paragraphs


def mandate(text: str) -> str | None:
    """ "paragraph 9 of resolution 2692 (2023)" when ``text`` says it answers to a paragraph of a
    resolution (the body's name dropped, spacing normalised); None otherwise (pure)."""
    m = MANDATE.search(text)
    if m is None:
        return None
    res = re.sub(r"\s*\(", " (", m["res"])
    return f"paragraph {m['para']} of resolution {res}"
