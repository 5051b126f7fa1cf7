"""Recommendation records from units, by the UN's own drafting conventions (pure, rule-based).

Three places ask for action: numbered recommendations ("States should ..."), operative paragraphs
of resolutions ("Urges Member States to ..."), and the paragraphs of a report's
"Recommendations" / "Conclusions and recommendations" chapter ("UNODC recommends that Haiti
establish ..."). Each rule below is one convention of UN drafting; the labelled set in
``rapporteur/evaluation/data/compendium_labels.jsonl`` measures them (COMPENDIUM_REPORT.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapporteur.assistant.compendium.records import Recommendation
from rapporteur.core.units import Document, Unit
from rapporteur.index.tokens import split_sentences

# Operative verbs that ask for action, as the lead of an OP ("Also requests", "Strongly urges"),
# normalised to the action name. Procedural leads (takes note, welcomes, reaffirms, recognizes,
# expresses, stresses, ...) record a position, not an ask: those OPs are not recommendations.
OP_ACTIONS = {
    "requests": "requests",
    "urges": "urges",
    "encourages": "encourages",
    "calls upon": "calls upon",
    "calls on": "calls upon",
    "invites": "invites",
    "decides": "decides",
    "recommends": "recommends",
    "appeals": "appeals",
    "exhorts": "urges",
    "demands": "demands",
    "authorizes": "authorizes",
    "directs": "directs",
    "instructs": "directs",
    "approves": "decides",
    "adopts": "decides",
}
ADVERB = r"(?:(?:also|further|again|once again|strongly|firmly|moreover|in this regard|furthermore)[,]?\s+)*"
OP_LEAD = re.compile(
    rf"^{ADVERB}(?P<verb>calls\s+(?:upon|on)|{'|'.join(v for v in OP_ACTIONS if ' ' not in v)})\b"
    rf"\s*(?:also\s+|further\s+|once again\s+|again\s+)?",
    re.IGNORECASE,
)
# In a report: the subject asked, then the ask ("States should", "UNODC is requested to",
# "States are encouraged to"); the passive forms name the action that a resolution would.
REPORT_ASK = re.compile(
    r"\b(?P<modal>should|must|(?:is|are) (?:requested|encouraged|invited|called upon|urged|called on) to)\b",
    re.IGNORECASE,
)
# A chapter's recommendation written as an order, with no one named: "Build on the freezing measures ...".
IMPERATIVE = re.compile(
    r"(?:Establish|Enhance|Embed|Scale up|Build|Empower|Reinforce|Investigate|Strengthen|Ensure|Adopt|Develop"
    r"|Support|Promote|Increase|Improve|Expand|Create|Continue|Consider|Prioritize|Implement|Provide|Conduct"
    r"|Take|Designate|Set up|Review|Allocate|Harmonize|Align|Foster|Intensify|Accelerate)\b"
)
PASSIVE = {
    "requested": "requests",
    "encouraged": "encourages",
    "invited": "invites",
    "called upon": "calls upon",
    "called on": "calls upon",
    "urged": "urges",
}
# A speaker recommending to someone: "UNODC recommends that Haiti establish",
# "The Working Group recommended that States ...", "UNODC urges national authorities to ...".
SPEAKER = re.compile(
    r"\b(?P<verb>recommend(?:s|ed)?|suggest(?:s|ed)?|advise(?:s|d)?|urge(?:s|d)?|encourage(?:s|d)?"
    r"|call(?:s|ed)? (?:up)?on|invite(?:s|d)?|request(?:s|ed)?)\b\s*(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
SPEAKER_ACTION = {
    "recommend": "recommends",
    "suggest": "recommends",
    "advise": "recommends",
    "urge": "urges",
    "encourage": "encourages",
    "call": "calls upon",
    "invite": "invites",
    "request": "requests",
}
# Insertions between a subject and its verb: "UNODC, in cooperation with ..., is requested to".
INSERTION = re.compile(
    r",\s*(?:in (?:cooperation|coordination|consultation|accordance|line|close collaboration) with"
    r"|at the request of|upon request|when requested|as appropriate|where appropriate|if feasible"
    r"|within (?:its|their) (?:existing )?(?:mandate|resources)s?)[^,]*(?=,)",
    re.IGNORECASE,
)
# The addressee ends where its infinitive or its clause starts.
ADDRESSEE_END = re.compile(
    r"\s+to\s+(?!the\b|their\b|its\b|that\b)|[:;]|\s+that\s+(?=\w+\s+(?:to|should|shall)\b)"
)
RELATIVE = re.compile(
    r",?\s+(?:that|which|who|whose)\s+\w+.*$|\s+(?:mentioned|referred to|listed|named|identified)\s+in\b.*$"
    r"|,?\s+(?:as appropriate|where appropriate|in particular|including|especially|inter alia)\b.*$"
    r"|,?\s+(?:in|within|at)\s+"
    r"(?:cooperation|coordination|accordance|consultation|the framework|their respective)\b.*$",
    re.IGNORECASE,
)
CANONICAL = [  # first match wins: the forms the compendium files addressees under
    (re.compile(r"^(?:all\s+)?states\s+parties\b", re.IGNORECASE), "States parties"),
    (re.compile(r"^(?:all\s+)?member\s+states\b", re.IGNORECASE), "Member States"),
    (re.compile(r"^(?:all\s+|relevant\s+)?states\b", re.IGNORECASE), "States"),
    (re.compile(r"^(?:all\s+)?governments\b", re.IGNORECASE), "Governments"),
    (
        re.compile(
            r"^(?:the\s+)?(?:United Nations Office on Drugs and Crime|UNODC)\b", re.IGNORECASE
        ),
        "UNODC",
    ),
    (re.compile(r"^(?:the\s+)?Secretary-General\b", re.IGNORECASE), "the Secretary-General"),
    (re.compile(r"^(?:the\s+|its\s+)?Secretariat\b", re.IGNORECASE), "the Secretariat"),
    (re.compile(r"^(?:the\s+)?Security Council\b", re.IGNORECASE), "the Security Council"),
    (
        re.compile(r"^(?:the\s+)?United Nations system\b", re.IGNORECASE),
        "the United Nations system",
    ),
    (
        re.compile(r"^(?:the\s+)?international community\b", re.IGNORECASE),
        "the international community",
    ),
    (
        re.compile(
            r"^(?:the\s+)?(?:Office of the )?(?:United Nations )?High Commissioner(?: for Human Rights)?$",
            re.IGNORECASE,
        ),
        "the High Commissioner for Human Rights",
    ),
    (re.compile(r"^(?:the\s+)?Working Group\b", re.IGNORECASE), "the Working Group"),
]
# Names with "and" inside, which must not split: "United Nations Office on Drugs and Crime".
NAMES_WITH_AND = re.compile(
    r"Office on Drugs and Crime|Crime Prevention and Criminal Justice|Gender Equality"
    r" and the Empowerment of Women|Small Arms and Light Weapons|Drugs and Crime"
)
NOT_ADDRESSEE = re.compile(
    r"(?:with|when|where|whenever|in|within|at|taking|as|upon|including|inter alia|if|"
    r"through|on|under|from|for|by|while|consistent|pursuant|subject|and|or|also|"
    r"particularly|in particular|especially|to)\b",
    re.IGNORECASE,
)
ADJECTIVES = {
    "international",
    "regional",
    "subregional",
    "global",
    "national",
    "bilateral",
    "multilateral",
    "intergovernmental",
    "non-governmental",
    "other",
    "local",
    "relevant",
    "governmental",
}
RECOMMENDATIONS_CHAPTER = re.compile(r"\brecommendations?\b", re.IGNORECASE)
ITEM = re.compile(r"(?:^|\n|(?<=[;:])\s)\s*[-–•]?\s*\((?P<letter>[a-z]{1,3})\)\s+", re.MULTILINE)
OWN_BODY = {"decides": True, "adopts": True, "approves": True}


def canonical(phrase: str) -> str:
    """The filing form of one addressee: "States parties to the Protocol" -> "States parties"."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;")
    phrase = re.sub(r"^(?:and|or)\s+", "", phrase)
    for pattern, name in CANONICAL:
        if pattern.search(phrase):
            return name
    return re.sub(r"^the\s+", "the ", phrase)


