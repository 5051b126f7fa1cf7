"""Bounded load test on loopback: `python -m benchmarks.load [--home H] [--clients 20] [--seconds 60]`.

Starts the real server (UI + API) on a free 127.0.0.1 port over an existing home, runs N
concurrent clients against /api/search and /api/ask for a fixed time (each client stops by
itself), optionally uploads a document mid-run (ingest while serving), and reports requests,
errors and latency percentiles as JSON. Never targets anything but loopback. `make bench`'s
stage "load" (``load_bench``) runs 20 clients for 60 s over the 100-PDF library of its stage
"library" (benchmarks/bench_library.py), with that library's questions.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT.parent / "shared" / "eval" / "dev_questions.jsonl"
FALLBACK = [
    "What was recommended on cryptocurrencies?",
    "marking of firearms",
    "iArms",
    "end user certificates",
    "¿Qué se recomendó sobre las criptomonedas?",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(settings, port: int):
    """The app in a background uvicorn thread; returns the server (call .should_exit to stop)."""
    import uvicorn

    from rapporteur.ui.app import create_server

    server = uvicorn.Server(
        uvicorn.Config(create_server(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    return server


def client(base: str, questions: list[str], until: float, out: list, seed: int, stop=None) -> None:
    """One client: alternate search and ask until the deadline (or until ``stop``, a
    threading.Event, is set); record (kind, status, seconds)."""
    import httpx

    with httpx.Client(base_url=base, timeout=60) as http:
        i = seed
        while time.monotonic() < until and not (stop is not None and stop.is_set()):
            q = questions[i % len(questions)]
            kind = "ask" if i % 2 else "search"
            started = time.perf_counter()
            try:
                r = (
                    http.post("/api/ask", json={"question": q})
                    if kind == "ask"
                    else http.post("/api/search", json={"query": q, "k": 10})
                )
                status = r.status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            out.append((kind, status, time.perf_counter() - started))
            i += 1


def percentiles(values: list[float]) -> dict:
    if not values:
        return {}
    values = sorted(values)

    def pick(p):
        return values[min(len(values) - 1, int(p * len(values)))]

    return {
        "n": len(values),
        "p50_ms": round(pick(0.5) * 1000, 1),
        "p95_ms": round(pick(0.95) * 1000, 1),
        "max_ms": round(values[-1] * 1000, 1),
        "mean_ms": round(statistics.fmean(values) * 1000, 1),
    }


def run_clients(base: str, questions: list[str], clients: int, seconds: float) -> list:
    """``clients`` threads alternating search and ask for ``seconds``: (kind, status, seconds)."""
    results: list = []
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(base, questions, until, results, i))
        for i in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def summary(results: list, clients: int, seconds: float) -> dict:
    """Requests, errors (any answer but 200) and latency percentiles of the answered ones."""
    errors = [r for r in results if r[1] != 200]
    return {
        "clients": clients,
        "seconds": seconds,
        "requests": len(results),
        "errors": len(errors),
        "error_kinds": sorted({str(e[1]) for e in errors}),
        "search": percentiles([r[2] for r in results if r[0] == "search" and r[1] == 200]),
        "ask": percentiles([r[2] for r in results if r[0] == "ask" and r[1] == 200]),
    }


def load_bench(bench_home: Path, folder: Path | None = None, clients=20, seconds=60.0) -> dict:
    """The 100-PDF library (indexed once by the library stage) served, under ``clients``
    concurrent clients for ``seconds``, with the library set's questions."""
    from benchmarks.bench_library import (
        Server,
        library_files,
        library_folder,
        library_home,
        load_questions,
        open_library,
    )
    from benchmarks.bench_util import say

    folder = library_folder(folder)
    files = library_files(folder)
    rapporteur, index = open_library(library_home(bench_home, files), files)
    say(f"load: {clients} clients for {seconds:g} s over {len(files)} PDFs of {folder}")
    with Server(rapporteur) as server:
        results = run_clients(server.url, load_questions(), clients, seconds)
    out = {"folder": str(folder), "index": index, **summary(results, clients, seconds)}
    out["load_after"] = [round(x, 2) for x in os.getloadavg()]
    say(f"load: {out['requests']} requests, {out['errors']} errors")
    return out


def markdown(r: dict | None) -> list[str]:
    """The stage's table (docs/performance.md, "Load")."""
    if not r:
        return []

    def row(kind: str) -> str:
        t = r[kind]
        cells = [t.get("n", 0), *(t.get(f"{p}_ms", "-") for p in ("p50", "p95", "max"))]
        return f"| {kind} | " + " | ".join(str(c) for c in cells) + " |"

    return [
        f"Load: {r['clients']} clients for {r['seconds']:g} s over {r['index']['files']} PDFs"
        f" ({r['index']['units']} units): {r['requests']} requests, {r['errors']} errors"
        f"{' ' + str(r['error_kinds']) if r['error_kinds'] else ''}; load average after"
        f" {r['load_after']}.",
        "",
        "| endpoint | answered | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|---|",
        row("search"),
        row("ask"),
        "",
    ]


def main() -> None:
    import httpx

    from rapporteur.core.settings import Settings

    p = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    p.add_argument("--home", help="the home to serve (default: RAPPORTEUR_HOME, as the CLI)")
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--upload", help="a file to upload mid-run (ingest while serving)")
    args = p.parse_args()
    key = "load-test-key"
    settings = Settings(api_key=key, **({"home": Path(args.home)} if args.home else {}))
    port = free_port()
    started = time.perf_counter()
    server = serve(settings, port)
    base = f"http://127.0.0.1:{port}"
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.perf_counter() - started > 300:
            raise SystemExit("server did not become ready in 300 s")
        time.sleep(0.2)
    ready = time.perf_counter() - started
    questions = (
        [json.loads(x)["q"] for x in QUESTIONS.read_text().splitlines() if x.strip()]
        if QUESTIONS.exists()
        else FALLBACK
    )
    upload = None
    if args.upload:
        done: list = []
        runner = threading.Thread(
            target=lambda: done.extend(run_clients(base, questions, args.clients, args.seconds))
        )
        runner.start()
        time.sleep(args.seconds / 3)
        path = Path(args.upload)
        r = httpx.post(
            f"{base}/api/documents",
            files={"file": (path.name, path.read_bytes())},
            headers={"X-API-Key": key},
            timeout=600,
        )
        upload = {"status": r.status_code, "body": r.json()}
        runner.join()
        results = done
    else:
        results = run_clients(base, questions, args.clients, args.seconds)
    server.should_exit = True
    report = {
        "cold_start_to_ready_s": round(ready, 1),
        **summary(results, args.clients, args.seconds),
    }
    report["upload_while_serving"] = upload
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
