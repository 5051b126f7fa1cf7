"""Milvus server beside FAISS, at scale (`make bench-milvus`):

    python -m benchmarks.bench_milvus --library HOME [--units 250000] [--questions 120] [--out FILE]

Starts a Milvus standalone server (the extra milvus-server, benchmarks/milvus_server.py) and, for two
scales, builds one home per backend from the same store and embedding cache, then measures:
build time (`rapporteur index` from cached vectors; the Milvus home also writes the FAISS files,
so its Milvus part is timed apart), memory (the FAISS files a process maps, and the Milvus
server's RSS once the collections are loaded), recall@10 of the e5-small list against exact
search, and p50/p95 latency of POST /api/search through the product over HTTP (uvicorn on
loopback, default weights, second stage and verdict off: they re-read the same best units on
both). Memory also records the peaks: the server's RSS sampled every 2 s while a scale builds and
serves, and this process's high-water mark (it builds both homes and serves both over HTTP).

- library: HOME is a Rapporteur home (store.sqlite and cache/embeddings.sqlite), e.g. the 2025
  library ingested with the default models; its store and cache are copied, never written.
- synthetic: N units made from the library's single-piece units (text plus "synthetic copy i",
  spread over documents of 100), e5-small only, each vector the template's real e5 vector plus
  gaussian noise (benchmarks/bench_synthetic.NOISE), renormalised. Questions are embedded by the real
  e5-small, so the served product reads these vectors as it reads real ones. Above 200k pieces
  both engines use HNSW (M=32, efConstruction 100, ef 1024).

The questions are the library set's (eval/library/library_questions.jsonl). Run it nice'd: the
figures are of a shared machine; the JSON records the load average before and after.
``--skip-library`` measures only the synthetic scale (the library is still its source).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from benchmarks.bench_synthetic import NOISE
from benchmarks.bench_util import peak_rss, say, stats
from benchmarks.milvus_server import INSTALL, MilvusServer, free_port, installed

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "eval" / "library" / "library_questions.jsonl"
PER_DOC = 100
MARK = re.compile(r" \(synthetic copy (\d+)\)$")


# --- homes ----------------------------------------------------------------------------------


def copy_home(source: Path, dest: Path, cache: Path) -> None:
    """A home with a copy of the source's store and the shared cache copy (symlinked)."""
    (dest / "cache").mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "store.sqlite", dest / "store.sqlite")
    link = dest / "cache" / "embeddings.sqlite"
    if not link.exists():
        link.symlink_to(cache)


def templates(units: list, budget: int) -> list:
    """Units that stay one piece with the copy mark appended (so a piece's text names its copy)."""
    from rapporteur.core.tokens import count_tokens

    return [u for u in units if len(u.text) >= 80 and count_tokens(u.text) + 16 <= budget]


def synthetic_store(store, source: list, n: int) -> None:
    """n synthetic units in documents of PER_DOC: template i % T's text with its copy mark."""
    from rapporteur.core.units import Document, ParsedDocument

    for start in range(0, n, PER_DOC):
        doc = f"syn-{start // PER_DOC}"
        units = tuple(
            replace(
                source[i % len(source)],
                doc=doc,
                number=i - start + 1,
                ordinal=i - start,
                text=f"{source[i % len(source)].text} (synthetic copy {i})",
                symbol=None,
                id=f"syn-{i}",
            )
            for i in range(start, min(start + PER_DOC, n))
        )
        store.put(ParsedDocument(Document(doc=doc, title="synthetic", sha256=doc), units))


class SyntheticE5:
    """e5-small for a synthetic build: passages get their template's real vector plus noise;
    questions are embedded by the real model (same model id, so the served product opens it)."""

    def __init__(self, e5, source: list, base: np.ndarray) -> None:
        self.e5, self.source, self.base = e5, source, base
        self.name, self.model_id, self.dim = e5.name, e5.model_id, e5.dim
        self.max_tokens = e5.max_tokens

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            i = int(MARK.search(text)[1])
            noise = np.random.default_rng(i).standard_normal(self.dim).astype(np.float32)
            v = self.base[i % len(self.source)] + NOISE * noise
            out[row] = v / np.linalg.norm(v)
        return out

    def __getattr__(self, name: str):
        return getattr(self.e5, name)


# --- measures -------------------------------------------------------------------------------


