"""Build the search indexes from the unit store into a new folder, then switch to it atomically.

Layout under ``<home>/index/``: one folder per build and a ``CURRENT`` file naming the live one.
``CURRENT`` is replaced with ``os.replace`` only after the new build is complete and fsynced, so a
crash mid-build leaves the previous index serving.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rapporteur.core.progress import rate_reporter
from rapporteur.core.settings import embedding_cache, index_dir
from rapporteur.core.store import Store, unit_json
from rapporteur.core.tokens import model_budget, pieces_of
from rapporteur.core.units import Unit
from rapporteur.index.cache import EmbeddingCache
from rapporteur.index.dense import Dense
from rapporteur.index.lexical import Lexical

SCHEMA_VERSION = (
    3  # 2: builds keep units.jsonl and file checksums; 3: the cross-lingual lexicon and the backend
)


@dataclass(frozen=True, slots=True)
class BuildReport:
    folder: Path
    units: int
    pieces: dict[str, int]
    embedded: dict[str, int]  # pieces actually computed (not from the cache), per model
    seconds: float


def build(
    store: Store,
    home: Path,
    embedders: list,
    progress: Callable[[str], None] | None = None,
    backend: str = "faiss",
    milvus_uri: str | None = None,
    second_stage: dict | None = None,
) -> BuildReport:
    """Build lexical and dense indexes for everything in the store and make them current."""
    if backend == "milvus":
        from rapporteur.index.milvus import build_collection, need_milvus

        need_milvus()  # fail before the expensive part
    started = time.perf_counter()
    say = progress or (lambda msg: None)
    units = store.units()
    root = index_dir(home)
    folder = root / f"build-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    folder.mkdir(parents=True)
    say(f"lexical index over {len(units)} units")
    Lexical.build([u.text for u in units]).save(folder / "bm25")
    # The build keeps its own copy of the units: it stays usable while the store moves on.
    (folder / "units.jsonl").write_text(
        "".join(unit_json(u) + "\n" for u in units), encoding="utf-8"
    )
    cache = EmbeddingCache(embedding_cache(home))
    models, pieces, embedded = [], {}, {}
    for emb in embedders:
        model, computed = _build_dense(units, emb, folder, say, cache)
        models.append(model)
        pieces[emb.name], embedded[emb.name] = model["pieces"], computed
    lexicon = _build_lexicon(units, embedders, folder, say, cache)
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "store_state": store.state(),
        "units": len(units),
        "unit_ids": [u.id for u in units],
        "documents": {d.doc: d.sha256 for d, _ in store.documents()},
        "lexical": {"library": "bm25s", "k1": 1.2, "b": 0.75, "stemmer": "snowball-english"},
        "embedders": models,
        "lexicon": lexicon,
        "chunking": {"tokenizer": "cl100k_base", "budget": "rapporteur.core.tokens.model_budget"},
        "backend": backend,
        # the scorer that re-ranks this index's candidates (the reader's name and weights hash)
        "second_stage": second_stage,
    }
    if backend == "milvus":  # the same pieces and cached vectors, in a Milvus collection too
        say("milvus collection")
        manifest["milvus"] = build_collection(units, embedders, cache, folder, milvus_uri)
    manifest["files"] = file_hashes(folder)
    _write_json(folder / "manifest.json", manifest)
    _switch(root, folder)
    return BuildReport(folder, len(units), pieces, embedded, time.perf_counter() - started)


def _build_dense(
    units: list[Unit], emb, folder: Path, say: Callable[[str], None], cache: EmbeddingCache
) -> tuple[dict, int]:
    """One model's dense index of the units' pieces (vectors from the cache where it has them):
    its manifest entry, and how many pieces were embedded now."""
    max_tokens = model_budget(emb.max_tokens)
    texts, owner = pieces_of(units, max_tokens)
    say(f"{emb.name}: {len(texts)} pieces")
    vectors, computed = cache.embed(
        emb.model_id,
        texts,
        emb.embed_passages,
        emb.dim,
        rate_reporter(say, f"{emb.name}: embedded", "pieces"),
    )
    dense = Dense.build(vectors, owner, len(units))  # exact, or HNSW past dense.EXACT_LIMIT pieces
    dense.save(folder, emb.name)
    model = {
        "name": emb.name,
        "model_id": emb.model_id,
        "dim": emb.dim,
        "normalized": True,
        "piece_tokens": max_tokens,
        "pieces": len(texts),
        "faiss": dense.describe(),
    }
    return model, computed


def _build_lexicon(
    units: list[Unit],
    embedders: list,
    folder: Path,
    say: Callable[[str], None],
    cache: EmbeddingCache,
) -> dict | None:
    """The cross-lingual lexicon (index/translate.py), when its multilingual model is loaded.
    Term vectors come from the embedding cache, so a rebuild embeds only new terms."""
    from rapporteur.index.translate import MODEL, Lexicon, vocabulary

    emb = next((e for e in embedders if e.name == MODEL), None)
    if emb is None:
        return None
    terms = vocabulary(u.text for u in units)
    vectors, computed = cache.embed(emb.model_id, terms, emb.embed_passages, emb.dim)
    lexicon = Lexicon(terms, vectors, emb.model_id)
    lexicon.save(folder / "lexicon")
    say(f"cross-lingual lexicon: {len(lexicon.terms)} terms ({computed} embedded)")
    return {"model": emb.name, "terms": len(lexicon.terms), "embedded": computed}


def file_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file in a build folder (the manifest itself excluded), by relative path."""
    out = {}
    for path in sorted(folder.rglob("*")):
        # milvus-lite rewrites its own folder (lock, WAL) when opened: the manifest records and
        # load checks its row count instead.
        if (
            path.is_file()
            and path.name != "manifest.json"
            and path.relative_to(folder).parts[0] != "milvus.db"
        ):
            out[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _write_json(path: Path, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())


def _switch(root: Path, folder: Path) -> None:
    """Point CURRENT at the new build (atomic rename), then remove older builds, and what killed
    builds left."""
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as f:
                os.fsync(f.fileno())
    tmp = root / f"CURRENT.{os.getpid()}"
    tmp.write_text(folder.name)
    os.replace(tmp, root / "CURRENT")
    for old in root.glob("build-*"):
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    for left in root.glob("CURRENT.*"):  # a pointer a killed build wrote but never moved
        left.unlink(missing_ok=True)


def built_state(home: Path) -> str | None:
    """The store state the live index was built from (its manifest's), or None with no index."""
    folder = current_folder(home)
    try:
        return json.loads((folder / "manifest.json").read_text())["store_state"] if folder else None
    except (OSError, ValueError, KeyError):
        return None


def current_folder(home: Path) -> Path | None:
    """The live build folder, or None when nothing has been built."""
    pointer = index_dir(home) / "CURRENT"
    if not pointer.exists():
        return None
    folder = index_dir(home) / pointer.read_text().strip()
    return folder if folder.is_dir() else None
