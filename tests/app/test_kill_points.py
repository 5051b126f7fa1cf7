"""`kill -9` of a real `rapporteur ingest` at six points of its run, and searches during swaps.

Each kill lands at a named point (tests/app/pause_at.py stops the run there). After it, the
index that was live before still serves the same units (or, once ``CURRENT`` has moved, the new
one serves whole), and the next run ends with the documents and unit ids of an uninterrupted
run. The fake embedder keeps each run to a few seconds.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from benchmarks.load import free_port
from rapporteur.app.facade import Rapporteur
from rapporteur.core.config import SearchConfig
from rapporteur.core.settings import Settings
from rapporteur.core.store import Store
from rapporteur.index import open_searcher
from rapporteur.index.build import current_folder
from rapporteur.index.embedders import FakeEmbedder
from tests.conftest import ROOT, SEED, need_corpus

FAKE = SearchConfig.plain({"bm25": 0.5, "fake": 0.5})
FAKE_SETTINGS = {
    "embedders": ("fake",),
    "weights": {"bm25": 0.5, "fake": 0.5},
    "foreign_weights": {"fake": 1.0},
    "rerank": False,
}
FAKE_ENV = {
    "RAPPORTEUR_EMBEDDERS": '["fake"]',
    "RAPPORTEUR_WEIGHTS": '{"bm25": 0.5, "fake": 0.5}',
    "RAPPORTEUR_FOREIGN_WEIGHTS": '{"fake": 1.0}',
    "RAPPORTEUR_RERANK": "false",
}
# Four resolutions of the corpus: 305 units, 314 new pieces, so the fake model's pieces take
# two chunks of the embedding cache (index/cache.py CHUNK = 256) and "embedding" has a middle.
NEW = ["A_RES_55_25.txt", "A_RES_64_293.txt", "A_RES_68_179.txt", "A_RES_70_147.txt"]
POINTS = ["parsing", "embedding", "index-write", "before-switch", "mid-switch", "after-switch"]
SWITCHED = {"mid-switch", "after-switch"}  # CURRENT has moved: the new index serves


def fake_settings(home: Path) -> Settings:
    return Settings(home=home, data_dir=home / "no-data", **FAKE_SETTINGS)


def index_state(settings: Settings) -> tuple[dict, list[str]]:
    """The stored documents (key -> content hash) and the live index's unit ids."""
    docs = {d.doc: d.sha256 for d, _ in Store(settings.store_path).documents()}
    manifest = json.loads((current_folder(settings.home) / "manifest.json").read_text())
    return docs, manifest["unit_ids"]


@pytest.fixture(scope="module")
def homes(tmp_path_factory):
    """The new documents' folder, a home with the seed indexed, and the state an uninterrupted
    ingest of the new documents into a copy of that home ends with."""
    corpus = need_corpus()
    root = tmp_path_factory.mktemp("kill")
    new = root / "new"
    new.mkdir()
    for name in NEW:
        shutil.copy(corpus / "resolutions" / name, new / name)
    base = root / "base"
    Rapporteur.open(fake_settings(base), embedders=[FakeEmbedder()]).ingest([SEED])
    whole = root / "whole"
    shutil.copytree(base, whole)
    Rapporteur.open(fake_settings(whole), embedders=[FakeEmbedder()]).ingest([new])
    return new, base, index_state(fake_settings(whole))


