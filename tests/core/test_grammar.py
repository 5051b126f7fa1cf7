"""The UN reference grammar: kinds, written forms, symbols, unit references."""

import pytest

from rapporteur.core.grammar import (
    HEADER_SYMBOL,
    KIND_LABELS,
    KIND_PROSE,
    KINDS,
    PRINTED_SYMBOL,
    RESOLUTION_NUMBER,
    SYMBOL,
    kind_of,
    mandate,
    unit_label,
    unit_refs,
)


def test_every_kind_has_a_label_and_a_prose_form():
    assert set(KIND_LABELS) == set(KIND_PROSE) == set(KINDS)
    assert unit_label("recommendation", 18) == "rec 18"
    assert unit_label("operative", 5) == "OP 5"
    assert KIND_PROSE["paragraph"] == "para."


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("recommendation", "recommendation"), ("Recommendations", "recommendation"),
        ("rec", "recommendation"), ("recs.", "recommendation"),
        ("para.", "paragraph"), ("paras", "paragraph"), ("paragraph", "paragraph"),
        ("OP", "operative"), ("OPs", "operative"), ("operative paragraph", "operative"),
        ("operative  paragraphs", "operative"), ("operative", "operative"),
        ("PP", "preambular"), ("preambular paragraph", "preambular"),
        ("fn.", "footnote"), ("footnotes", "footnote"),
        ("art.", "article"), ("articles", "article"), ("summary", "summary"),
        ("chapter", None), ("", None),
    ],
)  # fmt: skip
def test_kind_of_reads_every_written_form(word, kind):
    assert kind_of(word) == kind


def test_unit_refs():
    assert unit_refs("what does rec 18 say") == [("recommendation", 18, None)]
    assert unit_refs("Recommendation 43 and para. 9") == [
        ("recommendation", 43, None), ("paragraph", 9, None)]  # fmt: skip
    assert unit_refs("para 12 of S/2025/303") == [("paragraph", 12, "S/2025/303")]
    assert unit_refs("OP 5 in A/RES/73/146") == [("operative", 5, "A/RES/73/146")]
    assert unit_refs("operative paragraph 2 and PP3") == [
        ("operative", 2, None),
        ("preambular", 3, None),
    ]
    assert unit_refs("target 16.4 of the goals") == []
    assert unit_refs("the opportunity 5 times") == []
    assert unit_refs("OP 5 of 73/146") == [("operative", 5, "73/146")]


def test_unit_refs_read_lists_and_spans_of_numbers():
    assert unit_refs("articles 5 and 6 of wg6-2021") == [
        ("article", 5, "wg6-2021"), ("article", 6, "wg6-2021")]  # fmt: skip
    assert unit_refs("S/2025/303, paras. 24 and 25") == [("paragraph", 24, None), ("paragraph", 25, None)]  # fmt: skip
    assert [n for _, n, _ in unit_refs("paragraphs 9 to 11")] == [9, 10, 11]
    assert [n for _, n, _ in unit_refs("paras. 9-11 and 14")] == [9, 10, 11, 14]
    assert [n for _, n, _ in unit_refs("recommendations 18, 22 and 27")] == [18, 22, 27]
    assert [n for _, n, _ in unit_refs("paras 1 to 200")] == [1, 200]  # too long a span: its ends
    assert unit_refs("paragraph 3 and 2025/303") == [("paragraph", 3, None)]


def test_unit_refs_read_english_ordinals():
    assert unit_refs("the fifth preambular paragraph of resolution 78/229") == [
        ("preambular", 5, "resolution 78/229")]  # fmt: skip
    assert unit_refs("What does the third recommendation say?") == [("recommendation", 3, None)]
    assert unit_refs("the twenty-first operative paragraph") == [("operative", 21, None)]
    assert unit_refs("the 12th paragraph of S/2025/303") == [("paragraph", 12, "S/2025/303")]
    assert unit_refs("the first report on Haiti, its second session") == []


