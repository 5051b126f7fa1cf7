"""The assistant's answers without real models: citation checks, follow-ups, sentence choice,
abstention and the generative path with LangChain's fake chat models."""

from __future__ import annotations

import numpy as np
import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from rapporteur.assistant.abstain import match_terms, missing_share
from rapporteur.assistant.answer import answer, ask_stream
from rapporteur.assistant.citations import check_citations, cite_sentences, references
from rapporteur.assistant.followup import standalone_question
from rapporteur.assistant.generate import (
    Generator,
    build_messages,
    chat_model_from,
    generative_answer,
    supported,
)
from rapporteur.assistant.select import (
    MAX_UNITS,
    Quote,
    score_sentences,
    segments,
    select_sentences,
    trim,
)
from rapporteur.assistant.types import Answer
from rapporteur.core.config import SearchConfig
from rapporteur.core.errors import ConfigError
from rapporteur.core.filters import Filters
from rapporteur.core.settings import Settings
from rapporteur.core.tokens import count_tokens
from rapporteur.core.units import Hit, Unit
from rapporteur.index.dense import Dense
from rapporteur.index.embedders import FakeEmbedder
from rapporteur.index.lexical import Lexical
from rapporteur.index.search import Searcher

REC18 = Unit(
    "wg6-2021",
    "recommendation",
    18,
    "Acknowledging that illicit firearms are occasionally purchased on the darknet and paid for "
    "with cryptocurrencies, States are invited to promote, adopt, improve and implement existing "
    "applicable international obligations and standards for the regulation of all kinds of assets "
    "to prevent illicit firearms trafficking.",
    section="II. Recommendations",
)
REC22 = Unit(
    "wg6-2021",
    "recommendation",
    22,
    "UNODC should continue to provide capacity-building in identifying and seizing "
    "cryptocurrencies as proceeds of illicit firearms trafficking cases.",
)
REC27 = Unit(
    "wg6-2021",
    "recommendation",
    27,
    "In line with the Firearms Protocol, States parties should apply markings to all "
    "firearms and consider any unmarked firearms as illicit.",
)
REC41 = Unit(
    "wg6-2021",
    "recommendation",
    41,
    "States should establish effective protocols for the disposal of seized and "
    "confiscated firearms, their parts and components and ammunition.",
)
PARA9 = Unit(
    "wg6-2021",
    "paragraph",
    9,
    "The representative delivered a presentation on the use of cryptocurrencies as a "
    "means of payment in illicit firearms trafficking, including the purchase of weapons "
    "from the darknet. He described the challenges faced in financial investigations.",
    section="III. Summary of deliberations",
)
PARA40 = Unit(
    "wg6-2021",
    "paragraph",
    40,
    "The Working Group on Firearms met in Vienna from 10 to 12 May 2021, holding a "
    "total of five meetings.",
)
OP5 = Unit(
    "A_RES_73_146",
    "operative",
    5,
    "Calls upon States to criminalize trafficking.",
    symbol="A/RES/73/146",
)
ART5 = Unit(
    "A_RES_55_25",
    "article",
    5,
    "Each State Party shall adopt measures.",
    part="annex I",
    symbol="A/RES/55/25",
)
EVIDENCE = [REC18, REC22, PARA9]


# --- citations --------------------------------------------------------------------------------


def test_a_key_to_a_unit_not_retrieved_is_removed_with_its_sentence():
    text = (
        "Firearms are bought on the darknet [wg6-2021:rec 18]. "
        "Cryptocurrencies were banned [wg6-2021:rec 99]."
    )
    clean, cited = check_citations(text, EVIDENCE)
    assert clean == "Firearms are bought on the darknet (recommendation 18)."
    assert cited == (REC18,)


def test_prose_references_are_checked_too():
    text = (
        "States are invited to regulate assets (recommendation 18). "
        "A presentation was given (para. 9). Seizures fell (para. 24)."
    )
    clean, cited = check_citations(text, EVIDENCE)
    assert clean == (
        "States are invited to regulate assets (recommendation 18). "
        "A presentation was given (para. 9)."
    )
    assert cited == (REC18, PARA9)


