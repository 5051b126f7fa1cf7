"""The application facade: one `Rapporteur` per process, shared by the API, the UI and the CLI.

It owns the store, the loaded embedders and the live `Searcher`. Reads take the current
searcher once and use it to the end; writes (upload, delete) are serialised by a lock, rebuild
the index from the store, and swap the searcher in one assignment, so a search that started
before a swap finishes on the old index.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from rapporteur.index.filters import Filters
from rapporteur.index.search import Searcher, config_from, unit_refs
from rapporteur.core.errors import IndexMismatch, NotFound, RapporteurError
from rapporteur.core.settings import Settings
from rapporteur.core.store import Store
from rapporteur.core.units import Document, Hit, Unit, unit_label

Progress = Callable[[str], None]
EMPTY = "no documents are indexed yet; upload one or run `rapporteur ingest PATH`"


class WritesOff(RapporteurError):
    """Writes were asked for but no API key is configured (RAPPORTEUR_API_KEY)."""


class BadKey(RapporteurError):
    """A write came without the API key, or with a wrong one."""


def check_key(expected: str | None, given: str | None) -> None:
    """Allow a write only with the configured key (constant-time comparison)."""
    if not expected:
        raise WritesOff(
            "writes are off: set RAPPORTEUR_API_KEY on the server to allow uploads and deletes"
        )
    if not given or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise BadKey("missing or wrong API key (header X-API-Key)")


@dataclass(frozen=True, slots=True)
class UnitContext:
    """A unit with its neighbours in the document and the document's identity."""

    unit: Unit
    before: tuple[Unit, ...]
    after: tuple[Unit, ...]
    document: Document

    def to_dict(self) -> dict:
        cite = lambda u: u.to_dict() | {"reference": u.reference, "key": u.key}
        return {
            "unit": cite(self.unit),
            "section": self.unit.section,
            "before": [cite(u) for u in self.before],
            "after": [cite(u) for u in self.after],
            "document": self.document.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class UploadOutcome:
    """What an upload did: ``added``, ``replaced`` or ``unchanged``, and the index it left."""

    name: str
    status: str
    doc: str
    units: int
    seconds: float

    def to_dict(self) -> dict:
        return asdict(self)


def context_of(units: list[Unit], unit: Unit, n: int) -> tuple[tuple[Unit, ...], tuple[Unit, ...]]:
    """The ``n`` units before and after ``unit`` in its document's ``units`` (pure)."""
    i = next(j for j, u in enumerate(units) if u.id == unit.id)
    return tuple(units[max(0, i - n) : i]), tuple(units[i + 1 : i + 1 + n])


def label_candidates(label: str) -> list[str]:
    """Labels to try for a unit named by a person: as given, then its short form.

    ``"recommendation 18"`` and ``"rec. 18"`` both mean ``"rec 18"``.
    """
    label = " ".join(label.split())
    out = [label]
    for kind, number, _ in unit_refs(label):
        out.append(unit_label(kind, number))
    return out


class Rapporteur:
    """Store, embedders and searcher, loaded once; the operations every front end calls."""

    def __init__(
        self, settings: Settings, embedders: list | None = None, progress: Progress | None = None
    ) -> None:
        from rapporteur.index import load_embedders

        self.settings = settings
        self.store = Store(settings.store_path)
        self.embedders = embedders if embedders is not None else load_embedders(settings)
        self.config = config_from(settings)
        self.generator = _generator(settings)
        self._write = threading.Lock()
        say = progress or (lambda msg: None)
        if not self.store.documents() and Path(settings.data_dir).is_dir():
            self._ingest_data_dir(say)
        self._searcher: Searcher | None = self._open(say)

    # --- loading ---------------------------------------------------------------------------

    def _ingest_data_dir(self, say: Progress) -> None:
        from rapporteur.ingest.batch import collect, ingest_files

        files, _ = collect([self.settings.data_dir])
        say(f"empty store: ingesting {len(files)} file(s) from {self.settings.data_dir}")
        for outcome in ingest_files(files, self.store):
            if outcome.status == "failed":
                say(f"skipped: {outcome.error}")

    def _open(self, say: Progress) -> Searcher | None:
        """The live searcher; (re)built from the store when missing or stale. None when empty."""
        if not any(n for _, n in self.store.documents()):
            return None
        try:
            searcher = self._load()
        except IndexMismatch as exc:
            say(f"rebuilding the index ({exc})")
            return self._rebuild(say)
        if getattr(searcher, "stale", False):
            say("the store changed since the index was built: rebuilding it")
            return self._rebuild(say)
        return self._warm(searcher)

    def _rebuild(self, say: Progress) -> Searcher | None:
        from rapporteur.index import rebuild

        if not any(n for _, n in self.store.documents()):
            return None  # bm25s cannot index nothing; an empty library has no searcher
        rebuild(self.settings, self.embedders, say, self.store)
        return self._warm(self._load())

    def _load(self) -> Searcher:
        from rapporteur.index import open_searcher

        return open_searcher(self.settings, self.embedders, self.store)

    def _warm(self, searcher: Searcher) -> Searcher:
        """Load the second-stage scorer now, not on the first question."""
        if getattr(self.config, "rerank", False) and hasattr(searcher, "scorer"):
            searcher.scorer(self.config.reranker)
        return searcher

    @property
    def searcher(self) -> Searcher | None:
        """The current searcher (read it once per request: a write may swap it)."""
        return self._searcher

    def status(self) -> dict:
        """Counts and a summary of the live index's manifest (for /health)."""
        searcher = self._searcher
        docs = self.store.documents()
        manifest = searcher.manifest if searcher else {}
        return {
            "documents": len(docs),
            "units": sum(n for _, n in docs),
            "index": {
                "created_at": manifest.get("created_at"),
                "units": manifest.get("units", 0),
                "store_state": manifest.get("store_state"),
                "embedders": [
                    {k: m[k] for k in ("name", "model_id", "dim")}
                    for m in manifest.get("embedders", [])
                ],
            },
        }

    # --- reading ---------------------------------------------------------------------------

    def search(self, query: str, k: int = 10, filters: dict | Filters | None = None) -> list[Hit]:
        """The k best units for the query within the filters (none when nothing is indexed)."""
        filters = _filters(filters)
        searcher = self._searcher
        return searcher.search(query, k, filters, self.config) if searcher else []

    def ask(
        self,
        question: str,
        history: list[dict] | None = None,
        filters: dict | Filters | None = None,
    ):
        """A cited answer (``rapporteur.assistant.types.Answer``) to a question, in the conversation so far."""
        filters = _filters(filters)
        searcher = self._searcher
        if searcher is None:
            return _empty_answer(question)
        from rapporteur.assistant.answer import answer

        return answer(
            question,
            searcher,
            history=history or None,
            filters=filters,
            config=self.config,
            generator=self.generator,
        )

    def ask_stream(
        self,
        question: str,
        history: list[dict] | None = None,
        filters: dict | Filters | None = None,
    ) -> Iterator:
        """Text chunks of the answer as they come, then the final ``Answer``.

        Filters are checked here, before the first chunk, so a bad filter fails the request
        rather than the stream.
        """
        filters = _filters(filters)
        searcher = self._searcher
        if searcher is None:
            empty = _empty_answer(question)
            return iter([empty.text, empty])
        from rapporteur.assistant.answer import ask_stream

        return ask_stream(
            question,
            searcher,
            history=history or None,
            filters=filters,
            config=self.config,
            generator=self.generator,
        )

    def documents(self) -> list[tuple[Document, int]]:
        """Every stored document with its unit count."""
        return self.store.documents()

    def document(self, doc: str) -> tuple[Document, list[Unit]]:
        """One document and its units in order (NotFound if absent)."""
        return self.store.document(doc), self.store.units(doc)

    def unit(self, doc: str, label: str) -> Unit:
        """A unit by document key and label; ``"recommendation 18"`` finds ``"rec 18"``."""
        self.store.document(doc)  # NotFound names the document first
        for candidate in label_candidates(label):
            try:
                return self.store.unit(doc, candidate)
            except NotFound:
                continue
        raise NotFound(
            f"no unit {label!r} in document {doc!r}; labels look like 'rec 18', 'para 9'"
        )

    def unit_context(self, doc: str, label: str, n: int = 2) -> UnitContext:
        """The unit, its ``n`` neighbours on each side, its section and its document."""
        unit = self.unit(doc, label)
        before, after = context_of(self.store.units(doc), unit, n)
        return UnitContext(unit, before, after, self.store.document(doc))

    def dupes(self, drafts: list[str], scope: dict | Filters | None = None, k: int = 3) -> list:
        """Duplicate check of draft texts (``rapporteur.assistant.dupes.DraftResult`` each)."""
        from rapporteur.assistant.dupes import NEW, DraftResult, check_drafts

        scope = _filters(scope) or None
        drafts = [" ".join(d.split()) for d in drafts if d and d.strip()]
        searcher = self._searcher
        if searcher is None:
            return [DraftResult(d, NEW, ()) for d in drafts]
        return check_drafts(drafts, searcher, scope, k)

    # --- writing ---------------------------------------------------------------------------

    def upload(self, name: str, data: bytes, progress: Progress | None = None) -> UploadOutcome:
        """Parse, store and index one document; the index is swapped only once it is built."""
        from rapporteur.ingest.parse import parse_bytes

        say = progress or (lambda msg: None)
        started = time.perf_counter()
        name = Path(name.replace("\\", "/")).name  # a browser may send a path; keep the file name
        say(f"parsing {name}")
        parsed = parse_bytes(data, name)
        with self._write:
            status = self.store.put(parsed)
            if status != "unchanged" or self._searcher is None:
                say(f"indexing {len(parsed.units)} units")
                self._searcher = self._rebuild(say)
        return UploadOutcome(
            name,
            status,
            parsed.document.doc,
            len(parsed.units),
            round(time.perf_counter() - started, 2),
        )

    def delete(self, doc: str, progress: Progress | None = None) -> None:
        """Remove a document and rebuild the index without it."""
        with self._write:
            self.store.delete(doc)
            self._searcher = self._rebuild(progress or (lambda msg: None))


def _filters(value: dict | Filters | None) -> Filters:
    if isinstance(value, Filters):
        return value
    return Filters.from_dict(value)


def _generator(settings: Settings):
    """The optional LangChain chat model the settings name (None: extractive answers)."""
    from rapporteur.assistant.generate import chat_model_from

    return chat_model_from(settings)


def _empty_answer(question: str):
    from rapporteur.assistant.types import Answer

    return Answer(question, f"I cannot answer: {EMPTY}.", abstained=True)
