"""A short bounded load on loopback: concurrent search/ask with an upload mid-run, zero errors."""

from __future__ import annotations

import shutil
import threading
import time

import httpx

from benchmarks.load import client, free_port, serve
from rapporteur.core.settings import Settings
from tests.conftest import SEED

QUESTIONS = ["What was recommended on cryptocurrencies?", "iArms", "marking of firearms", "rec 18"]


def test_concurrent_clients_and_ingest_while_serving(tmp_path):
    (tmp_path / "data").mkdir()
    shutil.copy(SEED, tmp_path / "data" / "wg6-2021.txt")
    settings = Settings(
        home=tmp_path / "home",
        data_dir=tmp_path / "data",
        embedders=("fake",),
        weights={"bm25": 0.5, "fake": 0.5},
        foreign_weights={"fake": 1.0},
        rerank=False,
        api_key="k",
    )
    port = free_port()
    server = serve(settings, port)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    # Clients ask from before the upload until it has been indexed: however busy the machine,
    # every request of the ingest's whole duration is counted (a fixed window was a timing
    # assert: on a loaded machine it held too few requests).
    results: list = []
    stop = threading.Event()
    until = time.monotonic() + 300
    threads = [
        threading.Thread(target=client, args=(base, QUESTIONS, until, results, i, stop))
        for i in range(4)
    ]
    for t in threads:
        t.start()
    while len(results) < 8 and time.monotonic() < until:  # clients under way before the upload
        time.sleep(0.1)
    copy = SEED.read_bytes().replace(b"cryptocurrencies", b"virtual assets")
    upload = httpx.post(
        f"{base}/api/documents",
        files={"file": ("wg6-2021-copy.txt", copy)},
        headers={"X-API-Key": "k"},
        timeout=120,
    )
    stop.set()
    for t in threads:
        t.join()
    after = httpx.post(f"{base}/api/search", json={"query": "virtual assets", "k": 3}).json()
    server.should_exit = True
    assert upload.status_code == 201
    assert len(results) >= 8 and [r for r in results if r[1] != 200] == []
    assert any(
        h["doc"] == "wg6-2021-copy" for h in after["hits"]
    )  # readers see the new index after the swap
