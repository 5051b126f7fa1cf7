"""The unit store: SQLite in the home folder, the source of truth for documents and units.

Indexes are derived from it and rebuildable. Each document is replaced in one transaction,
so a failed or killed ingest leaves the previous state intact.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

from rapporteur.core.errors import NotFound, StoreError
from rapporteur.core.units import Document, ParsedDocument, Unit

SCHEMA_VERSION = 1
PARSER_VERSION = 3  # bump when ingest cuts units differently (3: PDFium, contents, passages)
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc TEXT PRIMARY KEY, sha256 TEXT NOT NULL, record TEXT NOT NULL, ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS units (
    id TEXT NOT NULL, doc TEXT NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, label TEXT NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (doc, ordinal), UNIQUE (doc, label)
);
"""


def unit_json(unit: Unit) -> str:
    """A unit as one line of JSON (``Unit.to_dict``): the store's and the index's record."""
    return json.dumps(unit.to_dict(), ensure_ascii=False)


def unit_from_json(record: str) -> Unit:
    return Unit.from_dict(json.loads(record))


def _document(record: str) -> Document:
    return Document.from_dict(json.loads(record))


class Store:
    """Documents and units in one SQLite file; every write is one transaction."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as con, con:
                con.executescript(SCHEMA)
                con.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
                )
                found = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: not a readable unit store ({exc}); move it away and re-ingest"
            ) from None
        except OSError as exc:
            raise StoreError(
                f"{self.path}: cannot create the store ({exc.strerror}); check --home"
            ) from None
        if int(found) != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema {found}, this version needs {SCHEMA_VERSION};"
                " delete the home folder and re-ingest"
            )

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=30)
        con.execute("PRAGMA foreign_keys = ON")
        con.execute(
            "PRAGMA journal_mode = WAL"
        )  # readers keep reading while a writer swaps a document
        return con

    def put(self, parsed: ParsedDocument) -> str:
        """Store a parsed document: ``"added"``, ``"replaced"`` or ``"unchanged"`` (same bytes)."""
        doc = parsed.document
        with closing(self._connect()) as con, con:
            # The parser version is part of the fingerprint: a better parser re-cuts stored files.
            fingerprint = f"{doc.sha256 or ''}/{PARSER_VERSION}"
            row = con.execute("SELECT sha256 FROM documents WHERE doc=?", (doc.doc,)).fetchone()
            if row and row[0] == fingerprint:
                return "unchanged"
            con.execute("DELETE FROM units WHERE doc=?", (doc.doc,))
            con.execute("DELETE FROM documents WHERE doc=?", (doc.doc,))
            con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, datetime('now'))",
                (doc.doc, fingerprint, json.dumps(doc.to_dict(), ensure_ascii=False)),
            )
            con.executemany(
                "INSERT INTO units VALUES (?, ?, ?, ?, ?)",
                [(u.id, u.doc, u.ordinal, u.label, unit_json(u)) for u in parsed.units],
            )
        return "replaced" if row else "added"

    def unchanged_units(self, doc: str, sha256: str | None) -> int | None:
        """The unit count of a stored document with these bytes and this parser, else None."""
        if sha256 is None:
            return None
        with closing(self._connect()) as con:
            row = con.execute(
                "SELECT COUNT(u.id) FROM documents d JOIN units u ON u.doc = d.doc"
                " WHERE d.doc=? AND d.sha256=?",
                (doc, f"{sha256}/{PARSER_VERSION}"),
            ).fetchone()
        return row[0] if row and row[0] else None

    def delete(self, doc: str) -> None:
        """Remove a document and its units."""
        with closing(self._connect()) as con, con:
            if not con.execute("DELETE FROM documents WHERE doc=?", (doc,)).rowcount:
                raise NotFound(
                    f"document {doc!r} is not in the store; `rapporteur docs` lists them"
                )

    def documents(self) -> list[tuple[Document, int]]:
        """Every document with its unit count, by key."""
        with closing(self._connect()) as con:
            rows = con.execute(
                "SELECT d.record, COUNT(u.id) FROM documents d LEFT JOIN units u"
                " ON u.doc = d.doc GROUP BY d.doc ORDER BY d.doc"
            ).fetchall()
        return [(_document(r), n) for r, n in rows]

    def document(self, doc: str) -> Document:
        with closing(self._connect()) as con:
            row = con.execute("SELECT record FROM documents WHERE doc=?", (doc,)).fetchone()
        if not row:
            raise NotFound(f"document {doc!r} is not in the store; `rapporteur docs` lists them")
        return _document(row[0])

    def units(self, doc: str | None = None) -> list[Unit]:
        """All units (of one document), in document order."""
        sql = "SELECT record FROM units {} ORDER BY doc, ordinal"
        with closing(self._connect()) as con:
            rows = (
                con.execute(sql.format("WHERE doc=?"), (doc,))
                if doc
                else con.execute(sql.format(""))
            ).fetchall()
        return [unit_from_json(r) for (r,) in rows]

    def unit(self, doc: str, label: str) -> Unit:
        with closing(self._connect()) as con:
            row = con.execute(
                "SELECT record FROM units WHERE doc=? AND label=?", (doc, label)
            ).fetchone()
        if not row:
            raise NotFound(f"no unit {label!r} in document {doc!r}")
        return unit_from_json(row[0])

    def state(self) -> str:
        """A hash of what is stored (document keys and content hashes): indexes record it."""
        with closing(self._connect()) as con:
            rows = con.execute("SELECT doc, sha256 FROM documents ORDER BY doc").fetchall()
        return hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]
