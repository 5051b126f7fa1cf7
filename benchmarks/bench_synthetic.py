"""Benchmark at SYNTHETIC scale (100k and 1M units), the part of ``python -m benchmarks.bench`` that
no real corpus is large enough for. Everything here is synthetic and labelled so:

- vectors: the corpus's real e5 piece vectors, cycled, plus gaussian noise (sigma NOISE),
  renormalised (a copy keeps cosine ~0.93 to its source); the queries are the real e5 vectors
  of the bench queries. Exact vs HNSW vs IVF: build, bytes/vector, latency, recall@10.
- texts: 2-5 real sentences shuffled together, for BM25's build time and query latency.
- units: the real units, cycled and renamed (doc ``syn-<k>``, a unique number and id), for the
  per-query passes over every unit and for the whole search: a real ``Searcher`` over N
  synthetic units (BM25 over the shuffled texts, the HNSW graph over the synthetic vectors),
  timed end to end with the real e5 query embedding and MiniLM second stage.
"""

from __future__ import annotations

import os
import random
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from benchmarks.bench_util import lat, peak_rss, round_robin, rss, say, stats, timed

NOISE = 0.02  # per-dimension sigma of the synthetic noise: a copy keeps cosine ~0.93 to its source


# --- dense: exact, HNSW, IVF ----------------------------------------------------------------


