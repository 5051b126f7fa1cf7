"""What a question says about itself (core/questions.py): its language (script shortcut, then
py3langid) and the documents and years it names."""

from rapporteur.core.questions import (
    is_foreign,
    language,
    named_documents,
    named_years,
    referenced_documents,
    without_document_names,
)


def test_each_un_language():
    assert language("What was recommended on iArms and the ATT?") == "en"
    assert language("Qu'a recommandé le Groupe de travail sur les armes à feu ?") == "fr"
    assert language("¿Qué se recomendó sobre las criptomonedas?") == "es"
    assert language("Что было рекомендовано в отношении криптовалют?") == "ru"
    assert language("ما الذي أوصي به بشأن العملات المشفرة؟") == "ar"
    assert language("关于加密货币有什么建议") == "zh"


def test_script_decides_over_latin_names():
    # Cyrillic letters are most of the letters: Russian, though it names iArms and ATT.
    assert language("Что сказано об iArms и ATT в докладе?") == "ru"


def test_no_letters_is_english():
    assert language("2019/25") == "en"
    assert not is_foreign("")


def test_is_foreign():
    assert is_foreign("Quels États ont signé le protocole ?")
    assert not is_foreign("Which States signed the protocol?")


def test_documents_are_named_by_full_symbol_or_resolution_number():
    symbols = {
        "a/res/73/146": "A_RES_73_146",
        "a/hrc/res/56/9": "A_HRC_RES_56_9",
        "s/2025/303": "S_2025_303",
        "a/res/73/1460": "other",
    }
    assert named_documents("What does A/RES/73/146 say?", symbols) == {"A_RES_73_146"}
    assert named_documents("what did resolution 73/146 decide", symbols) == {"A_RES_73_146"}
    assert named_documents("HRC res. 56/9 on civilian firearms", symbols) == {"A_HRC_RES_56_9"}
    assert named_documents("para 12 of S/2025/303", symbols) == {"S_2025_303"}
    assert (
        named_documents("meetings on 10/12 and the 73/146 figure", symbols) == set()
    )  # no "resolution"
    assert named_documents("What was recommended on marking?", symbols) == set()


def test_a_unit_references_document_by_key_symbol_or_bare_resolution_number():
    symbols = {"a/res/73/146": "A_RES_73_146", "a/hrc/res/73/146": "hrc", "s/2025/303": "S"}
    keys = {"A_RES_73_146", "hrc", "S", "wg6-2021"}
    assert referenced_documents("A/RES/73/146", symbols, keys) == {"A_RES_73_146"}
    assert referenced_documents("wg6-2021", symbols, keys) == {"wg6-2021"}
    assert referenced_documents("73/146", symbols, keys) == {"A_RES_73_146", "hrc"}
    assert referenced_documents("General Assembly resolution 73/146", symbols, keys) == {
        "A_RES_73_146", "hrc"}  # fmt: skip
    assert referenced_documents("S/RES/2769", symbols, keys) == set()  # not indexed
    assert referenced_documents("2021", symbols, keys) == set()


def test_resolutions_are_named_in_every_un_language_and_in_the_security_councils_form():
    symbols = {"a/res/79/189": "A_RES_79_189", "s/res/2769 (2025)": "S_RES_2769_2025"}
    ga, sc = {"A_RES_79_189"}, {"S_RES_2769_2025"}
    assert named_documents("Selon la résolution 79/189, quels acteurs ?", symbols) == ga
    assert named_documents("¿Qué pide la resolución 79/189?", symbols) == ga
    assert named_documents("Что требует резолюция 79/189?", symbols) == ga
    assert named_documents("ماذا يطلب القرار 79/189؟", symbols) == ga
    assert named_documents("联合国大会第79/189号决议要求什么？", symbols) == ga
    assert named_documents("What does resolution 2769 (2025) allow?", symbols) == sc
    assert named_documents("resolution 2769(2025)", symbols) == sc
    assert named_documents("مجلس الأمن في قراره 2769 (2025)", symbols) == sc
    assert named_documents("安理会第2769（2025）号决议", symbols) == sc
    assert named_documents("resolution 2769 (2024)", symbols) == set()  # another year
    assert named_documents("2769 (2025) people were displaced", symbols) == set()


def test_document_names_are_taken_out_of_what_the_evidence_must_mention():
    symbols = {"a/res/78/228": "A_RES_78_228", "a/res/73/146": "A_RES_73_146"}
    assert "228" not in without_document_names("What does A/RES/78/228 request?", symbols)
    assert (
        without_document_names("What did resolution 73/146 say?", symbols)
        == "What did resolution say?"
    )
    assert (
        without_document_names("What did resolution 99/1 say?", symbols)
        == "What did resolution 99/1 say?"
    )
    assert (
        without_document_names("Selon la résolution 73/146, quels acteurs ?", symbols)
        == "Selon la résolution, quels acteurs ?"
    )


def test_years_of_documents_are_named_only_with_a_document_word():
    assert named_years("What did the 2019 report say about marking?") == {2019}
    assert named_years("What did the resolutions of 2015 and the 2021 session decide?") == {
        2015,
        2021,
    }
    assert (
        named_years("How many firearms were seized in 2019?") == set()
    )  # a fact's year, not a document's
    assert "2019" not in without_document_names("What did the 2019 report say about marking?", {})
    assert "2019" in without_document_names("How many firearms were seized in 2019?", {})


def test_non_latin_scripts_take_the_multilingual_route():
    assert is_foreign("Что было рекомендовано в отношении криптовалют?")
    assert is_foreign("ما الذي أوصي به بشأن العملات المشفرة؟")
    assert is_foreign("关于加密货币有什么建议")
    assert is_foreign("¿Qué se recomendó sobre las criptomonedas?")
    assert not is_foreign("What was recommended on iArms and the ATT?")


def test_asking_what_was_recommended_is_recognised_in_other_scripts():
    from rapporteur.core.questions import RECOMMEND_INTENT

    for question in [
        "Что было рекомендовано в отношении криптовалют?",
        "关于加密货币有什么建议",
        "ما الذي أوصي به بشأن العملات المشفرة؟",
        "¿Qué se recomendó sobre las criptomonedas?",
    ]:
        assert RECOMMEND_INTENT.search(question), question
    assert not RECOMMEND_INTENT.search("Что говорилось о гендерной перспективе?")  # "what was said"
