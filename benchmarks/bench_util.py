"""Measuring helpers shared by the benchmark modules (benchmarks/bench.py, benchmarks/bench_synthetic.py).

Latency statistics, peak RSS, interleaved timing rounds, a consistent copy of a store and the
small formatters of the markdown report. Importing this module keeps the benchmark offline (no
model downloads).
"""

from __future__ import annotations

import os
import re
import resource
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

# Where the benches keep their stores, indexes and embedding caches between runs (``--home``):
# inside the checkout, under the git-ignored artifacts/, so a re-run re-embeds nothing.
BENCH_HOME = Path(__file__).resolve().parents[1] / "artifacts" / "bench-home"


def say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _status_kb(field: str) -> int:
    match = re.search(rf"{field}:\s*(\d+) kB", Path("/proc/self/status").read_text())
    return int(match.group(1)) if match else 0


@contextmanager
def peak_rss(out: dict):
    """Record RSS before and the peak during the block, in MB (Linux: VmHWM, reset first)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets the high-water mark
        reset = True
    except OSError:
        reset = False  # ru_maxrss: the peak of the whole process so far
    out["rss_before_mb"] = round(_status_kb("VmRSS") / 1024, 1)
    try:
        yield out
    finally:
        peak = _status_kb("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # The kernel's RSS counters are batched, so the reset mark can sit a little below the RSS
        # read just after it: the peak of the block is at least where the block started.
        out["peak_rss_mb"] = max(round(peak / 1024, 1), out["rss_before_mb"])


def stats(ms: list[float], digits: int = 2) -> dict:
    """p50, p95, max and mean of latencies in milliseconds (numpy's linear percentiles)."""
    arr = np.asarray(ms, dtype=np.float64)
    return {
        "n": len(arr),
        "p50_ms": round(float(np.percentile(arr, 50)), digits),
        "p95_ms": round(float(np.percentile(arr, 95)), digits),
        "max_ms": round(float(arr.max()), digits),
        "mean_ms": round(float(arr.mean()), digits),
    }


def timed(fn: Callable[[], object], before: Callable[[], None] | None = None) -> float:
    """Milliseconds one call of fn takes (``before`` runs untimed)."""
    if before:
        before()
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def round_robin(
    fns: dict[str, Callable[[str], object]],
    queries: list[str],
    passes: int = 2,
    clear: Callable[[], None] | None = None,
) -> dict:
    """Latency of each callable over every query, interleaved so that changes in the machine's
    load hit all alike; ``clear`` (a searcher's clear_query_caches) runs untimed before each call."""
    for fn in fns.values():  # warm-up: first calls load the second-stage model, allocate, etc.
        for q in queries[:3]:
            fn(q)
    ms: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(passes):
        for q in queries:
            for name, fn in fns.items():
                ms[name].append(timed(lambda fn=fn, q=q: fn(q), clear))
    return {name: stats(values) for name, values in ms.items()}


def lat(entry: dict | None) -> str:
    """ "p50 / p95" in ms, or why there is no figure."""
    if not entry:
        return "-"
    if "skipped" in entry:
        return "skipped"
    return f"{entry['p50_ms']:g} / {entry['p95_ms']:g}"


def rss(entry: dict) -> str:
    """Peak RSS of the process during a stage, and how much it grew over the RSS before it."""
    return f"{entry['peak_rss_mb']:g} MB (+{entry['peak_rss_mb'] - entry['rss_before_mb']:.0f})"


def copy_store(src: Path, dst: Path) -> None:
    """A consistent copy of a store (SQLite's backup API: safe with the WAL journal)."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(src)) as a, closing(sqlite3.connect(dst)) as b:
        a.backup(b)
