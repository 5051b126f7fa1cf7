"""The compendium's records: one frozen entry per unit that asks for action, and its links."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# Lineage statuses: the counterpart is the same text, the same ask amended, or there is none.
VERBATIM, AMENDED, NEW = "verbatim", "amended", "new"
STATUSES = (VERBATIM, AMENDED, NEW)


@dataclass(frozen=True, slots=True)
class SdgLink:
    """An SDG target a recommendation serves: by explicit ``mention`` (or its ``heading``), by the
    pair model's ``similarity`` (score: its probability) or, with no model, by subject ``terms``."""

    target: str  # "16.4"
    score: float
    how: str  # "mention" | "heading" | "similarity" | "terms"

    def to_dict(self) -> dict:
        return {"target": self.target, "score": round(self.score, 4), "how": self.how}

    @classmethod
    def from_dict(cls, data: dict) -> SdgLink:
        return cls(data["target"], float(data["score"]), data["how"])


@dataclass(frozen=True, slots=True)
class Counterpart:
    """An earlier record close to this one, with the duplicate check's scores and word diff."""

    key: str  # the earlier record's key, e.g. "A_RES_73_146:OP 4"
    reference: str  # "A/RES/73/146 OP 4"
    status: str  # VERBATIM | AMENDED | NEW
    similarity: float
    same_body: bool
    date: str | None = None  # of the earlier record
    same_title: bool = False  # a re-adoption of the same resolution (UN titles recur verbatim)
    diff: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def to_dict(self) -> dict:
        return {  # field by field: a library's lineage writes tens of thousands
            "key": self.key,
            "reference": self.reference,
            "status": self.status,
            "similarity": round(self.similarity, 4),
            "same_body": self.same_body,
            "date": self.date,
            "same_title": self.same_title,
            "diff": [list(op) for op in self.diff],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Counterpart:
        diff = tuple((op, text) for op, text in data.get("diff", ()))
        return cls(
            data["key"],
            data["reference"],
            data["status"],
            float(data["similarity"]),
            bool(data["same_body"]),
            data.get("date"),
            bool(data.get("same_title")),
            diff,
        )


@dataclass(frozen=True, slots=True)
class Lineage:
    """Where a recommendation comes from: its status, closest earlier counterparts, the chain."""

    status: str = NEW
    counterparts: tuple[Counterpart, ...] = ()
    chain: tuple[str, ...] = ()  # record keys, earliest first, ending with this record's key

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "counterparts": [c.to_dict() for c in self.counterparts],
            "chain": list(self.chain),
        }

    @classmethod
    def from_dict(cls, data: dict | None) -> Lineage:
        data = data or {}
        return cls(
            data.get("status", NEW),
            tuple(Counterpart.from_dict(c) for c in data.get("counterparts", ())),
            tuple(data.get("chain", ())),
        )


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A unit that asks for action: who is asked (addressees), how (action), and the text.

    ``unit`` is the unit's label ("rec 18", "OP 5", "annex para 56"). A lettered item under a
    lead-in ("I recommend that the Security Council: (a) ...") is an entry of its own: ``item``
    is its letter, ``text`` its words and ``lead`` the lead-in it inherits its addressees from;
    it is cited as "para 86 (a)". ``year`` is the document's, else its symbol's.
    """

    doc: str
    unit: str
    kind: str
    number: int
    text: str
    addressees: tuple[str, ...]
    action: str
    symbol: str | None = None
    title: str | None = None
    date: str | None = None
    body: str | None = None
    section: str = ""
    ordinal: int = 0
    item: str | None = None  # "a" for "para 86 (a)"
    lead: str = ""  # the lead-in of a lettered item
    year: int | None = None
    themes: tuple[str, ...] = ()  # theme paths, broadest first
    sdg_targets: tuple[SdgLink, ...] = ()
    lineage: Lineage = field(default_factory=Lineage)

    @property
    def key(self) -> str:
        """Corpus-wide key, the unit's own: ``"wg6-2021:rec 18"``."""
        return f"{self.doc}:{self.citation}"

    @property
    def citation(self) -> str:
        """The unit and item as cited: ``"para 86 (a)"``, ``"OP 5"``."""
        return f"{self.unit} ({self.item})" if self.item else self.unit

    @property
    def reference(self) -> str:
        """How a compendium cites it: ``"A/RES/73/146 OP 4"``, or ``"wg6-2021 rec 18"`` with no symbol."""
        return f"{self.symbol or self.doc} {self.citation}"

    def with_links(self, **changes) -> Recommendation:
        """A copy with themes, SDG targets or lineage set."""
        return replace(self, **changes)

    def to_dict(self) -> dict:
        """The JSON shape of the CLI (``--json``), the API and the cache file."""
        return {
            "key": self.key,
            "doc": self.doc,
            "unit": self.unit,
            "kind": self.kind,
            "number": self.number,
            "symbol": self.symbol,
            "title": self.title,
            "date": self.date,
            "year": self.year,
            "body": self.body,
            "section": self.section,
            "ordinal": self.ordinal,
            "reference": self.reference,
            "addressees": list(self.addressees),
            "action": self.action,
            "text": self.text,
            "item": self.item,
            "lead": self.lead,
            "themes": list(self.themes),
            "sdg_targets": [s.to_dict() for s in self.sdg_targets],
            "lineage": self.lineage.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Recommendation:
        return cls(
            data["doc"],
            data["unit"],
            data["kind"],
            int(data["number"]),
            data["text"],
            tuple(data.get("addressees", ())),
            data.get("action", ""),
            data.get("symbol"),
            data.get("title"),
            data.get("date"),
            data.get("body"),
            data.get("section", ""),
            int(data.get("ordinal", 0)),
            data.get("item"),
            data.get("lead", ""),
            data.get("year"),
            tuple(data.get("themes", ())),
            tuple(SdgLink.from_dict(s) for s in data.get("sdg_targets", ())),
            Lineage.from_dict(data.get("lineage")),
        )


@dataclass(frozen=True, slots=True)
class Theme:
    """A group of recommendations across documents, named from the corpus; ``path`` is its place in the tree."""

    path: str  # "Illicit financial and arms flows > money-laundering, financial"
    name: str
    terms: tuple[str, ...]
    keys: tuple[str, ...]  # record keys

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "name": self.name,
            "terms": list(self.terms),
            "keys": list(self.keys),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Theme:
        return cls(data["path"], data["name"], tuple(data["terms"]), tuple(data["keys"]))
