"""Lineage: each recommendation's closest earlier counterparts and its chain across years (pure).

Scoring is the duplicate check's (``rapporteur.assistant.dupes``: ``lexical_similarity``,
``similarity``, ``verdict``) and its word diff: a counterpart is the same commitment when the
duplicate check would call the later text a duplicate or an overlap of the earlier one. Only
earlier, dated records count; those of the same body are tried first, then any.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rapporteur.assistant.compendium.records import (
    AMENDED,
    NEW,
    VERBATIM,
    Counterpart,
    Lineage,
    Recommendation,
)
from rapporteur.assistant.diff import word_diff
from rapporteur.assistant.dupes import (
    DUPLICATE,
    DUPLICATE_AT,
    SEMANTIC_FLOOR,
    SEMANTIC_WEIGHT,
    lexical_similarity,
    normal_words,
    similarity,
    verdict,
)
from rapporteur.core.units import content_id

# Earlier records re-scored per record: the best by cosine (or by shared words with no vectors).
CANDIDATES = 8
COUNTERPARTS = 3  # kept per record, best first


def status_of(later: str, earlier: str, score: float) -> str:
    """``verbatim`` when the words are the same (case, punctuation, footnote calls and the meeting
    line aside), ``amended`` when the duplicate check calls the later a duplicate, else ``new``.

    Its ``overlap`` band (0.44-0.64) is not a counterpart: on the resolution series it linked
    different asks of the same resolution (lineage precision 0.78 with it, see COMPENDIUM_REPORT.md).
    """
    if normal_words(later) == normal_words(earlier):
        return VERBATIM
    return AMENDED if verdict(score) == DUPLICATE else NEW


def compare(record: Recommendation, earlier: Recommendation, cosine: float | None) -> Counterpart:
    """The earlier record as a counterpart of this one, scored and diffed (earlier -> later)."""
    # Below ``need`` the words cannot make a duplicate: difflib's full ratio is skipped there
    # (exact above it, so every verdict and every kept counterpart is the same).
    rescaled = 0.0 if cosine is None else (cosine - SEMANTIC_FLOOR) / (1.0 - SEMANTIC_FLOOR)
    weight = 0.0 if cosine is None else SEMANTIC_WEIGHT
    need = (DUPLICATE_AT - weight * min(1.0, max(0.0, rescaled))) / (1.0 - weight)
    lexical = lexical_similarity(record.text, earlier.text, floor=max(0.0, need - 1e-6))
    score = round(similarity(cosine, lexical), 4)  # as saved
    status = status_of(record.text, earlier.text, score)
    diff = tuple(word_diff(earlier.text, record.text)) if status != NEW else ()
    same_body = bool(record.body) and record.body == earlier.body
    same_title = bool(record.title) and record.title == earlier.title
    return Counterpart(
        earlier.key, earlier.reference, status, score, same_body, earlier.date, same_title, diff
    )


@dataclass(frozen=True)
class Table:
    """What ranking candidates reads of every record, as arrays (a library has thousands)."""

    dates: np.ndarray  # "" when undated
    docs: np.ndarray
    bodies: np.ndarray  # objects: a body or None

    @classmethod
    def of(cls, records: Sequence[Recommendation]) -> Table:
        return cls(
            np.array([r.date or "" for r in records], dtype=str),
            np.array([r.doc for r in records], dtype=str),
            np.array([r.body for r in records], dtype=object),
        )

    def earlier(self, i: int) -> np.ndarray:
        """Rows of the records adopted before record ``i`` (both dated, other documents), in
        row order."""
        if not self.dates[i]:
            return np.array([], dtype=np.int64)
        return np.flatnonzero(
            (self.dates != "") & (self.dates < self.dates[i]) & (self.docs != self.docs[i])
        )


def candidates(
    i: int,
    records: Sequence[Recommendation],
    cosines: np.ndarray | None,
    table: Table | None = None,
) -> list[int]:
    """Rows of the earlier records most like record ``i``: same body first, CANDIDATES of each
    (``table``: ``Table.of(records)``, built once by a caller ranking every record)."""
    table = table or Table.of(records)
    earlier = table.earlier(i)
    if not len(earlier):
        return []
    if cosines is not None:  # closest first, then the earlier row
        ranked = earlier[np.lexsort((earlier, -cosines[i, earlier]))]
    else:  # shared content words, when there are no vectors to rank by
        closeness = {j: _shared(records[i].text, records[j].text) for j in earlier.tolist()}
        ranked = np.array(sorted(closeness, key=lambda j: (-closeness[j], j)), dtype=np.int64)
    same = np.flatnonzero(table.bodies[ranked] == records[i].body)[:CANDIDATES]
    rest = np.ones(len(ranked), dtype=bool)
    rest[same] = False
    return ranked[same].tolist() + ranked[rest][:CANDIDATES].tolist()


def _shared(a: str, b: str) -> float:
    from rapporteur.assistant.dupes import content_words

    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / (len(wa | wb) or 1)


def lineage_of(record: Recommendation, found: list[Counterpart]) -> Lineage:
    """The record's lineage from its scored counterparts, best first: same body, then the same
    resolution re-adopted (same title), then verbatim before amended, then similarity (to 0.01),
    then the most recent (a paragraph carried through 73/146 and 75/158 comes from 75/158)."""
    kept = [c for c in found if c.status != NEW]
    kept.sort(key=lambda c: c.date or "", reverse=True)
    kept.sort(
        key=lambda c: (
            not c.same_body,
            not c.same_title,
            c.status != VERBATIM,
            -round(c.similarity, 2),
        )
    )
    kept = kept[:COUNTERPARTS]
    return Lineage(kept[0].status if kept else NEW, tuple(kept), ())


def with_chains(records: Sequence[Recommendation]) -> list[Recommendation]:
    """Each record with its chain: its first counterpart's chain, then itself (earliest first)."""
    by_key = {r.key: r for r in records}
    chains: dict[str, tuple[str, ...]] = {}

    def chain(key: str, seen: frozenset = frozenset()) -> tuple[str, ...]:
        if key not in chains:
            parts = by_key[key].lineage.counterparts
            previous = (
                parts[0].key
                if parts and parts[0].key in by_key and parts[0].key not in seen
                else None
            )
            chains[key] = (chain(previous, seen | {key}) if previous else ()) + (key,)
        return chains[key]

    return [
        r.with_links(lineage=Lineage(r.lineage.status, r.lineage.counterparts, chain(r.key)))
        for r in records
    ]


def link_lineage(
    records: Sequence[Recommendation],
    vectors: np.ndarray | None,
    calibrated: bool = True,
    memo: dict | None = None,
) -> list[Recommendation]:
    """Every record with its lineage and chain. ``vectors``: unit-length rows in record order, or
    None; their cosines rank candidates, and count as evidence only when ``calibrated`` (the
    duplicate check's model): otherwise the words alone decide. ``memo`` (pair id -> counterpart
    dict) is read and filled, so adding a document scores only the pairs it brings."""
    cosines = vectors @ vectors.T if vectors is not None and len(records) else None
    memo = {} if memo is None else memo
    ids = [content_id(r.key, r.text) for r in records]
    table = Table.of(records)
    out = []
    for i, record in enumerate(records):
        found = []
        for j in candidates(i, records, cosines, table):
            pair = f"{ids[i]}|{ids[j]}|{int(calibrated)}"
            if pair not in memo:
                cos = float(cosines[i, j]) if cosines is not None and calibrated else None
                memo[pair] = compare(record, records[j], cos).to_dict()
            found.append(Counterpart.from_dict(memo[pair]))
        out.append(record.with_links(lineage=lineage_of(record, found)))
    return with_chains(out)
