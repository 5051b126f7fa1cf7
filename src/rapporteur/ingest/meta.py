"""Header block -> document metadata: symbol, title, date, body, type, language, distribution."""

from __future__ import annotations

import re
from datetime import date

from rapporteur.core.grammar import HEADER_SYMBOL as SYMBOL
from rapporteur.core.units import Block, Document

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
DATE = re.compile(r"\b(?P<d>\d{1,2})\s+(?P<m>[A-Z][a-z]+)\s+(?P<y>(?:19|20)\d\d)\b")
DISTR = re.compile(r"^Distr\.?:\s*(?P<v>\w+)", re.IGNORECASE)
ORIGINAL = re.compile(r"^Original:\s*(?P<v>\w+)", re.IGNORECASE)
LANGS = {"english": "en", "french": "fr", "spanish": "es", "russian": "ru", "arabic": "ar",
         "chinese": "zh"}
BODIES = re.compile(r"^(?:General Assembly|Security Council|Economic and Social Council|Human Rights Council"
                    r"|Conference of the Parties.*|Commission on .*|United Nations System Chief Executives.*)$")
RES_TITLE = re.compile(r"^(?P<num>\d{1,4}/\d{1,4})\.\s+(?P<title>.+)$")
ADOPTED = re.compile(r"^Resolution adopted by the (?P<body>.+?)(?:\s+on\s+(?P<date>.+))?$", re.DOTALL)
NOISE = re.compile(r"^(?:SOURCE:|United Nations$|Agenda item|\[|Please recycle|\*|\d{2}-\d{5})", re.IGNORECASE)


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


def document_meta(header: list[Block], doc: str, symbol: str | None = None) -> Document:
    """Read a Document from the blocks before the first unit (pure)."""
    fields: dict[str, str | None] = {"symbol": symbol}
    title_parts: list[str] = []
    for block in header:
        text = " ".join(block.text.split())
        if (m := re.search(r"\bSYMBOL:\s*(\S+)", text)) and not fields["symbol"]:
            fields["symbol"] = m[1]  # "SOURCE: ... SYMBOL: A/RES/73/146" in extracted resolutions
            continue
        _read_line(text, fields, title_parts)
    resolution = bool(fields.get("resolution")) or "/RES/" in (fields["symbol"] or "")
    # The first title-like line after the masthead: a letter's body and signature never are.
    titles = [t for t in title_parts if 30 <= len(t) < 300 and not BODIES.match(t) and not re.match(r"^(?:I have|I should|\(Signed\))", t)]
    title = fields.get("res_title") or (titles[0] if titles else None)
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


def _read_line(text: str, fields: dict, title_parts: list[str]) -> None:
    """Classify one header line into a metadata field or a title candidate."""
    if len(text) < 60 and (d := parse_date(text)) and not ADOPTED.match(text):
        fields.setdefault("date", d)  # "31 May 2021", also inside "Distr.: General 31 May 2021"
    if (m := SYMBOL.match(text)) and not fields["symbol"]:
        fields["symbol"] = m["s"]
    elif m := DISTR.match(text):
        fields["distribution"] = m["v"].capitalize()
    elif m := ORIGINAL.match(text):
        fields["language"] = LANGS.get(m["v"].lower())
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
    elif not NOISE.match(text) and not SYMBOL.match(text) and len(text) > 12 and not _session_line(text):
        title_parts.append(text)


def _session_line(text: str) -> bool:
    """"Seventy-third session", "Item 5 of the provisional agenda" and the like."""
    return bool(re.match(r"^(?:[\w-]+ session|\d{4} session|Item \d|.*\bprovisional agenda\b)", text, re.IGNORECASE))


def _type_of(title: str | None) -> str:
    t = (title or "").lower()
    return "report" if "report" in t else "document"
