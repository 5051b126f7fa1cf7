"""Train the verdict (index/verdict.py): the reader's encoder read over "question [SEP] sentence",
mean-pooled, with a linear head, trained to say whether the sentence answers the question.

    python -m training.reader.train_verdict --units UNITS --mined mined.jsonl --out FOLDER

Pairs, from the written questions (pure: ``pairs``); a question in another language is read as
its English terms from ``terms.jsonl`` (training/reader/terms.py; the verdict reads English, and
at search a non-English question reaches it through the same lexicon):
- an answerable question and the sentence piece of its gold unit that holds the quote: 1;
- the same question and the best piece (most shared words) of each of its first ``--negatives``
  mined units that hold no gold quote: 0;
- an unanswerable question and the piece of its near-miss unit the writer quoted, and of its
  first mined units: 0 (the library answers it nowhere).
One question in ten (by a hash of its id) is held out and reported: AUC over all held pairs, AUC of
gold against near misses, and how often the gold piece beats all its question's negatives.

The embeddings and the first ``--frozen`` layers stay the reader's (faster on 2 cores, and
shipped as a patch): the folder gets the trained layers and head in float16
(``verdict.safetensors``) and ``verdict.json`` (the reader's SHA-256, data SHA-256, seed, rounds).
Each round is ``--epochs`` epochs at its learning rate, continuing the last.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import time
from pathlib import Path

from rapporteur.core.text import sentences
from rapporteur.index.verdict import MAX_TOKENS
from training.reader.check import training_set
from training.reader.train_dense import answered, best_piece, hard_negatives, warmup_linear, words


def held(qid: str) -> bool:
    """One question in ten, fixed by its id, is held out of training."""
    return int(hashlib.sha256(qid.encode()).hexdigest(), 16) % 10 == 0


def pairs(
    records: list[dict], units: dict, mined: dict, negatives: int, terms: dict | None = None
) -> list[dict]:
    """(question, piece, label) rows: English questions as written, others as their English
    ``terms`` (id -> text; without them, or without a question's terms, English only; pure)."""
    out = []
    for r in records:
        text = r["q"] if r.get("lang") == "en" else (terms or {}).get(r["id"])
        if not text:
            continue
        rows = []
        if r.get("primary"):
            g = r["primary"][0]
            unit = units.get((g["doc"], g["unit"]))
            if unit is None:
                continue
            rows.append((best_piece(unit.text, words(g["quote"])), 1, "gold"))
        else:
            for n in r.get("near", []):
                unit = units.get((n["doc"], n["unit"]))
                if unit is not None:
                    rows.append((best_piece(unit.text, words(n["quote"])), 0, "near"))
        rows += [(piece, 0, "mined") for piece in hard_negatives(r, units, mined, negatives)]
        out += [row(r, text, s, y, why) for s, y, why in rows]
    return out


def row(record: dict, question: str, piece: str, label: int, why: str) -> dict:
    """One training pair of a written question (its text as read), held out with it."""
    return {
        "id": record["id"],
        "q": question,
        "s": piece,
        "y": label,
        "why": why,
        "held": held(record["id"]),
        "lang": record.get("lang"),
    }


def siblings(records: list[dict], units: dict, n: int) -> list[dict]:
    """The other clauses of each answerable question's gold unit, as the product reads clauses
    (``likeliest``'s pieces), against the question: 0 (pure). Up to ``n`` a question, those
    sharing most words with it first; no clause of the sentence that holds the quote. The judge
    reads one clause of a unit, so it must tell the answering clause from its neighbours in the
    same paragraph ("How much was appropriated ..." against the paragraph's other sentences)."""
    out = []
    for r, unit, piece in answered(records, units):  # English questions
        flat = " ".join(piece.split())
        asked = words(r["q"])
        clauses = [(c, " ".join(c.split())) for c in sentences(unit.text, clauses=True)]
        others = [c for c, f in clauses if f and f not in flat and flat not in f]
        others.sort(key=lambda c: -len(words(c) & asked))
        out += [row(r, r["q"], c, 0, "sibling") for c in others[:n]]
    return out


YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-3]\d)\b")