def test_a_sentence_keeps_its_valid_references_and_loses_the_others():
    clean, cited = check_citations(
        "Cryptocurrencies matter [wg6-2021:rec 18; wg6-2021:rec 7].", EVIDENCE
    )
    assert clean == "Cryptocurrencies matter (recommendation 18)."
    clean, cited = check_citations("Both said so (recommendations 18 and 3).", EVIDENCE)
    assert clean == "Both said so (recommendation 18)." and cited == (REC18,)


def test_several_references_become_one_un_style_citation():
    clean, cited = check_citations(
        "UNODC should help [wg6-2021:rec 18] (recommendation 22) [wg6-2021:para 9].", EVIDENCE
    )
    assert clean == "UNODC should help (recommendations 18 and 22; para. 9)."
    assert cited == (REC18, REC22, PARA9)
    assert check_citations("Both (recommendations 18 and 22).", EVIDENCE)[1] == (REC18, REC22)


def test_parentheses_that_are_not_citations_are_left_alone():
    text = (
        "UNODC (the Office) helps. The list (CTOC/COP/WG.6/2021/1) was read (para. 9). "
        "Two items: (a) one; (b) two."
    )
    clean, cited = check_citations(text, EVIDENCE)
    assert clean == text and cited == (PARA9,)


def test_a_key_after_the_full_stop_moves_in_front_of_it():
    clean, _ = check_citations("Firearms are bought online. [wg6-2021:rec 18]", EVIDENCE)
    assert clean == "Firearms are bought online (recommendation 18)."


def test_require_drops_sentences_that_cite_nothing():
    text = "Here is what was said. Firearms are bought online [wg6-2021:rec 18]."
    assert check_citations(text, EVIDENCE)[0].startswith("Here is what was said.")
    assert check_citations(text, EVIDENCE, require=True)[0] == (
        "Firearms are bought online (recommendation 18)."
    )


def test_bare_label_keys_and_prose_keys_resolve_when_unambiguous():
    assert check_citations("Online [rec 18].", EVIDENCE)[1] == (REC18,)
    assert check_citations("Online [wg6-2021:recommendation 18].", EVIDENCE)[1] == (REC18,)
    assert check_citations("Online [para 99].", EVIDENCE)[0] == ""


def test_other_documents_are_named_by_symbol():
    clean, _cited = check_citations("States act [A_RES_73_146:OP 5].", [*EVIDENCE, OP5])
    assert clean == "States act (OP 5, A/RES/73/146)."
    clean, _ = check_citations(
        "States act (OP 5, A/RES/73/146). Online [wg6-2021:rec 18].", [*EVIDENCE, OP5]
    )
    # two documents cited: the one without a symbol is named by its key
    assert clean == "States act (OP 5, A/RES/73/146). Online (recommendation 18, wg6-2021)."
    assert check_citations("Wrong document (OP 5, A/RES/99/1).", [OP5])[0] == ""
    assert check_citations("Annex (article 5 of annex I, A/RES/55/25).", [ART5])[1] == (ART5,)
    assert check_citations("Body, not annex (article 5, A/RES/55/25).", [ART5])[0] == ""


def test_references_group_numbers_of_one_kind():
    assert references([REC18, REC22, PARA9]) == "recommendations 18 and 22; para. 9"
    assert references([OP5]) == "OP 5, A/RES/73/146"


def test_cited_sentences_know_their_bare_text():
    [s] = cite_sentences("Firearms are bought online [wg6-2021:rec 18].", EVIDENCE)
    assert s.bare == "Firearms are bought online." and s.units == (REC18,)


# --- follow-ups -------------------------------------------------------------------------------


def history(*questions: str) -> list[dict]:
    turns = []
    for q in questions:
        turns += [{"role": "user", "content": q}, {"role": "assistant", "content": "…"}]
    return turns


def test_an_elliptical_follow_up_joins_the_previous_question():
    marking = "What is recommended about marking essential parts and components of firearms?"
    standalone, focus = standalone_question("and what about ammunition?", history(marking))
    assert standalone == (
        "What is recommended about marking essential parts and components of "
        "firearms, and about ammunition?"
    )
    assert focus == "ammunition"
    assert standalone_question(
        "And in Nigeria?", history("Why did seizures fall in Colombia?")
    ) == ("Why did seizures fall in Colombia, and in Nigeria?", "in Nigeria")


