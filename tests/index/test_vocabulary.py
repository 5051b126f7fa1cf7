"""index/vocabulary.py: document frequencies, IDF and whether a word occurs at all."""

from rapporteur.index.lexical import Lexical
from rapporteur.index.vocabulary import Vocabulary

TEXTS = ["States should mark firearms.", "Firearms trafficking in Nigeria.", "The meeting closed."]


def test_counts_come_from_bm25_or_from_the_texts():
    from_bm25 = Vocabulary(Lexical.build(TEXTS).document_frequencies, TEXTS)

    def no_columns():
        raise AttributeError("no per-term columns")

    counted = Vocabulary(no_columns, TEXTS)
    assert from_bm25.frequencies()[0]["firearm"] == counted.frequencies()[0]["firearm"] == 2
    assert from_bm25.idf("firearm") == counted.idf("firearm") < counted.idf("meet")
    assert counted.idf("absent") > counted.idf("meet")


def test_mentions_by_stem_or_a_shared_five_letter_prefix():
    vocabulary = Vocabulary(Lexical.build(TEXTS).document_frequencies, TEXTS)
    assert vocabulary.mentions("firearm") and vocabulary.mentions("Trafficked")
    assert vocabulary.mentions("Nigerian")  # "nigeria" shares "niger"
    assert not vocabulary.mentions("Kashmir")
    assert not vocabulary.mentions("the")  # no stem at all
