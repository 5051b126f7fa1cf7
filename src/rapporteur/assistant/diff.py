"""Word-level diff of two texts, for showing how a draft differs from an adopted text (pure)."""

from __future__ import annotations

import difflib

from rapporteur.core.text import DIFF_TOKEN

_NO_SPACE_BEFORE = frozenset(",.;:!?)]}”’%")
_NO_SPACE_AFTER = frozenset("([{“‘")


def words(text: str) -> list[str]:
    """The word and punctuation tokens of ``text``, in order."""
    return DIFF_TOKEN.findall(text)


def join_words(tokens: list[str]) -> str:
    """Tokens back into readable text: no space before "," or ")", none after "(" or "“"."""
    out = ""
    for tok in tokens:
        if out and tok not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out += " "
        out += tok
    return out


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """How to turn ``a`` into ``b``, word by word: a list of ``(op, text)``.

    ``op`` is ``"equal"``, ``"delete"`` (in ``a`` only) or ``"insert"`` (in ``b`` only). A
    replaced run comes out as its ``delete`` followed by its ``insert``, so a reader (or the
    UI) needs only three styles: ``word_diff("States should act", "States must act")`` is
    ``[("equal", "States"), ("delete", "should"), ("insert", "must"), ("equal", "act")]``.
    Words compare exactly (case and punctuation count); whitespace does not.
    """
    ta, tb = words(a), words(b)
    ops: list[tuple[str, list[str]]] = []
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "delete", "replace") and i2 > i1:
            ops.append(("equal" if tag == "equal" else "delete", ta[i1:i2]))
        if tag in ("insert", "replace") and j2 > j1:
            ops.append(("insert", tb[j1:j2]))
    return [(op, join_words(toks)) for op, toks in ops]