def split_addressees(phrase: str) -> tuple[str, ...]:
    """Addressees of a phrase joined by commas and "and": "States and UNODC" -> ("States", "UNODC").

    "other international, regional and subregional organizations" gives each adjective its noun;
    insertions ("when necessary", "with the support of ...") are not addressees.
    """
    phrase = NAMES_WITH_AND.sub(lambda m: m[0].replace(" and ", " & "), phrase)
    phrase = RELATIVE.sub("", re.sub(r"\s*\([^)]*\)", "", phrase)).strip(" ,")
    parts = [
        p.replace(" & ", " and ")
        for p in re.split(r",\s*(?:and\s+|or\s+|as well as\s+)?|\s+(?:and|as well as)\s+", phrase)
    ]
    parts = _with_nouns(
        [p.strip() for p in parts if p.strip() and not NOT_ADDRESSEE.match(p.strip())]
    )
    out: list[str] = []
    for part in parts:
        name = canonical(part)
        if name and len(name.split()) <= 12 and name not in out:
            out.append(name)
    return tuple(out)


def _with_nouns(parts: list[str]) -> list[str]:
    """Bare adjectives take the noun of the next full part: ["regional", "subregional organizations"]."""
    out, pending = [], []
    for part in parts:
        if part.split()[-1].lower() in ADJECTIVES:
            pending.append(len(out))
        elif pending:
            noun = part.split()[-1]
            for i in pending:
                out[i] = f"{out[i]} {noun}"
            pending = []
        out.append(part)
    return out