def swapped(records: list[dict], units: dict, states: list[str], rng: random.Random) -> list[dict]:
    """Near misses the documents give for free (pure given ``rng``): an English answerable
    question whose year or named State is also in its gold piece, asked of another year (1-3
    away) or another State that the gold unit never mentions, against that same piece: 0 ("the
    budget for 2026" is not answered by a sentence on 2025's). One swap of each kind a question."""
    out = []
    for r, unit, piece in answered(records, units):
        asked = []
        years = [y for y in YEAR.findall(r["q"]) if y in piece]
        if years:
            y = years[0]
            other = [str(int(y) + d) for d in (-3, -2, -1, 1, 2, 3)]
            other = [o for o in other if o not in unit.text]
            if other:
                asked.append((re.sub(rf"\b{y}\b", rng.choice(other), r["q"]), "swap-year"))
        named = [c for c in states if re.search(rf"\b{re.escape(c)}\b", r["q"]) and c in piece]
        if named:
            others = [c for c in states if c not in unit.text]
            c = named[0]
            new = rng.choice(others)
            asked.append((re.sub(rf"\b{re.escape(c)}\b", new, r["q"]), "swap-state"))
        out += [row(r, q, piece, 0, why) for q, why in asked]
    return out


def read_terms(path: Path | None) -> dict[str, str]:
    """id -> English terms of the non-English questions (training/reader/terms.py); {} for None."""
    if path is None:
        return {}
    with path.open() as f:
        return {r["id"]: r["terms"] for r in map(json.loads, f)}


def auc(labels, scores) -> float:
    """Area under the ROC curve (ties broken by order; pure)."""
    import numpy as np

    y, s = np.asarray(labels), np.asarray(scores)
    ranks = np.empty(len(s))
    ranks[np.argsort(s, kind="stable")] = np.arange(1, len(s) + 1)
    pos, neg = y.sum(), len(y) - y.sum()
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg)) if pos and neg else 0.5


class Model:
    """The reader's encoder with a mean-pooled linear head (the shape index/verdict.py loads)."""

    def __init__(self, reader: Path, frozen: int, max_tokens: int = MAX_TOKENS) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(reader))
        self.enc = AutoModel.from_pretrained(str(reader), dtype=torch.float32)
        self.head = torch.nn.Linear(self.enc.config.hidden_size, 1)
        self.frozen = frozen
        self.max_tokens = max_tokens
        for p in self.enc.embeddings.parameters():
            p.requires_grad = False
        for layer in self.enc.encoder.layer[:frozen]:
            for p in layer.parameters():
                p.requires_grad = False

    def logits(self, rows: list[dict]):
        from rapporteur.index.verdict import pair_logits

        questions_, texts = [r["q"] for r in rows], [r["s"] for r in rows]
        return pair_logits(self.tokenizer, self.enc, self.head, questions_, texts, self.max_tokens)

    def load(self, path: Path) -> None:
        """Start from a shipped patch (verdict.safetensors): its layers and head, as float32."""
        from rapporteur.index.verdict import patch

        own, head = patch(path)
        self.enc.load_state_dict(own, strict=False)
        self.head.load_state_dict(head)

    def trained(self) -> dict:
        """The weights training changed: layers from ``frozen`` on, and the head."""
        names = {f"encoder.layer.{i}." for i in range(self.frozen, len(self.enc.encoder.layer))}
        own = {
            f"enc.{k}": v
            for k, v in self.enc.state_dict().items()
            if any(k.startswith(n) for n in names)
        }
        return own | {f"head.{k}": v for k, v in self.head.state_dict().items()}


def report(model: Model, rows: list[dict]) -> dict:
    """Held-out figures: AUC, AUC gold vs near misses, gold beats its negatives."""
    import numpy as np

    torch = model.torch
    model.enc.eval()
    with torch.inference_mode():
        scores = np.concatenate(
            [model.logits(rows[i : i + 64]).numpy() for i in range(0, len(rows), 64)]
        )
    labels = [r["y"] for r in rows]
    near = [i for i, r in enumerate(rows) if r["why"] != "mined" or r["y"] == 1]
    groups: dict[str, list] = {}
    for r, s in zip(rows, scores):
        groups.setdefault(r["id"], []).append((r["y"], s))
    wins = [
        max(s for y, s in g if y) > max((s for y, s in g if not y), default=-1e9)
        for g in groups.values()
        if any(y for y, _ in g)
    ]
    return {
        "auc": round(auc(labels, scores), 3),
        "auc_gold_vs_near": round(auc([labels[i] for i in near], scores[near]), 3),
        "gold_wins": round(float(np.mean(wins)), 3),
    }