def test_follow_ups_of_follow_ups_join_the_last_full_question():
    turns = history("What was recommended about marking?", "and what about ammunition?")
    assert standalone_question("and on cryptocurrencies?", turns)[0] == (
        "What was recommended about marking, and on cryptocurrencies?"
    )


def test_a_pronoun_takes_the_previous_topic():
    turns = history("What was said about the ballistic comparison system?")
    assert standalone_question("Who presented it?", turns)[0] == (
        "Who presented the ballistic comparison system?"
    )
    turns = history("What agenda did the Working Group adopt?")  # no "about …" topic
    assert standalone_question("Was that adopted by consensus?", turns) == (
        "What agenda did the Working Group adopt? Was that adopted by consensus?",
        "Was that adopted by consensus?",
    )


def test_full_questions_and_first_questions_stay_as_they_are():
    q = "What did speakers say about arms embargoes?"
    assert standalone_question(q, history("What was recommended on marking?")) == (q, q)
    assert (
        standalone_question("and what about ammunition?", None)[0] == "and what about ammunition?"
    )
    also = "Also, what did speakers say about brokers?"
    assert standalone_question(also, history("What about marking?"))[0] == also


# --- sentences --------------------------------------------------------------------------------


AGENDA = (
    "At its 1st meeting, the Working Group adopted the following agenda:\n"
    "1. Organizational matters:\n(a) Opening of the meeting;\n(b) Adoption of the agenda.\n"
    "2. Other matters.\n3. Adoption of the report."
)


def test_a_list_stays_one_sentence_with_its_lead():
    assert segments(AGENDA) == [
        (
            "At its 1st meeting, the Working Group adopted the following agenda: 1. Organizational "
            "matters: (a) Opening of the meeting; (b) Adoption of the agenda. 2. Other matters. "
            "3. Adoption of the report."
        )
    ]
    assert segments("One sentence. Two sentences.") == ["One sentence.", "Two sentences."]


def test_a_long_list_keeps_the_items_that_answer():
    items = [
        f"({c}) Topic number {i} about {w} and many other words to make it long;"
        for i, (c, w) in enumerate(
            zip(
                "abcdefgh",
                [
                    "gender",
                    "victims",
                    "ammunition",
                    "brokers",
                    "ghost guns",
                    "crime",
                    "data",
                    "tracing",
                ],
            )
        )
    ]
    text = "Possible topics for future sessions: " + " ".join(items * 2)
    short, compared = trim(text, lambda t: float("brokers" in t))
    assert short.startswith(
        "Possible topics for future sessions: … (d) Topic number 3 about brokers"
    )
    assert short.endswith("…") and "gender" not in short and compared == short
    assert trim(AGENDA.replace("\n", " "), lambda t: 0.0)[0] == AGENDA.replace("\n", " ")


def test_terms_are_found_exactly_by_prefix_or_by_a_close_vector():
    texts = ["Cryptocurrencies and firearms were seized in 2020."]

    def similar(a, b):  # "guns" is close to "firearms", nothing else is
        return np.array([[1.0 if (x, y) == ("guns", "firearms") else 0.0 for y in b] for x in a])

    found = match_terms(
        {"crypto": "crypto", "gun": "guns", "seiz": "seized", "2019": "2019", "budget": "budget"},
        texts,
        similar,
    )
    assert set(found) == {"crypto", "gun", "seiz"}
    assert found["gun"] == ("firearms",)
    assert missing_share({"gun": 1.0, "budget": 3.0}, set(found)) == 0.75


def hits_of(*units: Unit) -> list[Hit]:
    return [Hit(u, 1.0 - i * 0.05) for i, u in enumerate(units)]


def test_sentences_that_contain_the_question_win_and_group_by_unit():
    terms = {"cryptocurr": 2.0, "darknet": 2.0}
    quotes = score_sentences(terms, {}, hits_of(PARA9, REC18, REC41))
    picked = select_sentences(quotes, recommend_first=True)
    assert [q.unit for q in picked] == [REC18, PARA9]  # recommendations first when asked
    assert "challenges" not in " ".join(q.text for q in picked)
    assert [q.unit for q in select_sentences(quotes)] == [PARA9, REC18]