def op_ask(text: str) -> tuple[str, tuple[str, ...]] | None:
    """(action, addressees) of an operative paragraph, or None for a procedural one.

    "Urges States to act" -> ("urges", ("States",)); "Decides to ..." -> ("decides", ()):
    the adopting body decides for itself.
    """
    m = OP_LEAD.match(text.strip())
    if not m:
        return None
    verb = re.sub(r"\s+", " ", m["verb"].lower())
    action = OP_ACTIONS[verb]
    rest = text.strip()[m.end() :]
    if re.match(r"(?:to|that)\b", rest, re.IGNORECASE) or action in OWN_BODY:
        return action, ()
    end = ADDRESSEE_END.search(rest)
    return action, split_addressees(rest[: end.start()] if end else rest[:200])


def report_ask(text: str) -> tuple[str, tuple[str, ...]] | None:
    """(action, addressees) of a report's recommendation, or None when it asks nothing.

    "States should ..." -> ("should", ("States",)); "UNODC, in cooperation with ..., is
    requested to ..." -> ("requests", ("UNODC",)); "UNODC recommends that Haiti establish ..."
    -> ("recommends", ("Haiti",)).
    """
    flat = INSERTION.sub("", " ".join(text.split()))
    for start, end in split_sentences(flat)[:3]:  # the ask leads, or follows a context sentence
        sentence = flat[start:end]
        modal, speaker = REPORT_ASK.search(sentence), SPEAKER.search(sentence)
        by_speaker = bool(speaker) and _speaker_subject(sentence, speaker)
        if modal and (not by_speaker or modal.start() < speaker.start()):
            return _modal_ask(flat[start:], modal)
        if by_speaker:
            return _speaker_ask(speaker)
    return ("recommends", ()) if IMPERATIVE.match(flat) else None


def _speaker_subject(sentence: str, m: re.Match) -> bool:
    """True when the verb's subject is the speaker ("UNODC recommends", "The Working Group recommended")."""
    before = sentence[: m.start()].split(",")[-1].strip()
    return bool(
        re.search(
            r"(?:UNODC|Working Group|Group|Committee|Conference|Council|Office|Panel|"
            r"Special Rapporteur|Secretary-General|Meeting|Commission|Board)(?:\s+\w+ly)?\s*$|"
            r"\b(?:also|further|therefore)$",
            before,
        )
    )


