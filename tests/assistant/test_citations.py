"""References to Security Council resolutions, whose symbols carry a year in parentheses."""

from __future__ import annotations

from rapporteur.assistant.citations import check_citations, cite
from rapporteur.core.units import Unit

OP22 = Unit(
    "S_RES_2769_2025",
    "operative",
    22,
    "Decides to extend until 15 May 2026 the mandate of the Panel of Experts.",
    symbol="S/RES/2769 (2025)",
)
PP1 = Unit(
    "S_RES_2769_2025",
    "preambular",
    1,
    "Recalling resolutions 2441 (2018), 2509 (2020) and 2701 (2023),",
    symbol="S/RES/2769 (2025)",
)


def test_a_security_council_symbol_with_its_year_is_a_checked_reference():
    text = "The Panel's mandate runs to 15 May 2026 (OP 22, S/RES/2769 (2025))."
    clean, cited = check_citations(text, [OP22])
    assert clean == text and cited == (OP22,)


def test_a_reference_to_a_paragraph_not_retrieved_is_removed_with_its_sentence():
    text = "Kept (OP 22, S/RES/2769 (2025)). Invented (OP 99, S/RES/2769 (2025))."
    assert check_citations(text, [OP22]) == ("Kept (OP 22, S/RES/2769 (2025)).", (OP22,))
    assert check_citations("Other year (OP 22, S/RES/2769 (2024)).", [OP22])[0] == ""


def test_years_in_the_quoted_text_are_not_taken_for_the_reference():
    sentence = cite(PP1.text, PP1)
    assert sentence.endswith("and 2701 (2023) (PP 1, S/RES/2769 (2025)).")
    clean, cited = check_citations(sentence, [PP1, OP22])
    assert clean == sentence and cited == (PP1,)


def test_both_resolutions_named_when_an_answer_cites_two_documents():
    op5 = Unit("A_RES_73_146", "operative", 5, "Calls upon States.", symbol="A/RES/73/146")
    text = "States act (OP 5, A/RES/73/146). The mandate runs on [S_RES_2769_2025:OP 22]."
    clean, cited = check_citations(text, [op5, OP22])
    assert (
        clean == "States act (OP 5, A/RES/73/146). The mandate runs on (OP 22, S/RES/2769 (2025))."
    )
    assert cited == (op5, OP22)