def test_selection_is_bounded():
    quotes = [Quote(Unit("d", "paragraph", i, f"s{i}"), 0, f"Sentence {i}.", 1.0) for i in range(9)]
    assert len(select_sentences(quotes)) == MAX_UNITS  # one sentence per unit, MAX_UNITS units
    long = [Quote(Unit("d", "paragraph", i, "x"), 0, "word " * 120, 1.0) for i in range(3)]
    assert len(select_sentences(long)) == 1  # the best always goes in; the budget stops the rest
    named = [Quote(Unit("d", "operative", n, "x", ordinal=n), 0, "word " * 120, 1.0 - n / 10)
             for n in (4, 2, 3)]  # fmt: skip
    picked = select_sentences(named, every_unit=True)  # units a question names: each, in order
    assert [q.unit.number for q in picked] == [2, 3, 4]


# --- answers over a toy index -----------------------------------------------------------------

UNITS = [REC18, REC22, REC27, REC41, PARA9, PARA40]
# The toy answers test the answerer's own steps: the verdict's judge is off here and tested on
# its own (test_the_verdict_refuses_evidence_no_sentence_of_which_answers).
FAKE = SearchConfig.plain({"bm25": 0.5, "fake": 0.5}, verdict_floor=None)


@pytest.fixture(scope="module")
def toy():
    embedder = FakeEmbedder()
    texts = [u.text for u in UNITS]
    dense = Dense.build(embedder.embed_passages(texts), np.arange(len(UNITS)), len(UNITS))
    return Searcher(UNITS, Lexical.build(texts), {"fake": dense}, {"fake": embedder}, {})


def test_an_answer_quotes_the_unit_and_cites_it(toy):
    a = answer("What was recommended about cryptocurrencies and the darknet?", toy, config=FAKE)
    assert not a.abstained and a.citations[0] == REC18
    assert a.text.startswith("Acknowledging that illicit firearms")
    assert "(recommendation 18)." in a.text
    assert {u.id for u in a.citations} <= {h.unit.id for h in a.evidence}


def test_a_question_the_units_do_not_address_is_abstained_on(toy):
    a = answer(
        "What did the Working Group decide about the budget for climate finance?", toy, config=FAKE
    )
    assert a.abstained and not a.citations and a.closest
    # "finance" is found: "financial" in para 9 shares its first five letters
    assert a.text == (
        "The indexed reports do not address this question: none of the closest "
        "passages mentions “budget” or “climate”."
    )


def test_a_follow_up_is_searched_as_a_standalone_question(toy):
    turns = history("What should States do with seized firearms?")
    a = answer("and what about unmarked ones?", toy, history=turns, config=FAKE)
    assert a.standalone == "What should States do with seized firearms, and about unmarked ones?"
    assert REC27 in a.citations


def test_filters_limit_the_evidence(toy):
    a = answer(
        "What was said about cryptocurrencies?",
        toy,
        filters=Filters(kinds=("paragraph",)),
        config=FAKE,
    )
    assert {u.kind for u in a.citations} == {"paragraph"}


def test_the_stream_is_the_answer_sentence_by_sentence(toy):
    *chunks, final = ask_stream("What was recommended about cryptocurrencies?", toy, config=FAKE)
    assert isinstance(final, Answer) and "".join(chunks) == final.text
    assert len(chunks) == len(final.citations) >= 2


SPOTLIGHT = (
    "Some 548 laws and policies to end violence against women and girls have been signed or "
    "strengthened with the Spotlight Initiative's support."
)


def test_the_same_words_in_two_documents_are_quoted_once_and_both_are_cited():
    old = Unit(
        "E_CN.6_2025_3", "paragraph", 170, SPOTLIGHT, symbol="E/CN.6/2025/3", date="2024-12-10"
    )
    rev = Unit(
        "E_CN.6_2025_3_Rev.1",
        "paragraph",
        170,
        SPOTLIGHT,
        symbol="E/CN.6/2025/3/Rev.1",
        date="2025-02-03",
    )
    other = Unit(
        "A_80_1", "paragraph", 4, "Partners delivered aid to 116 million people.", symbol="A/80/1"
    )
    units = [old, rev, other]
    embedder = FakeEmbedder()
    texts = [u.text for u in units]
    dense = Dense.build(embedder.embed_passages(texts), np.arange(len(units)), len(units))
    searcher = Searcher(units, Lexical.build(texts), {"fake": dense}, {"fake": embedder}, {})
    a = answer(
        "How many laws against violence did the Spotlight Initiative support?",
        searcher,
        config=FAKE,
    )
    assert a.text.count("Some 548 laws") == 1
    # the newer document (the revision) first, its twin beside it
    assert "(para. 170, E/CN.6/2025/3/Rev.1; para. 170, E/CN.6/2025/3)." in a.text
    assert {old, rev} <= set(a.citations)