def synthetic_vectors(base: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    """n unit vectors: real vectors cycled, plus gaussian noise (sigma NOISE), renormalised."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), dtype=np.float32)
    for i in range(0, n, 100_000):  # in blocks: the noise for 1M x 384 at once would be 1.5 GB more
        m = min(100_000, n - i)
        block = base[np.arange(i, i + m) % len(base)] + NOISE * rng.standard_normal(
            (m, base.shape[1]), dtype=np.float32
        )
        out[i : i + m] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def latency(search: Callable[[np.ndarray], object], queries: np.ndarray, threads: int) -> dict:
    """Single-query latency with faiss and BLAS held to `threads` threads."""
    import faiss
    from threadpoolctl import threadpool_limits

    faiss.omp_set_num_threads(threads)
    with threadpool_limits(threads):
        search(queries[0])
        return stats([timed(lambda q=q: search(q)) for q in queries])


def recall_at_10(found: np.ndarray, truth: np.ndarray) -> float:
    return round(float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth)])), 4)


def index_bytes(index) -> int:
    import faiss

    with tempfile.TemporaryDirectory() as tmp:
        faiss.write_index(index, f"{tmp}/i.faiss")
        return os.path.getsize(f"{tmp}/i.faiss")


def dense_scale(base: np.ndarray, queries: np.ndarray, n: int, ivf: bool) -> tuple[dict, object]:
    """Exact vs HNSW (vs IVF) over n synthetic vectors: build, bytes/vector, latency, recall@10.

    Returns the figures and the HNSW index, which the whole-search stage reuses."""
    import faiss

    from rapporteur.index.dense import EF_CONSTRUCTION, HNSW_M, Dense

    cores = os.cpu_count() or 1
    threads = sorted({1, min(2, cores)})
    x = synthetic_vectors(base, n)
    out: dict = {"n": n, "dim": x.shape[1], "queries": len(queries)}
    flat = faiss.IndexFlatIP(x.shape[1])
    started = time.perf_counter()
    flat.add(x)
    truth = flat.search(queries, 10)[1]
    out["exact"] = {
        "build_s": round(time.perf_counter() - started, 2),
        "bytes_per_vector": 4 * x.shape[1],
        **{f"{t}t": latency(lambda q: flat.search(q[None], 10), queries, t) for t in threads},
    }
    ours = Dense(flat, np.arange(n), n)  # our exact path: matrix product + max-pooling to units
    out["exact_ours"] = {f"{t}t": latency(ours.scores, queries, t) for t in threads}
    flat = ours = None  # frees the vectors (1.5 GB at 1M) before the graph is built
    if ivf:  # before the graph, which the caller keeps: the two are never in memory together
        say(f"  {n}: exact p50 {out['exact']['1t']['p50_ms']} ms; IVF")
        out["ivf"] = ivf_scale(x, queries, truth, threads)
    say(f"  {n}: building HNSW")
    out["hnsw"], graph = hnsw_scale(x, queries, truth, threads, HNSW_M, EF_CONSTRUCTION, Dense)
    return out, graph


def hnsw_scale(
    x: np.ndarray,
    queries: np.ndarray,
    truth: np.ndarray,
    threads: list[int],
    m: int,
    ef_construction: int,
    dense_cls,
) -> tuple[dict, object]:
    """HNSW over x: recall and latency per efSearch, and through our Dense; returns the index too."""
    import faiss

    faiss.omp_set_num_threads(max(threads))
    index = faiss.IndexHNSWFlat(x.shape[1], m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = ef_construction
    with peak_rss({}) as mem:
        started = time.perf_counter()
        index.add(x)
        build_s = time.perf_counter() - started
    out = {
        "M": m,
        "ef_construction": ef_construction,
        "build_s": round(build_s, 1),
        "build_threads": max(threads),
        "bytes_per_vector": round(index_bytes(index) / len(x)),
        **mem,
        "ef_search": {},
    }
    for ef in (64, 128, 256, 512, 1024, 2048):
        params = faiss.SearchParametersHNSW(efSearch=ef)
        found = index.search(queries, 10, params=params)[1]
        out["ef_search"][ef] = {
            "recall@10": recall_at_10(found, truth),
            **{
                f"{t}t": latency(
                    lambda q, p=params: index.search(q[None], 10, params=p), queries, t
                )
                for t in threads
            },
        }
    ours = dense_cls(index, np.arange(len(x)), len(x))  # search path as served: depth 100, pooled
    found = np.array([np.argpartition(-ours.scores(q), 10)[:10] for q in queries])
    rng = np.random.default_rng(1)
    wide, narrow = rng.random(len(x)) < 0.10, rng.random(len(x)) < 0.01
    out["ours"] = {
        "recall@10": recall_at_10(found, truth),
        "ef_search": ours.ef_search,
        "1t": latency(ours.scores, queries, 1),
        "filter_10pct_1t": latency(lambda q: ours.scores(q, wide), queries, 1),
        "filter_1pct_1t": latency(lambda q: ours.scores(q, narrow), queries, 1),
    }
    return out, index


def ivf_scale(x: np.ndarray, queries: np.ndarray, truth: np.ndarray, threads: list[int]) -> dict:
    """IVF-Flat (full vectors, so no refine step is needed): nlist = sqrt(n)."""
    import faiss

    faiss.omp_set_num_threads(max(threads))
    nlist = int(np.sqrt(len(x)))
    quantizer = faiss.IndexFlatIP(x.shape[1])
    index = faiss.IndexIVFFlat(quantizer, x.shape[1], nlist, faiss.METRIC_INNER_PRODUCT)
    started = time.perf_counter()
    sample = x[np.random.default_rng(2).choice(len(x), min(len(x), 40 * nlist), replace=False)]
    index.train(sample)
    index.add(x)
    out = {
        "nlist": nlist,
        "build_s": round(time.perf_counter() - started, 1),
        "bytes_per_vector": round(index_bytes(index) / len(x)),
        "nprobe": {},
    }
    for nprobe in (8, 16, 32, 64):
        params = faiss.SearchParametersIVF(nprobe=nprobe)
        found = index.search(queries, 10, params=params)[1]
        out["nprobe"][nprobe] = {
            "recall@10": recall_at_10(found, truth),
            **{
                f"{t}t": latency(
                    lambda q, p=params: index.search(q[None], 10, params=p), queries, t
                )
                for t in threads
            },
        }
    return out


def real_sentences(units: list) -> list[str]:
    return [s for u in units for s in re.split(r"(?<=[.;:])\s+", u.text) if len(s) > 20]


def synthetic_texts(units: list, n: int) -> list[str]:
    """n texts of 2-5 real sentences, shuffled together (the same n texts on every run)."""
    sentences = real_sentences(units)
    rng = random.Random(3)
    return [" ".join(rng.sample(sentences, rng.randint(2, 5))) for _ in range(n)]


def bm25_scale(units: list, queries: list[str], n: int) -> dict:
    """BM25 over n synthetic texts made by shuffling real sentences: build time, query latency."""
    from rapporteur.index.lexical import Lexical

    texts = synthetic_texts(units, n)
    with peak_rss({}) as mem:
        started = time.perf_counter()
        lexical = Lexical.build(texts)
        build_s = time.perf_counter() - started
    return {
        "n": n,
        "sentences": len(real_sentences(units)),
        "build_s": round(build_s, 1),
        **mem,
        "1t": stats([timed(lambda q=q: lexical.scores(q)) for q in queries]),
    }


def fusion_scale(n: int) -> dict:
    """The per-query work over all units that fusion does (two lists, min-max, weighted, top 10)."""
    from rapporteur.index.fusion import top_k, weighted

    rng = np.random.default_rng(4)
    lists = {"bm25": rng.random(n, dtype=np.float32), "e5-small": rng.random(n, dtype=np.float32)}
    mask = np.ones(n, dtype=bool)
    weights = {"bm25": 0.3, "e5-small": 0.7}

    def partial_top10() -> list[int]:  # what top_k could do instead of sorting every unit
        fused = weighted(lists, weights, mask)
        best = np.argpartition(-fused, 10)[:10]
        return best[np.argsort(-fused[best], kind="stable")].tolist()

    return {
        "n": n,
        "1t": stats([timed(lambda: top_k(weighted(lists, weights, mask), 10)) for _ in range(30)]),
        "argpartition_1t": stats([timed(partial_top10) for _ in range(30)]),
    }


def unit_passes(units: list, n: int) -> dict:
    """Per-query passes over every unit in search.py: the filter mask and the intent boost.

    Both use arrays built once per loaded index (UnitColumns, the recommendation flags).
    """
    from rapporteur.core.filters import Filters
    from rapporteur.index.columns import UnitColumns

    many = (units * (n // len(units) + 1))[:n]
    kinds = Filters(kinds=("recommendation",))
    columns = UnitColumns(many)
    flags = np.array([u.kind == "recommendation" for u in many], dtype=np.float32)
    fused = np.zeros(n, dtype=np.float32)
    return {
        "n": n,
        "filter_mask": stats([timed(lambda: columns.mask(kinds)) for _ in range(5)]),
        "intent_boost": stats([timed(lambda: fused + 0.25 * flags) for _ in range(5)]),
    }


# --- whole search -----------------------------------------------------------------------------


def synthetic_units(units: list, owner: np.ndarray, n: int) -> list:
    """n units; unit i is a renamed copy of the real unit that owns piece i % P, the piece whose
    vector synthetic vector i was made from (doc ``syn-<i // P>``, number i, id ``syn-<i>``)."""
    owners = owner.tolist()
    p = len(owners)
    return [
        replace(units[owners[i % p]], doc=f"syn-{i // p}", number=i, id=f"syn-{i}")
        for i in range(n)
    ]


def synthetic_searcher(real, e5, graph, n: int) -> tuple[object, dict]:
    """A real Searcher over n synthetic units: BM25 over shuffled texts, e5 over the HNSW graph."""
    from rapporteur.index.dense import Dense
    from rapporteur.index.lexical import Lexical
    from rapporteur.index.search import Searcher

    started, seconds = time.perf_counter(), {}

    def lap(name: str) -> None:
        nonlocal started
        seconds[name] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()

    units = synthetic_units(real.units, real.dense["e5-small"].owner, n)
    lap("units_s")
    texts = synthetic_texts(real.units, n)
    lap("texts_s")
    lexical = Lexical.build(texts)
    del texts
    lap("bm25_build_s")
    dense = Dense(graph, owner=np.arange(n), n_units=n)
    searcher = Searcher(units, lexical, {"e5-small": dense}, {"e5-small": e5}, {}, bodies={})
    lap("searcher_s")
    return searcher, seconds


def whole_configs(searcher, real) -> dict:
    """First stage alone, and with the second stage: the default settings over the lists built
    here (bm25, e5-small). The second stage is the real searcher's MiniLM scorer, whose sentence
    vectors are already cached (memory and the bench home's embedding cache), as when served."""
    from rapporteur.core.config import config_from
    from rapporteur.core.settings import Settings

    default = config_from(Settings())
    weights = {k: w for k, w in default.weights.items() if k == "bm25" or k in searcher.dense}
    second = replace(
        default,
        weights=weights,
        foreign_weights=None,
        rerank=True,
        reranker=real.scorer(default.reranker),
    )
    return {"first_stage": replace(second, rerank=False), "second_stage": second}


def whole_rounds(searcher, configs: dict, queries: list[str], vectors: dict) -> dict:
    """Interleaved timings: whole searches (query cache cleared each call) and their parts."""
    from rapporteur.core.filters import Filters

    kinds = Filters(kinds=("recommendation",))
    first, second = configs["first_stage"], configs["second_stage"]
    dense = searcher.dense["e5-small"]
    started = time.perf_counter()
    for q in queries:  # a first pass embeds the sentences of candidates never seen before
        searcher.search(q, 10, config=second)
    warmup_s = round(time.perf_counter() - started, 1)
    timings = round_robin(
        {
            "first_stage": lambda q: searcher.search(q, 10, config=first),
            "second_stage": lambda q: searcher.search(q, 10, config=second),
            "kind_filter": lambda q: searcher.search(q, 10, kinds, config=first),
            "embed_query": searcher.embedders["e5-small"].embed_query,
            "bm25": searcher.lexical.scores,
            "dense": lambda q: dense.scores(vectors[q]),
        },
        queries,
        clear=searcher.clear_query_caches,
    )
    return {
        "second_stage_warmup_s": warmup_s,
        "kind_filter_units": int(searcher.columns.mask(kinds).sum()),
        **timings,
    }


def whole_search(real, e5, graph, queries: list[str], vectors: dict, n: int) -> dict:
    """Searcher.search end to end over n synthetic units, with the real e5 query embedding."""
    import faiss

    from rapporteur.index.embedder import cpu_count

    faiss.omp_set_num_threads(cpu_count())  # as in a served process (the scales above pin it)
    with peak_rss({}) as mem:
        searcher, seconds = synthetic_searcher(real, e5, graph, n)
        say(f"  {n}: searcher ready {seconds}; timing")
        configs = whole_configs(searcher, real)
        timings = whole_rounds(searcher, configs, queries, vectors)
    return {
        "n": n,
        **seconds,
        **mem,
        "weights": configs["first_stage"].weights,
        "reranker": configs["second_stage"].reranker.name,
        **timings,
    }


def synthetic_bench(real, e5, queries: list[str], quick: bool) -> dict:
    """Every synthetic figure; ``real`` is the largest real scale's Searcher, ``e5`` its embedder."""
    base = np.array(real.dense["e5-small"]._vectors)  # the largest real scale's e5 vectors
    query_vectors = np.stack([e5.embed_query(q) for q in queries])
    sizes = (100_000,) if quick else (100_000, 1_000_000)
    out: dict = {"label": "SYNTHETIC", "noise_sigma": NOISE, "base_vectors": len(base), "dense": {}}
    for n in sizes:
        say(f"synthetic dense {n}")
        out["dense"][n], graph = dense_scale(base, query_vectors, n, ivf=True)
        if n == sizes[-1]:
            say(f"synthetic whole search {n}")
            out["whole_search"] = whole_search(
                real, e5, graph, queries, dict(zip(queries, query_vectors)), n
            )
        del graph
    say("synthetic BM25 100k")
    out["bm25"] = bm25_scale(real.units, queries, 100_000)
    out["fusion"] = {n: fusion_scale(n) for n in sizes}
    out["unit_passes"] = {n: unit_passes(real.units, n) for n in sizes}
    return out


# --- report ---------------------------------------------------------------------------------


def synthetic_tables(syn: dict | None) -> list[str]:
    """The synthetic figures as markdown: the dense table, then BM25, fusion, passes, whole search."""
    if not syn:
        return []
    out = [
        (
            f"SYNTHETIC (e5 vectors of {syn['base_vectors']} real pieces + gaussian noise sigma "
            f"{syn['noise_sigma']}, renormalised):"
        ),
        "",
        "| vectors | index | build | bytes/vector | p50 / p95 1 thread | p50 / p95 2 threads | recall@10 |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, d in syn["dense"].items():
        out += _dense_rows(f"{int(n):,}", d)
    b = syn["bm25"]
    out += [
        "",
        (
            f"SYNTHETIC BM25: {b['n']:,} texts of 2-5 shuffled real sentences: build {b['build_s']:g}"
            f" s (peak RSS {rss(b)}), query p50 / p95 {lat(b['1t'])} ms."
        ),
    ]
    out += [
        (
            f"Fusion + top 10 over {int(n):,} units: {lat(f['1t'])} ms (full sort as now),"
            f" {lat(f['argpartition_1t'])} ms (argpartition)."
        )
        for n, f in syn["fusion"].items()
    ]
    out += [
        (
            f"Python passes over {int(n):,} units per query: filter mask {lat(u['filter_mask'])} ms,"
            f" recommendation boost {lat(u['intent_boost'])} ms."
        )
        for n, u in syn["unit_passes"].items()
    ]
    return out + _whole_lines(syn.get("whole_search"))


def _dense_rows(n: str, d: dict) -> list[str]:
    e, o, h = d["exact"], d["exact_ours"], d["hnsw"]
    out = [
        (
            f"| {n} | exact IndexFlatIP | {e['build_s']:g} s | {e['bytes_per_vector']} |"
            f" {lat(e.get('1t'))} | {lat(e.get('2t'))} | 1.0 |"
        ),
        f"| {n} | exact, ours (matmul + pooling) | | | {lat(o.get('1t'))} | {lat(o.get('2t'))} | 1.0 |",
    ]
    for ef, row in h["ef_search"].items():
        out.append(
            f"| {n} | HNSW M={h['M']} efC={h['ef_construction']} efSearch={ef} | {h['build_s']:g} s |"
            f" {h['bytes_per_vector']} | {lat(row.get('1t'))} | {lat(row.get('2t'))} |"
            f" {row['recall@10']} |"
        )
    o = h["ours"]
    out.append(
        f"| {n} | HNSW, ours (efC {h['ef_construction']}, efSearch {o['ef_search']}, depth 100, pooled) | | |"
        f" {lat(o['1t'])} | | {o['recall@10']} |"
    )
    out.append(
        f"| {n} | ours + filter 10% / 1% of units | | | {lat(o['filter_10pct_1t'])} /"
        f" {lat(o['filter_1pct_1t'])} | | |"
    )
    for nprobe, row in d.get("ivf", {}).get("nprobe", {}).items():
        i = d["ivf"]
        out.append(
            f"| {n} | IVF-Flat nlist={i['nlist']} nprobe={nprobe} | {i['build_s']:g} s |"
            f" {i['bytes_per_vector']} | {lat(row.get('1t'))} | {lat(row.get('2t'))} |"
            f" {row['recall@10']} |"
        )
    return out


def _whole_lines(w: dict | None) -> list[str]:
    if not w:
        return []
    lists = " + ".join(f"{name} {weight:g}" for name, weight in w["weights"].items())
    return [
        "",
        (
            f"Whole search over {w['n']:,} SYNTHETIC units (`Searcher.search`, k=10: real e5 query"
            f" embedding, BM25 over shuffled texts + e5 HNSW graph, fusion {lists}; query cache"
            f" cleared before each call), p50 / p95 ms: first stage **{lat(w['first_stage'])}**;"
            f" with the second stage ({w['reranker']}) **{lat(w['second_stage'])}**; first stage"
            f" with a kind filter (recommendations, {w['kind_filter_units']:,} units)"
            f" {lat(w['kind_filter'])}."
        ),
        (
            f"Its parts alone: e5 query embedding {lat(w['embed_query'])}, BM25 {lat(w['bm25'])},"
            f" dense (HNSW, pooled) {lat(w['dense'])}. Built in {w['units_s']:g} s (units) +"
            f" {w['texts_s']:g} s (texts) + {w['bm25_build_s']:g} s (BM25) + {w['searcher_s']:g} s"
            f" (Searcher); peak RSS {rss(w)} with the HNSW graph already loaded."
        ),
    ]