def state_names() -> list[str]:
    """The 195 States' names (the compendium's list: assistant/compendium/data/states.txt)."""
    from importlib.resources import files

    text = files("rapporteur.assistant.compendium").joinpath("data", "states.txt").read_text()
    return [line.split("|")[0].strip() for line in text.splitlines() if line and line[0] != "#"]


def below_gold(model: Model, rows: list[dict], swaps: list[dict]) -> float:
    """Share of swapped questions whose piece scores under the unswapped question's gold pair."""
    gold = {r["id"]: r for r in rows if r["y"] == 1}
    pairs_ = [(gold[s["id"]], s) for s in swaps if s["id"] in gold]
    if not pairs_:
        return 0.0
    torch = model.torch
    with torch.inference_mode():
        a = model.logits([g for g, _ in pairs_]).numpy()
        b = model.logits([s for _, s in pairs_]).numpy()
    return round(float((b < a).mean()), 3)


def batches(rows: list[dict], size: int, rng: random.Random) -> list[list[dict]]:
    """Shuffled batches of rows of similar length (less padding), in shuffled order."""
    rows = rows[:]
    rng.shuffle(rows)
    chunks = [
        sorted(rows[j : j + size * 32], key=lambda r: len(r["q"]) + len(r["s"]))
        for j in range(0, len(rows), size * 32)
    ]
    out = [c[i : i + size] for c in chunks for i in range(0, len(c) - size + 1, size)]
    rng.shuffle(out)
    return out


