"""Recommendation records from units, by the UN's own drafting conventions (pure, rule-based).

Three places ask for action: numbered recommendations ("States should ...", JIU's
"Recommendation 3"), operative paragraphs of resolutions ("Urges Member States to ..."), and the
paragraphs of a report's "Recommendations" / "Conclusions and recommendations" / "Observations
and recommendations" chapter ("I recommend that the Security Council:", "The Council may wish
to ...", "The Committee recommends that the State party ..."). Each lettered item under a
lead-in is an entry of its own that inherits the lead-in's addressees (and its action, unless
the lead-in leaves the verb to each item). A chapter paragraph that names no actor and gives no
order (a chapter's introduction) is not an entry. ``asks`` finds the action and the addressee
phrase, ``actors`` which parts of that phrase are actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from rapporteur.assistant.compendium.actors import addressees
from rapporteur.assistant.compendium.asks import OP_LEAD, OWN_BODY, op_ask, op_phrases, report_ask
from rapporteur.assistant.compendium.context import About, about, author_of
from rapporteur.assistant.compendium.lemmas import (
    PHRASAL,
    lemma_at,
    nominal_verb,
    starts_with_ask,
    verbs,
)
from rapporteur.assistant.compendium.records import Recommendation
from rapporteur.core.text import split_sentences
from rapporteur.core.units import Document, Unit

# Chapters that ask: "Recommendations", "Observations", "Conclusions and recommendations",
# "Proposals", "Elements for a draft decision", "Proposed draft decision on ...", "Action to be
# taken by the General Assembly".
RECOMMENDATIONS_CHAPTER = re.compile(
    r"\b(?:recommendations?|observations|proposals|(?:draft )?decisions? (?:for|of)|elements for a "
    r"draft|elements of a (?:draft )?decision|(?:proposed )?draft decisions?|actions? (?:to be "
    r"taken|required|requested))\b",
    re.IGNORECASE,
)
# A recommendation headed by an imperative title: "Establish a comprehensive framework: the
# authorities should consider ...".
TITLE = re.compile(r"([A-Z][^:.;]{3,250}):\s")
# A chapter's introduction speaks of the recommendations, not of an actor.
INTRODUCTION = re.compile(
    r"\b(?:following|these|present|above|this|my previous) (?:recommendations|proposals|"
    r"observations|report|chapter|section)\b|\brecommendations (?:below|focus|are)",
    re.IGNORECASE,
)
ITEM = re.compile(r"(?:^|\n|(?<=[;:.])\s)\s*[-–•]?\s*\((?P<letter>[a-z]{1,2})\)\s+", re.MULTILINE)
LETTERS = "abcdefghijklmnopqrstuvwxyz"
# The symbol's year: "S/2025/389", "JIU/REP/2025/1"; else a General Assembly session (A/80/82:
# the eightieth session opened in September 2025, so 1945 + 80).
SYMBOL_YEAR = re.compile(r"(?:^|/)((?:19|20)\d\d)(?:/|$)")
ASSEMBLY_SESSION = re.compile(r"^A/(?:RES/|C\.\d/|INF/)?(\d{2})/")


# The body a symbol's series belongs to, where the document's own body line says otherwise
# (A/HRC/RES/59/25 is printed under "General Assembly").
SERIES_BODY = (
    ("A/HRC/", "Human Rights Council"),
    ("S/RES/", "Security Council"),
    ("E/RES/", "Economic and Social Council"),
    ("A/RES/", "General Assembly"),
)


# The body a draft goes to, by its symbol's series, where the document states none: a draft's
# own decisions ("Decides on the following working arrangements") are the adopting body's, as in
# the resolution it would become (E/2025/L.1 -> the Council).
DRAFT_SERIES = (
    (re.compile(r"^E/\d{4}/L\."), "Economic and Social Council"),
    (re.compile(r"^A/\d{2}/L\."), "General Assembly"),
)


def adopting_body(symbol: str | None, body: str | None) -> str | None:
    """The body that adopts a document: its symbol's series, else its stated body, else the
    series of its draft."""
    for prefix, name in SERIES_BODY:
        if (symbol or "").startswith(prefix):
            return name
    if body:
        return body
    return next((name for series, name in DRAFT_SERIES if series.match(symbol or "")), None)


def split_items(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The lead-in and the lettered items "(a) ...", "(b) ..." of a text (items may be empty).

    Letters must follow in order, so "(i)" inside item (c) stays part of it.
    """
    marks, expected = [], 0
    for m in ITEM.finditer(text):
        if expected < len(LETTERS) and m["letter"] == LETTERS[expected]:
            marks.append(m)
            expected += 1
    if len(marks) < 2:
        return text, ()
    items = tuple(
        (
            m["letter"],
            " ".join(text[m.end() : nxt.start() if nxt else len(text)].split()).rstrip(";"),
        )
        for m, nxt in zip(marks, [*marks[1:], None])
    )
    return text[: marks[0].start()].strip(), items


