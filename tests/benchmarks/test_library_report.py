"""benchmarks/library_report: the misses it lists and the tables it prints (no index, no model)."""

from __future__ import annotations

from benchmarks.library_report import markdown, misses


def test_a_miss_is_a_question_whose_primary_unit_is_not_in_the_top_5():
    questions = [
        {"id": "L1", "kind": "topical", "q": "What was recommended on marking?"},
        {"id": "L2", "kind": "factual", "q": "Where was the meeting held?"},
        {"id": "L3", "kind": "named", "q": "What does A/80/16 say in para 9?"},
    ]
    qrels = {"L1": {"d:rec 28": 2, "d:rec 29": 1}, "L2": {"d:para 5": 2}, "L3": {"d:para 9": 2}}
    run = {
        "L1": ["d:rec 28", "d:rec 29"],  # found first
        "L2": ["d:para 1", "d:para 2", "d:para 3", "d:para 4", "d:para 6", "d:para 5"],  # rank 6
        "L3": ["d:para 1"],  # not in the list at all
    }
    per = {"L1": {"recall@5": 1.0}, "L2": {"recall@5": 0.0}, "L3": {"recall@5": 0.0}}
    lines = misses(per, run, qrels, questions)
    assert lines == [
        "- L2 factual, ranks [6]: Where was the meeting held?",
        "  gold ['d:para 5'], top ['d:para 1', 'd:para 2', 'd:para 3']",
        "- L3 named, ranks >30: What does A/80/16 say in para 9?",
        "  gold ['d:para 9'], top ['d:para 1']",
    ]


def test_the_misses_are_printed_only_when_asked():
    groups = {"all": {"recall@5": 0.5, "mrr@10": 0.5, "doc@5": 1.0, "n": 2}}
    row = {"groups": groups, "latency_ms": {"p50": 10.0, "p95": 20.0}, "misses": ["- L2 miss"]}
    report = {"units": 100, "when": "now", "halves": {"tune": {"Rapporteur, default": row}}}
    assert "- L2 miss" not in markdown(report)
    text = markdown(report, show_misses=True)
    assert "| Rapporteur, default | 0.500 / 0.500 / 1.000 (2) | 10.0 / 20.0 |" in text
    assert text.index("Misses of the default (tune half") < text.index("- L2 miss")
