"""The verdict: a cross-encoder that reads a question against one sentence and says whether the
sentence answers it (a logit; > 0 leans "answers").

Where the reader (index/models/reader) embeds a question and a sentence apart and compares the
vectors, the verdict reads them together, so it can see that "the budget for 2026" is not
answered by a sentence about 2025's. It was trained here (training/reader/train_verdict.py) on
the written English questions: each answering sentence against mined neighbours and the near
misses of the unanswerable questions.

Shipped as a patch over the reader: the reader's embeddings and first ``frozen`` layers were
frozen while training, so the folder holds only the trained upper layers and the head
(``verdict.safetensors``, float16), and ``verdict.json`` names the reader's SHA-256 it patches.
Loading checks both hashes. English only (MiniLM reads English).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from rapporteur.core.errors import ConfigError
from rapporteur.core.text import sentences
from rapporteur.core.units import Unit
from rapporteur.core.words import tokenize
from rapporteur.index.embedders import READER, reader_card

VERDICT = Path(__file__).resolve().parent / "models" / "verdict"  # made by `make reader`
# Question and sentence together, as trained: a verdict's card says its length (``max_tokens``);
# cards without one were trained at 64 (median pair: 65 word pieces, so half were cut).
MAX_TOKENS = 64
BATCH = 64
# Clauses of a unit the verdict reads: the one sharing most words with the question. Library set
# tune half, verdict stage over 15 units at weight 0.5, R@5 / MRR@10: 1 clause 0.893 / 0.768, 2
# clauses 0.905 / 0.751, 3 clauses 0.905 / 0.749 (docs/reader-report.md, "The verdict"): one
# clause a unit keeps a question's reading at 15 pairs (about 0.1 s on 2 cores).
PIECES = 1


def likeliest(question: str, text: str, n: int = PIECES) -> list[str]:
    """The ``n`` clauses of ``text`` sharing most stemmed words with ``question`` (ties: the
    earlier), in text order; all of them when there are fewer (pure)."""
    pieces = [p for p in sentences(text, clauses=True) if p.strip()] or [text]
    if len(pieces) <= n:
        return pieces
    words = set(tokenize(question))
    shared = [len(words & set(tokenize(p))) for p in pieces]
    chosen = sorted(range(len(pieces)), key=lambda i: (-shared[i], i))[:n]
    return [pieces[i] for i in sorted(chosen)]


def verdict_card(folder: Path = VERDICT) -> dict:
    """The shipped verdict's card (verdict.json: the reader it patches, data, seed, SHA-256)."""
    try:
        return json.loads((folder / "verdict.json").read_text())
    except (OSError, json.JSONDecodeError):
        raise ConfigError(f"{folder}: no verdict model; rebuild it with `make reader`") from None


class Verdict:
    """Scores (question, sentence) pairs: the logit that the sentence answers the question."""

    name = "verdict"
    english_only = True

    def __init__(self, folder: Path = VERDICT, reader: Path = READER) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        card = verdict_card(folder)
        path = folder / "verdict.safetensors"
        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            raise ConfigError(f"{path}: missing; rebuild it with `make reader`") from None
        if sha != card.get("sha256"):
            raise ConfigError(
                f"{folder}: weights differ from verdict.json; rebuild with `make reader`"
            )
        if card.get("reader_sha256") != reader_card(reader).get("sha256"):
            raise ConfigError(
                f"{folder}: trained over another reader than {reader}; rebuild with `make reader`"
            )
        self.card = card
        self.max_tokens = int(card.get("max_tokens") or MAX_TOKENS)
        # trained on non-English questions read as their lexicon's English terms (train_verdict)
        self.reads_terms = bool(card.get("terms"))
        self.model_id = f"rapporteur verdict {card['name']} sha256:{sha[:16]}"
        self._torch = torch
        self._tokenizer = AutoTokenizer.from_pretrained(str(reader))
        encoder = AutoModel.from_pretrained(str(reader), dtype=torch.float32)
        own, head_weights = patch(path)
        head = torch.nn.Linear(encoder.config.hidden_size, 1)
        head.load_state_dict(head_weights)
        missing = set(own) - set(encoder.state_dict())
        if missing:
            raise ConfigError(f"{folder}: weights do not fit the reader ({sorted(missing)[0]})")
        encoder.load_state_dict(own, strict=False)
        self._encoder, self._head = encoder.eval(), head.eval()

    def read(self, question: str, units: Sequence[Unit], n: int = PIECES) -> np.ndarray:
        """One logit per unit: the best of its ``n`` likeliest clauses (``likeliest``)."""
        texts, owner = [], []
        for i, unit in enumerate(units):
            for piece in likeliest(question, unit.text, n):
                texts.append(piece)
                owner.append(i)
        best = np.full(len(units), -np.inf, dtype=np.float32)
        if texts:
            np.maximum.at(best, np.asarray(owner), self.score(question, texts))
        return best

    def score(self, question: str, texts: Sequence[str]) -> np.ndarray:
        """One logit per text: how surely it answers ``question`` (pure given the weights)."""
        torch = self._torch
        out: list[float] = []
        with torch.inference_mode():
            for i in range(0, len(texts), BATCH):
                batch = list(texts[i : i + BATCH])
                logits = pair_logits(
                    self._tokenizer,
                    self._encoder,
                    self._head,
                    [question] * len(batch),
                    batch,
                    self.max_tokens,
                )
                out += logits.tolist()
        return np.asarray(out, dtype=np.float32)


def patch(path: Path) -> tuple[dict, dict]:
    """A verdict patch (verdict.safetensors) as float32 state dicts: the encoder's trained layers
    and the head, as trained (training/reader/train_verdict.py) and as loaded here."""
    from safetensors.torch import load_file

    weights = {k: v.float() for k, v in load_file(str(path)).items()}

    def part(prefix: str) -> dict:
        return {k[len(prefix) :]: v for k, v in weights.items() if k.startswith(prefix)}

    return part("enc."), part("head.")


def pair_logits(
    tokenizer,
    encoder,
    head,
    questions: Sequence[str],
    texts: Sequence[str],
    max_tokens: int = MAX_TOKENS,
):
    """The verdict's forward pass over (question, text) pairs, as trained and as read: the pair
    cut to ``max_tokens``, the encoder's last layer mean-pooled, the head's logit (a torch
    tensor)."""
    enc = tokenizer(
        list(questions),
        list(texts),
        truncation=True,
        max_length=max_tokens,
        padding=True,
        return_tensors="pt",
    )
    hidden = encoder(**enc).last_hidden_state
    mask = enc["attention_mask"].unsqueeze(-1).float()
    return head((hidden * mask).sum(1) / mask.sum(1))[:, 0]


_LOADING = threading.Lock()


def load_verdict(folder: Path = VERDICT, reader: Path = READER) -> Verdict:
    """The shipped verdict, loaded once per process (about 90 MB in float32). One thread loads it
    while the others wait: a server's first concurrent questions would otherwise each import
    transformers at once, which is not thread-safe."""
    with _LOADING:
        return _loaded(folder, reader)


@lru_cache(maxsize=2)
def _loaded(folder: Path, reader: Path) -> Verdict:
    return Verdict(folder, reader)
