"""The citable unit: one frozen record from rapporteur.ingest to UI, and the small types around it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields

from rapporteur.core.grammar import KIND_PROSE, unit_label


def content_id(*parts: str) -> str:
    """A stable id from content: the first 16 hex digits of SHA-256 over the parts."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-sized run of text as a reader sees it on the page, before structure.

    Parsers of each format (text, PDF, DOCX, HTML) produce blocks; one structural pass
    (``rapporteur.ingest.structure``) turns blocks into units, so every format cuts units the same way.
    ``kind`` is ``"text"``, ``"footnote"`` (with ``number``) or ``"heading"`` when the format
    itself marks the block as such (a DOCX heading style, an HTML ``<h2>``).
    """

    text: str
    page: int | None = None
    kind: str = "text"
    number: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A document's identity and the metadata parsed from its header block."""

    doc: str  # document key: the file stem, e.g. "wg6-2021"
    symbol: str | None = None  # e.g. "A/RES/73/146", "S/2025/303"
    title: str | None = None
    date: str | None = None  # ISO date, e.g. "2021-05-31"
    body: str | None = None  # issuing body or meeting
    doc_type: str | None = None  # "report", "resolution", ...
    language: str | None = None  # ISO 639-1 of the original, e.g. "en"
    distribution: str | None = None  # "General", "Limited", ...
    source: str | None = None  # file name it was parsed from
    sha256: str | None = None  # of the source bytes
    # share of its words in an English vocabulary (ingest/quality.py); low for OCR noise
    text_quality: float | None = None
    garbled: bool = False  # text_quality under the threshold: `docs` flags the document

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def to_dict(self) -> dict:
        """The record as JSON-ready data, plus its derived ``year``."""
        return asdict(self) | {"year": self.year}

    @classmethod
    def from_dict(cls, data: dict) -> Document:
        """The record back from ``to_dict`` (derived keys are ignored)."""
        return cls(**_own(cls, data))


@dataclass(frozen=True, slots=True)
class Unit:
    """A citable unit: a numbered paragraph, recommendation, OP/PP, article or footnote."""

    doc: str
    kind: str
    number: int
    text: str
    section: str = ""  # heading path, " > " between levels
    page: int | None = None
    ordinal: int = 0  # position in the document, for neighbours and order
    part: str = ""  # "" for the body; "annex", "annex II" for annexes with their own numbering
    symbol: str | None = None
    title: str | None = None
    date: str | None = None
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.doc, self.label, self.text))

    @property
    def label(self) -> str:
        """Short label, e.g. ``"rec 18"`` or ``"annex art 5"``; unique within a document."""
        label = unit_label(self.kind, self.number)
        return f"{self.part} {label}" if self.part else label

    @property
    def key(self) -> str:
        """Corpus-wide key, e.g. ``"wg6-2021:rec 18"``: what answers cite."""
        return f"{self.doc}:{self.label}"

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @property
    def reference(self) -> str:
        """The UN prose form, e.g. ``"recommendation 18"``, ``"para. 9"``, ``"article 5 of annex I"``."""
        prose = f"{KIND_PROSE[self.kind]} {self.number}"
        return f"{prose} of {self.part}" if self.part else prose

    def to_dict(self) -> dict:
        """The one JSON shape of a unit: store, index, CLI, API, UI, LangChain and Milvus.

        Every field, plus what a citation shows: ``unit`` (the label), ``key``, ``reference``.
        """
        return {
            "id": self.id,
            "doc": self.doc,
            "symbol": self.symbol,
            "title": self.title,
            "date": self.date,
            "kind": self.kind,
            "unit": self.label,
            "key": self.key,
            "reference": self.reference,
            "number": self.number,
            "section": self.section,
            "page": self.page,
            "ordinal": self.ordinal,
            "part": self.part,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Unit:
        """The unit back from ``to_dict`` (derived keys are ignored; the id is kept)."""
        return cls(**_own(cls, data))


@dataclass(frozen=True, slots=True)
class Hit:
    """A unit found by search: its ranking score, each first-stage list's raw score, the second
    stage's score (the reader's for an English question, the multilingual reader's for another;
    None when none scored this unit) and whether the question names it."""

    unit: Unit
    score: float
    scores: dict[str, float] = field(
        default_factory=dict
    )  # list name ("bm25", a model) -> raw score
    rerank: float | None = None
    named: bool = False  # the question names this unit ("rec 18"): ranked first

    def to_dict(self) -> dict:
        """The unit's shape plus the fused score."""
        return self.unit.to_dict() | {"score": round(self.score, 6)}

    @classmethod
    def from_dict(cls, data: dict) -> Hit:
        """A hit back from ``to_dict`` (per-stage scores are not serialised)."""
        return cls(Unit.from_dict(data), data["score"])


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """What a parser returns: the document record and its units, in reading order."""

    document: Document
    units: tuple[Unit, ...]

    @property
    def gaps(self) -> dict[str, list[int]]:
        """Numbered-paragraph gaps per part ("" is the body): see ``number_gaps``."""
        return number_gaps(self.units)


def number_gaps(units: Iterable[Unit], kind: str = "paragraph") -> dict[str, list[int]]:
    """The numbers missing from 1..max among a kind's units, per part; parts with none left out.

    ``number_gaps(units)`` for paragraphs 1, 2, 5 in the body is ``{"": [3, 4]}``.
    """
    seen: dict[str, set[int]] = {}
    for unit in units:
        if unit.kind == kind:
            seen.setdefault(unit.part, set()).add(unit.number)
    gaps = {part: sorted(set(range(1, max(nums) + 1)) - nums) for part, nums in seen.items()}
    return {part: missing for part, missing in gaps.items() if missing}


def _own(cls, data: dict) -> dict:
    """The items of ``data`` that are fields of the dataclass ``cls``."""
    return {f.name: data[f.name] for f in fields(cls) if f.name in data}
