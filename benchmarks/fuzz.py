"""Library fuzz (issue 27): generated questions to /api/ask and /api/search over a real library.

    python -m benchmarks.fuzz [--questions 2000] [--library DIR] [--home DIR] [--out FILE]

The PDFs of ``--library`` (default ../shared/corpus/pdf-2025) are indexed once with the default
settings in a bench home keyed by their content (benchmarks/bench_library.py, so a re-run re-embeds
nothing) and served by the real app under uvicorn on a free loopback port. The questions come
from benchmarks/fuzz_questions.py (the generator of the answer property test) over word windows of
the library's own units, drawn in a fixed order (derandomized); each goes to ``/api/ask`` (every
third with a one-turn history) and to ``/api/search``. Reports the status counts per endpoint,
which must hold no 5xx and no body with a stack trace, and the first few offending questions.
Also `make bench`'s stage "fuzz" (benchmarks/bench.py).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from benchmarks.bench_util import BENCH_HOME, say

ROOT = Path(__file__).resolve().parents[1]
CORPUS_2025 = ROOT.parent / "shared" / "corpus" / "pdf-2025"
QUESTIONS = 2000  # the floor for the library fuzz
# What no answer body may hold: a Python stack trace, or the API's catch-all 500 detail.
TRACE_MARKS = ("Traceback (most recent call last)", 'File "/', "internal error")
KEEP = 10  # offending requests kept in the report
EVERY = 100  # questions between two partial reports


def draw(texts: list[str], n: int) -> list[str]:
    """``n`` distinct questions from the property test's generator, the same ones on every run
    (it repeats its simplest shapes, so up to three times as many are drawn)."""
    from hypothesis import HealthCheck, Phase, given, settings

    from benchmarks.fuzz_questions import questions

    out: dict[str, None] = {}

    @settings(
        max_examples=3 * n,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(questions(texts))
    def collect(question: str) -> None:
        if len(out) < n:
            out[question] = None

    collect()
    return list(out)


def send(client, questions: list[str], history: list[dict], partial=None) -> dict:
    """Each question to /api/ask and /api/search with ``client`` (httpx or a TestClient):
    status counts per endpoint and the offending requests (5xx, or a stack trace in the body).
    ``partial`` gets the counts so far every ``EVERY`` questions (a long run cut short still
    reports)."""
    counts = {"ask": Counter(), "search": Counter()}
    bad: list[dict] = []
    for i, q in enumerate(questions):
        if partial and i and i % EVERY == 0:
            partial(_counted(questions[:i], counts, bad))
        asks = {"question": q} | ({"history": history} if i % 3 == 2 else {})
        for endpoint, path, body in (
            ("ask", "/api/ask", asks),
            ("search", "/api/search", {"query": q, "k": 10}),
        ):
            response = client.post(path, json=body)
            counts[endpoint][response.status_code] += 1
            if response.status_code >= 500 or any(m in response.text for m in TRACE_MARKS):
                bad.append({"endpoint": endpoint, "status": response.status_code, "question": q})
    return _counted(questions, counts, bad)


def _counted(questions: list[str], counts: dict[str, Counter], bad: list[dict]) -> dict:
    return {
        "questions": len(questions),
        "status": {e: {str(s): n for s, n in sorted(c.items())} for e, c in counts.items()},
        "5xx": sum(n for c in counts.values() for s, n in c.items() if s >= 500),
        "offending": len(bad),
        "examples": bad[:KEEP],
    }


def fuzz_bench(
    bench_home: Path, folder: Path | None = None, n: int = QUESTIONS, partial=None, start: int = 0
) -> dict:
    """Index (or reuse) the library, serve it, send ``n`` generated questions to both endpoints
    (``partial`` as in ``send``; ``start``: skip the first questions, sent by a run cut short)."""
    import httpx

    from benchmarks.bench_library import Server, library_files, library_home, open_library
    from benchmarks.fuzz_questions import windows

    folder = Path(folder or CORPUS_2025)
    files = library_files(folder, n=10_000)
    if not files:
        return {"skipped": f"no PDFs in {folder}"}
    home = library_home(bench_home, files)
    say(f"fuzz: {len(files)} PDFs of {folder} in {home}")
    rapporteur, index = open_library(home, files)
    texts = windows(rapporteur.searcher.units)
    questions = draw(texts, n)[start:]
    history = [{"role": "user", "content": texts[0]}]
    say(f"fuzz: {len(questions)} questions to /api/ask and /api/search")
    started = time.perf_counter()
    with Server(rapporteur) as server, httpx.Client(base_url=server.url, timeout=300) as client:
        out = send(client, questions, history, partial)
    seconds = time.perf_counter() - started
    say(f"fuzz: {out['status']} in {seconds:.0f} s")
    return {
        "folder": str(folder),
        "index": index,
        "start": start,
        **out,
        "seconds": round(seconds, 1),
    }


def markdown(f: dict | None) -> list[str]:
    """The stage's lines (docs/performance.md, "Library fuzz")."""
    if not f or "status" not in f:
        return [f"Library fuzz: {f['skipped']}", ""] if f else []

    def counts(endpoint: str) -> str:
        return ", ".join(f"{n} x {s}" for s, n in f["status"][endpoint].items())

    return [
        f"Library fuzz: {f['questions']} generated questions over {f['index']['files']} PDFs"
        f" ({f['index']['units']} units) in {f['seconds']:g} s; 5xx: {f['5xx']}, bodies with a"
        f" stack trace or internal error: {f['offending']}.",
        "",
        "| endpoint | status counts |",
        "|---|---|",
        f"| POST /api/ask | {counts('ask')} |",
        f"| POST /api/search | {counts('search')} |",
        "",
    ]


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.fuzz", description=__doc__.splitlines()[0]
    )
    p.add_argument("--questions", type=int, default=QUESTIONS)
    p.add_argument("--library", type=Path, default=CORPUS_2025, help="folder of PDFs")
    p.add_argument(
        "--home",
        type=Path,
        default=BENCH_HOME,
        help="bench home (the library's index is kept there; default artifacts/bench-home)",
    )
    p.add_argument("--out", type=Path, default=ROOT / "artifacts" / "fuzz.json")
    p.add_argument(
        "--start", type=int, default=0, help="skip the first questions (resume a run cut short)"
    )
    args = p.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)

    def write(result: dict) -> None:
        args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False))

    result = fuzz_bench(
        args.home,
        args.library,
        args.questions,
        lambda so_far: write(so_far | {"partial": True, "start": args.start}),
        args.start,
    )
    write(result)
    print("\n".join(markdown(result)))
    if result.get("5xx") or result.get("offending"):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