def test_twins_are_found_among_the_quoted_units_only():
    from rapporteur.assistant.select import distinct

    a = Unit("d1", "paragraph", 1, "Same words, here.")
    b = Unit("d2", "paragraph", 7, "Same  words here")
    c = Unit("d3", "paragraph", 2, "Other words.")
    d = Unit("d4", "paragraph", 3, "Same words here.")
    kept, twins = distinct(hits_of(a, c, b, d), 3)
    assert [h.unit for h in kept] == [a, c] and twins == {a.id: (b,)}  # d is past the first 3
    newer = Unit("d5", "paragraph", 1, "Same words here.", date="2025-06-01")
    kept, twins = distinct(hits_of(a, newer), 4)
    assert [h.unit for h in kept] == [newer] and twins == {newer.id: (a,)}
    named = [Hit(a, 0.9, named=True), Hit(newer, 0.8)]
    kept, twins = distinct(named, 4)  # the unit the question names stays first
    assert [h.unit for h in kept] == [a] and twins == {a.id: (newer,)}


# --- generative answers with fake chat models -------------------------------------------------


class Boom(BaseChatModel):
    @property
    def _llm_type(self) -> str:
        return "boom"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        raise RuntimeError("connection refused")


def base_answer(question: str = "What was recommended on cryptocurrencies?") -> Answer:
    return Answer(question, "", evidence=tuple(hits_of(REC18, REC22, PARA9)), standalone=question)


def test_a_generated_key_to_a_unit_not_retrieved_is_removed():
    fake = FakeListChatModel(
        responses=[
            (
                "Illicit firearms are purchased on the darknet and paid for with cryptocurrencies "
                "[wg6-2021:rec 18]. The Working Group banned cryptocurrencies [wg6-2021:rec 99]."
            )
        ]
    )
    a = generative_answer(base_answer(), fake)
    assert a.text == (
        "Illicit firearms are purchased on the darknet and paid for with "
        "cryptocurrencies (recommendation 18)."
    )
    assert a.citations == (REC18,) and a.answerer == "generative:fake-list-chat-model"
    assert "1 generated sentence" in a.notice


def test_a_generated_sentence_the_cited_unit_does_not_support_is_dropped():
    fake = FakeListChatModel(
        responses=[
            (
                "UNODC should provide capacity-building on seizing cryptocurrencies [wg6-2021:rec 22]. "
                "In 2019 States agreed to ban bitcoin exchanges [wg6-2021:rec 22]."
            )
        ]
    )
    a = generative_answer(base_answer(), fake)
    assert a.citations == (REC22,) and "2019" not in a.text


def test_supported_needs_the_words_and_numbers_of_the_cited_unit():
    [good, wrong_unit, number] = cite_sentences(
        "States should regulate all kinds of assets [wg6-2021:rec 18]. "
        "States should regulate all kinds of assets [wg6-2021:rec 27]. "
        "In 2019 firearms were purchased on the darknet [wg6-2021:rec 18].",
        UNITS,
    )
    assert supported(good) and not supported(wrong_unit) and not supported(number)


def test_a_failing_model_falls_back_to_the_extractive_answer(toy):
    a = answer(
        "What was recommended about cryptocurrencies and the darknet?",
        toy,
        config=FAKE,
        generator=Boom(),
    )
    assert a.answerer == "extractive" and a.citations[0] == REC18
    assert a.notice.startswith("the generative answerer failed (connection refused)")


def test_a_model_that_finds_no_answer_falls_back_too(toy):
    a = answer(
        "What was recommended about cryptocurrencies?",
        toy,
        config=FAKE,
        generator=FakeListChatModel(responses=["NOT IN EVIDENCE"]),
    )
    assert a.answerer == "extractive" and a.citations and "no answer in the evidence" in a.notice


