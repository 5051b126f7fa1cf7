"""Generated questions (hypothesis strategies) for the answer property test and the library fuzz.

tests/assistant/test_answer_properties.py drives ``answer()`` with them in process; benchmarks/fuzz.py
sends them to ``/api/ask`` and ``/api/search``. The shapes: word windows of real units, frames
delegates use (the issue's "What measures has the UN recommended to control X in Y?"), the
other five languages, reference forms (symbols, paragraph numbers, ranges, ordinals), item
lists, odd Unicode, empty, whitespace-only and very long strings.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

FRAMES = [
    "What measures has the UN recommended to control {x} in {y}?",
    "What was recommended on {x}?",
    "{x}",
    "Que dit le rapport sur {x} ?",
    "¿Qué se recomendó sobre {x} en {y}?",
    "Что говорится о {x}?",
    "ما الذي أوصي به بشأن {x}؟",
    "关于{x}有什么建议？",
    "and what about {x}?",
    "What does paragraph {n} of {s} say about {x}?",
    "OPs {n} to {m} of resolution 73/146 on {x}",
    "the {o} preambular paragraph of {s}",
    "recommendation {n}",
    "(a) {x}; (b) {y}",
    "Which {x} were seized between {y} and {x}?",
]
REFS = ["S/2025/303", "A/80/16", "JIU/REP/2025/1", "resolution 2769 (2025)", "A/RES/73/146"]
ODD = st.text(
    st.characters(blacklist_categories=("Cs",), min_codepoint=1), min_size=0, max_size=300
)


def windows(units: Sequence, every: int = 7) -> list[str]:
    """Word windows of every ``every``-th unit: its first 5 words and 9 from its middle."""
    out = []
    for unit in units[::every]:
        words = unit.text.split()
        out += [" ".join(words[i : i + n]) for i, n in ((0, 5), (len(words) // 2, 9))]
    return [w for w in out if w]


def questions(texts: list[str]) -> st.SearchStrategy[str]:
    """Questions built from ``texts`` (word windows of real units) and odd strings."""
    pieces = st.one_of(st.sampled_from(texts), ODD)
    framed = st.builds(
        lambda f, x, y, n, m, o, s: f.format(x=x, y=y, n=n, m=m, o=o, s=s),
        st.sampled_from(FRAMES),
        pieces,
        pieces,
        st.integers(0, 400),
        st.integers(0, 400),
        st.sampled_from(["first", "fifth", "3rd", "twenty-first"]),
        st.sampled_from(REFS),
    )
    return st.one_of(framed, ODD, st.just(" \n\t "), st.just("x " * 3000))
