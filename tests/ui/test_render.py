"""What the UI shows: escaping, source choices, unit context, duplicate rows, diff and CSV (pure)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from rapporteur.app.facade import UnitContext, context_of, label_candidates
from rapporteur.assistant.series import series_of
from rapporteur.assistant.types import Answer
from rapporteur.core.units import Document, Hit, Unit
from rapporteur.ui import render

DOC = Document("wg-x", symbol="A/1", title="Report <b>bold</b>", date="2024-03-02")
EVIL = "States should act <script>alert(1)</script> [now](javascript:alert(2)) *fast*."


def unit(n: int, text: str = "text", kind: str = "recommendation") -> Unit:
    return Unit(
        "wg-x", kind, n, text, section="II. Recs", ordinal=n, symbol="A/1", date="2024-03-02"
    )


def test_escape_md_leaves_no_markup():
    out = render.escape_md(EVIL)
    assert "<script>" not in out and "](" not in out and "*fast*" not in out
    assert out.replace("\\", "") == EVIL  # only backslashes added: it renders as the same text


def test_answer_markdown_escapes_and_lists_sources():
    u = unit(18, EVIL)
    md = render.answer_markdown(Answer("q?", f"See {EVIL} (recommendation 18).", citations=(u,)))
    assert "<script>" not in md
    assert "recommendation 18 \\(A/1, 2024\\)" in md


def test_answer_markdown_says_which_document_of_a_series_is_the_latest():
    old, new = (
        replace(unit(1), doc=d, symbol=s, title="Protection of migrants", date=t)
        for d, s, t in (
            ("r70", "A/RES/70/147", "2015-12-17"),
            ("r78", "A/RES/78/217", "2023-12-19"),
        )
    )
    (series,) = series_of([old], [old, new])
    md = render.answer_markdown(
        Answer("q?", "Text (OP 1, A/RES/70/147).", (old,), series=(series,))
    )
    assert r"A/RES/78/217 \(19 December 2023\)" in md and r"retrieved but not quoted\:" in md


def test_references_in_the_answer_link_to_their_sources():
    md = render.linked_text(
        "Act now (recommendation 18); see also recommendation 1.", [unit(1), unit(18)]
    )
    assert md == (
        "Act now \\([recommendation 18](#rp-cite-1)\\); see also [recommendation 1](#rp-cite-0)\\."
    )
    # Document text around a reference stays escaped: the only link is ours.
    md = render.linked_text(f"{EVIL} (recommendation 18)", [unit(18)])
    assert "<script>" not in md and md.count("](") == 1 and "javascript" not in md.split("](")[1]


def test_a_reference_shared_by_two_documents_links_only_with_its_symbol():
    a, b = unit(9, kind="paragraph"), replace(unit(9, kind="paragraph"), doc="wg-y", symbol="B/2")
    md = render.linked_text("Said in para. 9, A/1 and para. 9, B/2; para. 9 again.", [a, b])
    assert "[para\\. 9, A/1](#rp-cite-0)" in md and "[para\\. 9, B/2](#rp-cite-1)" in md
    assert md.endswith("para\\. 9 again\\.")  # ambiguous alone: no link


def test_source_choices_round_trip_to_keys():
    choices = render.source_choices([unit(18), unit(3, kind="paragraph")])
    assert choices == [
        ("recommendation 18 · A/1, 2024", "wg-x:rec 18"),
        ("para. 3 · A/1, 2024", "wg-x:para 3"),
    ]
    assert render.split_key("doc:with:colons:rec 18") == ("doc:with:colons", "rec 18")


def test_context_html_escapes_and_marks_the_unit():
    units = [unit(i, f"text {i}") for i in range(1, 6)]
    before, after = context_of(units, units[0], 2)
    assert before == () and [u.number for u in after] == [2, 3]
    before, after = context_of(units, units[2], 2)
    ctx = UnitContext(replace(units[2], text=EVIL), before, after, DOC)
    out = render.context_html(ctx)
    assert "<script>" not in out and "&lt;script&gt;" in out and "<b>bold</b>" not in out
    assert "recommendation 3" in out and "rec 1" in out and "rec 5" in out and "II. Recs" in out


def test_closest_html_escapes():
    out = render.closest_html([Hit(unit(1, EVIL), 0.5)])
    assert "Closest passages" in out and "<script>" not in out
    assert render.closest_html([]) == ""


def test_label_candidates_accept_prose():
    assert label_candidates("recommendation  18") == ["recommendation 18", "rec 18"]
    assert label_candidates("para. 9") == ["para. 9", "para 9"]
    assert label_candidates("rec 18")[0] == "rec 18"


RESULTS = [
    {
        "draft": EVIL,
        "verdict": "duplicate",
        "within": [1],
        "matches": [
            {
                "doc": "wg-x",
                "symbol": None,
                "unit": "rec 18",
                "similarity": 0.91,
                "text": "old <i>",
                "diff": [["equal", "States"], ["delete", "old <i>"], ["insert", "new <script>"]],
            }
        ],
    },
    {"draft": "Something new.", "verdict": "new", "within": [0], "matches": []},
]


def test_dupe_rows_and_diff():
    assert render.dupe_rows(RESULTS)[1] == [2, "Something new.", "new", "—", 0.0]
    row = render.dupe_rows(RESULTS)[0]
    assert row[2:] == ["DUPLICATE", "rec 18 · wg-x", 0.91]
    html = render.diff_html(RESULTS[0])
    assert "<del>old &lt;i&gt;</del>" in html and "<ins>new &lt;script&gt;</ins>" in html
    assert "<script>" not in html
    assert "No adopted unit" in render.diff_html(RESULTS[1])


def test_dupes_csv():
    rows = list(csv.reader(io.StringIO(render.dupes_csv(RESULTS))))
    assert rows[0][:3] == ["draft_no", "draft", "verdict"]
    assert rows[1][1] == EVIL and rows[1][5] == "rec 18" and rows[1][8] == "2"
    assert rows[2][2] == "new" and rows[2][5] == ""


def test_library_rows_and_choices():
    docs = [(DOC, 12), (Document("undated"), 3)]
    assert render.library_rows(docs) == [
        ["wg-x", "A/1", "Report <b>bold</b>", "2024-03-02", 12],
        ["undated", "", "", "", 3],
    ]
    assert render.doc_choices(docs)[0] == ("A/1, 2024 — Report <b>bold</b>", "wg-x")
    assert render.year_choices(docs) == [2024]