def timed_build(settings, embedders) -> dict:
    """Seconds of `rapporteur index` (from cached vectors), and of its Milvus part."""
    from rapporteur.index import rebuild

    marks: dict[str, float] = {}

    def progress(msg: str) -> None:
        if msg.startswith("milvus collection"):
            marks["milvus"] = time.perf_counter()

    started = time.perf_counter()
    report = rebuild(settings, embedders, progress)
    out = {"units": report.units, "build_s": round(time.perf_counter() - started, 1)}
    if "milvus" in marks:
        out["milvus_part_s"] = round(time.perf_counter() - marks["milvus"], 1)
    out["faiss_bytes"] = sum(p.stat().st_size for p in report.folder.glob("*.faiss"))
    return out


def server_rss_mb(server: MilvusServer) -> float:
    """Resident memory of the server's process group (the milvus binary and its launcher)."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if os.getpgid(int(status.parent.name)) != server.proc.pid:
                continue
            found = re.search(r"VmRSS:\s*(\d+) kB", status.read_text())
            total += int(found[1]) if found else 0
        except (OSError, ProcessLookupError):
            continue
    return round(total / 1024, 1)


class ServerPeak:
    """The largest server RSS seen while the block runs (sampled every ``every`` seconds)."""

    def __init__(self, server: MilvusServer, every: float = 2.0) -> None:
        self.server, self.every, self.mb = server, every, 0.0
        self._stop = threading.Event()

    def __enter__(self) -> ServerPeak:
        def sample() -> None:
            while not self._stop.is_set():
                self.mb = max(self.mb, server_rss_mb(self.server))
                self._stop.wait(self.every)

        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def dense_recall(settings: dict, embedders, questions: list[str], name: str = "e5-small") -> dict:
    """Recall@10 of each engine's dense list against exact search over FAISS's piece vectors, with
    one searcher open at a time (at 1M units each holds gigabytes); also the server's RSS with the
    Milvus collections loaded, and what index each engine built."""
    from rapporteur.index import open_searcher

    found: dict[str, list[float]] = {"faiss": [], "milvus": []}
    truths: list[set[int]] = []
    out: dict = {}
    for engine in ("faiss", "milvus"):
        searcher = open_searcher(settings[engine], embedders)
        if engine == "faiss":
            dense, rows = searcher.dense[name], np.arange(len(searcher.units))
            for q in questions:
                exact = dense.cosines(searcher.embedders[name].query_vector(q), rows)
                truths.append(set(np.argpartition(-exact, 10)[:10].tolist()))
            out["faiss_index"] = searcher.manifest["embedders"][0]["faiss"]["type"]
        else:
            out["milvus_index"] = searcher.manifest["milvus"]["index"]
        for q, truth in zip(questions, truths, strict=True):
            scores = searcher.score_lists(q, [name])[name]
            found[engine].append(len(truth & set(np.argsort(-scores)[:10].tolist())) / 10)
        if searcher.lists is not None:
            searcher.lists.close()
        del searcher
        gc.collect()
    return out | {k: round(float(np.mean(v)), 4) for k, v in found.items()}


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 1800) -> float:
    import httpx

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"{base}: rapporteur serve exited {proc.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=30).status_code == 200:
                return round(time.perf_counter() - started, 1)
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{base} not ready in {timeout:.0f} s")


def settings_env(settings) -> dict[str, str]:
    """The settings that differ from the defaults as RAPPORTEUR_* variables (JSON for lists)."""
    out = {}
    for key, value in settings.model_dump(exclude_defaults=True).items():
        if isinstance(value, str | Path):
            out[f"RAPPORTEUR_{key.upper()}"] = str(value)
        else:
            out[f"RAPPORTEUR_{key.upper()}"] = json.dumps(
                list(value) if isinstance(value, tuple) else value
            )
    return out


def product_latency(settings, questions: list[str]) -> dict:
    """p50/p95 of POST /api/search on `rapporteur serve` in its own process, and that process's
    peak RSS (VmHWM: the whole product serving the index)."""
    import httpx

    port = free_port()
    env = os.environ | settings_env(settings)
    env.pop("RAPPORTEUR_HOME", None)
    cmd = [sys.executable, "-m", "rapporteur.cli", "--home", str(settings.home), "serve"]
    log = open(settings.home / "serve.log", "wb")  # noqa: SIM115 -- the child writes it
    proc = subprocess.Popen(cmd + ["--port", str(port)], env=env, stdout=log, stderr=log)
    log.close()
    base, ms = f"http://127.0.0.1:{port}", []
    try:
        out = {"ready_s": wait_ready(base, proc)}
        with httpx.Client(timeout=120) as client:
            for i, q in enumerate(questions):
                started = time.perf_counter()
                r = client.post(f"{base}/api/search", json={"query": q, "k": 10})
                r.raise_for_status()
                if i >= 3:  # the first questions load lazily built parts
                    ms.append((time.perf_counter() - started) * 1000)
        status = Path(f"/proc/{proc.pid}/status").read_text()
        out["api_peak_rss_mb"] = round(int(re.search(r"VmHWM:\s*(\d+)", status)[1]) / 1024, 1)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return out | stats(ms, 1) | {"loadavg": os.getloadavg()}


def http_latency(homes: dict, questions: list[str]) -> dict:
    """p50/p95 of POST /api/search per backend, one product process at a time (at 1M units each
    holds several GB; two at once, as first written, would not fit beside the server)."""
    return {name: product_latency(settings, questions) for name, settings in homes.items()}


# --- scales ---------------------------------------------------------------------------------


def scale(name: str, faiss_s, milvus_s, embedders, server, questions) -> dict:
    """Build both homes, then recall and latency, with the server's and this process's peak RSS."""
    client: dict = {}
    with ServerPeak(server) as peak, peak_rss(client):
        out = _scale(name, faiss_s, milvus_s, embedders, server, questions)
    out["milvus"]["server_rss_peak_mb"] = peak.mb
    return out | {"client_rss_mb": client}


def _scale(name: str, faiss_s, milvus_s, embedders, server, questions) -> dict:
    say(f"{name}: FAISS build")
    out = {"faiss": timed_build(faiss_s, embedders)}
    say(f"{name}: Milvus build")
    rss_before = server_rss_mb(server)
    out["milvus"] = timed_build(milvus_s, embedders)
    out["milvus"]["server_rss_before_mb"] = rss_before
    say(f"{name}: recall@10 against exact")
    homes = {"faiss": faiss_s, "milvus": milvus_s}
    recall = dense_recall(homes, embedders, questions)
    out["faiss"]["index"], out["milvus"]["index"] = (
        recall.pop("faiss_index"),
        recall.pop("milvus_index"),
    )
    out["milvus"]["server_rss_mb"] = server_rss_mb(server)  # the collections loaded
    out["recall@10"] = recall
    say(f"{name}: HTTP latency over {len(questions)} questions")
    out["http"] = http_latency(homes, questions)
    out["server_rss_serving_mb"] = server_rss_mb(server)
    return out


def library_homes(library: Path, work: Path, server) -> tuple:
    """Settings of the two library homes in ``work`` (FAISS, Milvus), each a copy of the library's
    store with the shared copy of its embedding cache."""
    from rapporteur.core.settings import Settings

    cache = work / "library-cache.sqlite"
    shutil.copy(library / "cache" / "embeddings.sqlite", cache)
    homes = {b: work / f"library-{b}" for b in ("faiss", "milvus")}
    for home in homes.values():
        copy_home(library, home, cache)
    faiss_s = Settings(home=homes["faiss"], rerank=False, verdict_weight=0.0)
    milvus_s = faiss_s.model_copy(
        update={"home": homes["milvus"], "backend": "milvus", "milvus_uri": server.uri}
    )
    return faiss_s, milvus_s


def library_scale(faiss_s, milvus_s, server, questions) -> dict:
    from rapporteur.index import load_embedders

    return scale("library", faiss_s, milvus_s, load_embedders(faiss_s), server, questions)


def synthetic_scale(library: Path, work: Path, n: int, server, questions) -> dict:
    from rapporteur.core.settings import Settings
    from rapporteur.core.store import Store
    from rapporteur.core.tokens import model_budget
    from rapporteur.index import load_embedders
    from rapporteur.index.cache import EmbeddingCache

    faiss_s = Settings(
        home=work / "syn-faiss", rerank=False, verdict_weight=0.0, embedders=("e5-small",)
    )
    milvus_s = faiss_s.model_copy(
        update={"home": work / "syn-milvus", "backend": "milvus", "milvus_uri": server.uri}
    )
    (e5,) = load_embedders(faiss_s)
    source = templates(
        Store(work / "library-faiss" / "store.sqlite").units(), model_budget(e5.max_tokens)
    )
    # Their real vectors, from the library's cache only (a miss is dropped, never embedded).
    base, _ = EmbeddingCache(work / "library-cache.sqlite").embed(
        e5.model_id, [u.text for u in source], lambda t: np.full((len(t), e5.dim), np.nan), e5.dim
    )
    cached = ~np.isnan(base).any(axis=1)
    source, base = [u for u, ok in zip(source, cached) if ok], base[cached]
    say(f"synthetic {n}: store ({len(source)} templates)")
    started = time.perf_counter()
    for settings in (faiss_s, milvus_s):
        synthetic_store(Store(settings.store_path), source, n)
    store_s = round(time.perf_counter() - started, 1)
    (milvus_s.home / "cache").mkdir(parents=True, exist_ok=True)
    cache = faiss_s.home / "cache" / "embeddings.sqlite"
    (milvus_s.home / "cache" / "embeddings.sqlite").symlink_to(cache)
    synth = SyntheticE5(e5, source, base)
    out = scale(f"synthetic {n}", faiss_s, milvus_s, [synth], server, questions)
    return {"n": n, "templates": len(source), "stores_s": store_s, "noise_sigma": NOISE} | out


def markdown(result: dict) -> list[str]:
    lines = [
        "| scale | engine | index | build (Milvus part) | memory | recall@10 | HTTP p50 / p95 |",
        "|---|---|---|---|---|---|---|",
    ]
    for key in ("library", "synthetic"):
        r = result.get(key)
        if not r:
            continue
        label = f"{key} ({r['faiss']['units']:,} units)"
        f, m, h = r["faiss"], r["milvus"], r["http"]
        lines.append(
            f"| {label} | FAISS | {f['index']} | {f['build_s']} s | "
            f"{f['faiss_bytes'] / 1e6:.0f} MB of index files, API RSS "
            f"{h['faiss']['api_peak_rss_mb']:.0f} MB | {r['recall@10']['faiss']} | "
            f"{h['faiss']['p50_ms']} / {h['faiss']['p95_ms']} ms |"
        )
        lines.append(
            f"| {label} | Milvus 2.3.5 | {m['index']} | {m['build_s']} s ({m['milvus_part_s']} s) | "
            f"server RSS {m['server_rss_before_mb']:.0f} -> {m['server_rss_mb']:.0f} MB "
            f"(peak {m['server_rss_peak_mb']:.0f}), API RSS {h['milvus']['api_peak_rss_mb']:.0f} MB | "
            f"{r['recall@10']['milvus']} | {h['milvus']['p50_ms']} / {h['milvus']['p95_ms']} ms |"
        )
        lines.append(
            f"| {label} | the bench process (builds both homes) | | | "
            f"peak RSS {r['client_rss_mb']['peak_rss_mb']:.0f} MB | | |"
        )
    return lines


def main() -> None:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_milvus", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("--library", type=Path, required=True, help="a Rapporteur home to copy")
    p.add_argument("--units", type=int, default=250_000, help="synthetic units (0: none)")
    p.add_argument("--questions", type=int, default=120, help="library questions timed")
    p.add_argument("--skip-library", action="store_true", help="measure the synthetic scale only")
    p.add_argument("--out", type=Path, default=ROOT / "artifacts" / "bench_milvus.json")
    args = p.parse_args()
    if not installed():
        raise SystemExit(f"the Milvus server package is not installed: {INSTALL}")
    if not (args.library / "store.sqlite").exists():
        raise SystemExit(f"{args.library}: no store.sqlite; give a Rapporteur home (--library)")
    questions = [
        json.loads(line)["q"] for line in QUESTIONS.read_text().splitlines() if line.strip()
    ][: args.questions]
    result: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    result["loadavg_before"] = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-milvus-") as tmp:
        work = Path(tmp)
        server = MilvusServer(work / "server")
        started = time.perf_counter()
        server.start()
        result["server"] = {"start_s": round(time.perf_counter() - started, 1)}
        result["server"]["empty_rss_mb"] = server_rss_mb(server)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        try:
            homes = library_homes(args.library, work, server)
            if not args.skip_library:
                result["library"] = library_scale(*homes, server, questions)
                args.out.write_text(json.dumps(result, indent=1))  # kept if a later scale fails
            if args.units:
                result["synthetic"] = synthetic_scale(
                    args.library, work, args.units, server, questions
                )
        finally:
            server.stop()
    result["loadavg_after"] = os.getloadavg()
    args.out.write_text(json.dumps(result, indent=1))
    print("\n".join(markdown(result)))
    threading.Event().wait(0)  # uvicorn threads are daemons; nothing to join


if __name__ == "__main__":
    main()
