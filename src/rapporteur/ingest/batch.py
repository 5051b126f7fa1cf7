"""Ingest many files into the store: collect, parse, store; failures are reported, not fatal."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rapporteur.core.errors import RapporteurError
from rapporteur.core.store import Store
from rapporteur.ingest.parse import SUFFIXES, doc_key, parse


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input: added, replaced, unchanged or failed (with the reason)."""

    path: str
    status: str
    doc: str | None = None
    units: int = 0
    error: str | None = None


# A folder's own notes, not documents of the library: left out when a folder is expanded
# (``ingest ../shared/corpus`` would index its README.md); named outright, they are ingested.
FOLDER_NOTES = frozenset({"readme", "license", "licence", "changelog", "contributing", "notice"})


def _document_in_folder(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix.lower() in SUFFIXES
        and not path.name.startswith(".")
        and path.stem.lower() not in FOLDER_NOTES
    )


def collect(paths: Iterable[str | Path]) -> tuple[list[Path], list[Outcome]]:
    """Expand folders into their supported files (sorted; hidden files and the folder's notes,
    README.md and the like, left out); missing paths become failures."""
    files: list[Path] = []
    missing: list[Outcome] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if _document_in_folder(p))
            if not found:
                error = f"{path}: no documents ({', '.join(SUFFIXES)}) in this folder"
                missing.append(Outcome(str(path), "failed", error=error))
            files += found
        elif path.exists():
            files.append(path)
        else:
            missing.append(Outcome(str(path), "failed", error=f"{path}: no such file or folder"))
    return files, missing


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # parse() will report it


def ingest_files(
    files: list[Path], store: Store, progress: Callable[[Outcome], None] | None = None
) -> list[Outcome]:
    """Parse and store each file; a bad file fails alone and leaves the store as it was.

    Each file is its own transaction, so a run killed midway keeps the files it finished and
    a second run skips them as unchanged. ``progress`` gets each file's ``Outcome``.
    """
    outcomes = []
    keys: dict[str, Path] = {}
    for path in files:
        if progress and outcomes:
            progress(outcomes[-1])
        try:
            key = doc_key(path.name)
            if key in keys:
                raise RapporteurError(
                    f"{path}: same document key {key!r} as {keys[key]}; rename one file"
                )
            if (n := store.unchanged_units(key, _sha256(path))) is not None:
                keys[key] = path
                outcomes.append(Outcome(str(path), "unchanged", key, n))
                continue  # same bytes, same parser: nothing to parse
            parsed = parse(path)
            doc = parsed.document.doc
            keys[doc] = path
            status = store.put(parsed)
            outcomes.append(Outcome(str(path), status, doc, len(parsed.units)))
        except RapporteurError as exc:
            outcomes.append(Outcome(str(path), "failed", error=str(exc)))
    if progress and outcomes:
        progress(outcomes[-1])
    return outcomes
