"""Words for search and evidence (core/words.py): BM25 tokens, stopwords, a question's content words."""

from rapporteur.core.words import phrases, tokenize, topic, words_and_pairs


def test_tokenizer_keeps_symbols_acronyms_and_numbers():
    tokens = tokenize("See CTOC/COP/WG.6/2021/INF/1/Rev.1 on iArms and target 16.4.")
    assert tokens == ["see", "ctoc/cop/wg.6/2021/inf/1/rev.1", "iarm", "target", "16.4"]


def test_tokenizer_stems_and_drops_question_words():
    assert tokenize("What was recommended on cryptocurrencies?") == ["recommend", "cryptocurr"]
    assert tokenize("money-laundering") == ["money-laund", "money", "launder"]


def test_phrases_drop_the_question_frame_and_keep_pairs_as_written():
    assert phrases("Qu'a-t-on dit sur le blanchiment d'argent ?") == [
        "blanchiment",
        "argent",
        "blanchiment d'argent",
    ]
    found = phrases("¿Qué se recomendó sobre el registro de armas de fuego?")
    assert found[:3] == ["registro", "armas", "fuego"] and "armas de fuego" in found
    assert phrases("¿Qué se dijo?") == []


def test_words_and_pairs_can_skip_framing_words_and_pair_across_them():
    words, pairs = words_and_pairs(
        "¿Qué dijo el Grupo de Trabajo sobre la financiación de las elecciones?",
        frozenset({"grupo", "trabajo"}),
    )
    assert words == ["financiación", "elecciones"]
    assert pairs == [(0, "financiación de las elecciones")]


def test_topic_is_the_question_from_its_first_content_word():
    assert (
        topic("¿Qué se recomendó sobre el registro de armas de fuego?")
        == "registro de armas de fuego"
    )
    assert topic("Qu'a-t-on dit sur la corruption ?") == "corruption"
    assert topic("¿Qué se dijo?") == "¿Qué se dijo?"  # nothing to keep: the question as asked


def test_a_chinese_question_gives_words_and_adjacent_pairs():
    question = "联合国大会将哪一天定为预防和打击跨国有组织犯罪国际日？由谁来承担费用？"
    words, pairs = words_and_pairs(question)
    assert "犯罪" in words and "预防" in words and len(words) > 5
    assert all(len(w) <= 6 for w in words)  # words, not the whole clause
    assert "哪一天" not in words and "由谁来" not in words  # question frames
    # a pair never spans the question mark between two clauses
    assert not any("？" in p for _, p in pairs)
