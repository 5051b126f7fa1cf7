"""Crash safety: a killed ingest or a failed build leaves the last good index serving."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

import rapporteur.index.build as index_build
from rapporteur.core.config import SearchConfig
from rapporteur.core.store import Store
from rapporteur.index import open_searcher, rebuild
from rapporteur.index.build import current_folder
from rapporteur.index.embedders import FakeEmbedder
from tests.conftest import ROOT, SEED, fake_seed_home

FAKE = SearchConfig.plain({"bm25": 0.5, "fake": 0.5})
FAKE_ENV = {
    "RAPPORTEUR_EMBEDDERS": '["fake"]',
    "RAPPORTEUR_WEIGHTS": '{"bm25": 0.5, "fake": 0.5}',
    "RAPPORTEUR_FOREIGN_WEIGHTS": '{"fake": 1.0}',
}


@pytest.fixture
def indexed(tmp_path):
    return fake_seed_home(tmp_path / "home")


def answers(settings) -> str:
    return open_searcher(settings, [FakeEmbedder()]).search("iArms", 1, config=FAKE)[0].unit.label


def test_sigkill_during_ingest_keeps_the_last_index_serving(indexed, tmp_path):
    many = tmp_path / "many"
    many.mkdir()
    for i in range(60):
        shutil.copy(SEED, many / f"report-{i:02d}.txt")
    env = os.environ | FAKE_ENV
    proc = subprocess.Popen(
        [sys.executable, "-m", "rapporteur.cli", "--home", str(indexed.home), "ingest", str(many)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    store = Store(indexed.store_path)
    deadline = time.monotonic() + 60
    while len(store.documents()) < 4 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_mid_ingest = 1 < len(store.documents()) < 61
    assert killed_mid_ingest, "the ingest finished before it could be killed; make the input larger"
    assert answers(indexed) == "rec 43"  # the previous index still loads and answers
    done = subprocess.run(
        [sys.executable, "-m", "rapporteur.cli", "--home", str(indexed.home), "ingest", str(many)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(store.documents()) == 61
    assert not open_searcher(indexed, [FakeEmbedder()]).stale


def test_failed_build_before_the_switch_leaves_the_old_index_current(indexed, monkeypatch):
    before = current_folder(indexed.home)

    def crash(root, folder):
        raise KeyboardInterrupt("simulated crash before the switch")

    monkeypatch.setattr(index_build, "_switch", crash)
    with pytest.raises(KeyboardInterrupt):
        rebuild(indexed, [FakeEmbedder()])
    assert current_folder(indexed.home) == before
    assert answers(indexed) == "rec 43"
    monkeypatch.undo()
    rebuild(indexed, [FakeEmbedder()])  # and the next build completes and cleans up
    assert current_folder(indexed.home) != before
    assert len(list((indexed.home / "index").glob("build-*"))) == 1


def test_an_ingest_of_unchanged_files_finishes_the_build_a_crash_left(tmp_path, monkeypatch):
    """Files stored, build killed before its switch: the next ingest finds every file unchanged
    and still rebuilds, since the live index was built from another store state."""
    from rapporteur.app.facade import Rapporteur

    settings = fake_seed_home(tmp_path / "home")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes().replace(b"iArms", b"iGuns"))

    def crash(root, folder):
        raise KeyboardInterrupt("simulated kill before the switch")

    monkeypatch.setattr(index_build, "_switch", crash)
    with pytest.raises(KeyboardInterrupt):
        Rapporteur.open(settings, [FakeEmbedder()]).ingest([copy])
    monkeypatch.undo()
    outcomes = Rapporteur.open(settings, [FakeEmbedder()]).ingest([copy])
    assert [o.status for o in outcomes] == ["unchanged"]
    searcher = open_searcher(settings, [FakeEmbedder()])
    assert not searcher.stale and searcher.search("iGuns", 1, config=FAKE)[0].unit.doc == "copy"


def test_an_index_switched_and_removed_while_it_is_read_is_read_from_the_new_current(
    indexed, monkeypatch
):
    """Another process's ingest moves CURRENT and removes the build a searcher is opening:
    the open reads the new build instead of failing."""
    import rapporteur.index.reader as reader

    original, read = reader.verify_files, []

    def switched_meanwhile(folder, manifest):
        if not read:
            read.append(folder)
            rebuild(indexed, [FakeEmbedder()])  # moves CURRENT, removes `folder`
        return original(folder, manifest)

    monkeypatch.setattr(reader, "verify_files", switched_meanwhile)
    searcher = open_searcher(indexed, [FakeEmbedder()])
    assert not read[0].exists() and current_folder(indexed.home) != read[0]
    assert searcher.search("iArms", 1, config=FAKE)[0].unit.label == "rec 43"
