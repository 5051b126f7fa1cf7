"""Header block -> document metadata: symbol, title, date, body, type, language, distribution."""

from __future__ import annotations

import re
from datetime import date

from rapporteur.core.grammar import HEADER_SYMBOL as SYMBOL
from rapporteur.core.units import Block, Document

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
DATE = re.compile(r"\b(?P<d>\d{1,2})\s+(?P<m>[A-Z][a-z]+)\s+(?P<y>(?:19|20)\d\d)\b")
DISTR = re.compile(r"\bDistr\.?:\s*(?P<v>\w+)", re.IGNORECASE)
ORIGINAL = re.compile(r"\bOriginal:\s*(?P<v>\w+)", re.IGNORECASE)
# "Agenda item 16", "Item 6 of the provisional agenda*": the next line names the agenda item, and
# the document's own title (if any) follows that (E/2025/15, A/79/907, E/C.16/2024/4 in pdf-2025)
AGENDA_ITEM = re.compile(
    r"\b(?:Agenda items?|Items?) \d+(?:\s|,|\(?[a-z]\)|\d|and)*?"
    r"(?: of the (?:provisional|preliminary|annotated) (?:agenda|list)\b.*)?\**$"
)
# the line naming who submits a document, under its title: never the title itself
AUTHOR = re.compile(
    r"^(?:Report|Note) (?:of|by) the (?:Secretary-General|Secretariat|Executive Director"
    r"|Director-General|Administrator|President|High Commissioner|Chair)\**$"
)
LANGS = {
    "english": "en",
    "french": "fr",
    "spanish": "es",
    "russian": "ru",
    "arabic": "ar",
    "chinese": "zh",
}
BODIES = re.compile(
    r"^(?:General Assembly|Security Council|Economic and Social Council|Human Rights Council"
    r"|Conference of the Parties.*|Commission on .*|United Nations System Chief Executives.*)$"
)
RES_TITLE = re.compile(r"^(?P<num>\d{1,4}/\d{1,4})\.\s+(?P<title>.+)$")
ADOPTED = re.compile(
    r"^Resolution adopted by the (?P<body>.+?)(?:\s+on\s+(?P<date>.+))?$", re.DOTALL
)
NOISE = re.compile(
    r"^(?:SOURCE:|United Nations$|Agenda item|\[|Please recycle|\*|\d{2}-\d{5})", re.IGNORECASE
)


def parse_date(text: str) -> str | None:
    """The first "31 May 2021"-style date in a text, as ISO "2021-05-31"."""
    for m in DATE.finditer(text):
        month = MONTHS.get(m["m"].lower())
        if month:
            try:
                return date(int(m["y"]), month, int(m["d"])).isoformat()
            except ValueError:
                continue
    return None


def un_date(iso: str) -> str:
    """ "2024-12-17" -> "17 December 2024", as UN documents write dates (``parse_date``'s
    inverse); the text unchanged when it is not an ISO date."""
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    month = next(m for m, i in MONTHS.items() if i == d.month)
    return f"{d.day} {month.capitalize()} {d.year}"


def document_meta(header: list[Block], doc: str, symbol: str | None = None) -> Document:
    """Read a Document from the blocks before the first unit (pure)."""
    fields: dict[str, str | None] = {"symbol": symbol}
    title_parts: list[str] = []  # "<item>" stands where an agenda-item line was
    for block in header:
        text = " ".join(block.text.split())
        if (m := re.search(r"\bSYMBOL:\s*(\S+)", text)) and not fields["symbol"]:
            fields["symbol"] = m[1]  # "SOURCE: ... SYMBOL: A/RES/73/146" in extracted resolutions
            continue
        _read_line(text, fields, title_parts)
    resolution = bool(fields.get("resolution")) or "/RES/" in (fields["symbol"] or "")
    title = fields.get("res_title") or choose_title(title_parts)
    return Document(
        doc=doc,
        symbol=fields["symbol"],
        title=title,
        date=fields.get("date"),
        body=fields.get("body"),
        doc_type="resolution" if resolution else _type_of(title),
        language=fields.get("language"),
        distribution=fields.get("distribution"),
    )


def _title_like(text: str) -> bool:
    """A title candidate: long enough, a phrase with a lower-case word, no body name, no letter body."""
    if not 30 <= len(text) < 300 or BODIES.match(text) or AUTHOR.match(text):
        return False
    if re.match(r"^(?:I have|I should|\(Signed\))", text):
        return False
    return bool(re.search(r"\b[a-z]{2,}", text))  # "United Nations Population Fund" is a name


def choose_title(parts: list[str]) -> str | None:
    """The document's title among the header lines after its masthead.

    After an agenda-item line the first line names the item; the title is the next title-like
    line when there is one (a report's or letter's own title), else the item's name.
    """
    if "<item>" in parts:
        after = parts[parts.index("<item>") + 1 :]
        item = next((t for t in after if t != "<item>" and len(t) > 3), None)
        rest = [t for t in after[after.index(item) + 1 :] if _title_like(t)] if item else []
        if rest or item:
            return (rest[0] if rest else item).rstrip("*")
    titles = [t for t in parts if _title_like(t)]
    return titles[0].rstrip("*") if titles else None


def _masthead(text: str, fields: dict) -> bool:
    """Read distribution, language and date off a masthead line; True when the line was one."""
    distr, original = DISTR.search(text), ORIGINAL.search(text)
    if distr:
        fields.setdefault("distribution", distr["v"].capitalize())
    if original:
        fields.setdefault("language", LANGS.get(original["v"].lower()))
    if (distr or original) and (d := parse_date(text)):
        fields.setdefault("date", d)
    return bool(distr or original)


def _read_line(text: str, fields: dict, title_parts: list[str]) -> None:
    """Classify one header line into a metadata field or a title candidate."""
    if len(text) < 60 and (d := parse_date(text)) and not ADOPTED.match(text):
        fields.setdefault("date", d)  # "31 May 2021", also inside "Distr.: General 31 May 2021"
    if (m := SYMBOL.match(text)) and not fields["symbol"]:
        fields["symbol"] = m["s"]
    elif _masthead(text, fields):
        pass
    elif AGENDA_ITEM.search(text):
        title_parts.append("<item>")
    elif m := ADOPTED.match(text):
        fields["resolution"] = "yes"
        fields["body"] = fields.get("body") or m["body"].strip()
        fields["date"] = parse_date(text) or fields.get("date")
    elif m := RES_TITLE.match(text):
        fields["resolution"] = "yes"
        fields["res_title"] = m["title"].strip()
    elif BODIES.match(text) and not fields.get("body"):
        fields["body"] = text
    elif len(text) < 60 and parse_date(text):
        pass
    elif _session_line(text) and "<item>" not in title_parts:
        title_parts.clear()  # what came before "Twentieth session" names the organ, not the document
    elif not NOISE.match(text) and not SYMBOL.match(text) and not _session_line(text):
        title_parts.append(text)


def _session_line(text: str) -> bool:
    """ "Seventy-third session", "Item 5 of the provisional agenda" and the like."""
    return bool(
        re.match(
            r"^(?:[\w-]+ session|\d{4} (?:regular |resumed )?session|Item \d)", text, re.IGNORECASE
        )
    )


def _type_of(title: str | None) -> str:
    t = (title or "").lower()
    return "report" if "report" in t else "document"
