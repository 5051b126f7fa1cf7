"""What a document is about, for the actors its recommendations name only by role (pure).

A report's recommendations often name their actor by role: "the Government", "national
authorities" and "the de facto authorities" are the State the report is about; "the Executive
Director" and "the Executive Board" are those of the UN entity it is about; "the Office" and
"the Forum" are the entity of that name the report names in full elsewhere; and an order with no
actor in a draft decision ("Take note of the report", "Invite Members of the Forum to ...") is
addressed to the body the document goes to. ``about`` reads these from the document's title,
symbol and text: the title first ("... in the Democratic Republic of the Congo"), else the State
or entity the text names far more often than any other (S/2025/420, a letter about Haiti: Haiti
83 times, the next State 23; JIU/REP/2025/1: UNEP 529 times, the next entity 123).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapporteur.assistant.compendium.actors import _data, country_of, entity_of

# A State or entity is the document's subject when the text names it at least DOMINANT_AT times
# and at least DOMINANT_RATIO times as often as the runner-up. Chosen on the 24 documents of the
# labelled library sample (eval/compendium tune+check): the four about one State name it 38-93
# times and 2.4-4.5 times the next (S/2025/303: Haiti 93, the Dominican Republic 39); thematic
# reports name none more than 17 times (A/80/271: Tanzania 15, Ethiopia 11).
DOMINANT_AT = 20
DOMINANT_RATIO = 2.0
# Words that end a UN body's name and stand for it alone once it has been named: "the Office".
# ("the Committee", "the Commission" and "the Assembly" are left alone: a report names many.)
# A "Special Committee" is one body in a document ("the Special Committee": the Decolonization one
# in its reports and the Assembly's resolutions on them).
HEAD_WORDS = (
    "Office",
    "Forum",
    "Mission",
    "Programme",
    "Fund",
    "Entity",
    "Department",
    "Unit",
    "Special Committee",
)
# The body a document goes to, by its symbol's series: the addressee of an order with no actor
# in its draft decision or proposals. Series of the bodies that take decisions on reports.
RECIPIENTS = (
    ("UNW/", "UN-Women Executive Board"),
    ("DP/", "UNDP/UNFPA/UNOPS Executive Board"),
    ("E/ICEF/", "UNICEF Executive Board"),
    ("WFP/EB", "WFP Executive Board"),
    ("UNEP/EA", "United Nations Environment Assembly"),
    ("HSP/", "UN-Habitat Assembly"),
    ("E/CN.18/", "United Nations Forum on Forests"),
    ("E/CN.3/", "Statistical Commission"),
    ("E/CN.5/", "Commission for Social Development"),
    ("E/CN.6/", "Commission on the Status of Women"),
    ("E/CN.7/", "CND"),
    ("E/CN.9/", "Commission on Population and Development"),
    ("E/CN.15/", "CCPCJ"),
    ("E/CN.16/", "Commission on Science and Technology for Development"),
    ("E/CN.17/", "Commission on Sustainable Development"),
    ("E/C.16/", "Committee of Experts on Public Administration"),
    ("A/HRC/", "Human Rights Council"),
    ("TD/B/", "Trade and Development Board"),
)
# A Security Council sanctions committee, which its Panel of Experts' reports then call "the
# Committee": "the Security Council Committee established pursuant to resolution 1591 (2005)".
SANCTIONS_COMMITTEE = re.compile(r"Security Council Committee established pursuant to resolution")
# ... or the committee a Council document's panel or monitoring team reports to ("The Monitoring
# Team recommends that the Committee consider ...").
COUNCIL_EXPERTS = re.compile(r"\b(?:the|The) (?:Monitoring Team|Panel of Experts|Panel|Team)\b")
# The Council's panel or team itself, named bare there ("requests the Panel of Experts to ...").
COUNCIL_PANELS = ("Panel of Experts", "Panel", "Monitoring Team")
_CAPITAL = re.compile(r"(?<![\w-])[A-Z][\w'’-]*")


@dataclass(frozen=True, slots=True)
class About:
    """The State, UN entity and receiving body of a document, and its entities by head word."""

    country: str | None = None
    entity: str | None = None
    recipient: str | None = None
    heads: tuple[tuple[str, str], ...] = ()  # ("Office", "OHRLLS"): the most named of that word
    author: str | None = None  # the head word of the body whose report it is: "Committee"

    def head(self, word: str) -> str | None:
        """The entity a bare "the Office" stands for in this document, or None."""
        return dict(self.heads).get(word)


NOWHERE = About()


@lru_cache(maxsize=1)
def _forms() -> tuple[
    dict[str, tuple[tuple[str, str], ...]], dict[str, tuple[tuple[str, str], ...]]
]:
    """Names as written (States, then entities) by their first word, longest first: each maps a
    written form to its filing name."""
    states, entities = {}, {}
    for line in _data("states.txt").splitlines():
        if line.strip() and not line.startswith("#"):
            names = [n.strip() for n in line.split("|")]
            states.update({n: names[0] for n in names if n[:1].isupper()})
    for line in _data("entities.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            names = [n.strip() for n in line.split("\t")]
            entities.update({n: names[0] for n in names if n[:1].isupper()})
    return _by_first(states), _by_first(entities)


def _by_first(forms: dict[str, str]) -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for form, name in forms.items():
        out.setdefault(form.split()[0], []).append((form, name))
    return {w: tuple(sorted(v, key=lambda f: -len(f[0]))) for w, v in out.items()}


def count_names(texts: Iterable[str], forms: dict[str, tuple[tuple[str, str], ...]]) -> Counter:
    """How often each name is written in the texts, the longest form at each place ("South
    Sudan" is not also "Sudan")."""
    counts: Counter = Counter()
    for text in texts:
        end = 0
        for m in _CAPITAL.finditer(text):
            if m.start() < end:
                continue
            for form, name in forms.get(m[0], ()):
                stop = m.start() + len(form)
                if text.startswith(form, m.start()) and not text[stop : stop + 1].isalnum():
                    counts[name] += 1
                    end = stop
                    break
    return counts


def dominant(counts: Counter) -> str | None:
    """The name written far more often than any other (DOMINANT_AT, DOMINANT_RATIO), or None."""
    top = counts.most_common(2)
    if not top or top[0][1] < DOMINANT_AT:
        return None
    return top[0][0] if len(top) == 1 or top[0][1] >= DOMINANT_RATIO * top[1][1] else None


def recipient_of(symbol: str | None) -> str | None:
    """The body a document goes to, by its symbol's series (UNW/2025/2 -> the Executive Board)."""
    return next((body for prefix, body in RECIPIENTS if (symbol or "").startswith(prefix)), None)


def about(title: str | None, symbol: str | None, texts: Iterable[str]) -> About:
    """What a document is about, from its title, its symbol and the texts of its units."""
    texts = list(texts)
    state_forms, entity_forms = _forms()
    named = count_names(texts, entity_forms)
    heads = []
    for word in HEAD_WORDS:
        having = [(n, name) for name, n in named.items() if _has_head(name, word)]
        if having:
            heads.append((word, max(having)[1]))
    experts = (symbol or "").startswith("S/") and any(COUNCIL_EXPERTS.search(t) for t in texts)
    if experts or any(SANCTIONS_COMMITTEE.search(t) for t in [title or "", *texts]):
        heads.append(("Committee", "Security Council sanctions committee"))
        heads += [(word, "Security Council panel of experts") for word in COUNCIL_PANELS]
    return About(
        country=country_of(title) or dominant(count_names(texts, state_forms)),
        entity=entity_of(title) or dominant(named),
        recipient=recipient_of(symbol),
        heads=tuple(heads),
        author=author_of(title),
    )


# A body's own report: "Report of the Committee on Contributions", "Report of the Special
# Committee on ...", "Report of the Panel of Experts ...": its own recommendations are written
# "The Committee recommended that ..." wherever they sit (eval/compendium/README.md, rule 1).
AUTHOR_TITLE = re.compile(
    r"^(?:(?:Annual|Final|Interim) )?[Rr]eport of the (?:[A-Z][\w-]*\s+|(?:and|on|of)\s+)*?"
    r"(?P<head>Committee|Commission|Board|Panel|Group|Forum|Mechanism|Meeting|Conference)\b"
)


def author_of(title: str | None) -> str | None:
    """The head word of the body a document is the report of ("Committee"), or None."""
    m = AUTHOR_TITLE.match(title or "")
    return m["head"] if m else None


@lru_cache(maxsize=1)
def _full_names() -> dict[str, tuple[str, ...]]:
    """Filing name -> every written form of an entity (``data/entities.tsv``)."""
    out = {}
    for line in _data("entities.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            names = [n.strip() for n in line.split("\t")]
            out[names[0]] = tuple(names)
    return out


def _has_head(name: str, word: str) -> bool:
    """An entity one of whose names holds the head word: OHRLLS ("Office of the High ...")."""
    return any(re.search(rf"\b{word}\b", form) for form in _full_names().get(name, ()))
