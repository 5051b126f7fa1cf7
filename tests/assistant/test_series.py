"""Series of documents behind an answer (assistant/series.py), on titles, symbols and dates of
../shared/corpus documents."""

from __future__ import annotations

from rapporteur.assistant.series import body, series_of, title_words
from rapporteur.assistant.types import Answer
from rapporteur.core.units import Unit

MIGRANTS = "Protection of migrants"


def op(symbol: str, title: str, date: str, number: int = 1) -> Unit:
    doc = symbol.replace("/", "_").replace(" ", "_")
    return Unit(
        doc, "operative", number, f"Requests ... {number}", symbol=symbol, title=title, date=date
    )


def test_a_later_resolution_retrieved_but_not_quoted_is_named():
    cited = [op("A/RES/70/147", MIGRANTS, "2015-12-17"), op("A/RES/76/172", MIGRANTS, "2021-12-16")]
    evidence = [*cited, op("A/RES/78/217", MIGRANTS, "2023-12-19")]
    (series,) = series_of(cited, evidence)
    assert series.latest.symbol == "A/RES/78/217"
    assert series.cited == ("A_RES_70_147", "A_RES_76_172")
    note = series.note()
    assert "retrieved but not quoted: A/RES/78/217 (19 December 2023)" in note
    assert "A/RES/76/172 (16 December 2021), A/RES/70/147 (17 December 2015)" in note


def test_titles_reworded_between_sessions_are_one_series_and_the_latest_is_quoted():
    old = op(
        "A/HRC/RES/50/12",
        "Human rights and the regulation of civilian acquisition, possession and use of firearms",
        "2022-07-07",
    )
    new = op(
        "A/HRC/RES/56/9",
        "Human rights and the civilian acquisition, possession and use of firearms",
        "2024-07-11",
    )
    (series,) = series_of([old, new], [old, new])
    assert [m.symbol for m in series.members] == ["A/HRC/RES/50/12", "A/HRC/RES/56/9"]
    assert series.note().startswith("A/HRC/RES/56/9 (11 July 2024) is the latest of these sources")
    assert series.to_dict()["latest"] == "A_HRC_RES_56_9"


def test_other_bodies_other_committees_and_letters_are_not_series():
    fpa = op(
        "DP/FPA/2025/2",
        "Report on the recommendations of the United Nations Board of "
        "Auditors for 2023 Status of implementation",
        "2025-01-17",
    )
    ops = op(
        "DP/OPS/2025/1",
        "UNOPS: Report on the implementation of the recommendations of "
        "the United Nations Board of Auditors, 2023",
        "2024-11-20",
    )
    contributions = op("A/80/11", "Report of the Committee on Contributions", "2025-06-20")
    information = op("A/80/21", "Report of the Committee on Information", "2025-05-09")
    letters = [
        op(
            "S/2025/85",
            "Letter dated 4 February 2025 from the Secretary-General addressed to "
            "the President of the Security Council",
            "2025-02-06",
        ),
        op(
            "S/2025/420",
            "Letter dated 26 June 2025 from the Secretary-General addressed to "
            "the President of the Security Council",
            "2025-06-27",
        ),
    ]
    for pair in ([fpa, ops], [contributions, information], letters):
        assert series_of(pair, pair) == ()


def test_letters_transmitting_reports_under_one_mandate_are_a_series():
    letter = "Letter dated {} from the Secretary-General addressed to the President of the Council"
    sixth, seventh, eighth = (
        op(symbol, letter.format(day), date)
        for symbol, day, date in [
            ("S/2025/85", "4 February 2025", "2025-02-06"),
            ("S/2025/303", "9 May 2025", "2025-05-12"),
            ("S/2025/420", "26 June 2025", "2025-06-27"),
        ]
    )
    other = op("S/2025/231", letter.format("1 April 2025"), "2025-04-15")
    haiti = "paragraph 9 of resolution 2692 (2023)"
    mandates = {"S_2025_85": haiti, "S_2025_303": haiti, "S_2025_420": haiti}
    mandates["S_2025_231"] = "paragraph 4 of resolution 2731 (2024)"
    (series,) = series_of([sixth, seventh], [sixth, seventh, eighth, other], mandates)
    assert [m.symbol for m in series.members] == ["S/2025/85", "S/2025/303", "S/2025/420"]
    assert series.title == f"reports under {haiti}"
    assert "retrieved but not quoted: S/2025/420 (27 June 2025)" in series.note()
    # without the mandates (or under another one) a covering letter stays alone
    assert series_of([sixth, seventh], [sixth, seventh, eighth]) == ()
    assert series_of([other], [other, eighth], mandates) == ()


def test_one_date_or_no_date_is_no_series():
    same_day = [op("A/RES/78/217", MIGRANTS, "2023-12-19", n) for n in (1, 2)]
    assert series_of(same_day, same_day) == ()
    undated = [op("A/RES/70/147", MIGRANTS, "2015-12-17"), op("A/RES/55/25", MIGRANTS, "")]
    assert series_of(undated, undated) == ()


def test_answers_serialise_their_series():
    cited = [op("A/RES/70/147", MIGRANTS, "2015-12-17")]
    (series,) = series_of(cited, [*cited, op("A/RES/78/217", MIGRANTS, "2023-12-19")])
    record = Answer("q", "text", citations=tuple(cited), series=(series,)).to_dict()
    assert record["series"][0]["documents"][-1] == {
        "doc": "A_RES_78_217",
        "symbol": "A/RES/78/217",
        "date": "2023-12-19",
    }
    assert Answer("q", "text").to_dict()["series"] == []


def test_pieces():
    assert body("A/HRC/RES/56/9") == "A/HRC/RES" and body("S/2025/176") == "S" and body(None) == ""
    assert title_words("Letter dated 4 August 2025 from ...") is None
    assert title_words("Summary of the work of ECLAC, 2024–2025") == frozenset(
        {"summary", "of", "the", "work", "eclac"}
    )