def cli(home: Path, *args: str, runner: tuple[str, ...] = ("rapporteur.cli",)):
    return subprocess.Popen(
        [sys.executable, "-m", *runner, "--home", str(home), *args],
        cwd=ROOT,
        env=os.environ | FAKE_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_at(point: str, home: Path, new: Path, marker: Path) -> None:
    """Run `rapporteur ingest NEW` until it reaches ``point``, then SIGKILL it."""
    proc = cli(home, "ingest", str(new), runner=("tests.app.pause_at", point, str(marker), "--"))
    deadline = time.monotonic() + 60
    while not marker.exists():
        if proc.poll() is not None:
            pytest.fail(
                f"ingest ended (exit {proc.returncode}) before {point}: {proc.stderr.read()}"
            )
        assert time.monotonic() < deadline, f"ingest never reached {point}"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.corpus
@pytest.mark.parametrize("point", POINTS)
def test_a_killed_ingest_leaves_an_index_serving_and_the_next_run_completes(point, homes, tmp_path):
    new, base, whole = homes
    home = tmp_path / "home"
    shutil.copytree(base, home)
    settings = fake_settings(home)
    before_folder, (before_docs, before_ids) = current_folder(home), index_state(settings)

    kill_at(point, home, new, tmp_path / "paused")

    serving = open_searcher(settings, [FakeEmbedder()])  # loads: files and manifest agree
    assert serving.search("iArms", 1, config=FAKE)[0].unit.label == "rec 43"
    if point in SWITCHED:
        assert current_folder(home) != before_folder
        assert [u.id for u in serving.units] == whole[1]
        assert before_folder.exists() == (point == "mid-switch")
    else:
        assert current_folder(home) == before_folder
        assert [u.id for u in serving.units] == before_ids
    if point == "parsing":
        stored = {d.doc for d, _ in Store(settings.store_path).documents()}
        assert len(stored - set(before_docs)) == 2  # killed between files, not inside one

    resumed = cli(home, "ingest", str(new))
    _, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert index_state(settings) == whole
    after = open_searcher(settings, [FakeEmbedder()])
    assert not after.stale
    left = sorted(p.name for p in (home / "index").iterdir())
    if point == "mid-switch":  # nothing to rebuild: the previous build goes at the next build
        assert left == sorted(["CURRENT", current_folder(home).name, before_folder.name])
    else:  # the killed run's build folder and the previous build are removed
        assert left == ["CURRENT", current_folder(home).name]


def hammer(base: str, stop: threading.Event, out: list) -> None:
    """One client: searches until stopped; records each status (or the error's name)."""
    queries = ["iArms", "marking of firearms", "trafficking in persons", "rec 18", "OP 5"]
    with httpx.Client(base_url=base, timeout=120) as http:  # a busy shared machine is slow
        i = 0
        while not stop.is_set():
            try:
                r = http.post("/api/search", json={"query": queries[i % len(queries)], "k": 5})
                out.append(r.status_code)
            except httpx.HTTPError as exc:
                out.append(type(exc).__name__)
            i += 1


@pytest.mark.corpus
def test_searches_never_fail_while_the_index_is_swapped(homes, tmp_path):
    """Four clients search while an ingest in another process moves ``CURRENT`` (and removes
    the build the server loaded), then while the server itself swaps in an upload and a delete."""
    new, base, _ = homes
    home = tmp_path / "home"
    shutil.copytree(base, home)
    settings = fake_settings(home).model_copy(update={"api_key": "k"})
    port = free_port()
    server = serve_api(settings, port)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while not _ready(url):
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)
    statuses: list = []
    stop = threading.Event()
    threads = [threading.Thread(target=hammer, args=(url, stop, statuses)) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        served = current_folder(home)
        outside = cli(home, "ingest", str(new))
        _, err = outside.communicate(timeout=120)
        assert outside.returncode == 0, err
        assert current_folder(home) != served and not served.exists()
        upload = httpx.post(
            f"{url}/api/documents",
            files={"file": ("wg6-copy.txt", SEED.read_bytes().replace(b"iArms", b"iGuns"))},
            headers={"X-API-Key": "k"},
            timeout=120,
        )
        assert upload.status_code == 201, upload.text
        found = httpx.post(f"{url}/api/search", json={"query": "iGuns", "k": 3}, timeout=60).json()
        assert found["hits"][0]["doc"] == "wg6-copy"  # the swapped index answers
        gone = httpx.delete(
            f"{url}/api/documents/wg6-copy", headers={"X-API-Key": "k"}, timeout=120
        )
        assert gone.status_code in (200, 204), gone.text
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
        server.should_exit = True
    assert len(statuses) > 20 and set(statuses) == {200}, sorted({str(s) for s in statuses})


def serve_api(settings: Settings, port: int):
    """The API alone (no UI: Gradio takes seconds to import) under uvicorn in a thread."""
    import uvicorn

    from rapporteur.app.api import create_app

    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    return server


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
