"""Milvus server beside FAISS, at scale (`make bench-milvus`):

    python -m benchmarks.bench_milvus --library HOME [--units 250000] [--questions 120] [--out FILE]

Starts a Milvus standalone server (the extra milvus-server, benchmarks/milvus_server.py) and, for two
scales, builds one home per backend from the same store and embedding cache, then measures:
build time (`rapporteur index` from cached vectors; the Milvus home also writes the FAISS files,
so its Milvus part is timed apart), memory (the FAISS files a process maps, and the Milvus
server's RSS once the collections are loaded), recall@10 of the e5-small list against exact
search, and p50/p95 latency of POST /api/search through the product over HTTP (uvicorn on
loopback, default weights, second stage off: it re-reads the same 30 candidates on both).

- library: HOME is a Rapporteur home (store.sqlite and cache/embeddings.sqlite), e.g. the 2025
  library ingested with the default models; its store and cache are copied, never written.
- synthetic: N units made from the library's single-piece units (text plus "synthetic copy i",
  spread over documents of 100), e5-small only, each vector the template's real e5 vector plus
  gaussian noise (benchmarks/bench_synthetic.NOISE), renormalised. Questions are embedded by the real
  e5-small, so the served product reads these vectors as it reads real ones. Above 200k pieces
  both engines use HNSW (M=32, efConstruction 100, ef 1024).

The questions are the library set's (eval/library/library_questions.jsonl). Run it nice'd: the
figures are of a shared machine; the JSON records the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from benchmarks.bench_synthetic import NOISE
from benchmarks.bench_util import say, stats
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


def dense_recall(faiss, milvus, questions: list[str], name: str = "e5-small") -> dict:
    """Recall@10 of each engine's dense list against exact search over the same piece vectors."""
    from rapporteur.core.tokens import model_budget, pieces_of
    from rapporteur.index.cache import EmbeddingCache

    e = faiss.embedders[name]
    texts, owner = pieces_of(faiss.units, model_budget(e.max_tokens))
    cache = EmbeddingCache(faiss.cache_path)
    vectors, _ = cache.embed(e.model_id, texts, e.embed_passages, e.dim)
    found = {"faiss": [], "milvus": []}
    for q in questions:
        qv = e.query_vector(q)
        exact = np.full(len(faiss.units), -np.inf, dtype=np.float32)
        np.maximum.at(exact, owner, vectors @ qv)
        truth = set(np.argsort(-exact)[:10].tolist())
        for engine, searcher in (("faiss", faiss), ("milvus", milvus)):
            scores = searcher.score_lists(q, [name])[name]
            found[engine].append(len(truth & set(np.argsort(-scores)[:10].tolist())) / 10)
    return {k: round(float(np.mean(v)), 4) for k, v in found.items()}


def wait_ready(base: str, timeout: float = 900) -> float:
    import httpx

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            if httpx.get(f"{base}/health", timeout=30).status_code == 200:
                return round(time.perf_counter() - started, 1)
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{base} not ready in {timeout:.0f} s")


def http_latency(homes: dict, questions: list[str]) -> dict:
    """p50/p95 of POST /api/search per backend, interleaved question by question."""
    import httpx

    from benchmarks.load import serve

    bases, servers, out = {}, [], {}
    for name, settings in homes.items():
        port = free_port()
        servers.append(serve(settings, port))
        bases[name] = f"http://127.0.0.1:{port}"
        out[f"{name}_ready_s"] = wait_ready(bases[name])
    ms: dict[str, list[float]] = {name: [] for name in homes}
    with httpx.Client(timeout=120) as client:
        for i, q in enumerate(questions):
            for name, base in bases.items():
                started = time.perf_counter()
                r = client.post(f"{base}/api/search", json={"query": q, "k": 10})
                r.raise_for_status()
                if i >= 3:  # the first questions load lazily built parts
                    ms[name].append((time.perf_counter() - started) * 1000)
    for server in servers:
        server.should_exit = True
    return out | {name: stats(values, 1) for name, values in ms.items()}


# --- scales ---------------------------------------------------------------------------------


def scale(name: str, faiss_s, milvus_s, embedders, server, questions, serve_as=None) -> dict:
    """Build both homes, then recall and latency; ``serve_as`` replaces the settings served."""
    from rapporteur.index import open_searcher

    say(f"{name}: FAISS build")
    out = {"faiss": timed_build(faiss_s, embedders)}
    say(f"{name}: Milvus build")
    rss_before = server_rss_mb(server)
    out["milvus"] = timed_build(milvus_s, embedders)
    faiss, milvus = open_searcher(faiss_s, embedders), open_searcher(milvus_s, embedders)
    out["milvus"] |= {"server_rss_before_mb": rss_before, "server_rss_mb": server_rss_mb(server)}
    out["milvus"]["index"] = milvus.manifest["milvus"]["index"]
    out["faiss"]["index"] = milvus.manifest["embedders"][0]["faiss"]["type"]
    say(f"{name}: recall@10 against exact")
    out["recall@10"] = dense_recall(faiss, milvus, questions)
    milvus.lists.close()
    del faiss, milvus
    say(f"{name}: HTTP latency over {len(questions)} questions")
    served = serve_as or {"faiss": faiss_s, "milvus": milvus_s}
    out["http"] = http_latency(served, questions)
    out["server_rss_serving_mb"] = server_rss_mb(server)
    return out


def library_scale(library: Path, work: Path, server, questions) -> dict:
    from rapporteur.core.settings import Settings
    from rapporteur.index import load_embedders

    cache = work / "library-cache.sqlite"
    shutil.copy(library / "cache" / "embeddings.sqlite", cache)
    homes = {b: work / f"library-{b}" for b in ("faiss", "milvus")}
    for home in homes.values():
        copy_home(library, home, cache)
    faiss_s = Settings(home=homes["faiss"], rerank=False)
    milvus_s = faiss_s.model_copy(
        update={"home": homes["milvus"], "backend": "milvus", "milvus_uri": server.uri}
    )
    return scale("library", faiss_s, milvus_s, load_embedders(faiss_s), server, questions)


def synthetic_scale(library: Path, work: Path, n: int, server, questions) -> dict:
    from rapporteur.core.settings import Settings
    from rapporteur.core.store import Store
    from rapporteur.core.tokens import model_budget
    from rapporteur.index import load_embedders
    from rapporteur.index.cache import EmbeddingCache

    faiss_s = Settings(home=work / "syn-faiss", rerank=False, embedders=("e5-small",))
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
            f"{f['faiss_bytes'] / 1e6:.0f} MB of index files | {r['recall@10']['faiss']} | "
            f"{h['faiss']['p50_ms']} / {h['faiss']['p95_ms']} ms |"
        )
        lines.append(
            f"| {label} | Milvus 2.3.5 | {m['index']} | {m['build_s']} s ({m['milvus_part_s']} s) | "
            f"server RSS {m['server_rss_before_mb']:.0f} -> {m['server_rss_mb']:.0f} MB | "
            f"{r['recall@10']['milvus']} | {h['milvus']['p50_ms']} / {h['milvus']['p95_ms']} ms |"
        )
    return lines


def main() -> None:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_milvus", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("--library", type=Path, required=True, help="a Rapporteur home to copy")
    p.add_argument("--units", type=int, default=250_000, help="synthetic units (0: none)")
    p.add_argument("--questions", type=int, default=120, help="library questions timed")
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
            result["library"] = library_scale(args.library, work, server, questions)
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