def year_of(date: str | None, symbol: str | None) -> int | None:
    """The year of a document: its date's, else its symbol's (S/2025/389, A/80/82 -> 2025)."""
    if date:
        return int(date[:4])
    if not symbol:
        return None
    found = SYMBOL_YEAR.search(symbol)
    if found:
        return int(found[1])
    session = ASSEMBLY_SESSION.match(symbol)
    return 1945 + int(session[1]) if session else None


def in_recommendations_chapter(unit: Unit) -> bool:
    """A paragraph under a "Recommendations" or "Conclusions and recommendations" heading."""
    return unit.kind == "paragraph" and bool(RECOMMENDATIONS_CHAPTER.search(unit.section))


def _asking_place(unit: Unit) -> bool:
    return unit.kind in ("operative", "recommendation") or in_recommendations_chapter(unit)


def _operative_form(unit: Unit) -> bool:
    """An operative paragraph, or one written as such in a recommendations chapter: a committee
    report's recommended draft resolution parsed as paragraphs ("Calls upon the administering
    Powers ...", "Requests the Secretary-General ...")."""
    if unit.kind == "operative":
        return True
    if not in_recommendations_chapter(unit):
        return False
    if POSITION.match(unit.text.strip()):  # "Recalls ..., and highlights that ...": a position
        return True
    m = OP_LEAD.match(unit.text.strip())
    return bool(m) and bool(re.match(r"[A-Z][a-z]*s\b", m["verb"]))


# An operative paragraph that opens on a position, not an ask: "Recalls article 2 ... and
# highlights that ...", "Welcomes ...", "Takes note of ..." (read by op_ask: an ask after it).
POSITION = re.compile(
    r"(?:(?:Also|Further|Strongly|Once again)\s+)?(?:Recalls|Reaffirms|Notes|Takes note|Welcomes|"
    r"Emphasi[sz]es|Stresses|Underlines|Underscores|Highlights|Recogni[sz]es|Acknowledges|"
    r"Expresses|Commends|Affirms|Reiterates|Condemns|Deplores|Regrets|Is (?:deeply )?concerned|"
    r"Bearing in mind|Mindful)\b"
)


# A lead-in whose items are what was recommended or decided: "The participants of the workshop
# recommended that:", "The recommended path ... includes the following:", "The Meeting of States
# Parties decides:" (eval/compendium check5).
DECIDES_LEAD = re.compile(r"\b(?:decides|decided|resolves):\s*$")
ITEMS_LEAD = re.compile(
    rf"\brecommend\w*\b[^:;]*?(?:\bthat|\bthe following):\s*$|{DECIDES_LEAD.pattern}"
)


def _decider(before: str) -> tuple[str, ...]:
    """The body deciding, as the lead-in's last sentence names it: "The Meeting of States
    Parties" in "... proposed for consideration: The Meeting of States Parties decides:"."""
    last = re.split(r"[:.;]\s+|\n", before.strip())[-1]
    return addressees(last)