def test_the_model_is_not_asked_when_the_evidence_does_not_address_the_question(toy):
    a = answer("Who won the FIFA World Cup?", toy, config=FAKE, generator=Boom())
    assert a.abstained and a.notice is None


def test_the_prompt_quotes_the_evidence_under_keys_within_the_budget():
    hits = hits_of(REC18, REC22, PARA9)
    [(_, system), (_, user)] = build_messages(
        "What about crypto?", hits, [{"role": "user", "content": "Hi"}], 3000
    )
    assert "[wg6-2021:rec 18] (recommendation 18, wg6-2021 — II. Recommendations)" in user
    assert "“Acknowledging that illicit firearms" in user and "User: Hi" in user
    assert user.endswith("Question: What about crypto?") and "[wg6-2021:rec 18]" in system
    small = build_messages("What about crypto?", hits, None, count_tokens(system) + 120)
    assert "[wg6-2021:rec 22]" not in small[1][1] and "[wg6-2021:rec 18]" in small[1][1]
    assert count_tokens(small[0][1] + small[1][1]) <= count_tokens(system) + 120


def test_generative_settings():
    assert chat_model_from(Settings()) is None
    with pytest.raises(ConfigError, match="RAPPORTEUR_LLM_MODEL_PATH"):
        chat_model_from(Settings(llm_model_path="/no/such/model.gguf"))
    try:
        import langchain_openai  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigError, match="pip install 'rapporteur\\[openai\\]'"):
            chat_model_from(Settings(llm_base_url="http://127.0.0.1:9/v1"))
    assert Generator(Boom(), "boom").context_tokens == 3000


def test_a_local_gguf_model_runs_behind_our_langchain_adapter(tmp_path, monkeypatch):
    import sys
    import types

    from rapporteur.assistant import generate

    calls = []

    class FakeLlama:
        def __init__(self, model_path, n_ctx, verbose):
            calls.append(("load", model_path, n_ctx))

        def create_chat_completion(self, messages, max_tokens, temperature, stop):
            calls.append(("chat", [m["role"] for m in messages], max_tokens))
            return {
                "choices": [
                    {
                        "message": {
                            "content": "Illicit firearms are purchased on the darknet [rec 18]."
                        }
                    }
                ]
            }

    monkeypatch.setitem(sys.modules, "llama_cpp", types.SimpleNamespace(Llama=FakeLlama))
    generate._llama.cache_clear()
    path = tmp_path / "tiny.gguf"
    path.write_bytes(b"GGUF")
    model = chat_model_from(Settings(llm_model_path=path, llm_max_tokens=50))
    reply = model.invoke([("system", "rules"), ("human", "question")])
    assert reply.content == "Illicit firearms are purchased on the darknet [rec 18]."
    assert calls == [("load", str(path), 3000 + 50 + 256), ("chat", ["system", "user"], 50)]
    a = generative_answer(base_answer(), generate.Generator(model, generate.model_name(model)))
    assert a.answerer == "generative:tiny.gguf" and a.citations == (REC18,)
    generate._llama.cache_clear()


def test_the_sentence_floor_refuses_evidence_no_sentence_of_which_is_close():
    from rapporteur.assistant.abstain import Judgement, _unrelated
    from rapporteur.assistant.answer import abstention_text

    unit = Unit("d", "paragraph", 1, "Sanctions were mentioned.")
    far = [Hit(unit, 0.9, rerank=0.31), Hit(unit, 0.8, rerank=0.36)]
    assert _unrelated(far, 0.40)
    assert not _unrelated([*far, Hit(unit, 0.7, rerank=0.52)], 0.40)
    assert not _unrelated([Hit(unit, 0.9, {"bm25": 3.0})], 0.40)  # no second stage: no verdict
    text = abstention_text(Judgement(False, how="unrelated"))
    assert text.startswith("The indexed reports do not address this question") and "close" in text


