"""Who is asked and what to do, in one sentence of UN drafting (pure, rule-based).

The action is the verb addressed to the actor, as a lower-case lemma. When the actor is the
object of the asking verb ("Urges States to ...", "I encourage Member States to ...", "UNODC is
requested to ...") the action is that verb (urge, encourage, request). When the actor is the
subject of the asked clause ("I recommend that the Council call upon ...", "States should adopt
...", "The Council may wish to consider ...") the action is the clause's own verb (call upon,
adopt, consider). ``ask`` returns the action and the raw addressee phrase; ``actors`` decides
which parts of that phrase are actors.
"""

from __future__ import annotations

import re

from rapporteur.assistant.compendium.actors import addressees
from rapporteur.assistant.compendium.lemmas import (
    PHRASAL,
    base_form,
    lemma_at,
    nominal_verb,
    verbs,
)

# Verbs that ask an actor for something with the actor as object: "urges States to ...".
ASKING = {
    "request": "request",
    "urge": "urge",
    "encourage": "encourage",
    "call upon": "call upon",
    "call on": "call upon",
    "invite": "invite",
    "appeal": "appeal",
    "exhort": "urge",
    "demand": "demand",
    "authorize": "authorize",
    "direct": "direct",
    "instruct": "direct",
    "recommend": "recommend",
    "advise": "recommend",
    "suggest": "recommend",
    "decide": "decide",
    "approve": "approve",
    "adopt": "adopt",
    "endorse": "endorse",
    "call for": "call for",
    "reiterate its call": "call upon",
    "reiterate its call for": "call for",
    "reiterate its request": "request",
    "reiterate its demand": "demand",
    "reiterate its appeal": "appeal",
    "renew its call": "call upon",
    "count on": "count on",
    "extend": "extend",
}
# Inflections of the asking verbs as written: "requests", "requested", "calls upon", "called on".
_FORMS = {
    "call upon": r"call(?:s|ed)?\s+upon",
    "call on": r"call(?:s|ed)?(?:\s+(?:again|urgently|once again))?\s+on",
    "call for": r"call(?:s|ed)?\s*for",
    "reiterate its call": r"reiterat(?:es|ed|e)\s+(?:its|my|our)\s+calls?\s+(?:up)?on",
    "reiterate its call for": r"reiterat(?:es|ed|e)\s+(?:its|my|our)\s+calls?\s+for",
    "reiterate its request": r"reiterat(?:es|ed|e)\s+its\s+requests?\s+to",
    "reiterate its demand": r"reiterat(?:es|ed|e)\s+(?:its|my|our)\s+demands?",
    "reiterate its appeal": r"reiterat(?:es|ed|e)\s+(?:its|my|our)\s+appeals?",
    "count on": r"count(?:s|ed)?\s+on",
    "renew its call": r"renew(?:s|ed)?\s+its\s+calls?\s+(?:up)?on",
}


def _form(lemma: str) -> str:
    if lemma in _FORMS:
        return _FORMS[lemma]
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return rf"{lemma}s?|{stem}ed|{stem}es"


