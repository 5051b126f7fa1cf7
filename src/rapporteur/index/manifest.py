"""Refusing an index that does not match: schema, models, store, file checksums."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rapporteur.core.errors import IndexMismatch
from rapporteur.core.store import Store
from rapporteur.index.build import SCHEMA_VERSION

REBUILD = "run `rapporteur index` (or `make run`) to rebuild it"


def verify_files(folder: Path, manifest: dict) -> None:
    """Detect a damaged index: every file must match the checksum the build recorded."""
    from rapporteur.index.build import file_hashes

    try:
        found = file_hashes(folder)
    except OSError as exc:  # a file removed while it is read: another build's clean-up
        raise IndexMismatch(f"{folder}: unreadable ({exc.strerror}); {REBUILD}") from None
    for name, sha in manifest.get("files", {}).items():
        if found.get(name) != sha:
            raise IndexMismatch(
                f"{folder / name}: missing or corrupted (checksum mismatch); {REBUILD}"
            )


def check(manifest: dict, store: Store, embedders: Sequence) -> None:
    """Refuse an index that does not match the running settings or the store."""
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise IndexMismatch(
            f"index schema {manifest.get('schema_version')} is not {SCHEMA_VERSION}; {REBUILD}"
        )
    built = {m["name"]: m["model_id"] for m in manifest["embedders"]}
    wanted = {e.name: e.model_id for e in embedders}
    if built != wanted:
        raise IndexMismatch(
            f"index built with models {built}, settings ask for {wanted}; {REBUILD}"
        )
