"""Verbs as lemmas (pure): the base form of the verb a text starts with, of an -ing or -ed form,
of a noun of action, and the verbs recommendations ask for (``data/verbs.txt``)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# Verbs with a particle that stays in the lemma (the labels' rule: `call upon`, `take note`,
# `scale up`); a verb with a preposition is the verb alone ("build on" -> `build`).
PHRASAL = (
    "call upon",
    "call on",
    "take note",
    "take into account",
    "take into consideration",
    "take steps",
    "take measures",
    "take action",
    "scale up",
    "set up",
    "follow up",
    "step up",
    "carry out",
    "make use",
    "put in place",
    "put an end",
    "bear in mind",
    "keep under review",
    "pay attention",
    "pay particular attention",
    "give priority",
    "give due consideration",
    "give consideration",
    "call for",
)
PHRASE_LEMMA = {
    "call on": "call upon",
    "give due consideration": "consider",
    "give consideration": "consider",
}
IRREGULAR = {"is": "be", "are": "be", "has": "have", "does": "do", "goes": "go"}


def lemma_at(text: str) -> str:
    """The lemma of the verb a text starts with: "Call upon all parties" -> "call upon";
    "To adopt a survivor-centred approach" -> "adopt"; "ensures that" -> "ensure"."""
    words = re.sub(
        r"^,[^,]*,\s*", "", text.strip().lower()
    )  # "should, at its next session, clarify"
    lead = re.match(r"([a-z]+ing)\b[^;]*?,\s+(?:and\s+)?([a-z]+)\b", words)
    if lead and lead[2] in verbs():  # "Reaffirming the role of ..., welcome ..." -> "welcome"
        words = words[lead.start(2) :]
    for _ in range(3):  # "to also continue to provide" -> "provide"
        adverb = re.match(r"([a-z]+ly)\s+", words)
        if adverb and adverb[1] not in verbs():
            words = words[adverb.end() :]
        words = re.sub(
            r"^(?:to|also|further|again|continue to|better|still|not only|not)\s+", "", words
        )  # "should again appeal" -> "appeal"; "must not attack" -> "attack" (the labels' rule)
    for phrase in sorted(PHRASAL, key=len, reverse=True):
        if re.match(rf"{re.escape(phrase)}\b", words):
            return PHRASE_LEMMA.get(phrase, phrase)
    first = re.match(r"[a-z][a-z-]*", words)
    if not first:
        return ""
    return base_form(IRREGULAR.get(first[0], first[0]))


def base_form(word: str) -> str:
    """The base form of an -ing or -ed verb: "Recalibrating" -> "recalibrate", "ensured" ->
    "ensure", "supported" -> "support", "intensified" -> "intensify", "based" -> "base", "used"
    -> "use" (the verb list first, then English spelling rules)."""
    for ending in ("ing", "ed"):
        if word == "used":  # too short for the rules below
            return "use"
        if word.endswith(ending) and word not in verbs() and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            for form in (stem, stem + "e", stem[:-1], stem[:-1] + "y"):
                if form in verbs():
                    return form
            if ending == "ed" and stem.endswith("i"):  # "diversified" -> "diversify"
                return stem[:-1] + "y"
            if stem[-1] == stem[-2] and stem[-1] not in "ls":  # "committing" -> "commit"
                return stem[:-1]
            if re.search(
                r"(?:at|it|iz|is|us|as|uc|ag|av|ev|iv|ov|ur|ir|id|ud|ac|ic|ng|rg|rs|ns|dg)$", stem
            ):
                return stem + "e"  # "recalibrating" -> "recalibrate", "ensured" -> "ensure"
            return stem
    return word


# Nouns of action and the verbs they name, by ending: "adoption" -> "adopt", "creation" ->
# "create", "establishment" -> "establish", "mobilization" -> "mobilize", "reduction" ->
# "reduce", "expansion" -> "expand", "provision" -> "provide", "approval" -> "approve"; a
# candidate counts only when it is a verb of ``data/verbs.txt``.
NOUN_ENDINGS = (
    ("ification", "ify"),
    ("ization", "ize"),
    ("isation", "ise"),
    ("ation", ""),
    ("ation", "e"),
    ("ion", ""),
    ("ion", "e"),
    ("ction", "ce"),
    ("sion", "d"),
    ("sion", "de"),
    ("sion", "se"),
    ("ment", ""),
    ("al", "e"),
    ("al", ""),
    ("ance", ""),
    ("ance", "e"),
    ("ence", "e"),
)


def nominal_verb(rest: str) -> str | None:
    """The verb of a nominal recommendation: "the adoption of mechanisms" -> "adopt",
    "intensified investigations" -> "intensify", "creating chambers" -> "create"; None when the
    words after the asking verb name no action ("the following", "to the Council")."""
    m = re.match(
        r"(?:(?:the|a|an|further|greater|more|stronger)\s+)?([a-z][a-z-]*)\b", rest.strip(), re.I
    )
    word = m[1].lower() if m else ""
    if not word or word in ("following", "that", "to", "for", "in", "on", "by"):
        return None
    if word in verbs():
        return word
    if word.endswith(("ing", "ed")):
        base = base_form(word)
        return base if base in verbs() else None
    for ending, verb_end in NOUN_ENDINGS:
        if word.endswith(ending) and word[: -len(ending)] + verb_end in verbs():
            return word[: -len(ending)] + verb_end
    return None


@lru_cache(maxsize=1)
def verbs() -> frozenset[str]:
    """Base forms of the verbs recommendations ask for (``data/verbs.txt``)."""
    text = resources.files("rapporteur.assistant.compendium").joinpath("data", "verbs.txt")
    lines = text.read_text("utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def starts_with_ask(text: str) -> bool:
    """An item that is an ask of its own: "(a) Call upon ...", "(b) To adopt ...", "(c) That ..."."""
    first = re.match(r"(?:to\s+|that\s+)?([a-z][a-z-]*)", text.strip(), re.IGNORECASE)
    if not first:
        return False
    if re.match(r"that\b", text.strip(), re.IGNORECASE):
        return True
    if re.match(r"[\w-]+\s+(?:of|resolution|decision)\b", text.strip(), re.IGNORECASE):
        return False  # a noun: "Report of the Secretary-General", "Draft resolution II"
    return first[1].lower() in verbs() or lemma_at(text) in PHRASAL
