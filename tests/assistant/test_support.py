"""Per-unit support, attribution and grouping by document: pure, on toy inputs."""

from __future__ import annotations

from rapporteur.assistant.abstain import UnitSupport, support, support_score, unit_coverage
from rapporteur.assistant.select import Quote, attributed, by_document
from rapporteur.core.units import Unit


def test_coverage_is_judged_in_each_unit_not_across_the_evidence():
    words = {"sanction": "sanctions", "libya": "Libya"}
    weights = {"sanction": 3.0, "libya": 1.0}
    texts = ["The Council imposed sanctions.", "Libya held elections.", "Sanctions on Libya."]
    assert unit_coverage(words, weights, texts) == [0.75, 0.25, 1.0]
    assert unit_coverage({}, {}, texts) == [1.0, 1.0, 1.0]


def test_support_is_the_best_single_unit():
    units = [
        UnitSupport("a", 1.0, 0.2, None),
        UnitSupport("b", 0.5, 0.9, None),
    ]  # 0.92, 0.54
    one, two = support_score(units[0]), support_score(units[1])
    assert 0.0 <= two < one <= 1.0
    assert abs(one - 0.92) < 1e-9 and abs(two - 0.54) < 1e-9
    assert support(units) == one and support([]) == 0.0


PARA = Unit(
    "r1", "paragraph", 9, "The representative of Mexico spoke. He provided an account of seizures."
)
SPEECH = Unit("r1", "paragraph", 10, "He described the tracing of firearms. It was useful.")


def test_a_pronoun_gets_its_antecedent_or_an_attribution():
    inside = attributed(Quote(PARA, 1, "He provided an account of seizures.", 1.0))
    assert inside.text == "The representative of Mexico spoke. He provided an account of seizures."
    assert attributed(Quote(PARA, 1, "He provided an account of seizures.", 1.0), {0}).text == (
        "He provided an account of seizures."
    )
    opening = attributed(Quote(SPEECH, 0, "He described the tracing of firearms.", 1.0))
    assert opening.text == "One speaker described the tracing of firearms."
    plain = Quote(PARA, 0, "The representative of Mexico spoke.", 1.0)
    assert attributed(plain) is plain


def test_quotes_are_grouped_by_document_in_order_of_first_appearance():
    a1, a2 = (
        Unit("a", "paragraph", 1, "x", symbol="S/2025/303"),
        Unit("a", "paragraph", 2, "y", symbol="S/2025/303"),
    )
    b1 = Unit("b", "paragraph", 5, "z", symbol="S/2025/420")
    quotes = [Quote(a1, 0, "x", 1.0), Quote(b1, 0, "z", 0.9), Quote(a2, 0, "y", 0.8)]
    assert [q.unit.key for q in by_document(quotes)] == ["a:para 1", "a:para 2", "b:para 5"]


def test_the_support_score_is_in_the_answer_json():
    from rapporteur.assistant.types import Answer

    assert Answer("q", "t", support=0.123456).to_dict()["support"] == 0.1235
    assert Answer("q", "t").to_dict()["support"] is None


def test_names_are_the_capitalised_words_after_the_first():
    from rapporteur.assistant.terms import names

    assert names("What has the Security Council said about the Kashmir dispute?") == [
        "Security",
        "Council",
        "Kashmir",
    ]
    assert names("Who chaired Nigeria's delegation to The Bahamas meeting?") == [
        "Nigeria",
        "Bahamas",
    ]
    assert names("What did the CPC recommend in A/80/16?") == []  # acronyms are left out


def test_a_question_naming_what_no_document_mentions_is_refused(fake_searcher):
    from rapporteur.assistant.abstain import judge
    from rapporteur.assistant.answer import abstention_text

    question = "What did the Working Group recommend on firearms trafficking in Kashmir?"
    hits = fake_searcher.search(question, 8)
    verdict = judge(fake_searcher, question, question, hits)
    assert not verdict.answerable and verdict.how == "unknown-name"
    assert verdict.missing == ("Kashmir",)
    assert "no indexed document mentions “Kashmir”" in abstention_text(verdict)
    asked = "What did the Working Group recommend on firearms trafficking in Colombia?"
    assert judge(fake_searcher, asked, asked, fake_searcher.search(asked, 8)).how != "unknown-name"


def test_closeness_reads_the_sentences_sharing_most_question_words_of_a_long_unit():
    from rapporteur.assistant.abstain import _likeliest
    from rapporteur.core.words import tokenize

    words = set(tokenize("How many firearms were seized in Haiti?"))
    filler = [f"Delegate {n} spoke about the agenda." for n in range(30)]
    pieces = [*filler[:10], "In Haiti 120 firearms were seized.", *filler[10:]]
    kept = _likeliest(pieces, words, 12)
    assert len(kept) == 12 and "In Haiti 120 firearms were seized." in kept
    assert kept == [p for p in pieces if p in kept]  # still in text order
    assert _likeliest(pieces[:5], words, 12) == pieces[:5]  # a short unit is read whole
