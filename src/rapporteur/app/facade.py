"""The composition root: one `Rapporteur` per process, built from `Settings`, used by every surface.

`Rapporteur.open(settings)` is the only place that wires store -> embedders -> searcher ->
search configuration -> generator; the CLI, the API and the UI all call it, so the same
settings give the same behaviour everywhere. Opening is cheap: the models and the index load
once, on first use or on `warm()` (the server warms before it listens). A missing, stale or
mismatched index is rebuilt from the store on load, on every surface alike. Filling an empty
store from ``data_dir`` is an explicit step (`bootstrap`), never a side effect of opening.

Reads take the current searcher once and use it to the end; writes (ingest, upload, delete)
are serialised by a lock, rebuild the index from the store and swap the searcher in one
assignment, so a search that started before a swap finishes on the old index.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rapporteur.app.records import (
    EMPTY,
    BadKey,
    UnitContext,
    UploadOutcome,
    WritesOff,
    check_key,
    context_of,
    label_candidates,
)
from rapporteur.core.config import SearchConfig, config_from
from rapporteur.core.errors import IndexMismatch, NotFound, RapporteurError
from rapporteur.core.filters import Filters
from rapporteur.core.settings import Settings
from rapporteur.core.store import Store
from rapporteur.core.text import load_word_lists
from rapporteur.core.units import Document, Hit, Unit
from rapporteur.index.search import Searcher

__all__ = [
    "EMPTY",
    "BadKey",
    "Rapporteur",
    "UnitContext",
    "UploadOutcome",
    "WritesOff",
    "check_key",
]

Progress = Callable[[str], None]


def _quiet(msg: str) -> None:
    """The default progress sink: says nothing."""


class Rapporteur:
    """Store, embedders, searcher and generator, loaded once; the operations every front end calls."""

    def __init__(
        self, settings: Settings, embedders: list | None = None, progress: Progress | None = None
    ) -> None:
        self.settings = settings
        self.store = Store(settings.store_path)
        self.config: SearchConfig = config_from(settings)
        self._say = progress or _quiet
        self._embedders = embedders
        self._searcher: Searcher | None = None
        self._loaded = False
        self._prepared: Searcher | None = None  # the searcher whose second stage is prepared
        self._generator_ready = False
        self._generator = None
        self.generator_notice: str | None = None
        self.last_build = None  # the BuildReport of this process's latest rebuild
        self._load_lock = threading.Lock()
        self._write = threading.Lock()
        self._compendium = None  # (searcher, Compendium): rebuilt when the searcher is swapped
        self._compendium_lock = threading.Lock()

    @classmethod
    def open(
        cls, settings: Settings, embedders: list | None = None, progress: Progress | None = None
    ) -> Rapporteur:
        """The facade for these settings (cheap: models and index load on first use)."""
        return cls(settings, embedders, progress)

    # --- loading ---------------------------------------------------------------------------

    @property
    def embedders(self) -> list:
        """The dense models the settings name, loaded once."""
        if self._embedders is None:
            from rapporteur.index import load_embedders

            self._embedders = load_embedders(self.settings)
        return self._embedders

    @property
    def generator(self):
        """The generative answerer the settings name (``Generator``), or None for quoted answers.

        A configured model that cannot load is not fatal on any surface: answers quote the
        reports and say why (``generator_notice``).
        """
        if not self._generator_ready:
            from rapporteur.assistant.generate import generator_from

            try:
                self._generator = generator_from(self.settings)
            except RapporteurError as exc:
                self.generator_notice = f"{exc}; answers quote the reports instead"
            self._generator_ready = True
        return self._generator

    @property
    def searcher(self) -> Searcher | None:
        """The current searcher, loaded (or rebuilt) on first use; None while nothing is indexed.

        Read it once per request: a write may swap it.
        """
        if not self._loaded:
            with self._load_lock:
                if not self._loaded:
                    self._searcher = self._open()
                    self._loaded = True
        return self._searcher

    def warm(self) -> Rapporteur:
        """Load everything now (models, index, second stage, generator, Chinese word lists), not
        on the first request."""
        self.embedders  # noqa: B018 -- properties that load
        self.generator  # noqa: B018
        load_word_lists()
        return self.prepare()

    def prepare(self) -> Rapporteur:
        """Load the live index and its second stage's sentence vectors (embedding any missing), so
        no question reads or embeds the corpus; once per searcher."""
        searcher = self.searcher
        if searcher is not None and searcher is not self._prepared:
            self._prepare(searcher)
        return self

    def start(self) -> Rapporteur:
        """What a server does before it listens: `bootstrap`, then `warm`."""
        self.bootstrap()
        return self.warm()

    def bootstrap(self) -> list:
        """Ingest ``data_dir`` into an empty store (the first `make run`); nothing otherwise."""
        if self.store.documents() or not Path(self.settings.data_dir).is_dir():
            return []
        self._say(f"empty store: ingesting {self.settings.data_dir}")
        return self.ingest([self.settings.data_dir])

    def _open(self) -> Searcher | None:
        """The live searcher; (re)built from the store when missing, stale or mismatched."""
        if not self._has_units():
            return None
        from rapporteur.index import open_searcher

        try:
            searcher = open_searcher(self.settings, self.embedders, self.store)
        except IndexMismatch as exc:
            self._say(f"rebuilding the index ({exc})")
            return self._rebuild()
        if searcher.stale:
            self._say("the store changed since the index was built: rebuilding it")
            return self._rebuild()
        return searcher

    def _has_units(self) -> bool:
        return any(n for _, n in self.store.documents())

    def _rebuild(self) -> Searcher | None:
        from rapporteur.index import open_searcher, rebuild

        if not self._has_units():
            return None  # bm25s cannot index nothing; an empty library has no searcher
        self.last_build = rebuild(self.settings, self.embedders, self._say, self.store)
        return self._prepare(open_searcher(self.settings, self.embedders, self.store))

    def _prepare(self, searcher: Searcher) -> Searcher:
        """Load the verdict and compute the second stage's sentence vectors with the index, not on
        the first questions."""
        self._prepared = searcher
        if self.config.reads_verdict:
            from rapporteur.index.verdict import load_verdict

            load_verdict()  # the verdict reads English questions: loaded before the first one
        if self.config.rerank:
            from rapporteur.core.progress import rate_reporter

            scorer = searcher.scorer(self.config.reranker)
            report = rate_reporter(
                self._say, f"second stage ({scorer.name}): embedded", "sentences"
            )
            scorer.prepare(searcher.units, report)
        return searcher

    def status(self) -> dict:
        """Counts and a summary of the live index's manifest (for /health)."""
        searcher = self.searcher
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
                "second_stage": manifest.get("second_stage"),
            },
        }

    # --- reading ---------------------------------------------------------------------------

    def search(self, query: str, k: int = 10, filters: dict | Filters | None = None) -> list[Hit]:
        """The k best units for the query within the filters (none when nothing is indexed)."""
        filters = _filters(filters)
        searcher = self.searcher
        return searcher.search(query, k, filters, self.config) if searcher else []

    def ask(
        self,
        question: str,
        history: list[dict] | None = None,
        filters: dict | Filters | None = None,
        extractive: bool = False,
    ):
        """A cited answer (``rapporteur.assistant.types.Answer``) in the conversation so far."""
        return self._answer(question, history, filters, extractive, stream=False)

    def ask_stream(
        self,
        question: str,
        history: list[dict] | None = None,
        filters: dict | Filters | None = None,
        extractive: bool = False,
    ) -> Iterator:
        """Text chunks of the answer as they come, then the final ``Answer``.

        Filters are checked here, before the first chunk, so a bad filter fails the request
        rather than the stream.
        """
        return self._answer(question, history, filters, extractive, stream=True)

    def _answer(self, question, history, filters, extractive: bool, stream: bool):
        from dataclasses import replace

        from rapporteur.assistant.answer import answer, ask_stream
        from rapporteur.assistant.types import Answer

        filters = _filters(filters)
        searcher = self.searcher
        if searcher is None:
            empty = Answer(question, f"I cannot answer: {EMPTY}.", abstained=True)
            return iter([empty.text, empty]) if stream else empty
        generator = None if extractive else self.generator
        run = ask_stream if stream else answer
        out = run(
            question,
            searcher,
            history=history or None,
            filters=filters,
            config=self.config,
            generator=generator,
        )
        notice = None if extractive else self.generator_notice
        if not notice:
            return out
        with_notice = lambda a: a if a.notice else replace(a, notice=notice)  # noqa: E731
        if not stream:
            return with_notice(out)
        return (item if isinstance(item, str) else with_notice(item) for item in out)

    def documents(self) -> list[tuple[Document, int]]:
        """Every stored document with its unit count."""
        return self.store.documents()

    def gaps(self) -> dict[str, dict[str, list[int]]]:
        """Paragraph numbers missing per stored document and part (documents without gaps left out)."""
        from rapporteur.core.units import number_gaps

        found = {doc.doc: number_gaps(self.store.units(doc.doc)) for doc, _ in self.documents()}
        return {doc: gaps for doc, gaps in found.items() if gaps}

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
        searcher = self.searcher
        if searcher is None:
            return [DraftResult(d, NEW, ()) for d in drafts]
        return check_drafts(drafts, searcher, scope, k)

    def compare_document(self, doc: str, earlier_only: bool = False) -> list:
        """Each recommendation/OP of a stored document checked against the rest of the library."""
        from rapporteur.assistant.dupes import compare_document

        searcher = self.searcher
        if searcher is None:
            raise NotFound(f"no document {doc!r}: {EMPTY}")
        return compare_document(doc, searcher, earlier_only)

    def compendium(self):
        """The compendium of the live index (``assistant.compendium.build.Compendium``), computed
        once per index build and cached in its folder (see that module for why there)."""
        from rapporteur.assistant.compendium.build import Compendium, compute, load, save
        from rapporteur.index.build import current_folder

        searcher = self.searcher
        if searcher is None:
            return Compendium((), (), {})
        with self._compendium_lock:
            if self._compendium and self._compendium[0] is searcher:
                return self._compendium[1]
            folder = current_folder(self.settings.home)
            state = searcher.manifest.get("store_state")
            similar = self.settings.compendium_sdg_similarity
            found = load(folder, state, similar) if folder else None
            if found is None:
                found = compute(searcher, self._say, similar)
                if folder:
                    save(found, folder)
            self._compendium = (searcher, found)
            return found

    def compendium_entries(self, filters: dict | None = None) -> list:
        """Compendium entries passing the filters (body, year, theme, addressee, sdg, doc)."""
        from rapporteur.assistant.compendium.query import Query, select

        return select(self.compendium().records, Query.from_dict(filters))

    def compendium_entry(self, reference: str) -> tuple:
        """The entry a reference names ("S/2025/303 annex para 56 (c)") and its item letter, if any."""
        from rapporteur.assistant.compendium.query import find

        return find(self.compendium().records, reference)

    # --- writing ---------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | Path],
        progress: Callable[[Path], None] | None = None,
        index: bool = True,
    ) -> list:
        """Parse files and folders into the store (``rapporteur.ingest.batch.Outcome`` each); reindex if changed."""
        from rapporteur.ingest.batch import collect, ingest_files

        files, failed = collect(paths)
        with self._write:
            outcomes = failed + ingest_files(files, self.store, progress=progress)
            changed = any(o.status in ("added", "replaced") for o in outcomes)
            if index and (changed or self._index_behind()):
                self._swap(self._rebuild())
        return outcomes

    def _index_behind(self) -> bool:
        """Units are stored that the live index was not built from: a run killed after it stored
        its files but before its build switched over leaves the next run, whose files are all
        unchanged, this build to finish."""
        from rapporteur.index.build import built_state

        return self._has_units() and built_state(self.settings.home) != self.store.state()

    def reindex(self):
        """Rebuild the index from the store now (``rapporteur.index.build.BuildReport``)."""
        if not self._has_units():
            raise NotFound(EMPTY)
        with self._write:
            self._swap(self._rebuild())
        return self.last_build

    def upload(self, name: str, data: bytes, progress: Progress | None = None) -> UploadOutcome:
        """Parse, store and index one document; the index is swapped only once it is built."""
        from rapporteur.ingest.parse import parse_bytes

        say = progress or _quiet
        started = time.perf_counter()
        name = Path(name.replace("\\", "/")).name  # a browser may send a path; keep the file name
        say(f"parsing {name}")
        parsed = parse_bytes(data, name)
        with self._write:
            status = self.store.put(parsed)
            if status != "unchanged" or self.searcher is None:
                say(f"indexing {len(parsed.units)} units")
                self._swap(self._rebuild())
        seconds = round(time.perf_counter() - started, 2)
        return UploadOutcome(name, status, parsed.document.doc, len(parsed.units), seconds)

    def delete(self, doc: str) -> None:
        """Remove a document and rebuild the index without it."""
        with self._write:
            self.store.delete(doc)
            self._swap(self._rebuild())

    def _swap(self, searcher: Searcher | None) -> None:
        self._searcher, self._loaded = searcher, True


def _filters(value: dict | Filters | None) -> Filters:
    if isinstance(value, Filters):
        return value
    return Filters.from_dict(value)
