"""Units a question names, found in the documents of a small library (index/references.py)."""

from __future__ import annotations

import pytest

from rapporteur.core.units import Unit
from rapporteur.index.references import References

PROTOCOL = "Protocol against the Illicit Manufacturing of and Trafficking in Firearms"
UNITS = [
    Unit("A_RES_55_25", "article", 9, "Measures against corruption.", part="annex I",
         symbol="A/RES/55/25", title="Convention against Transnational Organized Crime"),
    Unit("A_RES_55_255", "article", 9, "Deactivation of firearms.", part="annex",
         symbol="A/RES/55/255", title=PROTOCOL),
    Unit("A_RES_73_146", "preambular", 1, "Recalling ...", symbol="A/RES/73/146"),
    Unit("A_RES_73_146", "operative", 5, "Urges States ...", symbol="A/RES/73/146"),
    Unit("A_RES_75_158", "operative", 5, "Calls upon ...", symbol="A/RES/75/158"),
    Unit("S_RES_2769_2025", "operative", 22, "Decides to extend ...", symbol="S/RES/2769 (2025)"),
    Unit("S_2025_303", "paragraph", 12, "Gangs ...", part="annex", symbol="S/2025/303"),
    Unit("S_2025_303", "paragraph", 13, "Dinghies ...", part="annex", symbol="S/2025/303"),
    Unit("wg6-2021", "recommendation", 18, "Cryptocurrencies ..."),
]  # fmt: skip


@pytest.fixture(scope="module")
def refs():
    return References(UNITS)


def keys(refs, query):
    return [UNITS[r].key for r in refs.rows(query)]


def test_the_document_the_reference_or_the_question_names(refs):
    assert keys(refs, "OP 5 of A/RES/75/158") == ["A_RES_75_158:OP 5"]
    assert keys(refs, "OP 5 of resolution 73/146") == ["A_RES_73_146:OP 5"]
    assert keys(refs, "What does resolution 73/146 say in its OP 5?") == ["A_RES_73_146:OP 5"]
    assert keys(refs, "OP 5 of 75/158") == ["A_RES_75_158:OP 5"]
    assert keys(refs, "rec 18 of wg6-2021") == ["wg6-2021:rec 18"]
    assert keys(refs, "OP 5") == ["A_RES_73_146:OP 5", "A_RES_75_158:OP 5"]  # every document


def test_a_resolutions_paragraph_is_its_op_and_a_reports_paragraph_may_be_in_its_annex(refs):
    assert keys(refs, "paragraph 22 of resolution 2769 (2025)") == ["S_RES_2769_2025:OP 22"]
    assert keys(refs, "Que dit le paragraphe 22 de la résolution 2769 (2025) ?") == [
        "S_RES_2769_2025:OP 22"]  # fmt: skip
    assert keys(refs, "paras. 12 and 13 of S/2025/303") == [
        "S_2025_303:annex para 12", "S_2025_303:annex para 13"]  # fmt: skip


def test_the_title_the_question_names_picks_among_documents_with_that_unit(refs):
    assert keys(refs, "article 9 of the Firearms Protocol") == ["A_RES_55_255:annex art 9"]
    assert keys(refs, "article 9 of the Convention against Organized Crime") == [
        "A_RES_55_25:annex I art 9"]  # fmt: skip
    assert len(keys(refs, "what does article 9 say?")) == 2  # no title word: both


def test_what_a_named_document_does_not_have(refs):
    assert refs.missing("What does OP 99 of A/RES/73/146 say?") == ["A/RES/73/146 has no OP 99"]
    assert refs.missing("paragraph 31 of Security Council resolution 2769 (2025)") == [
        "S/RES/2769 (2025) has no paragraph 31"]  # fmt: skip
    assert refs.missing("recommendation 19 of wg6-2021") == ["wg6-2021 has no recommendation 19"]
    assert refs.missing("paragraph 22 of resolution 2769 (2025)") == []  # its OP 22
    assert refs.missing("OP 99") == []  # no document named with it: nothing to say it lacks
    assert refs.missing("Que dit le paragraphe 99 de la résolution 73/146 ?") == [
        "A/RES/73/146 has no paragraph 99"]  # fmt: skip
    assert refs.missing("¿Qué dice el párrafo 99 del documento S/2025/303?") == [
        "S/2025/303 has no paragraph 99"]  # fmt: skip
    assert refs.missing("第73/146号决议第99段") == ["A/RES/73/146 has no paragraph 99"]
    assert refs.missing("OP 5 of A/RES/99/1") == []  # a document the library does not hold
