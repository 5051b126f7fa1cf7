"""References in answers: UN prose forms ("recommendation 18") and keys ("[wg6-2021:rec 18]").

Parsed, checked against the retrieved units (``check_citations``, pure) and rendered back as
UN prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapporteur.core.grammar import KIND_PLURAL, KIND_WORD, kind_of
from rapporteur.core.text import split_sentences
from rapporteur.core.units import Unit

# "recommendation 18", "paras. 9 and 10", "article 5 of annex I", "OP 5, A/RES/73/146"
_PROSE = re.compile(
    rf"(?P<kind>{KIND_WORD})\s+(?P<nums>\d{{1,4}}(?:\s*(?:,|and|&)\s*\d{{1,4}})*)"
    r"(?:\s+of\s+(?:the\s+)?(?P<part>draft|annex(?:\s+[IVXLC]+)?))?"
    r"(?:\s*,\s*(?P<doc>(?:[^,;()\[\]]|\(\d{4}\))+?))?\s*$",
    re.IGNORECASE,
)
_ITEM_SPLIT = re.compile(
    rf"\s*;\s*|\s*,\s*(?={KIND_WORD}\s+\d)|\s+and\s+(?={KIND_WORD}\s+\d)", re.IGNORECASE
)
# A bracketed key group anywhere; a parenthesis only where a citation sits: before the
# sentence's closing punctuation, the end, or another citation. One level of parentheses may
# sit inside: a Security Council symbol carries its year ("(OP 22, S/RES/2769 (2025))").
_GROUP = re.compile(
    r"(?P<key>\s*\[[^\[\]\n]+\])"
    r"|(?P<paren>\s*\((?:[^()\n]|\([^()\n]*\))+\)(?=\s*(?:[.;:!?]|\[|\(|$)))"
)
# "… trafficking. [wg6-2021:rec 18]": a key after the full stop belongs before it.
_KEY_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[[^\[\]\n]+\])+)")


def reference(unit: Unit, with_doc: bool = False) -> str:
    """A unit as UN prose cites it: "recommendation 18", "OP 5, A/RES/73/146".

    The document's symbol is always named; a document without one is named by its key when
    ``with_doc`` (an answer citing more than one document).
    """
    where = unit.symbol or (unit.doc if with_doc else None)
    return f"{unit.reference}, {where}" if where else unit.reference


def references(units: Sequence[Unit], with_doc: bool = False) -> str:
    """Several units as one citation: "recommendations 18 and 22; para. 9"."""
    groups: list[list[Unit]] = []
    for u in units:
        last = groups[-1][0] if groups else None
        if (
            last
            and (last.doc, last.kind, last.part) == (u.doc, u.kind, u.part)
            and u.kind in KIND_PLURAL
        ):
            groups[-1].append(u)
        else:
            groups.append([u])
    parts = []
    for group in groups:
        if len(group) == 1:
            parts.append(reference(group[0], with_doc))
            continue
        nums = [str(u.number) for u in group]
        text = f"{KIND_PLURAL[group[0].kind]} {', '.join(nums[:-1])} and {nums[-1]}"
        first = group[0]
        text += f" of {first.part}" if first.part else ""
        where = first.symbol or (first.doc if with_doc else None)
        parts.append(f"{text}, {where}" if where else text)
    return "; ".join(parts)


def _parse_prose(item: str) -> list[tuple[str, int, str, str | None]] | None:
    """("recommendation", 18, part, doc) for each unit a prose reference names, or None."""
    m = _PROSE.match(item.strip())
    if not m or not (kind := kind_of(m["kind"])):
        return None
    part = (m["part"] or "").lower()
    return [(kind, int(n), part, m["doc"]) for n in re.findall(r"\d+", m["nums"])]


def _resolve(
    kind: str, number: int, part: str, doc: str | None, units: Sequence[Unit]
) -> Unit | None:
    for u in units:
        if (u.kind, u.number, u.part.lower()) != (kind, number, part):
            continue
        if doc is None or doc.strip().lower() in (u.doc.lower(), (u.symbol or "").lower()):
            return u
    return None


def _parse_group(group: str, units: Sequence[Unit]) -> list[Unit | None] | None:
    """The units a citation group names (None where a reference names no retrieved unit).

    Returns None when the group is not a citation at all ("(UNODC)", "(a)", "[sic]").
    """
    group = group.strip()
    inner, keyed = group[1:-1], group.startswith("[")
    items = (
        [i for i in _ITEM_SPLIT.split(inner) if i.strip()]
        if not keyed
        else re.split(r"[;,]", inner)
    )
    out: list[Unit | None] = []
    by_key = {u.key.lower(): u for u in units}
    for item in items:
        item = " ".join(item.split())
        if keyed:
            doc, sep, label = item.partition(":")
            if not sep:
                doc, label = None, item
            hit = by_key.get(f"{doc.strip()}:{label.strip()}".lower()) if doc else None
            if hit is None and doc is None:
                named = [u for u in units if u.label.lower() == label.strip().lower()]
                hit = named[0] if len(named) == 1 else None
            if hit is not None:
                out.append(hit)
                continue
            refs = _parse_prose(label) or _parse_prose(label.replace("annex ", "", 1))
            if refs is None:
                return None  # "[sic]", "[emphasis added]": not a key
            out += [_resolve(k, n, p, doc, units) for k, n, p, _ in refs]
        else:
            refs = _parse_prose(item)
            if refs is None:
                return None
            out += [_resolve(k, n, p, d, units) for k, n, p, d in refs]
    return out or None


@dataclass(frozen=True)
class Cited:
    """One sentence of an answer after the check: its text and the citations in it."""

    pieces: tuple  # text (str) and citations (a tuple of units), in order
    paragraph: int = 0

    @property
    def units(self) -> tuple[Unit, ...]:
        return tuple(dict.fromkeys(u for p in self.pieces if isinstance(p, tuple) for u in p))

    @property
    def bare(self) -> str:
        """The sentence without its references."""
        return _tidy("".join(p for p in self.pieces if isinstance(p, str)))

    def render(self, with_doc: bool = False) -> str:
        """The sentence with its references in UN prose: "… trafficking (recommendation 18)."."""
        return _tidy(
            "".join(
                f" ({references(p, with_doc)})" if isinstance(p, tuple) else p for p in self.pieces
            )
        )


def _tidy(text: str) -> str:
    return re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


def _check_sentence(sentence: str, units: Sequence[Unit]) -> tuple[tuple, bool]:
    """The sentence cut into text and checked citations; whether it had any citation."""
    pieces: list = []
    had, last = False, 0
    for m in _GROUP.finditer(sentence):
        parsed = _parse_group(m.group(), units)
        if parsed is None:
            continue  # "(UNODC)", "(a)": not a citation
        had = True
        between = sentence[last : m.start()]
        last = m.end()
        valid = tuple(u for u in parsed if u is not None)
        if pieces and isinstance(pieces[-1], tuple) and not between.strip():
            pieces[-1] = tuple(dict.fromkeys(pieces[-1] + valid))  # "(rec 18) [para 9]": one
        elif valid:
            pieces += [between, tuple(dict.fromkeys(valid))]
        else:
            pieces.append(between)
    pieces.append(sentence[last:])
    return tuple(p for p in pieces if p), had


def cite_sentences(text: str, evidence: Sequence[Unit], require: bool = False) -> list[Cited]:
    """The sentences of ``text`` that survive the citation check, with what each cites.

    References are key groups "[wg6-2021:rec 18; wg6-2021:para 9]" (a bare "[rec 18]" if only
    one retrieved unit has that label) or prose groups "(recommendation 18)",
    "(paras. 9 and 10)", "(OP 5, A/RES/73/146)" placed where a citation goes (before the
    sentence's full stop; a key just after it is moved in front). A reference to a unit not
    in ``evidence`` is removed; a sentence whose every reference was removed goes with it,
    and with ``require`` so does a sentence that cites nothing.
    """
    text = _KEY_AFTER_STOP.sub(r"\2\1", text)
    out = []
    for n, paragraph in enumerate(re.split(r"\n\s*\n", text)):
        for a, b in split_sentences(paragraph):
            pieces, had = _check_sentence(paragraph[a:b], evidence)
            sentence = Cited(pieces, n)
            if (had or require) and not sentence.units:
                continue
            out.append(sentence)
    return out


def render(sentences: Sequence[Cited]) -> tuple[str, tuple[Unit, ...]]:
    """Checked sentences as answer text (paragraphs kept) and the units it cites, in order.

    Documents are named in references when the answer cites more than one document.
    """
    cited = tuple(dict.fromkeys(u for s in sentences for u in s.units))
    with_doc = len({u.doc for u in cited}) > 1
    paragraphs: dict[int, list[str]] = {}
    for s in sentences:
        paragraphs.setdefault(s.paragraph, []).append(s.render(with_doc))
    return "\n\n".join(" ".join(p) for p in paragraphs.values()), cited


def check_citations(
    text: str, evidence: Sequence[Unit], require: bool = False
) -> tuple[str, tuple[Unit, ...]]:
    """Keep only references to retrieved units: the text in UN prose form, and what it cites.

    Pure (no model, no index); see ``cite_sentences`` for what counts as a reference.
    ``check_citations("Guns are sold online [wg6-2021:rec 18]. Fake [wg6-2021:rec 99].",
    units)`` is ``("Guns are sold online (recommendation 18).", (rec 18,))`` when only
    recommendation 18 was retrieved.
    """
    return render(cite_sentences(text, evidence, require))


def cite(sentence: str, unit: Unit, with_doc: bool = False, also: Sequence[Unit] = ()) -> str:
    """The sentence with its unit's reference before the full stop: "… (recommendation 18).";
    ``also``: units holding the same words, cited beside it ("para. 151, E/CN.6/2025/3/Rev.1;
    para. 151, E/CN.6/2025/3")."""
    body = sentence.strip().rstrip(" .;:,")
    return f"{body} ({references([unit, *also], with_doc)})."
