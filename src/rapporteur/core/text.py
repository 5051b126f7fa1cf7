"""Sentence splitting and word patterns, written once (pure; no model, no tokenizer).

Two sentence granularities, one function (``sentences``), for two jobs:

- quoting (default): a sentence ends at . ! ? (closing quotes or brackets may follow) before
  whitespace and a sentence-like start, at a CJK full stop, or at a blank line; "para. 12",
  "No. 10", "U.N." and "J." do not end one. Quoted answers, citation checks and token-bounded
  pieces cut here, so a quote always reads as a whole sentence.
- ``clauses=True``: also at ; and : before a capital or bracket and at every line break, with
  fragments under ``MIN_CLAUSE`` characters joined to their neighbour. The second stage scores
  a unit by its best such piece: a recommendation's answer often sits in one "(a) ..." item of
  a list that is one sentence for quoting.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

# --- words -----------------------------------------------------------------------------------
# Each pattern is one rule; they differ on purpose, on inputs such as "16.4", "A/RES/73/146",
# "d'argent" and "Rights2":
# A word with inner hyphens or apostrophes: "money-laundering", "d'argent"; "16.4" is two words.
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# BM25's words: inner dots too, so "16.4" and "WG.6" stay whole (index/lexical.py adds the parts).
TOKEN_WORD = re.compile(r"\w+(?:[-.'’]\w+)*")
# Letter runs and digit runs apart ("Rights2" -> "Rights", "2"): duplicate drafts compare words.
LETTERS_OR_DIGITS = re.compile(r"[^\W\d_]+|\d+")
# A word that starts and ends with a letter ("armes", "l'arme"; not "2021"): lexicon terms.
LETTER_WORD = re.compile(r"[^\W\d_](?:[\w’'-]*[^\W_])?")
# Words (inner hyphens, apostrophes, dots, slashes kept: "16.4", "A/RES/73/146") and single
# punctuation marks: the tokens of a displayed word diff.
DIFF_TOKEN = re.compile(r"\w+(?:[-'’./]\w+)*|[^\w\s]")
# A number as written, with its separators: "16.4", "1,200".
NUMBER = re.compile(r"\d[\d.,]*")

# --- sentences -------------------------------------------------------------------------------
# The next sentence must start like one, so "1.5" stays whole.
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[\w])|[。！？]\s*|\n\s*\n")
CLAUSE_END = re.compile(r"[;；]\s+")
# Words whose trailing period is not a sentence end in UN prose ("para. 12", "No. 10").
ABBREVIATIONS = frozenset({
    "para", "paras", "no", "nos", "art", "arts", "e.g", "i.e", "mr", "mrs", "ms", "dr",
    "vol", "p", "pp", "cf", "rev", "add", "corr", "suppl", "approx", "fig", "st", "inc",
    "ltd", "co", "op", "sect", "ch", "annex",
})  # fmt: skip
# clauses=True: a piece ends at . ; : ! ? before a capital, an opening bracket or quote; list
# items ("(a) ...") and agenda lines sit on their own lines.
CLAUSE_PIECE_END = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z(“\"‘])|\s*\n\s*")
# Abbreviations a piece does not end with: "para. 3", "No. 5", "Mr. Smith", "e.g. States".
PIECE_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|No|Nos|para|paras|art|arts|Art|Vol|vol|pp?|e\.g|i\.e|cf|St)\.$"
)
MIN_CLAUSE = (
    40  # characters: shorter pieces ("(a)", "1. Organizational matters:") join the previous one
)


def composed(text: str) -> str:
    """``text`` in Unicode's composed form (NFC), as ingest stores every unit: a question typed
    or pasted with decomposed accents ("e" + U+0301) then matches the stored words."""
    return unicodedata.normalize("NFC", text)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text`` for quoting, whitespace at the edges excluded."""
    return _spans(text, SENTENCE_END, guard=True)


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` between semicolons, stripped (a sentence too long for one piece)."""
    return _spans(text, CLAUSE_END)


def sentences(text: str, *, clauses: bool = False) -> list[str]:
    """``text`` as sentences for quoting, or with ``clauses`` as the finer pieces a scorer reads."""
    if not clauses:
        return [text[a:b] for a, b in split_sentences(text)]
    out: list[str] = []
    for piece in CLAUSE_PIECE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if out and (len(out[-1]) < MIN_CLAUSE or PIECE_ABBREVIATION.search(out[-1])):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    if len(out) > 1 and len(out[-1]) < MIN_CLAUSE:
        out[-2:] = [f"{out[-2]} {out[-1]}"]
    return out or [text]


def _spans(text: str, boundary: re.Pattern[str], guard: bool = False) -> list[tuple[int, int]]:
    """Spans of ``text`` between matches of ``boundary``, stripped, empty ones dropped."""
    cuts = [0]
    for m in boundary.finditer(text):
        if guard and _is_abbreviation(text, m.start()):
            continue
        cuts.append(m.end())
    cuts.append(len(text))
    spans = []
    for start, end in itertools.pairwise(cuts):
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
    return spans


ABBREVIATION_WINDOW = 64  # characters: longer than any abbreviation or initialism
_WORD_BEFORE = re.compile(r"[\w.]*$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` ends an abbreviation: a known one, "U.N.", or "J."."""
    if text[dot] != ".":
        return False
    # the word before the period, read from a short window: searching all of text[:dot] made
    # splitting a long unit quadratic (2.2 s of one answer on a 651-document library)
    word = _WORD_BEFORE.search(text, max(0, dot - ABBREVIATION_WINDOW), dot).group(0)
    return word.lower() in ABBREVIATIONS or "." in word or (len(word) == 1 and word.isupper())


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def load_word_lists() -> None:
    """Load jieba's Chinese dictionary now (1.3 s), not in the first Chinese question (servers)."""
    _jieba().initialize()


def han_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Chinese written without spaces, cut into words with jieba's dictionary (loaded on first
    use, about 1.3 s: ``load_word_lists``): the spans of the words of two or more characters,
    offset by ``start``. A run of one word comes back whole."""
    jieba = _jieba()
    out, at = [], start
    for word in jieba.cut(text, HMM=True):
        if len(word) >= 2 and HAN.search(word):
            out.append((at, at + len(word)))
        at += len(word)
    return out
