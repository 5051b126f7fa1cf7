"""The units a question names by their UN reference, found in the library's documents.

"recommendation 18", "para. 12 of S/2025/303", "OP 5 of resolution 73/146", "paragraph 22 of
resolution 2769 (2025)" (a resolution's paragraph is its OP), "article 9 of the Firearms
Protocol" (the document whose title the question's other words name), "paragraphe 5 de la
résolution 73/146". Pure once built: no model, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapporteur.core.grammar import KIND_PROSE, kinds_named, unit_refs
from rapporteur.core.questions import named_documents, referenced_documents
from rapporteur.core.units import Unit
from rapporteur.core.words import tokenize


class References:
    """Each document's units by kind and number, its symbol and its title words."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = units
        self.by_label: dict[tuple[str, str, int], list[int]] = {}
        for i, u in enumerate(units):
            self.by_label.setdefault((u.doc, u.kind, u.number), []).append(i)
        self.by_symbol = {(u.symbol or "").lower(): u.doc for u in units if u.symbol}
        self.docs = {u.doc for u in units}
        self._symbol = {u.doc: u.symbol or u.doc for u in units}
        self._titles: dict[str, set[str]] | None = None  # built on first use

    def rows(self, query: str) -> list[int]:
        """Rows of the units the query names: in the document the reference names, else in
        those the question names, else in those whose title its words name best ("article 9 of
        the Firearms Protocol"), else in any document."""
        rows = []
        for kind, number, doc in unit_refs(query):
            docs = self._documents(query, doc)
            holding = [d for d in sorted(docs) if self.labelled(d, kind, number)]
            if not doc and len(holding) > 1:
                holding = self._by_title(query, holding)
            rows += [self.labelled(d, kind, number)[0] for d in holding]
        return rows

    def missing(self, query: str) -> list[str]:
        """What the query names that its document does not have: "JIU/REP/2025/1 has no
        recommendation 12" (only references whose document is named with them)."""
        out = []
        for kind, number, doc in unit_refs(query):
            docs = referenced_documents(doc, self.by_symbol, self.docs) if doc else set()
            if docs and not any(self.labelled(d, kind, number) for d in docs):
                names = " or ".join(sorted(self._symbol[d] for d in docs))
                out.append(
                    f"{names} has no {KIND_PROSE[kind]} {number}".replace("para.", "paragraph")
                )
        return out

    def labelled(self, doc: str, kind: str, number: int) -> list[int]:
        """Rows of a document's units of that kind and number, those of its body first; the
        body's OP for a "paragraph" the body does not number (a resolution's)."""
        rows = self.by_label.get((doc, kind, number), [])
        for other in kinds_named(kind)[1:]:
            if not any(not self.units[r].part for r in rows):
                rows = self.by_label.get((doc, other, number), []) + rows
        return sorted(rows, key=lambda r: bool(self.units[r].part))

    def _documents(self, query: str, doc: str | None) -> set[str]:
        # "OP 22 of S/RES/2769 (2025)" reads as "S/RES/2769": the question names it whole
        named = referenced_documents(doc, self.by_symbol, self.docs) if doc else set()
        return named or named_documents(query, self.by_symbol) or self.docs

    def _by_title(self, query: str, docs: list[str]) -> list[str]:
        """The documents whose titles share most of the query's words, if any share one."""
        if self._titles is None:
            self._titles = {u.doc: set(tokenize(u.title or "")) for u in reversed(self.units)}
        words = set(tokenize(query))
        shared = {d: len(words & self._titles.get(d, set())) for d in docs}
        best = max(shared.values())
        return [d for d in docs if shared[d] == best] if best else docs