@pytest.mark.parametrize(
    ("question", "kind", "number"),
    [
        ("Que dit le paragraphe 5 de la résolution 73/146 ?", "paragraph", 5),
        ("Quelles recommandations 3 et 4 ?", "recommendation", 3),
        ("¿Qué dice el párrafo 5 de la resolución 73/146?", "paragraph", 5),
        ("la recomendación 7 del informe", "recommendation", 7),
        ("el artículo 9 del Protocolo", "article", 9),
        ("Что говорится в пункте 5 резолюции 73/146?", "paragraph", 5),
        ("рекомендации 18", "recommendation", 18),
        ("статья 9 Протокола", "article", 9),
        ("ماذا تقول الفقرة 5 من القرار 73/146؟", "paragraph", 5),
        ("التوصية 18", "recommendation", 18),
        ("المادة 9 من البروتوكول", "article", 9),
        ("第73/146号决议第5段说了什么？", "paragraph", 5),
        ("第18项建议", "recommendation", 18),
        ("议定书第9条", "article", 9),
    ],
)
def test_unit_refs_in_the_other_un_languages(question, kind, number):
    assert unit_refs(question)[0][:2] == (kind, number)


def test_a_reference_in_another_language_keeps_its_document():
    docs = [
        unit_refs(q)[0][2]
        for q in (
            "Que dit le paragraphe 5 de la résolution 73/146 ?",
            "el párrafo 58 del documento S/2025/303",
            "Что говорится в пункте 5 резолюции 73/146?",
            "ماذا تقول الفقرة 6 من القرار 78/223؟",
            "第73/146号决议第5段说了什么？",
        )
    ]
    assert docs == [
        "résolution 73/146",
        "documento S/2025/303",
        "резолюции 73/146",
        "القرار 78/223",
        "第73/146号决议",
    ]
    assert unit_refs("Recommendation 43 and para. 9") == [
        ("recommendation", 43, None), ("paragraph", 9, None)]  # fmt: skip


def test_symbol_in_text_header_line_and_printed_page():
    text = "See A/RES/73/146, s/2025/303 and CTOC/COP/WG.6/2021/INF/1/Rev.1 on 16.4."
    assert SYMBOL.findall(text) == ["A/RES/73/146", "s/2025/303", "CTOC/COP/WG.6/2021/INF/1/Rev.1"]
    assert HEADER_SYMBOL.match("SYMBOL: A/RES/73/146")["s"] == "A/RES/73/146"
    assert HEADER_SYMBOL.match("73/146 ")["s"] == "73/146"
    assert HEADER_SYMBOL.match("A/RES/73/146 Page 2") is None
    import re

    assert re.fullmatch(PRINTED_SYMBOL, "S/RES/2734 (2024)")
    assert re.fullmatch(PRINTED_SYMBOL, "A/79/722")
    assert not re.fullmatch(PRINTED_SYMBOL, "a/79/722")


def test_resolution_number():
    from rapporteur.core.grammar import resolution_numbers

    assert resolution_numbers("resolution 73/146 and res. 56/9, not 2021/5") == ["73/146", "56/9"]
    assert resolution_numbers("Security Council resolution 2769(2025) and 1325 (2000)") == [
        "2769 (2025)"
    ]
    assert resolution_numbers("résolution no 79/189; resolución n° 78/217") == [
        "79/189",
        "78/217",
    ]
    assert resolution_numbers("第2769（2025）号决议") == ["2769 (2025)"]
    assert not RESOLUTION_NUMBER.search("resolution 73/14601")  # no number cut short


def test_a_paragraph_under_a_recommendations_heading_recommends():
    from rapporteur.core.grammar import recommends

    assert recommends("recommendation", "")
    assert recommends("paragraph", "V. Recommendations")
    assert recommends("paragraph", "IV. Conclusions and recommendations > B. Security")
    assert not recommends("paragraph", "II. Escalating gang violence")
    assert not recommends("operative", "")


def test_mandate_is_the_paragraph_of_a_resolution_a_report_answers_to():
    haiti = (
        "1. The present report is submitted pursuant to paragraph 9 of Security Council\n"
        "resolution 2692 (2023), as reiterated in paragraph 19 of Council resolution 2743 (2024)."
    )
    assert mandate(haiti) == "paragraph 9 of resolution 2692 (2023)"
    assert mandate("submitted pursuant to paragraph 4 of resolution 2731(2024)") == (
        "paragraph 4 of resolution 2731 (2024)"
    )
    assert mandate("pursuant to operative paragraph 12 of General Assembly resolution 78/220") == (
        "paragraph 12 of resolution 78/220"
    )
    # a whole resolution, or no resolution, is not a mandate that singles out one series
    assert mandate("The report is submitted pursuant to General Assembly resolution 74/9.") is None
    assert mandate("Recalling paragraph 9 of resolution 2692 (2023)") is None
