"""Progress lines: count, rate and time left, from a clock the test controls."""

from __future__ import annotations

from rapporteur.core.progress import rate_line, rate_reporter


def test_rate_line_says_count_rate_and_time_left():
    assert rate_line("e5-small: embedded", "pieces", 512, 6744, 36.0) == (
        "e5-small: embedded 512/6744 pieces, 14.2/s, 7m18s left"
    )
    assert rate_line("ingest:", "files", 10, 10, 4.0) == "ingest: 10/10 files, 2.5/s, 0s left"
    assert rate_line("x", "files", 1, 90000, 1.0).endswith("24h59m left")


def test_a_reporter_measures_from_its_own_start():
    said, now = [], [100.0]
    report = rate_reporter(said.append, "minilm: embedded", "pieces", clock=lambda: now[0])
    now[0] = 110.0
    report(256, 512)
    assert said == ["minilm: embedded 256/512 pieces, 25.6/s, 10s left"]


def test_time_left_follows_the_share_of_work_when_items_differ_in_cost():
    # 256 of 512 pieces in 10 s, but the short half was a fifth of the characters: 40 s left.
    assert rate_line("e5", "pieces", 256, 512, 10.0, share=0.2) == (
        "e5 256/512 pieces, 25.6/s, 40s left"
    )
    said = []
    report = rate_reporter(said.append, "e5", "pieces", clock=iter([0.0, 10.0]).__next__)
    report(256, 512, 0.2)
    assert said == ["e5 256/512 pieces, 25.6/s, 40s left"]