def train(args) -> dict:
    import torch
    from safetensors.torch import save_file

    from rapporteur.index.embedders import READER, reader_card

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    records, units, mined, digest = training_set(args.units, args.mined)
    start_card = (
        json.loads((args.start / "verdict.json").read_text()) if args.start is not None else None
    )
    terms = read_terms(args.terms)
    if terms:
        digest = hashlib.sha256((digest + args.terms.read_text()).encode()).hexdigest()
    rows = pairs(records, units, mined, args.negatives, terms)
    swaps = swapped(records, units, state_names(), random.Random(args.seed)) if args.swaps else []
    sibs = siblings(records, units, args.siblings) if args.siblings else []
    data = [r for r in rows + swaps + sibs if not r["held"]]
    held_rows = [r for r in rows if r["held"]]  # the written questions' pairs, as before
    print(f"{len(data)} training pairs, {len(held_rows)} held out", flush=True)
    model = Model(READER, args.frozen, args.max_tokens)
    if args.start is not None:  # continue a trained verdict (its float16 patch) with more rounds
        model.load(args.start / "verdict.safetensors")
    params = [p for p in model.enc.parameters() if p.requires_grad]
    start, figures = time.time(), []
    for round_, lr in enumerate(args.rounds):
        optim = torch.optim.AdamW(
            [{"params": params, "lr": lr}, {"params": model.head.parameters(), "lr": 1e-3}],
            weight_decay=0.01,
        )
        steps = args.epochs * (len(data) // args.batch)
        sched = warmup_linear(optim, steps)
        loss_of = torch.nn.BCEWithLogitsLoss()
        step = 0
        for epoch in range(args.epochs):
            model.enc.train()
            for batch in batches(data, args.batch, rng):
                loss = loss_of(model.logits(batch), torch.tensor([float(r["y"]) for r in batch]))
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                optim.step()
                sched.step()
                optim.zero_grad()
                step += 1
                if step % 20 == 0:
                    rate = step * args.batch / (time.time() - start)
                    left = (steps - step) * args.batch / rate / 60
                    print(
                        f"round {round_ + 1} epoch {epoch + 1} step {step}/{steps} "
                        f"loss {loss.item():.3f} {rate:.1f} pairs/s {left:.1f} min left",
                        flush=True,
                    )
            figures.append(
                {
                    lang: report(model, [r for r in held_rows if (r["lang"] == "en") == english])
                    for lang, english in (("en", True), ("other", False))
                    if any((r["lang"] == "en") == english for r in held_rows)
                }
            )
            swaps_held = [r for r in swaps if r["held"]]
            if swaps_held:  # how often a held swap scores under its question's gold piece
                figures[-1]["swaps_below_gold"] = below_gold(model, held_rows, swaps_held)
            print(f"held out after round {round_ + 1} epoch {epoch + 1}: {figures[-1]}", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    weights = {k: v.to(torch.float16).contiguous() for k, v in model.trained().items()}
    save_file(weights, str(args.out / "verdict.safetensors"))
    card = {
        "name": args.name,
        "kind": "cross-encoder-sentences",
        "base": "the reader (index/models/reader), embeddings and first layers frozen",
        "reader_sha256": reader_card(READER)["sha256"],
        "frozen_layers": args.frozen,
        "sha256": hashlib.sha256((args.out / "verdict.safetensors").read_bytes()).hexdigest(),
        "languages": sorted({r["lang"] for r in data}),
        "terms": "English terms of the lexicon (training/reader/terms.jsonl)" if terms else None,
        "data_sha256": digest,
        "pairs": len(data),
        "swapped_pairs": sum(r["why"].startswith("swap") for r in data),
        "sibling_pairs": sum(r["why"] == "sibling" for r in data),
        "seed": args.seed,
        "rounds": (start_card or {}).get("rounds", []) + args.rounds,
        "started_from": (start_card or {}).get("sha256"),
        "epochs_per_round": args.epochs,
        "batch": args.batch,
        "max_tokens": args.max_tokens,
        "held_out": figures[-1] if figures else None,
        "train_seconds": round(time.time() - start),
    }
    (args.out / "verdict.json").write_text(json.dumps(card, indent=1) + "\n")
    (args.out / "README.md").write_text(model_card(card))
    return card


def model_card(card: dict) -> str:
    """The shipped folder's README: what the weights are and how they were made."""
    return (
        "# Rapporteur's verdict\n\n"
        "A cross-encoder that reads a delegate's question against one sentence of a UN document "
        "and gives the logit that the sentence answers it (index/verdict.py). It is a patch over "
        "the reader (index/models/reader, SHA-256 "
        f"{card['reader_sha256']}): the reader's embeddings and first {card['frozen_layers']} "
        "layers, unchanged, then the layers and mean-pooled linear head in "
        "`verdict.safetensors` (float16, SHA-256 "
        f"{card['sha256']}). Trained by training/reader/train_verdict.py on {card['pairs']} "
        f"pairs from the written questions in {', '.join(card['languages'])} (answering "
        "sentences against mined neighbours and the near misses of unanswerable questions; a "
        "non-English question read as its lexicon's English terms); learning rates "
        f"{card['rounds']}, {card['epochs_per_round']} epochs each, batch {card['batch']}, seed "
        f"{card['seed']}; training data SHA-256 {card['data_sha256']}. Held-out questions: "
        f"{card['held_out']}. Rebuild with `make reader`; figures in docs/reader-report.md.\n"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=Path, required=True)
    ap.add_argument("--mined", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--name", default="minilm-l6-verdict")
    ap.add_argument("--rounds", type=float, nargs="+", default=[5e-5, 3e-5])
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--start", type=Path, help="a trained verdict folder to continue from")
    ap.add_argument(
        "--swaps", action="store_true", help="add year- and State-swapped near misses (swapped)"
    )
    ap.add_argument("--negatives", type=int, default=2)
    ap.add_argument(
        "--siblings",
        type=int,
        default=0,
        help="add up to N other clauses of each answerable question's gold unit as negatives",
    )
    ap.add_argument(
        "--terms",
        type=Path,
        help="English terms of the non-English questions (training/reader/terms.jsonl) to train "
        "on them too; without it English questions only, as the shipped verdict was trained",
    )
    ap.add_argument(
        "--max-tokens",
        type=int,
        default=MAX_TOKENS,
        help="question and sentence together, cut to this many word pieces (the card keeps it)",
    )
    ap.add_argument("--frozen", type=int, default=2)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    print(json.dumps(train(ap.parse_args(argv))))


if __name__ == "__main__":
    main()
