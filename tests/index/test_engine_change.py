"""A new engine for the same model is a new model id: the index is refused and rebuilt, no cached vector reused."""

from __future__ import annotations

import json

import pytest

from rapporteur.core.errors import IndexMismatch
from rapporteur.core.settings import Settings
from rapporteur.core.store import Store
from rapporteur.index import open_searcher, rebuild
from rapporteur.index.build import current_folder
from rapporteur.index.embedders import FakeEmbedder
from rapporteur.ingest.batch import ingest_files
from tests.conftest import SEED


class OtherEngine(FakeEmbedder):
    """Same name, dimension and vectors as the fake embedder, run by "another engine"."""

    def __init__(self) -> None:
        super().__init__()
        self.model_id += " on another engine"


def test_engine_change_forces_a_full_rebuild(tmp_path):
    settings = Settings(home=tmp_path, embedders=("fake",))
    ingest_files([SEED], Store(settings.store_path))
    first = rebuild(settings, [FakeEmbedder()])
    with pytest.raises(IndexMismatch, match="on another engine"):
        open_searcher(settings, [OtherEngine()])
    second = rebuild(settings, [OtherEngine()])
    # the cache is keyed by model id: every piece is embedded again, none taken from the old engine
    assert second.embedded == second.pieces == first.pieces
    manifest = json.loads((current_folder(tmp_path) / "manifest.json").read_text())
    assert manifest["embedders"][0]["model_id"] == OtherEngine().model_id
    assert not open_searcher(settings, [OtherEngine()]).stale
    with pytest.raises(IndexMismatch):
        open_searcher(settings, [FakeEmbedder()])