def unit_ask(
    unit: Unit, lead: str, body: str | None = None, context: About | None = None
) -> tuple[str, tuple[str, ...], bool] | None:
    """(action, addressees, own) of a unit's lead-in, or None when it asks nothing; ``body``:
    the adopting body, the addressee of its own decisions; ``context``: what the document is
    about (its title's, when not given)."""
    context = context or about(unit.title, unit.symbol, ())
    if _operative_form(unit):
        found = op_ask(lead)
        if found is None:
            return None
        named = tuple(
            dict.fromkeys(a for phrase in op_phrases(lead) for a in addressees(phrase, context))
        )
        if found[0] in OWN_BODY and body:  # the adopting body decides for itself
            named = tuple(dict.fromkeys((*addressees(body), *named)))
        return found[0], named, False
    anywhere = not _asking_place(unit)
    if anywhere and not _formal_device(unit, context):
        return None
    flat = " ".join(lead.split())
    asks = []  # every sentence that asks: the first gives the action, all give addressees
    for sentence, said_before in _with_previous(flat):
        if anywhere and not _device(sentence, context, said_before):
            continue
        found = report_ask(sentence)
        if found and (addressees(found[1]) or not INTRODUCTION.search(sentence)):
            asks.append(found)
    title = TITLE.match(flat)
    if asks and title and title[1].split()[0].lower() in verbs():
        asks[0] = (lemma_at(title[1]), *asks[0][1:])  # "Establish a framework: X should ..."
    if asks:
        named = tuple(
            dict.fromkeys(a for _, phrase, _ in asks for a in addressees(phrase, context))
        )
        return asks[0][0], named, asks[0][2]
    if _imperative(flat):
        return lemma_at(flat), (), True
    if unit.kind == "recommendation":  # adopted as a recommendation even with no ask in its words
        named = re.search(r"\bby (the [A-Z][\w-]*(?: [A-Z][\w-]*)*)", flat)
        return "recommend", addressees(named[1]) if named else (), False
    return None


# Asks that are recommendations wherever they sit (eval/compendium/README.md, "What is a record"):
# "The Committee may wish to request ...", "Governments may wish to give consideration to ...".
FORMAL_DEVICE = re.compile(r"\bmay wish to\b(?!\s*[,:]?\s*$)")  # not a bare lead-in
# ... but not one a meeting report quotes ("A member suggested that the Committee may wish to").
REPORTED = re.compile(
    r"\b(?:noted|suggested|observed|said|stated|proposed|added|remarked|pointed out|felt|"
    r"considered|indicated|mentioned)\b"
)


def _formal_device(unit: Unit, context: About | None = None) -> bool:
    """A paragraph outside any asking chapter that asks by a formal device: "may wish to", or
    the document's author body recommending ("The Committee recommended that ...")."""
    if unit.kind not in ("paragraph", "summary"):
        return False
    if FORMAL_DEVICE.search(unit.text):
        return True
    if not (context and context.author and context.author in unit.text):
        return False
    return any(_device(x, context, y) for x, y in _with_previous(unit.text))


def _with_previous(text: str) -> list[tuple[str, str]]:
    """The text's sentences, whitespace collapsed, each with the sentence before it ("" first)."""
    flat = " ".join(text.split())
    sentences = [flat[start:end] for start, end in split_sentences(flat)]
    return list(zip(sentences, ["", *sentences]))


# What the author body does when it recommends: "recommended that", "encouraged X to", "urged",
# "reiterated its recommendation", "recalled its previous recommendation for", "reaffirmed that
# ... should" (eval/compendium/README.md, check2: a committee's restated recommendations).
OWN_ASK = (
    r"(?:recommend(?:s|ed)|encourag(?:es|ed)|urg(?:es|ed)|call(?:s|ed) (?:up)?on|request(?:s|ed)|"
    r"invit(?:es|ed)|(?:reiterat|reaffirm|recall)(?:s|ed) (?:and reaffirm(?:s|ed) )?its "
    r"(?:previous |earlier |prior )?recommendations?|reaffirm(?:s|ed) that\b.*\b(?:should|must))\b"
)


def _device(sentence: str, context: About | None, previous: str = "") -> bool:
    """A sentence that asks by a formal device wherever it sits: "X may wish to ..." (not one a
    meeting report quotes), or the author body's own ask ("The Committee urged all Member
    States to pay ...", "It therefore recommended that ..." after a sentence of the Committee's;
    ``previous``: the unit's sentence before it)."""
    if FORMAL_DEVICE.search(sentence) and not REPORTED.search(sentence):
        return True
    if not (context and context.author):
        return False
    body = rf"The (?:[A-Z][\w-]* )*{context.author}\b"
    it = bool(re.match(body, previous))
    subject = rf"^(?:{body}|It\b)" if it else rf"^{body}"
    return bool(
        re.search(subject, sentence)
        and re.search(
            rf"(?:{subject}|\band)\s+(?:(?:also|therefore|further|again)\s+)*{OWN_ASK}", sentence
        )
    )


def _imperative(text: str) -> bool:
    """A recommendation written as an order, with no one named: "Build on the freezing measures"."""
    first = re.match(r"[A-Z][a-z-]+", text)
    return (
        bool(first) and first[0].lower() in verbs() and first[0].lower() not in ("note", "recall")
    )