def _modal_ask(flat: str, modal: re.Match) -> tuple[str, tuple[str, ...]]:
    word = modal["modal"].lower()
    action = (
        "should" if word in ("should", "must") else PASSIVE[re.sub(r"^(?:is|are) | to$", "", word)]
    )
    subject = re.split(r"[,:;]", flat[: modal.start()].rstrip(" ,"))[-1]
    addressees = split_addressees(subject)
    for later in REPORT_ASK.finditer(
        flat, modal.end()
    ):  # "..., and States parties ... are encouraged to"
        tail = re.split(r",|\band\b", flat[: later.start()])[-1]
        extra = split_addressees(tail) if _known(tail) else ()
        addressees += tuple(a for a in extra if a not in addressees)
    return action, addressees


def _known(phrase: str) -> bool:
    return any(p.search(phrase.strip()) for p, _ in CANONICAL)


def _speaker_ask(m: re.Match) -> tuple[str, tuple[str, ...]]:
    stem = re.sub(r"(?:s|d|ed)$", "", m["verb"].lower().split()[0])
    action = SPEAKER_ACTION.get(stem, SPEAKER_ACTION.get(stem.rstrip("e"), "recommends"))
    rest = re.sub(r"^that\s+", "", m["rest"])
    if (
        re.match(r"\w+ing\b", rest)
        or rest[:1].islower()
        and not re.match(r"(?:the|national|relevant|all)\b", rest)
    ):
        return action, ()  # "recommends strengthening ...": no one is named
    head = re.match(r"(.{2,120}?)(?:\s+(?:to|should|shall)\b|\s+[a-z]+(?<!s)\s|\s*[:;,.]|$)", rest)
    return action, split_addressees(head[1]) if head else ()


def split_items(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The lead-in and the lettered items "(a) ...", "(b) ..." of a text (items may be empty)."""
    marks = list(ITEM.finditer(text))
    letters = [m["letter"] for m in marks]
    if len(marks) < 2 or letters[0] != "a":
        return text, ()
    items = tuple(
        (
            m["letter"],
            " ".join(text[m.end() : nxt.start() if nxt else len(text)].split()).rstrip(";"),
        )
        for m, nxt in zip(marks, [*marks[1:], None])
    )
    return text[: marks[0].start()].strip(), items


def in_recommendations_chapter(unit: Unit) -> bool:
    """A paragraph under a "Recommendations" or "Conclusions and recommendations" heading."""
    return unit.kind == "paragraph" and bool(RECOMMENDATIONS_CHAPTER.search(unit.section))


def record_of(unit: Unit, document: Document | None) -> Recommendation | None:
    """The recommendation record of a unit, or None when the unit asks for nothing."""
    lead, items = split_items(unit.text)
    if unit.kind == "operative":
        ask = op_ask(lead)
    elif unit.kind == "recommendation":
        ask = report_ask(lead) or _implicit(lead)
    elif in_recommendations_chapter(unit):
        ask = report_ask(lead)
    else:
        return None
    if ask is None:
        return None
    action, addressees = ask
    body = document.body if document else None
    return Recommendation(
        unit.doc,
        unit.label,
        unit.kind,
        unit.number,
        unit.text,
        addressees,
        action,
        unit.symbol,
        unit.title,
        unit.date,
        body,
        unit.section,
        unit.ordinal,
        items,
    )


def _implicit(text: str) -> tuple[str, tuple[str, ...]]:
    """A numbered recommendation with no ask in its words ("Possible topics for consideration by
    the Working Group: ...") is still adopted as a recommendation to whoever it names."""
    named = re.search(r"\bby (the [A-Z][\w-]*(?: [A-Z][\w-]*)*)", text)
    return "recommends", (canonical(named[1]),) if named else ()


def extract(units: Iterable[Unit], documents: dict[str, Document]) -> list[Recommendation]:
    """Every recommendation record of the units, in their order."""
    out = []
    for unit in units:
        record = record_of(unit, documents.get(unit.doc))
        if record is not None:
            out.append(record)
    return out