ASK_VERB = "|".join(f"(?:{_form(v)})" for v in sorted(ASKING, key=len, reverse=True))
ADVERBS = (
    r"(?:(?:also|further|again|once again|once more|strongly|firmly|moreover|furthermore|"
    r"therefore|urgently|respectfully|in this regard|in that regard|finally|lastly|accordingly|"
    r"continues to|continue to)"
    r"[,]?\s+)*"
)
# An operative paragraph's lead: "Also strongly urges", "Calls upon", "Decides".
OP_LEAD = re.compile(rf"^{ADVERBS}(?P<verb>{ASK_VERB})\b\s*{ADVERBS}", re.IGNORECASE)
# A speaker recommending in a report: "I recommend that", "The Committee recommends that",
# "I encourage Member States", "UNODC urges national authorities to".
SPEAKING = (
    "request",
    "urge",
    "encourage",
    "call upon",
    "call on",
    "invite",
    "appeal",
    "recommend",
    "advise",
    "suggest",
    "reiterate its call",
    "reiterate its call for",
    "reiterate its appeal",
    "renew its call",
    "call for",
    "count on",
)
SPEAKER = re.compile(
    rf"\b(?P<verb>{'|'.join(f'(?:{_form(v)})' for v in sorted(SPEAKING, key=len, reverse=True))})"
    r"\b\s*",
    re.IGNORECASE,
)
IT_IS = re.compile(
    rf"\bit is (?:also |further |therefore |strongly )?(?P<verb>{ASK_VERB})\s+that\s+(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
# The subject's own verb: "should adopt", "may wish to consider", "is requested to", "must"; a
# weak modal ("can", "needs to") asks only an actor ("The Territory needs to take ...");
# a passive lead-in whose items say what: "The General Assembly is requested: (a) To take note".
MODAL = re.compile(
    r"\b(?P<modal>should|must|shall|ought to|(?:may|might) wish(?: to)?|(?P<weak>can|could|needs? to)|"
    r"(?:is|are|was|were|be|been) (?:also |further |therefore |strongly )?"
    r"(?P<passive>requested|encouraged|invited|called upon|called on|urged|recommended|advised)"
    r"(?: to|(?=:)))\b\s*(?:also\s+|further\s+|urgently\s+)?",
    re.IGNORECASE,
)
# A passive ask: "should (still) be (fully) enforced", "should be scaled up": the subject is
# acted upon, not asked, so it is no addressee.
PASSIVE_ASK = re.compile(
    r"(?:(?:still|also|further|not|always|now|then|urgently|[a-z]+ly)\s+)*be\s+"
    r"(?:[a-z]+ly\s+)?(?P<verb>[a-z][a-z-]*ed)\b(?:\s+(?P<particle>up|out)\b)?",
    re.IGNORECASE,
)
# Sentence-initial asks with no speaker: "It is critical to ensure ...", "There is an urgent
# need for the international community to increase ...", "It is essential that States ...",
# "It remains critical that the Parties ...", "It is of particular importance that ...".
NEED = re.compile(
    r"^(?:it (?:is|remains) (?:also |therefore |now |thus |still )?(?:critical|essential|important|"
    r"imperative|vital|crucial|necessary|urgent|of (?:the utmost |utmost |particular |critical )?"
    r"importance)|there is (?:also )?(?:an? )?(?:urgent |pressing |clear |critical )?"
    r"need)(?: for (?P<who>[^,;:]+?))? (?:to (?P<rest>.*)|that (?P<clause>.*))",
    re.IGNORECASE | re.DOTALL,
)
# A need or a call the document's own chapter states: "Participants emphasized the need to
# enhance ...", "There was a call to embed ...", "stressed the urgent need for donors to ..."
# (only where asks are read: a recommending chapter, an item, a formal device).
STATED_NEED = re.compile(
    r"(?:\b(?:emphasi[sz]ed|emphasi[sz]es|stressed|stresses|underlined|underlines|underscored|"
    r"underscores|highlighted|highlights|reiterated|reiterates)\s+the\s+(?:urgent\s+|pressing\s+|"
    r"critical\s+|continued\s+)?need|^there (?:was|were) (?:also )?(?:an? )?(?:strong |broad |"
    r"repeated |urgent )?calls?)(?:\s+for\s+(?P<who>[^,;:]+?))?\s+to\s+(?P<rest>[a-z].*)",
    re.IGNORECASE | re.DOTALL,
)
PASSIVE = {
    "requested": "request",
    "encouraged": "encourage",
    "invited": "invite",
    "called upon": "call upon",
    "called on": "call upon",
    "urged": "urge",
    "recommended": "recommend",
    "advised": "recommend",
}


def op_ask(text: str) -> tuple[str, str] | None:
    """(action, addressee phrase) of an operative paragraph's lead, or None for a procedural one.

    "Urges States to act" -> ("urge", "States"); "Decides to ..." -> ("decide", "").
    """
    m = OP_LEAD.match(text.strip())
    if not m:  # "Recognizes ..., and calls upon countries to ...": the ask after a position
        later = LATER_ASK.search(text)
        if later is None:
            return None
        return op_ask(text[later.start("verb") :])
    action, rest = _appealed(_asking(m["verb"]), text.strip()[m.end() :])
    that = re.match(r"that\s+", rest, re.IGNORECASE)
    if that and action not in OWN_BODY:  # "Demands that the Houthis cease": the clause's subject
        return action, clause_subject(rest[that.end() :])[0]
    if action in OWN_BODY or re.match(r"(?:to|that)\b|[:;]", rest, re.IGNORECASE):
        return action, ""
    if action == "call for":  # "Calls for urgent action by Member States, ... to ...": the agents
        return action, _agents(rest)
    return action, _object_phrase(rest)


def _agents(rest: str) -> str:
    """Who a call for an act names as acting: "urgent action and partnership by Member States,
    the United Nations system and civil society to ..." -> "Member States, ... civil society"."""
    m = re.search(r"\bby\s+(?P<who>[^;:]+?)(?:\s+to\s+[a-z]|[;:]|$)", rest)
    return m["who"] if m and addressees(m["who"]) else ""


OWN_BODY = ("decide", "approve", "adopt", "endorse", "take note")
# An ask after a procedural lead: "..., and calls upon", "; urges", "and also requests".
LATER_ASK = re.compile(
    r"(?:[,;]\s*|\band\s+|\bin this regard,?\s+)(?:also\s+|further\s+|strongly\s+)*"
    r"(?P<verb>(?:calls\s*(?:(?:again|urgently)\s+)?(?:up)?on|calls\s*for|urges|requests|encourages|invites|decides|demands|"
    r"recommends|appeals|endorses|approves))\b"
)


def op_phrases(text: str) -> list[str]:
    """The addressee phrases of every ask of an operative paragraph: its lead's, then those of
    later asks ("Encourages the Secretary-General ..., and calls on member states to ...").
    "it" and "them" are the body named before ("Takes note of the work of the Mediation Support
    Unit ... and encourages it to ...")."""
    text = text.strip()
    starts = [0] if OP_LEAD.match(text) else []
    starts += [m.start("verb") for m in LATER_ASK.finditer(text)]
    out = []
    for start in starts:
        found = op_ask(text[start:])
        phrase = found[1] if found else ""
        if phrase.lower() in ("it", "them"):
            phrase = _antecedent(text[:start])
        if phrase and phrase not in out:
            out.append(phrase)
    return out


# A capitalised name: "Mediation Support Unit of the Department of Political and Peacebuilding
# Affairs", "UNODC".
_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|on|for|and|to|in)\s+)?(?:the\s+)?[A-Z][\w'’-]*)*")


def _antecedent(before: str) -> str:
    """The last name of an actor in a text, or ""."""
    names = []
    for m in _NAME.finditer(before):
        name = m[0]
        first = name.split()[0].lower()
        if (
            first.rstrip("s") in verbs() or first in verbs()
        ):  # "Commends the Council" -> "the Council"
            name = name[len(first) :].strip()
        if name and addressees(name):
            names.append(name)
    return names[-1] if names else ""


def _asking(verb: str) -> str:
    """ "Requests" -> "request"; "called upon" -> "call upon"."""
    low = re.sub(r"\s+", " ", verb.lower())
    for lemma in sorted(ASKING, key=len, reverse=True):
        if re.fullmatch(_form(lemma), low):
            return ASKING[lemma]
    return low


OBJECT_END = re.compile(
    r"\s+to\s+(?!the\b|their\b|its\b|this\b|that\b|all\b|a\b|an\b)(?=[a-z])|\s*[:;]|"
    r",?\s+(?:that|who|which)\s+(?:have|has|are|is)\s+not\b|"
    r"\s+(?:that|whether)\s+(?=\w+\s+(?:to|should|shall|be)\b)|\.\s"
)


def _object_phrase(rest: str) -> str:
    """The actor phrase after an asking verb: "States and UNODC to act" -> "States and UNODC"."""
    end = OBJECT_END.search(rest)
    phrase = rest[: end.start()] if end else rest[:200]
    return re.sub(r"(?:\s+[a-z]+ly)?\s+to$", "", phrase)  # "the two leaders urgently to:"


def report_ask(sentence: str) -> tuple[str, str, bool] | None:
    """(action, addressee phrase, own) of a report's sentence, or None; ``own``: the action is
    the actor's own verb (its clause's), not the speaker's asking verb.

    "I recommend that the Security Council:" -> ("", "the Security Council", ...): the action is
    each item's verb; "States should mark firearms" -> ("mark", "States", ...).
    """
    m = IT_IS.search(sentence)
    if m:
        return _speaker(m["verb"], m["rest"])
    m = CALL_RENEWED.search(sentence)
    if m and lemma_at(m["who"]) not in verbs():  # "my call to the parties to uphold ...", not
        return "call upon", m["who"], False  # "my call to support ... and for donors to ..."
    m = RESTATED.search(sentence)
    if m and m["clause"]:  # "reiterated its recommendation that the Assembly encourage ..."
        subject, verb = clause_subject(m["clause"])
        return verb, subject, True
    if m:  # "recalled its previous recommendation for all Member States ... to provide ..."
        return lemma_at(m["rest"]), m["who"], True
    for m in SPEAKER.finditer(sentence):
        if _speaker_ok(sentence, m):
            return _speaker(m["verb"], sentence[m.end() :])
    m = NEED.match(sentence.strip())
    if m and (not m["who"] or addressees(m["who"])):
        if m["clause"]:
            subject, verb = clause_subject(m["clause"])
            return verb, subject, True
        return lemma_at(m["rest"]), m["who"] or "", True
    m = STATED_NEED.search(sentence)
    if m and (not m["who"] or addressees(m["who"])):
        return lemma_at(m["rest"]), m["who"] or "", True
    m = PROPOSED_TO.search(sentence)
    if m:  # "... are proposed for consideration by Member States and partners:" (items follow)
        return "", m["who"], True
    for m in MODAL.finditer(sentence):
        found = _modal_ask(sentence, m)
        if found:
            return found
    return None


# A call renewed: "I reiterate my call to the parties to uphold ..." (eval/compendium check5; "my
# call on X" and "my appeal to X" are SPEAKER's).
CALL_RENEWED = re.compile(
    r"\b(?:reiterat|renew|repeat)(?:e|es|ed|ing)? (?:my|its|our|their) (?:urgent |strong )?"
    r"call to (?P<who>[^,;:]+?) to [a-z]",
)
# A recommendation restated: "reiterated its recommendation that X ...", "I recall my earlier
# recommendation for X to ...".
RESTATED = re.compile(
    r"\b(?:its|my|our|their) (?:previous |earlier |prior |past )?recommendations? "
    r"(?:that (?P<clause>.+)|for (?P<who>[^,;:]+?) to (?P<rest>[a-z].*))",
    re.DOTALL,
)
# A lead-in that names its actors in a passive: "the following recommendations are proposed for
# consideration by Member States and partners:", "are addressed to the Council:".
PROPOSED_TO = re.compile(
    r"\b(?:for (?:the )?(?:consideration|action|attention|adoption|decision|follow-up) (?:of|by)|"
    r"(?:are|is) addressed to)\s+(?P<who>[^:;]+?)\s*:\s*$"
)
# Another's words reported before a modal: "The Human Rights Committee ... noted that States
# parties that had not abolished the death penalty must respect ...".
REPORTED_THAT = re.compile(
    r"\b(?:noted|observed|stated|said|opined|found|held|indicated|argued|concluded) that\b"
)
# The agent of a passive: "compromises will need to be made by all stakeholders".
AGENT = re.compile(r"\b(?:be|been|being) (?:\w+ly )?[a-z]+ by (?P<who>[^,;:.]+)")


def _modal_ask(sentence: str, m: re.Match) -> tuple[str, str, bool] | None:
    """The ask of one modal: its subject and verb; a weak modal ("can bolster") only asks an
    actor ("the international community can bolster"; "evaluations can assess" asks no one)."""
    before = sentence[: m.start()].strip(" ,")
    if REPORTED_THAT.search(before):  # "the Committee noted that States parties must ...": its
        return None  # words reported, not the document's ask
    clause = re.split(r"[:;]", before)[-1].strip()
    subject = re.split(
        r",\s(?![^,]*\band\b)(?!in particular|including|especially|particularly)", clause
    )[-1]
    if addressees(clause.split(",")[0]):  # a list of actors: "Member States, the United
        subject = clause  # Nations, humanitarian ... should", not "By 2030, States should"
    subject = re.sub(r"^(?:By|At|In|Within|Before|During|From)\b[^,]*,\s*", "", subject, flags=re.I)
    subject = re.split(r"\bthat\s+", subject)[-1]  # "the Forum agreed that X should"
    if m["weak"] and not _clause_opens_with_actor(sentence[: m.start()]):
        if not (
            m["weak"].lower().startswith("need")
            and passive_lemma(sentence[m.end() :])
            and not re.search(r"\b(?:would|will|may|might|could)\s*$", sentence[: m.start()])
        ):  # "X can be improved" asks no one; "X needs to be leveraged" asks; "the rest would
            return None  # need to be mobilized" says what follows
    if m["passive"]:
        later = ", ".join([subject.strip(), *_later_subjects(sentence, m)])
        return PASSIVE[m["passive"].lower()], later, False
    after = sentence[m.end() :]
    passive = passive_lemma(after)
    if passive:  # "should be ensured": the subject is acted upon, not asked; the agent is asked
        agents = [a["who"] for a in AGENT.finditer(sentence) if addressees(a["who"])]
        return passive, ", ".join(agents), True
    verb = lemma_at(after)
    if verb == "be" and not addressees(subject):  # "This relief must not be fleeting": no ask
        return None
    return verb, ", ".join([subject.strip(), *_later_subjects(sentence, m)]), True


def _clause_opens_with_actor(before: str) -> bool:
    """The clause before a weak modal opens with an actor: "...: the international community,
    including regional partners, can" (not "Civic engagement ..., supporting civil society,
    can")."""
    clause = re.split(r"[:;]", before)[-1].strip()
    return bool(addressees(re.split(r",|\band\b", clause)[0]))


def passive_lemma(text: str) -> str | None:
    """The lemma of a passive a text starts with: "be scaled up" -> "scale up", "still be
    enforced" -> "enforce"; None when it starts with none."""
    m = PASSIVE_ASK.match(text)
    if not m:
        return None
    verb = base_form(m["verb"].lower())
    phrase = f"{verb} {m['particle'].lower()}" if m["particle"] else verb
    return phrase if phrase in PHRASAL else verb


def _later_subjects(sentence: str, first: re.Match) -> list[str]:
    """Subjects of later asks in the same sentence: "..., and States parties should apply ..."."""
    out = []
    for m in MODAL.finditer(sentence, first.end()):
        tail = re.split(r",\s*|\band\s+", sentence[first.end() : m.start()])[-1]
        if tail.strip():
            out.append(tail.strip())
    return out


def _speaker_ok(sentence: str, m: re.Match) -> bool:
    """The asking verb is the speaker's, not a verb inside a noun phrase ("the requested report")."""
    before = sentence[: m.start("verb")].strip()
    if re.search(r"(?:^|,\s*)(?:I|We)\s", before) and re.search(
        r"\band(?:\s+(?:also|further|again|therefore))*$", before
    ):  # "I remain concerned by ... and call upon the international community to ..."
        return True
    # a body's name may run on ("The Group of Experts on Geographical Names") or carry its
    # short name ("The Special Political and Decolonization Committee (Fourth Committee)")
    before = re.sub(r"\s*\([^()]*\)$", "", before)
    before = re.sub(r"(?<=[a-z])\s+(?:of|on|for)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s*)+$", "", before)
    return bool(before) and bool(
        re.search(
            r"(?:\bI|\bwe|\bit is|^it|Committee|Group|Panel|Board|Council|Commission|Office|UNODC|JIU|"
            r"Rapporteur|Secretary-General|Mission|Inspectors?|Experts?|Meeting|Conference|Forum|"
            r"Team|Participants)"
            r"(?:\s+(?:also|further|therefore|strongly|(?:once |yet )?again|would|wish to|would like to|"
            r"continue to))*$",
            before,
            re.IGNORECASE,
        )
    )


def _appealed(action: str, rest: str) -> tuple[str, str]:
    """An "appeal" with the particle it is written with ("appeal to", "appeal for": the labels'
    rule, phrasal verbs keep their particle, eval/compendium/README.md, "Action"; not "appeal to
    support ...") and the words after it from its actor on ("appeal to the international
    community to ..." names it after "to"); other actions as they are."""
    if action != "appeal":
        return action, rest
    m = re.match(r"(to|for)\s+([a-z]+)?", rest.strip(), re.IGNORECASE)
    if m and not (m[1].lower() == "to" and m[2] and m[2] in verbs()):
        action = f"appeal {m[1].lower()}"
    actor = r"(?=(?:the|all|both|each|every|those|these|relevant|[A-Z])\b)"
    return action, re.sub(rf"^to\s+{actor}", "", rest)


def _speaker(verb: str, rest: str) -> tuple[str, str, bool]:
    action, rest = _appealed(_asking(verb), rest)
    that = re.match(r"that\s+", rest)
    if that:  # the actor is the subject of the asked clause: its own verb is the action
        subject, verb = clause_subject(rest[that.end() :])
        return verb, subject, True
    if action == "recommend":  # "recommends the adoption of ..." -> "adopt"; no actor named
        to = re.match(r"to\s+(?P<who>(?:the\s+)?[A-Z][^,;:]*?)\s+(?=the\s+[a-z]+\s+of\b)", rest)
        nominal = nominal_verb(rest[to.end() :] if to else rest)  # "to the Assembly the adoption"
        who = to["who"] if to else ""
        return (nominal, who, True) if nominal else (action, who, False)
    if action == "call for":  # "calls for action"
        return action, "", False
    later = FOR_WHOM.search(rest) if re.match(r"to\s", rest) else None
    if later:  # "I reiterate my appeal to support UNRWA and for donors to increase ..."
        return action, later["who"], False
    return action, _object_phrase(rest), False


# The actor of an ask that names its act first: "... and for donors to increase their support".
FOR_WHOM = re.compile(r"\bfor (?P<who>[^,;:]+?) to (?=[a-z])")


def clause_subject(clause: str) -> tuple[str, str]:
    """(subject, verb lemma) of a recommended clause: "the State party adopt a law" ->
    ("the State party", "adopt"); "the Security Council:" -> ("the Security Council", "")."""
    for word in re.finditer(r"[:;]|[A-Za-z][\w-]*", clause):
        token = word[0]
        if token in ":;":
            return clause[: word.start()].strip(), ""
        if word.start() == 0:
            continue
        low = token.lower()
        if low in ("should", "shall", "must", "may", "be"):
            modal = MODAL.match(clause, word.start())
            after = clause[modal.end() :] if modal else clause[word.start() :]
            if modal and modal["passive"]:
                return clause[: word.start()].strip(), PASSIVE[modal["passive"].lower()]
            passive = passive_lemma(after)
            if passive:  # "that the Task Force ... be closely linked": acted upon, not asked
                return "", passive
            return clause[: word.start()].strip(), lemma_at(
                after if modal else clause[word.end() :]
            )
        after_article = re.search(
            r"\b(?:the|a|an|its|their|his|her|our)\s+$", clause[: word.start()]
        )
        if token.islower() and low in verbs() and not after_article:  # "the scale of": a noun
            # "the Houthis immediately cease": the subject without its adverb
            subject = re.sub(r"(?:\s+[a-z]+ly)+$", "", clause[: word.start()].strip())
            return subject, lemma_at(clause[word.start() :])
    return "", ""