def records_of(
    unit: Unit, document: Document | None, context: About | None = None
) -> list[Recommendation]:
    """The entries of a unit: one, one per lettered item, or none when the unit asks for nothing;
    ``context``: what the document is about (``context.about``; its title's when not given)."""
    context = context or about(unit.title, unit.symbol, ())
    lead, items = split_items(unit.text)
    body = adopting_body(unit.symbol, document.body if document else None)
    if items and _author_lead(lead, context) and not _asking_place(unit):
        return _author_items(unit, document, context, items)
    considers = re.search(r"\bconsider(?: the following)?(?: actions| measures| steps)?:\s*$", lead)
    asks_items = (
        bool(items)
        and unit.kind != "operative"
        and (
            bool(considers)
            or bool(ITEMS_LEAD.search(lead))
            or _leaves_verb(lead)
            or sum(_item_asks(t) for _, t in items) * 2 >= len(items)
        )
    )
    ask = unit_ask(unit, lead if asks_items else unit.text, body, context)
    if ask is None and asks_items and lead.rstrip().endswith(":") and _asking_place(unit):
        # "The following actions:" asks through its items; "The Meeting ... decides:" decides them
        decides = DECIDES_LEAD.search(lead)
        ask = ("decide", _decider(lead[: decides.start()]), False) if decides else ("", (), True)
    if ask is None:
        return []
    action, named, own = ask
    if (
        not named
        and not asks_items
        and _drafted_for(unit.section, context)
        and _imperative(unit.text)
    ):
        named = (context.recipient,)  # "Take note of the report ...": the receiving body's act
    base = Recommendation(
        unit.doc,
        unit.label,
        unit.kind,
        unit.number,
        unit.text,
        named,
        action,
        unit.symbol,
        unit.title,
        unit.date,
        body,
        unit.section,
        unit.ordinal,
        year=year_of(unit.date, unit.symbol),
    )
    if not asks_items:
        return [base]
    return [_item(base, lead, letter, text, own, context) for letter, text in items]


# Chapters that draft what the receiving body is to decide: "Elements for a draft decision",
# "Proposals", "Action to be taken by the Executive Board".
DRAFTED = re.compile(
    r"\b(?:draft decision|elements (?:for|of) a|proposals|actions? to be taken|decisions? (?:for|of))\b",
    re.IGNORECASE,
)


def _author_lead(lead: str, context: About) -> bool:
    """A lead-in whose items are the author body's acts: "On the basis of its review, the
    Committee:" then "(a) Recommended that ...", "(b) Welcomed ..."."""
    return bool(context.author) and bool(
        re.search(rf"\b[Tt]he (?:[A-Z][\w-]* )*{context.author}:\s*$", lead)
    )


def _author_items(
    unit: Unit, document: Document | None, context: About, items: tuple[tuple[str, str], ...]
) -> list[Recommendation]:
    """The items of an author lead-in that are its own asks, each read with the body as subject
    ("(b) Recommended that the Assembly encourage ..."); the others (welcomes, notes) are not."""
    out = []
    for letter, text in items:
        said = f"The {context.author} {text[:1].lower()}{text[1:]}"
        if not _device(said, context):
            continue
        found = records_of(replace(unit, text=said), document, context)
        out += [r.with_links(text=text, item=letter) for r in found[:1]]
    return out


def _drafted_for(section: str, context: About) -> bool:
    """A chapter drafting the decision of the body its document goes to."""
    return bool(context.recipient) and bool(DRAFTED.search(section))


def _item_verb(text: str, lead_action: str) -> str:
    """An item's own verb: "(a) Recalibrating ..." -> "recalibrate"; a nominal item takes its
    noun's verb ("(b) Development of an audit manual" -> "develop"), else the lead-in's."""
    verb = lemma_at(text)
    if verb in verbs() or verb in PHRASAL or " " in verb:
        return verb
    titled = ITEM_TITLE.match(text)  # "(a) Education programme. Implement a programme ..."
    if titled and (imperative := lemma_at(titled["rest"])) in verbs():
        return imperative
    # "(b) There is a need to strengthen ...", "(g) Given ..., it is important to develop ..."
    framed = re.search(r",\s+(?=(?:it|there) (?:is|remains)\b)", text[:300])
    found = (framed and report_ask(text[framed.end() : 300])) or report_ask(text[:300])
    if found and found[0] in verbs():
        return found[0]
    return nominal_verb(text) or lead_action or verb