def test_footnotes_are_quoted_only_when_nothing_else_was_found():
    note = Unit(
        "wg6-2021",
        "footnote",
        3,
        "Report on cryptocurrencies and the darknet, recommended on cryptocurrencies, "
        "available at www.example.org/cryptocurrencies-darknet.",
    )
    units = [REC18, REC22, note]
    embedder = FakeEmbedder()
    texts = [u.text for u in units]
    dense = Dense.build(embedder.embed_passages(texts), np.arange(len(units)), len(units))
    searcher = Searcher(units, Lexical.build(texts), {"fake": dense}, {"fake": embedder}, {})
    question = "What was recommended about cryptocurrencies and the darknet?"
    assert note in [h.unit for h in searcher.search(question, 3, config=FAKE)]
    a = answer(question, searcher, config=FAKE)
    assert not a.abstained and REC18 in a.citations and note not in a.citations
    alone = answer(question, searcher, filters=Filters(kinds=("footnote",)), config=FAKE)
    assert alone.citations == (note,)


def test_units_the_question_names_are_each_quoted_and_nothing_else(toy):
    a = answer("What do recommendations 22 and 18 say?", toy, config=FAKE)
    assert not a.abstained and a.citations == (REC18, REC22)  # in the report's order
    both = answer("recommendations 27 and 41 on firearms and cryptocurrencies", toy, config=FAKE)
    assert set(both.citations) == {REC27, REC41}  # not rec 18, which speaks of cryptocurrencies
    one = answer(
        "What does paragraph 40 say about cryptocurrencies and the darknet?", toy, config=FAKE
    )
    assert one.citations == (PARA40,) and one.text.startswith("The Working Group on Firearms met")


def test_a_unit_its_document_does_not_have_is_refused_by_name(toy):
    a = answer("What does recommendation 99 of wg6-2021 say?", toy, config=FAKE)
    assert a.abstained and a.support is None
    assert a.text.endswith("wg6-2021 has no recommendation 99.")


def test_a_follow_up_naming_a_unit_is_answered_from_that_unit(toy):
    turns = [{"role": "user", "content": "What does recommendation 18 say?"}]
    a = answer("And recommendation 22?", toy, history=turns, config=FAKE)
    assert "recommendation 18" in a.standalone and a.citations == (REC22,)


def test_caption_and_source_lines_are_not_quoted():
    text = (
        "Seizures point to the scale of trafficking. A cache was intercepted in February.\n"
        "Figure II Firearms intercepted on 25 February 2025 Source: Diario Libre, www.example.org.\n"
        "Table 3 shows the seizures by month.\n"
        "Source: national police."
    )
    assert segments(text) == [
        "Seizures point to the scale of trafficking.",
        "A cache was intercepted in February.",
        "Table 3 shows the seizures by month.",
    ]
    caption = "Map 1 Expansion of criminal groups, March to June 2025"
    assert segments(caption) == [caption]  # all the unit holds: kept


def test_the_verdict_refuses_evidence_no_sentence_of_which_answers(toy, monkeypatch):
    """An English question whose words are all found is still refused when the verdict model
    reads none of the likeliest sentences as an answer; the floor and the model's reading are
    what decide (the model itself is tested in tests/index/test_verdict.py)."""
    from dataclasses import replace

    read: list[list[Unit]] = []

    def verdicts(logit):
        def score(question, units):
            read.append(list(units))
            return np.full(len(units), logit, dtype=np.float32)

        return score

    question = "What was recommended on cryptocurrencies?"
    monkeypatch.setattr(toy, "verdicts", verdicts(-5.0))
    a = answer(question, toy, config=replace(FAKE, verdict_floor=-2.0))
    assert a.abstained and not a.citations and a.closest
    assert a.text.endswith("none answers what it asks.")
    # it read the evidence (FAKE's search has no verdict stage: only the judge read it)
    assert len(read) == 1 and read[0] == [h.unit for h in a.evidence] and REC18 in read[0]
    monkeypatch.setattr(toy, "verdicts", verdicts(-1.0))
    assert REC18 in answer(question, toy, config=replace(FAKE, verdict_floor=-2.0)).citations
    monkeypatch.setattr(toy, "verdicts", verdicts(-5.0))
    read.clear()
    off = answer(question, toy, config=replace(FAKE, verdict_floor=None))
    assert REC18 in off.citations and not read  # off: the model is not read
    foreign = answer("¿Qué se recomendó sobre las criptomonedas?", toy, config=FAKE)
    assert not read and not foreign.text.endswith("none answers what it asks.")  # English only
