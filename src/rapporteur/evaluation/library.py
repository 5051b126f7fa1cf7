"""Library question sets: gold written as (document, UN reference, verbatim quote), resolved to units.

A library set (``eval/library/library_questions.jsonl``) names each gold unit by its document
key, the UN's own reference ("para 12", "OP 5"; null for letters without numbers) and a quote
of 8-25 words copied from it. The quote decides: a unit of that document whose text contains
the quote is the gold unit, whatever our parser labels it, so a set stays valid when the
cutting improves; the reference is the fallback when no unit holds the quote (a quote cut by a
page break, say). What resolves to nothing is reported, never silently dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rapporteur.core.units import Unit

_WORD = re.compile(r"\w+")
_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(\w)")


def normal(text: str) -> str:
    """Lower-case words joined by single spaces; a word hyphenated across lines is rejoined."""
    return " ".join(_WORD.findall(_HYPHEN_BREAK.sub(r"\1\2", text).lower()))


def is_library_set(questions: list[dict]) -> bool:
    """Whether the questions name gold units as dicts (library format) rather than labels."""
    return any(isinstance(g, dict) for q in questions for g in q.get("primary", []))


def resolve(questions: list[dict], units: Iterable[Unit]) -> tuple[list[dict], list[dict]]:
    """Each question with ``qrels`` {unit key: 2 primary, 1 relevant}; and the gold that found no unit."""
    by_doc: dict[str, list[tuple[str, Unit]]] = defaultdict(list)
    for unit in units:
        by_doc[unit.doc].append((f" {normal(unit.text)} ", unit))
    out, missing = [], []
    for q in questions:
        qrels: dict[str, int] = {}
        for grade, field in ((1, "relevant"), (2, "primary")):
            for gold in q.get(field, []):
                keys = _keys_of(gold, by_doc.get(gold["doc"], []))
                if not keys:
                    missing.append({"id": q["id"], **gold})
                qrels |= {k: max(grade, qrels.get(k, 0)) for k in keys}
        docs = q.get("docs") or sorted({g["doc"] for g in q.get("primary", [])})
        out.append(q | {"qrels": qrels, "doc": docs[0] if docs else None})
    return out, missing


def _keys_of(gold: dict, units: list[tuple[str, Unit]]) -> list[str]:
    """The keys of the units holding the quote; else of the unit with the gold's label."""
    quote = f" {normal(gold.get('quote') or '')} "
    if quote.strip():
        found = [u.key for text, u in units if quote in text]
        if found:
            return found
    label = gold.get("unit")
    return [u.key for _, u in units if label and u.label == label]


def select(questions: list[dict], split: str | None) -> list[dict]:
    """The questions of one split ("tune", "check"); all of them for None."""
    return [q for q in questions if split is None or q.get("split") == split]