ITEM_TITLE = re.compile(r"[A-Z][\w'-]*(?: [\w'-]+){0,6}\.\s+(?P<rest>[A-Z].*)", re.DOTALL)


def _leaves_verb(lead: str) -> bool:
    """A lead-in that names its actor and leaves the verb to each item: "The Panel recommends
    that the Committee:", "I recommend that the Security Council:"."""
    if not re.search(r"\bthat\s+[^:;]+:\s*$", lead):  # not "Possible topics ... by X:"
        return False
    sentences = split_sentences(" ".join(lead.split()))
    if not sentences:
        return False
    start, end = sentences[-1]
    found = report_ask(" ".join(lead.split())[start:end])
    return bool(found and found[0] == "" and found[1].strip())


def _item_asks(text: str) -> bool:
    """An item that asks on its own: "(a) Call upon ...", "(b) Member States should ..."."""
    if starts_with_ask(text):
        return True
    found = report_ask(text[:300])
    return bool(found and addressees(found[1]))


def _item(
    base: Recommendation, lead: str, letter: str, text: str, own: bool, context: About
) -> Recommendation:
    """A lettered item's entry: the lead-in's addressees; the item's verb when the lead-in leaves
    the verb to its items ("I recommend that the Council: (a) Call upon ...")."""
    action = _item_verb(text, base.action) if own or not base.action else base.action
    named = base.addressees
    if not named:  # "(a) Member States should ...": the item names its own actor
        found = report_ask(text)
        if found and addressees(found[1], context):
            named, action = addressees(found[1], context), found[0] or action
    if not named and _drafted_for(base.section, context) and starts_with_ask(text):
        named = (context.recipient,)  # "(a) Invite Members of the Forum to ...": the body's act
    return base.with_links(text=text, lead=lead, item=letter, addressees=named, action=action)


def record_of(unit: Unit, document: Document | None) -> Recommendation | None:
    """The first entry of a unit, or None (for callers that look at one unit)."""
    found = records_of(unit, document)
    return found[0] if found else None


def _asks_somewhere(group: list[Unit]) -> bool:
    """A document (its units, which share its title) with a place that asks or a paragraph that
    asks by a formal device, its author body's own asks included."""
    authored = About(author=author_of(group[0].title))
    return any(_asking_place(u) or _formal_device(u, authored) for u in group)


# A recommendations chapter that says it makes none this time ("the office does not submit any
# recommendations to the Executive Board or management for the 2024 reporting period", "no
# specific recommendations are being made to management"; the ethics offices' reports of
# eval/compendium check5): what its paragraphs report of earlier recommendations is not asked.
NONE_MADE = re.compile(
    r"\b(?:does|do|did|will) not (?:submit|make|offer|issue|put forward|have)\s+(?:any\s+)?"
    r"(?:new |specific |further |additional )?recommendations?\b|\bno (?:new |specific |further "
    r"|additional )?recommendations? (?:is |are |was |were |will be |has been |have been )"
    r"(?:being )?(?:made|submitted|issued|offered|put forward)\b|\bmakes? no (?:new |specific "
    r"|further |additional )?recommendations?\b",
    re.IGNORECASE,
)


def _chapter(unit: Unit) -> tuple[str, str]:
    return unit.doc, unit.section.split(" > ")[0]


def _none_made(units: list[Unit]) -> set[tuple[str, str]]:
    """The recommendations chapters (document, top heading) whose text says none is made."""
    return {
        _chapter(u) for u in units if in_recommendations_chapter(u) and NONE_MADE.search(u.text)
    }


def extract(units: Iterable[Unit], documents: dict[str, Document]) -> list[Recommendation]:
    """Every recommendation entry of the units, in their order; what each document is about is
    read from all its units, for the documents that have a place that asks. The paragraphs of a
    recommendations chapter that says it makes none are not entries."""
    units = list(units)
    silent = _none_made(units)
    by_doc: dict[str, list[Unit]] = {}
    for unit in units:
        by_doc.setdefault(unit.doc, []).append(unit)
    contexts = {
        doc: about(group[0].title, group[0].symbol, (u.text for u in group))
        for doc, group in by_doc.items()
        if _asks_somewhere(group)
    }
    out = []
    for unit in units:
        if unit.kind == "paragraph" and _chapter(unit) in silent:
            continue
        out += records_of(unit, documents.get(unit.doc), contexts.get(unit.doc))
    return out
