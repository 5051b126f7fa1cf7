"""Training groups for the reader: one question, the windows that answer it, windows that do not.

Two sources, written to one JSONL shape ``{"q", "pos": [...], "neg": [...], "source"}``:

- **structure** (``structure_groups``, pure): pairs the documents' own structure gives, with no
  one writing a question. A sentence of a paragraph asks for the rest of that paragraph, against
  the paragraph's neighbours in the same document (the mistake every list makes: a neighbour on
  the same topic); a section heading asks for a paragraph under it, against paragraphs of other
  sections of the same document.
- **questions** (``question_groups``): the written questions of ``questions/``; positives are the
  windows of each gold unit that hold its quote, negatives the units today's retriever ranks
  highest that are not gold (mined once, ``mine.py``) and the gold unit's neighbours. A
  ``no_answer`` question has no positive: its near-miss units and the mined ones are negatives.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from rapporteur.core.text import sentences
from rapporteur.core.units import Unit
from rapporteur.index.reader import windows

MIN_WORDS = 20  # a positive shorter than this is a list row or a date line, not an answer
TEXT_KINDS = ("paragraph", "recommendation", "operative", "preambular", "article", "passage")
GENERIC_HEADINGS = re.compile(
    r"^(?:[IVXLC]+\.|[A-Z]\.|\d+\.)?\s*(introduction|background|conclusions?|recommendations?|"
    r"annex(?:es)?|summary|contents|observations|general|other matters|overview)\b",
    re.I,
)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sentence_group(doc: Sequence[Unit], i: int, rng: random.Random, n_neg: int) -> dict | None:
    """A sentence of unit ``i`` against the rest of it and its neighbours (None when too short)."""
    unit = doc[i]
    parts = [s for s in sentences(unit.text) if len(s.split()) >= 8]
    if len(parts) < 3 or len(unit.text.split()) < 2 * MIN_WORDS:
        return None
    asked = rng.choice(parts)
    rest = squash(unit.text.replace(asked, " "))
    near = [doc[j] for j in (i - 1, i + 1, i - 2, i + 2, i - 3, i + 3) if 0 <= j < len(doc)]
    far = rng.sample(list(doc), min(len(doc), n_neg))
    negatives = [u for u in dict.fromkeys(near + far) if u.id != unit.id][:n_neg]
    if len(negatives) < 2:
        return None
    return {
        "q": asked,
        "pos": windows(replace(unit, text=rest))[:1],
        "neg": [rng.choice(windows(u)) for u in negatives],
        "source": "sentence",
    }


def heading_group(doc: Sequence[Unit], i: int, rng: random.Random, n_neg: int) -> dict | None:
    """The innermost heading of unit ``i`` against paragraphs of other sections (None if generic)."""
    unit = doc[i]
    heading = unit.section.split(" > ")[-1].strip() if unit.section else ""
    if len(heading.split()) < 3 or GENERIC_HEADINGS.match(heading):
        return None
    others = [u for u in doc if u.section != unit.section]
    if len(others) < 2 or len(unit.text.split()) < MIN_WORDS:
        return None
    bare = replace(unit, section="")  # the heading is the question: not in the passage too
    return {
        "q": re.sub(r"^(?:[IVXLC]+|[A-Z]|\d+)\.\s*", "", heading),
        "pos": windows(bare)[:1],
        "neg": [
            rng.choice(windows(replace(u, section="")))
            for u in rng.sample(others, min(len(others), n_neg))
        ],
        "source": "heading",
    }


def structure_groups(
    docs: Sequence[Sequence[Unit]], seed: int = 13, n_neg: int = 7, per_doc: int = 40
) -> Iterator[dict]:
    """Groups from the documents' own structure, at most ``per_doc`` of each source per document."""
    rng = random.Random(seed)
    for doc in docs:
        body = [u for u in doc if u.kind in TEXT_KINDS]
        if len(body) < 4:
            continue
        order = list(range(len(body)))
        rng.shuffle(order)
        made = {"sentence": 0, "heading": 0}
        for i in order:
            for make in (sentence_group, heading_group):
                source = "sentence" if make is sentence_group else "heading"
                if made[source] >= per_doc:
                    continue
                group = make(body, i, rng, n_neg)
                if group:
                    made[source] += 1
                    yield group


def quoted_windows(unit: Unit, quote: str) -> list[str]:
    """The windows of a unit that hold the quote (all of them when none holds it whole)."""
    found = [w for w in windows(unit) if squash(quote) in squash(w)]
    return found or windows(unit)


def question_group(
    record: dict,
    units: dict[tuple[str, str], Unit],
    mined: Sequence[Unit],
    rng: random.Random,
    n_neg: int = 7,
) -> dict | None:
    """One written question as a training group; None when a gold unit is not in ``units``."""
    gold = record.get("primary", [])
    keys = {(g["doc"], g["unit"]) for g in gold}
    if any(k not in units for k in keys):
        return None
    positives = [w for g in gold for w in quoted_windows(units[(g["doc"], g["unit"])], g["quote"])]
    near = [
        units[(n["doc"], n["unit"])]
        for n in record.get("near", [])
        if (n["doc"], n["unit"]) in units
    ]
    quotes = [squash(g["quote"]) for g in gold]
    # a twin of a gold unit (a Rev.1, a draft and its adopted text) answers too: not a negative
    hard = [
        u
        for u in mined
        if (u.doc, u.label) not in keys and not any(q in squash(u.text) for q in quotes)
    ]
    negatives = list(dict.fromkeys([*near, *hard]))[:n_neg]
    if not negatives:
        return None
    return {
        "q": record["q"],
        "pos": positives,
        "neg": [rng.choice(windows(u)) for u in negatives],
        "source": "question" if gold else "no_answer",
        "lang": record.get("lang", "en"),
        "id": record.get("id"),
    }
