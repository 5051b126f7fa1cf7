"""Property: any input either parses or raises our own ParseError — never anything else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapporteur.core.errors import ParseError
from rapporteur.core.units import ParsedDocument
from rapporteur.ingest.parse import parse_bytes

LINES = st.sampled_from(
    [
        "I. Introduction",
        "A. Section",
        "Recommendation 3",
        "1. Text.",
        "12. More text.",
        "The General Assembly,",
        "Annex",
        "Article 2",
        "(a) item;",
        "¹ A note.",
        "",
        "\n",
        "Distr.: General",
        "31 May 2021",
        "plain words",
        "2. Decides.",
        "36th meeting",
    ]
)


def parses_or_refuses(data: bytes, name: str) -> None:
    try:
        result = parse_bytes(data, name)
    except ParseError as exc:
        assert name in str(exc) and "\n" not in str(exc)
        return
    assert isinstance(result, ParsedDocument)
    labels = [u.label for u in result.units]
    assert len(labels) == len(set(labels))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=3000),
    st.sampled_from(["x.txt", "x.pdf", "x.docx", "x.html", "x.md", "x.bin"]),
)
def test_any_bytes(data, name):
    parses_or_refuses(data, name)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=60))
def test_any_arrangement_of_un_shaped_lines(lines):
    parses_or_refuses("\n\n".join(lines).encode(), "doc.txt")
