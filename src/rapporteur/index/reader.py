"""The reader: a cross-encoder trained here that reads the question against each candidate unit.

What it reads is written once, here, for training (training/reader) and for the product alike:
``windows(unit)`` cuts a unit into pieces of at most ``WINDOW_WORDS`` words, each headed by the
document's symbol and the unit's section, so a long paragraph is read whole and a named
document can be matched. A unit's score is its best window's logit.

``ReaderScorer`` is a second-stage scorer (index/rerank.Scorer): it loads a folder holding a
Hugging Face sequence-classification model, its tokenizer and ``reader.json`` (what built it:
base model, training data hash, seed, languages, the weights' SHA-256, thresholds). Nothing is
downloaded; the default folder ships inside this package (``models/reader``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rapporteur.core.errors import ConfigError
from rapporteur.core.units import Unit

WINDOW_WORDS = 150  # words of unit text per window: with the header, fits MAX_TOKENS
STRIDE_WORDS = 110  # windows overlap by 40 words, so a sentence cut by one is whole in the next
MAX_TOKENS = 256  # question + window, as trained
DEFAULT_FOLDER = Path(__file__).resolve().parent / "models" / "reader"
CARD = "reader.json"


def header(unit: Unit) -> str:
    """What heads every window of a unit: its symbol (or key) and its innermost section."""
    section = unit.section.split(" > ")[-1].strip() if unit.section else ""
    return " | ".join(filter(None, (unit.symbol or unit.doc, section[:80], unit.label)))


def windows(unit: Unit) -> list[str]:
    """The unit as the reader reads it: header + text, in overlapping windows (pure)."""
    words = unit.text.split()
    head = header(unit)
    if len(words) <= WINDOW_WORDS:
        return [f"{head}\n{' '.join(words)}"]
    starts = range(0, max(1, len(words) - WINDOW_WORDS + STRIDE_WORDS), STRIDE_WORDS)
    return [f"{head}\n{' '.join(words[s : s + WINDOW_WORDS])}" for s in starts]


def best_per_unit(scores: np.ndarray, counts: Sequence[int]) -> np.ndarray:
    """Each unit's best window score, given window scores in unit order (pure)."""
    out = np.full(len(counts), -np.inf, dtype=np.float32)
    owner = np.repeat(np.arange(len(counts)), counts)
    np.maximum.at(out, owner, np.asarray(scores, dtype=np.float32))
    return out


@dataclass(frozen=True)
class ReaderCard:
    """What built a reader and how to read its scores (``reader.json`` beside the weights)."""

    name: str
    base: str
    sha256: str  # of model.safetensors
    languages: tuple[str, ...] = ("en",)
    accept: float = 0.0  # logit at which a unit is read as answering (calibrated on a tune half)

    @classmethod
    def read(cls, folder: Path) -> ReaderCard:
        try:
            data = json.loads((folder / CARD).read_text())
        except (OSError, json.JSONDecodeError):
            raise ConfigError(
                f"{folder}: no readable {CARD}; rebuild the reader with `make reader`"
            ) from None
        return cls(
            name=data["name"],
            base=data["base"],
            sha256=data["sha256"],
            languages=tuple(data.get("languages", ("en",))),
            accept=float(data.get("accept", 0.0)),
        )


def weights_sha256(folder: Path) -> str:
    """SHA-256 of a reader's weights file."""
    return hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()


class ReaderScorer:
    """The reader as a second-stage scorer: best window logit per unit."""

    def __init__(self, folder: str | Path = DEFAULT_FOLDER, verify: bool = True) -> None:
        folder = Path(folder).expanduser()
        if not (folder / "model.safetensors").is_file():
            raise ConfigError(f"{folder}: no reader weights; rebuild them with `make reader`")
        self.card = ReaderCard.read(folder)
        if verify and weights_sha256(folder) != self.card.sha256:
            raise ConfigError(
                f"{folder}: the weights do not match {CARD}'s sha256; rebuild with `make reader`"
            )
        from rapporteur.index.embedders import _quietly, calm_openmp

        calm_openmp()
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(str(folder))
        self.model = _quietly(
            lambda: AutoModelForSequenceClassification.from_pretrained(
                str(folder), torch_dtype=torch.float32
            )
        ).eval()
        self.name = f"reader:{self.card.name}"
        self.english_only = self.card.languages == ("en",)
        self.accept = self.card.accept

    def prepare(self, units: Sequence[Unit], progress=None) -> int:
        return 0  # the reader reads the question with each unit: nothing to compute ahead

    def score(self, query: str, units: Sequence[Unit]) -> np.ndarray:
        if not units:
            return np.zeros(0, dtype=np.float32)
        pieces = [windows(u) for u in units]
        flat = [w for ws in pieces for w in ws]
        return best_per_unit(self.logits(query, flat), [len(ws) for ws in pieces])

    def logits(self, query: str, passages: Sequence[str], batch: int = 32) -> np.ndarray:
        """The reader's logit for the question against each passage."""
        torch, out = self._torch, []
        with torch.inference_mode():
            for i in range(0, len(passages), batch):
                chunk = list(passages[i : i + batch])
                enc = self.tokenizer(
                    [query] * len(chunk),
                    chunk,
                    truncation="longest_first",  # a long question is cut too, never refused
                    max_length=MAX_TOKENS,
                    padding=True,
                    return_tensors="pt",
                )
                out.append(self.model(**enc).logits[:, -1].float().numpy())
        return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)
