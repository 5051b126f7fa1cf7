"""The compendium over a loaded index: records, themes, SDG links and lineage, cached beside the index.

Where it lives, and why: the compendium is computed from the live index on first request and
written into that index's build folder (``compendium.jsonl``, one record per line, and
``compendium.json``, its manifest: the index's ``store_state`` and ``created_at``, the model,
counts, schema and a hash of the rules). The index build cannot compute it there itself:
extraction is assistant-layer code, which reads the index only through its port
(assistant/ports.py). Keyed by the index's store state, it is rebuilt exactly when the index is
(a document added, replaced or deleted gives a new build folder) and reused otherwise, across
processes. The rebuild is incremental where it costs: lineage pair scores (difflib over ~15
candidate pairs per record, most of the time) are kept by content in
``<home>/cache/compendium-pairs-<model>.json``, so adding a document scores only the pairs it
brings; extraction, SDG links and themes take a few seconds and are recomputed. Vectors are the
index's own: unit pieces re-read from the embedding cache, never embedded again; only the
vocabulary's theme texts are embedded, once per model (cached too).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from rapporteur.assistant.compendium.extract import extract
from rapporteur.assistant.compendium.lineage import link_lineage
from rapporteur.assistant.compendium.records import Recommendation, Theme
from rapporteur.assistant.compendium.sdg import SIMILARITY_MODEL, link, targets
from rapporteur.assistant.compendium.themes import assign, theme_tree, vocabulary
from rapporteur.assistant.dupes import SEMANTIC_MODEL
from rapporteur.assistant.ports import Index
from rapporteur.core.errors import ConfigError
from rapporteur.core.settings import Settings
from rapporteur.core.units import Document, Unit, content_id

SCHEMA = 1
RECORDS_FILE, MANIFEST_FILE = "compendium.jsonl", "compendium.json"
GROUPINGS = ("theme", "addressee", "sdg", "doc")


@dataclass(frozen=True)
class Compendium:
    """Every recommendation record of a library, its theme tree, and the manifest it was built with."""

    records: tuple[Recommendation, ...]
    themes: tuple[Theme, ...]
    manifest: dict = field(default_factory=dict)

    def by_key(self) -> dict[str, Recommendation]:
        return {r.key: r for r in self.records}

    def to_dict(self, records: list[Recommendation] | None = None) -> dict:
        """The JSON of the API and of ``rapporteur compendium --json``."""
        chosen = self.records if records is None else records
        return {
            "count": len(chosen),
            "entries": [r.to_dict() for r in chosen],
            "themes": [t.to_dict() for t in self.themes],
            "manifest": self.manifest,
        }


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A hash of the compendium's code, its data and the duplicate check it scores with: a saved
    compendium or pair score from other rules is recomputed, not served."""
    from rapporteur.assistant import dupes

    package = resources.files("rapporteur.assistant.compendium")
    paths = sorted(p for p in package.iterdir() if p.name.endswith(".py"))
    data = sorted(
        p for p in package.joinpath("data").iterdir() if p.name.endswith((".tsv", ".txt"))
    )
    texts = [p.read_text("utf-8") for p in paths] + [p.read_text("utf-8") for p in data]
    return content_id(*texts, Path(dupes.__file__).read_text("utf-8"))


def assemble(
    units: list[Unit],
    documents: dict[str, Document],
    vectors: np.ndarray | None,
    calibrated: bool,
    memo: dict | None = None,
    theme_vectors: np.ndarray | None = None,
    records: list[Recommendation] | None = None,
    sdg_cosines: np.ndarray | None = None,
) -> tuple[list[Recommendation], list[Theme]]:
    """Records with SDG links, themes and lineage (pure: vectors are given, rows in unit order).

    ``calibrated``: the vectors are the duplicate check's model, so its cosines count as evidence;
    ``memo``: lineage pair scores from earlier builds (``lineage.link_lineage``), filled in;
    ``theme_vectors``: the vocabulary's themes embedded (rows of ``themes.vocabulary()``);
    ``records``: the units' records when already extracted; ``sdg_cosines``: each record's cosine
    to each SDG target text (``sdg_cosines``; rows in record order), else SDG links by terms
    alone. A lettered item shares its unit's vector.
    """
    rows = {u.key: i for i, u in enumerate(units)}
    records = extract(units, documents) if records is None else records
    own = (
        vectors[[rows[f"{r.doc}:{r.unit}"] for r in records]]
        if vectors is not None and records
        else None
    )
    linked = _with_sdg(records, sdg_cosines)
    to_themes = own @ theme_vectors.T if own is not None and theme_vectors is not None else None
    themes = theme_tree(linked, to_themes)
    linked = link_lineage(assign(linked, themes), own, calibrated, memo)
    return linked, themes


def _with_sdg(
    records: list[Recommendation], cosines: np.ndarray | None = None
) -> list[Recommendation]:
    """Records with their SDG links (mentions, then the pair model, or terms with no cosines)."""
    return [
        r.with_links(sdg_targets=link(r.text, r.section, None if cosines is None else cosines[i]))
        for i, r in enumerate(records)
    ]


