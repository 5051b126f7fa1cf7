"""Language of a question (index/questions.language): script shortcut, then py3langid."""

from rapporteur.index.questions import is_foreign, language


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
