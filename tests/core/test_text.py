"""Sentence splitting and word patterns (pure)."""

from rapporteur.core.text import (
    DIFF_TOKEN,
    LETTER_WORD,
    LETTERS_OR_DIGITS,
    NUMBER,
    TOKEN_WORD,
    WORD,
    sentences,
    split_clauses,
    split_sentences,
)


def test_split_sentences_keeps_abbreviations_and_decimals():
    text = "See para. 12 of the report. Target 16.4 was met by the U.N. in 2021! Was it? Yes"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "See para. 12 of the report.",
        "Target 16.4 was met by the U.N. in 2021!",
        "Was it?",
        "Yes",
    ]
    assert split_sentences("  One.  Two.  ") == [(2, 6), (8, 12)]
    assert sentences("Recommendation 3\n\nStates should act.") == [
        "Recommendation 3",
        "States should act.",
    ]


def test_abbreviations_are_read_the_same_deep_inside_a_long_unit():
    # the word before each period is read from a short window, not from all the text before it
    long = "The Council met. " * 2000
    text = long + "It heard Mr. J. Smith of the U.N. on 3 May. He left."
    tail = [text[a:b] for a, b in split_sentences(text)][-2:]
    assert tail == ["It heard Mr. J. Smith of the U.N. on 3 May.", "He left."]
    assert len(split_sentences(text)) == 2002


def test_split_clauses():
    text = "States should mark firearms; keep records;  and trace them"
    assert [text[a:b] for a, b in split_clauses(text)] == [
        "States should mark firearms;", "keep records;", "and trace them"]  # fmt: skip


def test_clause_pieces_for_scoring():
    text = (
        "The Working Group recommended the following measures:\n"
        "(a) States should mark all firearms at the time of manufacture;\n"
        "(b) Keep records.\n"
        "Mr. Smith agreed with the recommendations of the Group. It ended."
    )
    assert sentences(text, clauses=True) == [
        "The Working Group recommended the following measures:",
        "(a) States should mark all firearms at the time of manufacture;",
        "(b) Keep records. Mr. Smith agreed with the recommendations of the Group. It ended.",
    ]
    assert sentences("Short.", clauses=True) == ["Short."]
    assert sentences("", clauses=True) == [""]


def test_word_patterns_differ_where_they_should():
    text = "Money-laundering d'argent 16.4 A/RES/73/146 Rights2, 1,200"
    assert WORD.findall(text) == [
        "Money-laundering",
        "d'argent",
        "16",
        "4",
        "A",
        "RES",
        "73",
        "146",
        "Rights2",
        "1",
        "200",
    ]
    assert TOKEN_WORD.findall(text)[:3] == ["Money-laundering", "d'argent", "16.4"]
    assert LETTERS_OR_DIGITS.findall("Rights2 16.4") == ["Rights", "2", "16", "4"]
    assert LETTER_WORD.findall("l'arme 2021 armes-") == ["l'arme", "armes"]
    assert DIFF_TOKEN.findall("See A/RES/73/146, now.") == ["See", "A/RES/73/146", ",", "now", "."]
    assert NUMBER.findall("16.4 and 1,200.") == ["16.4", "1,200."]


def test_chinese_is_cut_into_words():
    from rapporteur.core.text import han_spans

    text = "联合国大会将哪一天定为国际日"
    words = [text[a:b] for a, b in han_spans(text)]
    assert "联合国大会" in words and "国际" in words
    assert all(len(w) >= 2 for w in words)
    assert han_spans("国际日", 10)[0][0] == 10  # offsets are into the whole question


def test_chinese_word_lists_load_before_the_first_question():
    import jieba

    from rapporteur.core.text import load_word_lists

    load_word_lists()  # what a server's warm-up calls
    assert jieba.dt.initialized