def sdg_cosines(
    records: list[Recommendation], vectors: Callable[[list[str]], np.ndarray]
) -> np.ndarray:
    """Each record's cosine to each of the 169 SDG target texts, ``vectors`` giving unit-length
    passage vectors of texts in the similarity model's space (``sdg.SIMILARITY_MODEL``); rows in
    record order. Each distinct text is embedded once (re-adopted paragraphs repeat: 2,161
    distinct of 2,446 entries on the 651-document library)."""
    texts = [r.text for r in records]
    distinct = sorted(set(texts))
    own, goal = vectors(distinct), vectors([t.text for t in targets()])
    row = {t: i for i, t in enumerate(distinct)}
    return (own @ goal.T)[[row[t] for t in texts]]


def compute(
    searcher: Index, say=lambda msg: None, sdg_similarity: bool | None = None
) -> Compendium:
    """The compendium of a loaded index's units (vectors from its embedding cache);
    ``sdg_similarity``: link SDG targets by similarity too (None: the settings' default)."""
    if sdg_similarity is None:
        sdg_similarity = Settings.model_fields["compendium_sdg_similarity"].default
    started = time.perf_counter()
    units = list(searcher.units)
    documents = {
        u.doc: Document(u.doc, u.symbol, u.title, u.date, searcher.bodies.get(u.doc) or None)
        for u in units
    }
    models = searcher.dense_names
    name = SEMANTIC_MODEL if SEMANTIC_MODEL in models else next(iter(models), None)
    records = extract(units, documents)
    asking = {f"{r.doc}:{r.unit}" for r in records}
    units = [u for u in units if u.key in asking]  # only these need vectors
    vectors = theme_vectors = None
    cache = searcher.cache_folder
    if name is not None and cache is not None:
        say(f"compendium: vectors of {len(units)} units from the {name} cache")
        vectors = searcher.unit_vectors(name, units)
        theme_vectors = searcher.cached_vectors(name, [s.text() for s in vocabulary()])
    memo_path = cache / f"compendium-pairs-{name}.json" if cache is not None else None
    memo = _read_memo(memo_path)
    before = len(memo)
    cosines = None
    if records and sdg_similarity:
        say(f"compendium: {len(records)} entries against the SDG targets with {SIMILARITY_MODEL}")
        try:  # vectors kept in the index's cache; without the model, links come from terms
            cosines = sdg_cosines(
                records, lambda texts: searcher.cached_vectors(SIMILARITY_MODEL, texts)
            )
        except (ConfigError, ImportError, OSError, RuntimeError):
            cosines = None
    records, themes = assemble(
        units, documents, vectors, name == SEMANTIC_MODEL, memo, theme_vectors, records, cosines
    )
    if memo_path is not None and len(memo) > before:
        _write_memo(memo_path, memo)
    manifest = {
        "schema": SCHEMA,
        "rules": rules_version(),
        "store_state": searcher.manifest.get("store_state"),
        "index_created_at": searcher.manifest.get("created_at"),
        "model": name,
        "sdg_similarity": cosines is not None,
        "records": len(records),
        "themes": len(themes),
        "pairs_scored": len(memo) - before,
        "seconds": round(time.perf_counter() - started, 2),
    }
    return Compendium(tuple(records), tuple(themes), manifest)


def _read_memo(path: Path | None) -> dict:
    """Lineage pair scores kept from earlier builds (empty when absent or unreadable)."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        return {}
    return saved.get("pairs", {}) if saved.get("rules") == rules_version() else {}


def _write_memo(path: Path, memo: dict) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}")
    tmp.write_text(
        json.dumps({"rules": rules_version(), "pairs": memo}, ensure_ascii=False), encoding="utf-8"
    )
    os.replace(tmp, path)


def save(compendium: Compendium, folder: Path) -> None:
    """Write the records and the manifest into a build folder (manifest last, via rename)."""
    lines = "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in compendium.records)
    (folder / RECORDS_FILE).write_text(lines, encoding="utf-8")
    meta = compendium.manifest | {"theme_tree": [t.to_dict() for t in compendium.themes]}
    tmp = folder / f"{MANIFEST_FILE}.{os.getpid()}"
    tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST_FILE)


def load(
    folder: Path, store_state: str | None, sdg_similarity: bool | None = None
) -> Compendium | None:
    """The compendium saved in a build folder for this store state, or None (absent, stale,
    damaged, or linked to SDG targets otherwise than ``sdg_similarity`` asks; None: either)."""
    try:
        meta = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        if (meta.get("schema"), meta.get("rules"), meta.get("store_state")) != (
            SCHEMA,
            rules_version(),
            store_state,
        ):
            return None
        if sdg_similarity is not None and meta.get("sdg_similarity") is not sdg_similarity:
            return None
        lines = (folder / RECORDS_FILE).read_text(encoding="utf-8").splitlines()
        records = tuple(Recommendation.from_dict(json.loads(line)) for line in lines if line)
    except (OSError, ValueError, KeyError):
        return None
    themes = tuple(Theme.from_dict(t) for t in meta.pop("theme_tree", []))
    return Compendium(records, themes, meta)


def check_grouping(by: str) -> str:
    """The grouping name, or a ConfigError naming the valid ones."""
    if by not in GROUPINGS:
        raise ConfigError(
            f"compendium: --by {by!r} is not a grouping; use one of {', '.join(GROUPINGS)}"
        )
    return by
