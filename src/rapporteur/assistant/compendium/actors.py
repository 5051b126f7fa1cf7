"""Addressees are actors: a closed set of actor kinds, named States and named UN entities (pure).

A phrase is an addressee only when it names one of these: the kinds the UN's recommendations
are addressed to (Member States, States parties, the Secretary-General, the Councils, the
Assembly, Governments, parties to conflict, donors, the private sector, civil society, ...), a
State by name (``data/states.txt``: the 193 Member States and the two observer States), or an
entity by name (``data/entities.tsv``: acronym and full name of the UN system's entities, and a
capitalised name ending in Committee, Commission, Office, Programme, Fund, ...). Each is filed
under one name, so "all Member States" and "States Members of the United Nations" group together.
Anything else ("the risks", "nexus thinking") is not an addressee.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rapporteur.assistant.compendium.context import About

# (pattern over the phrase without its article, filing name); first match wins.
KINDS: tuple[tuple[str, str], ...] = (
    (r"states? parties|state party|states that are parties", "States parties"),
    # their meeting deciding for them: "The Meeting of States Parties decides:"
    (r"(?:\w+ )*(?:meeting|conference) of (?:the )?states parties\b.*", "States parties"),
    (r"member states|states members(?: of the united nations)?", "Member States"),
    (
        r"(?:\w+ )?states? (?:and|or) non-state (?:actors|parties)|non-state (?:armed )?actors",
        "parties to conflict",
    ),
    (
        r"(?:state and non-state )?parties to (?:the |armed |an armed )?conflicts?|"
        r"warring parties|belligerents",
        "parties to conflict",
    ),
    (
        r"(?:(?:all|both|the|two|relevant|involved|concerned)\s+)*(?:parties|sides)"
        r"(?: concerned| involved)?$|(?:the )?(?:other |each |opposing )?side$",
        "parties to conflict",
    ),
    (r"(?:all |relevant |exporting |importing |concerned |interested )?states", "Member States"),
    (r"(?:[\w-]+ )?governments", "Governments"),
    (
        r"(?:national |host |respective |concerned |affected |interim |transitional )?government",
        "Governments",
    ),
    (r"secretary-general", "Secretary-General"),
    (r"(?:united nations )?secretariat", "United Nations Secretariat"),
    (r"(?:members of the )?security council", "Security Council"),
    (r"general assembly", "General Assembly"),
    # The Assembly's plenary and its six Main Committees act for it: "the plenary or the relevant
    # Main Committee of the General Assembly ... consider", "the Fifth Committee".
    (
        r"plenary(?: meetings?)?(?: of the general assembly)?$|"
        r"main committees?(?: of the (?:general )?assembly)?$|"
        r"(?:first|second|third|fourth|fifth|sixth) committee$",
        "General Assembly",
    ),
    (r"economic and social council|ecosoc", "Economic and Social Council"),
    (r"human rights council", "Human Rights Council"),
    (r"peacebuilding commission", "Peacebuilding Commission"),
    (
        r"security council committee established pursuant to resolutions? .*|"
        r"(?:security council )?sanctions committees?",
        "Security Council sanctions committee",
    ),
    (r"(?:the )?(?:wider |broader )?international community", "international community"),
    (
        r"united nations$|united nations(?: development)? system(?: entities|"
        r" organizations| agencies)?|(?:relevant |other )?united nations (?:entities|"
        r"agencies|organizations|bodies|funds|country teams?)[\w ,]*|un entities|"
        r"agencies, funds and programmes|(?:organizations|entities|agencies|bodies) of the "
        r"united nations(?: system)?|specialized agencies[\w ,-]*",
        "United Nations system",
    ),
    # The heads of the system's organizations act for it (as the labels file them, eval/compendium).
    (
        r"executive heads?(?: of [\w ,-]+)?|heads of (?:united nations |un )?(?:entities|"
        r"agencies|organizations)[\w ,-]*",
        "United Nations system",
    ),
    (
        r"legislative organs(?: and/or governing bodies)?|governing bodies|"
        r"legislative (?:and|or) governing bodies",
        "governing bodies",
    ),
    (r"(?:bilateral |international |multilateral )?donors?(?: countries| community)?", "donors"),
    (
        r"development partners|(?:development and )?trading partners|(?:international )?partners",
        "development partners",
    ),
    (
        r"(?:the )?private sector(?: entities| actors)?|business(?:es| enterprises|"
        r" community)|companies|corporations|industry",
        "private sector",
    ),
    (
        r"civil society(?: organizations| actors| leaders)?|"
        r"non-governmental organizations|ngos|community-based organizations|"
        r"women-led organizations",
        "civil society",
    ),
    (
        r"international financial institutions|multilateral development banks",
        "international financial institutions",
    ),
    (r"financial institutions", "financial institutions"),
    (
        r"(?:other )?(?:regional|"
        r"subregional) (?:and (?:sub)?regional )?(?:and international )?(?:organizations|"
        r"bodies|arrangements|economic communities)",
        "regional organizations",
    ),
    (r"intergovernmental organizations", "regional organizations"),
    (
        r"(?:other )?international (?:and regional )?(?:organizations|bodies|agencies)",
        "international organizations",
    ),
    (
        r"(?:all |other |relevant |key |interested |concerned )*(?:stakeholders|actors)$|"
        r"(?:all |other |relevant |key |interested |concerned )*(?:[\w-]+ )?stakeholders",
        "all stakeholders",
    ),
    (r"(?:[\w-]+ )?armed groups|non-state armed groups", "armed groups"),
    (
        r"(?:[\w-]+ )?political leaders|political leadership|"
        r"(?:(?:the|two|both|community|communities'|[a-z]+(?:an|ese|i|ish))\s+)*leaders",
        "political leaders",
    ),
    (r"multilateral (?:system|institutions|organizations)", "multilateral institutions"),
    (
        r"humanitarian(?:, development and peacebuilding)? (?:organizations|actors|"
        r"agencies|partners|community|entities)",
        "humanitarian organizations",
    ),
    (
        r"least developed countries|landlocked developing countries|"
        r"small island developing states|developing countries|developed countries|"
        r"countries of (?:origin|transit|destination)",
        "",
    ),
    (
        r"troop- and police-contributing countries|(?:troop|police)-contributing countries|"
        r"administering powers?",  # of the Non-Self-Governing Territories: Member States
        "Member States",
    ),
    (r"neighbouring (?:states|countries)", "neighbouring States"),
    (r"(?:all |the |other |host )?countries", "Member States"),
    (
        r"law enforcement(?: agencies| authorities)?|parliaments?|"
        r"national human rights institutions|(?:national |competent |judicial )authorities",
        "national authorities",
    ),
    (
        r"special procedures?(?: mandate holders| of the human rights council)?|"
        r"special procedure mandate holders|(?:special )?mandate holders",
        "special procedures",
    ),
    # Academia and the media are counted in civil society, as the UN counts them (OHCHR's
    # civil society handbook: NGOs, human rights defenders, academics, journalists, ...).
    (
        r"academia|academic institutions|research institutions|the scientific community|"
        r"(?:the )?media|journalists",
        "civil society",
    ),
    # Non-State parties to armed conflict named in the Secretary-General's reports.
    (
        r"(?:afc/)?m23(?: leadership)?|alliance fleuve congo|rapid support forces|hamas|"
        r"hizbullah|houthis|ansar allah|al-shabaab|isil(?:/da'esh)?|da'esh|"
        r"allied democratic forces|codeco",
        "parties to conflict",
    ),
)
# A kind may be qualified: "States parties to the Protocol", "Member States concerned",
# "countries hosting Afghan refugees".
QUALIFIER = (
    r"(?:$|\s+(?:to|of|in|that|which|who|concerned|involved|affected|at|from|with|on|for|"
    r"[a-z]+ing)\b)"
)
KIND_PATTERNS = tuple(
    (re.compile(rf"^(?P<kind>{p})" + ("" if p.endswith("$") else QUALIFIER), re.IGNORECASE), name)
    for p, name in KINDS
)
# "the Executive Director of UNEP", "the High Commissioner for Human Rights": heads of entities.
HEADS = re.compile(
    r"^(?:the )?(?:United Nations )?(?P<title>Executive Director|Director-General|Administrator|"
    r"High Commissioner(?: for (?:Human Rights|Refugees))?|Executive Secretary|Special Representative|"
    r"Special Rapporteur|Special Envoy|Executive Heads?|President|Chair(?:person)?|Coordinator|"
    r"Emergency Relief Coordinator|Prosecutor|Registrar|Under-Secretary-General)\b(?P<rest>.*)$"
)
# A capitalised proper name ending in a body's word: "the Committee of Permanent Representatives".
BODY_NAME = re.compile(
    r"^(?:the )?(?:[A-Z][\w'-]*(?:\s+(?:of|on|for|and|the|to|in)\s+|\s+)){0,8}"
    r"(?:Committee|Commission|Council|Board|Office|Programme|Fund|Agency|Organization|Group|Forum|"
    r"Assembly|Conference|Court|Tribunal|Union|Bank|Panel|Mechanism|Department|Entity|Network|Team|Mission)"
    r"(?:\s+(?:of|on|for|against|to)\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+(?:and|of|on|the|for)?\s*[A-Z][\w'-]*)*)?$"
)
ARTICLE = re.compile(
    r"^(?:the|all|its|their|relevant|concerned|respective|other)\s+", re.IGNORECASE
)


def _data(name: str) -> str:
    return (
        resources.files("rapporteur.assistant.compendium").joinpath("data", name).read_text("utf-8")
    )


def _names(name: str) -> dict[str, str]:
    """Lower-cased name or other form -> the first name of its line (a data file of
    ``name[|alias...]`` lines, ``#`` comments)."""
    out = {}
    for line in _data(name).splitlines():
        if line.strip() and not line.startswith("#"):
            names = [n.strip() for n in line.split("|")]
            out.update({n.lower(): names[0] for n in names})
    return out


@lru_cache(maxsize=1)
def states() -> dict[str, str]:
    """Lower-cased name or short form -> the State's name (``data/states.txt``)."""
    return _names("states.txt")


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """``states()`` and the territories addressed like them (``data/territories.txt``: the
    Non-Self-Governing Territories, Kosovo), lower-cased name or short form -> name."""
    return states() | _names("territories.txt")


@lru_cache(maxsize=1)
def entities() -> dict[str, str]:
    """Lower-cased acronym or full name -> the entity's acronym (``data/entities.tsv``)."""
    out = {}
    for line in _data("entities.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            acronym, *names = [n.strip() for n in line.split("\t")]
            out.update({n.lower(): acronym for n in (acronym, *names)})
    return out


def actor(phrase: str) -> str | None:
    """The filing name of the actor a phrase names, or None when it names none.

    "all Member States" -> "Member States"; "the Government of Haiti" -> "Haiti"; "UNICEF" ->
    "UNICEF"; "the Executive Director of UNEP" -> "UNEP Executive Director"; "the risks" -> None.
    """
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:")
    phrase = re.sub(r"\s*\([^)]*\)$", "", phrase)  # "(UNODC)" after its full name
    bare = phrase
    while ARTICLE.match(bare):
        bare = ARTICLE.sub("", bare, count=1)
    low = bare.lower()
    if re.fullmatch(r"(?:[A-Z][\w-]*\s+)+side", bare):  # "the Turkish Cypriot side", not "the
        return "parties to conflict"  # supply side"
    if low in entities():
        return entities()[low]
    if low in places():
        return places()[low]
    gov = re.match(r"^(?:the )?governments? of (?:the )?(.+)$", low)
    if gov:
        return places().get(gov[1]) or places().get(f"the {gov[1]}") or "Governments"
    for pattern, name in KIND_PATTERNS:
        m = pattern.match(low)
        if m:  # a kind filed under its own words: "least developed countries" (not "... of X")
            return name or m["kind"].rstrip("$")
    head = HEADS.match(bare)
    if head:
        return _head(head["title"], head["rest"])
    if BODY_NAME.match(phrase) and phrase[:1].isupper() or BODY_NAME.match(bare):
        return bare if not bare[:1].islower() else None
    return None


def _head(title: str, rest: str) -> str:
    """ "Executive Director", " of UNEP" -> "UNEP Executive Director"; a bare title stays itself."""
    if title.lower().startswith("executive head"):
        return "United Nations system"  # the heads of its organizations, as the labels file them
    if title == "High Commissioner" and not rest.strip():
        return "High Commissioner for Human Rights"
    of = re.match(r"^\s+(?:of|for)\s+(?:the\s+)?(.+)$", rest)
    owner = actor(of[1]) if of else None
    if title.startswith("High Commissioner") and of:
        return f"High Commissioner for {of[1]}".replace("for for", "for")
    return f"{title} of {owner}" if owner else title


# Names with "and" inside, which must not split: "United Nations Office on Drugs and Crime".
_AND_NAMES = re.compile(
    r"Office on Drugs and Crime|Crime Prevention and Criminal Justice|Gender Equality and the "
    r"Empowerment of Women|Economic and Social (?:Council|Commission|Affairs)|Antigua and Barbuda|"
    r"Bosnia and Herzegovina|Trinidad and Tobago|Saint Kitts and Nevis|Sao Tome and Principe|"
    r"Saint Vincent and the Grenadines|Latin America and the Caribbean|Asia and the Pacific|"
    r"Great Britain and Northern Ireland|Political and Peacebuilding|Scientific and Cultural|"
    r"agencies, funds and programmes|(?:State|States) and non-State|legislative organs and/or|"
    r"Food and Agriculture|development and trading|international and regional|regional and "
    r"subregional|Tuberculosis and Malaria|troop- and police|humanitarian, development and "
    r"peacebuilding"
)
_CUT = re.compile(
    r",?\s+(?:that|which|who|whose)\s+\w+.*$|\s+(?:mentioned|referred to|listed|named|identified)"
    r"\s+in\b.*$|,?\s+(?:as appropriate|where appropriate|inter alia|"
    r"with the support of|in (?:cooperation|coordination|consultation|accordance|line|close "
    r"collaboration|partnership) with|within (?:their|its) (?:respective )?mandates?|at all levels|"
    r"at the national|in a position to do so|in their respective|within existing)\b.*$",
    re.IGNORECASE,
)
_ADJECTIVES = {
    "international",
    "regional",
    "subregional",
    "national",
    "intergovernmental",
    "other",
    "political",
}


@lru_cache(maxsize=4096)
def country_of(title: str | None) -> str | None:
    """The State (or a territory addressed like one, ``places``) a document's title names ("...
    in the Democratic Republic of the Congo", "... Mission in Kosovo", "... visiting mission to
    the British Virgin Islands": the Non-Self-Governing Territories); a title on the
    Non-Self-Governing Territories as a whole names none."""
    low = (title or "").lower()
    found = [
        (low.find(k), len(k), v)
        for k, v in places().items()
        if "non-self-governing" not in k and re.search(rf"\b{re.escape(k)}\b", low)
    ]
    return min(found, key=lambda f: (f[0], -f[1]))[2] if found else None


@lru_cache(maxsize=1)
def entity_names() -> re.Pattern:
    """Any full name of an entity of ``data/entities.tsv`` (four words or more)."""
    names = sorted({n for n in entities() if len(n.split()) >= 4}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE)


@lru_cache(maxsize=4096)
def entity_of(title: str | None) -> str | None:
    """The UN entity a document's title names ("... in the United Nations Environment Programme")."""
    low = f" {(title or '').lower()} "
    found = [(low.find(k), v) for k, v in entities().items() if len(k) > 3 and f" {k} " in low]
    return min(found)[1] if found else None


def addressees(phrase: str, about: About | None = None) -> tuple[str, ...]:
    """The actors a phrase names, in order, each once: "Member States, donors and regional and
    subregional organizations" -> ("Member States", "donors", "regional organizations").

    ``about``: what the document is about (``context.about``): its State, whom "the Government"
    and "national authorities" name; its UN entity, whose "the Executive Director" and "the
    Executive Board" these are; the entity a bare "the Office" stands for."""
    country, entity = (about.country, about.entity) if about else (None, None)
    phrase = _leaders_of_states(phrase)
    # names with "and" or commas inside stay whole: "Office of the High Representative for the
    # Least Developed Countries, Landlocked Developing Countries and ..." -> "OHRLLS"
    phrase = entity_names().sub(lambda m: _whole(entities()[m[0].lower()]), phrase)
    phrase = _AND_NAMES.sub(lambda m: _whole(m[0]), phrase)
    phrase = _CUT.sub("", re.sub(r"\s*\((?:[^()]|\([^)]*\))*\)", "", phrase)).strip(" ,")
    phrase = re.sub(
        r"(?:^|,?\s+)(?:includ(?:ing|es)|in particular|particularly|especially)\s+", ", ", phrase
    )
    parts = re.split(
        r",\s*(?:and\s+|or\s+|as well as\s+|and/or\s+)?|\s+(?:and|or|and/or|as well as)\s+", phrase
    )
    parts = [p.replace(" & ", " and ").replace(" ¦ ", ", ").strip() for p in parts]
    out: list[str] = []
    for i, part in enumerate(_with_nouns([p for p in parts if p])):
        if i and HEADS.match(part) and not part.startswith("the "):
            continue  # an office held, in apposition: "the Secretary-General, President of X"
        name = _authorities(part, country) or actor(part)
        if name in BARE_BODIES:  # "the Office": the one named in full elsewhere, else no one
            name = _bare_body(name, about)
        if entity and name in OWN_HEADS:
            name = f"{entity} {name}" if name == "Executive Board" else f"{name} of {entity}"
        if entity and name == OWN_COMMITTEE:
            name = f"{name} to {entity}"
        if name and name not in out:
            out.append(name)
    return tuple(out)


# A body's word alone ("the Committee may wish to ..."), which names an actor only through the
# document: the entity of that word it names in full, or the body it goes to.
BARE_BODIES = frozenset(
    "Office Forum Mission Programme Fund Entity Department Unit Committee Commission".split()
) | {"Special Committee", "Panel of Experts", "Panel", "Monitoring Team"}


def _bare_body(word: str, about: About | None) -> str | None:
    """The body a bare "the Office" or "the Committee" stands for in its document, or None."""
    if about is None:
        return None
    if about.head(word):
        return about.head(word)
    recipient = about.recipient
    return recipient if recipient and word.lower() in _words_of(recipient) else None


@lru_cache(maxsize=256)
def _words_of(name: str) -> frozenset[str]:
    """The lower-cased words of every form of an entity's filing name: "CND" -> {"cnd",
    "commission", "on", "narcotic", "drugs"} (its full name holds the bare body word)."""
    forms = [name.lower(), *(k for k, v in entities().items() if v == name)]
    return frozenset(w for form in forms for w in form.split())


def _leaders_of_states(phrase: str) -> str:
    """ "the leaders of Ethiopia and Somalia" -> "Ethiopia and Somalia": the leaders of several
    States speak for them (those of one State, "the leaders of Somalia", are its political
    leaders)."""
    m = re.fullmatch(r"(?:[Tt]he )?leaders of ((?:the )?[A-Z].*\sand\s.+)", phrase.strip())
    if m and all(states().get(p.lower()) for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", m[1])):
        return m[1]
    return phrase


def _whole(name: str) -> str:
    """A name whose "and" and commas must not split it (undone after the split)."""
    return name.replace(" and ", " & ").replace(", ", " ¦ ")


# Heads and boards that belong to the entity a document is about when named bare.
OWN_HEADS = ("Executive Director", "Executive Board", "Administrator", "Director-General")
# The governing body of UNEP and UN-Habitat, named bare in their reports.
OWN_COMMITTEE = "Committee of Permanent Representatives"


def _authorities(part: str, country: str | None) -> str | None:
    """A State's Government or authorities: "the Government", "national authorities" -> the
    State the document is about; "the Haitian authorities" -> "Haiti"."""
    named = _of_place(part)
    if named:
        return named
    m = re.fullmatch(
        r"(?:[Tt]he )?(?:(?P<adj>[A-Z][a-z]+an|[A-Z][a-z]+ese|[A-Z][a-z]+i|[A-Z][a-z]+ish) )?"
        r"(?:national |de facto |competent |relevant |transitional |interim |judicial |"
        r"appropriate )?(?:Government|authorities|actors|political actors|"
        r"(?:[Aa]rmed |[Ss]ecurity |[Dd]efen[cs]e )?[Ff]orces)"
        r"|(?:[Tt]he )?(?P<adj2>[A-Z][a-z]+(?:an|ese|i|ish)) State",  # "the Lebanese State"
        part.strip(),
    )
    if m and m["adj2"]:
        return demonym(m["adj2"])
    if not m:
        forces = re.fullmatch(
            r"(?:[Tt]he )?(?P<state>[A-Z][\w ]+?) (?:Defen[cs]e|Armed|Security) Forces",
            part.strip(),
        )  # "the Israel Defense Forces" -> Israel
        return states().get(forces["state"].lower()) if forces else None
    if m["adj"]:
        return demonym(m["adj"]) or country
    return country if country else ("Governments" if "Government" in part else None)


# A State's or territory's own organs, named with its name: "the Kosovo authorities", "the
# judicial institutions of Kosovo", "Kosovo's institutions", "the Government of Lebanon".
_ORGANS = (
    r"(?:national |de facto |competent |relevant |transitional |interim |judicial |"
    r"provisional |appropriate |public |state |security )*(?:Government|authorities|institutions)"
)
_NAMED_ORGANS = re.compile(
    rf"(?:[Tt]he )?(?P<before>[A-Z][\w-]*(?: [A-Z][\w-]*)*?)(?:['’]s)? {_ORGANS}"
    rf"|(?:[Tt]he )?{_ORGANS} of (?P<after>(?:the )?[A-Z][\w' -]*)"
)


def _of_place(part: str) -> str | None:
    """The State or territory whose organs a phrase names, or None."""
    m = _NAMED_ORGANS.fullmatch(part.strip())
    name = m and (m["before"] or m["after"])
    return places().get(name.lower()) if name else None


def demonym(adjective: str) -> str | None:
    """The State of an adjective of nationality: "Haitian" -> "Haiti", "Congolese" -> None."""
    low = adjective.lower()
    if low in IRREGULAR_DEMONYMS:
        return IRREGULAR_DEMONYMS[low]
    for name in set(states().values()):
        stem = name.split(" (")[0].lower()
        if low in (stem + "n", stem + "an", stem[:-1] + "an", stem + "i", stem + "ese"):
            return name  # Haitian, Israeli, Sudanese
    return None


# Adjectives of nationality no suffix rule gives (stems that change).
IRREGULAR_DEMONYMS = {
    "turkish": "Türkiye",
    "afghan": "Afghanistan",
    "lebanese": "Lebanon",
    "syrian": "Syrian Arab Republic",
    "ukrainian": "Ukraine",
    "iraqi": "Iraq",
    "yemeni": "Yemen",
    "libyan": "Libya",
    "malian": "Mali",
    "somali": "Somalia",
    "burundian": "Burundi",
}


def _with_nouns(parts: list[str]) -> list[str]:
    """Bare adjectives take the noun of the next part: ["regional", "subregional organizations"]."""
    out, pending = [], []
    for part in parts:
        if part.split()[-1].lower() in _ADJECTIVES:
            pending.append(len(out))
        elif pending:
            noun = part.split()[-1]
            for i in pending:
                out[i] = f"{out[i]} {noun}"
            pending = []
        out.append(part)
    return out
