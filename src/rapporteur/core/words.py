"""Words of a text for search and evidence checks, written once (pure): BM25's stemmed tokens
with UN symbols whole, English and other-language stopwords, and a question's content words.

The index tokenises units and questions with these; the answerer checks its evidence with the
same words, so both sides agree on what a word is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from rapporteur.core.grammar import SYMBOL
from rapporteur.core.text import HAN, TOKEN_WORD, han_spans
from rapporteur.core.text import LETTER_WORD as WORD

# UN document symbols ("CTOC/COP/WG.6/2021/INF/1/Rev.1", "A/RES/73/146", "S/2025/303") stay one token;
# so do words with inner hyphens or dots ("money-laundering", "16.4"), whose parts are added too.
TOKEN = re.compile(f"(?P<symbol>{SYMBOL.pattern})|{TOKEN_WORD.pattern}")
# English function words (and a few question verbs: "said", "tell", "regarding").
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    said say says tell told anything something regarding concerning
    """.split()
)
# Function words of the other UN languages (Spanish, French, Russian, Arabic; Chinese question
# frames once jieba has cut the words apart),
# and the question frames ("qu'a-t-on dit", "se recomendó") that carry no topic. The answerer's
# abstention check adds its framing words (assistant/terms.py) to these.
_FOREIGN_STOPWORDS = """a acerca al algo como cómo con cuál cuáles cuándo cuando cuánto cuántos cuántas de del donde
    dónde el ella en entre era es esa ese eso esta este esto estos estas hay la las le lo los más o
    para pero por porque qué que quién quiénes se según ser sin sobre su sus un una uno unos unas y
    ya respecto dijo dijeron dice dicho hizo hicieron decidió recomendó recomienda recomiendan
    recomendaron recomendado recomendación recomendaciones ha han sido fue fueron
    qu qu'a qu'a-t-on quoi quel quelle quels quelles qui quand combien pourquoi au aux avec ce ces
    cet cette comment dans de des du elle en est et il ils la le les leur leurs mais ou où par pas
    pour sa sans se selon son sont sous sur ta un une vos votre dit dire a-t-on décidé recommande
    recommande-t-on recommandent recommandé recommandée recommandations recommandation concernant
    concerne concernent sujet propos été était ont fait faire faut faut-il doit doivent peut
    peuvent porte portent debe deben deberían debería puede pueden hacer hace
    и в во не что как на о об по с со к у из за для это был была были ли
    какие какой какая какое каких каким сколько когда где кто чем почему этот эта эти этого
    который которая которые которых согласно также или при между после до
    ما ماذا هي هو التي الذي الذين اللذين في فيها فيه من إلى الى على عن مع هل كم كيف متى أين
    لماذا أي وفقا وفقاً حسب ذلك هذا هذه تلك كان كانت قد لم لا أن إن أو ثم بعد قبل بين عند
    لدى منذ حول خلال ضد وما وهل
    哪些 哪个 哪一天 哪里 什么 如何 怎样 为什么 多少 是否 由谁来 由谁 根据 关于 对于 以及"""
FOREIGN_STOPWORDS = frozenset(_FOREIGN_STOPWORDS.split())


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    """Lowercased, stemmed tokens; symbols whole; stopwords out (pure)."""
    tokens: list[str] = []
    for m in TOKEN.finditer(text):
        word = m.group().lower()
        if m["symbol"]:
            tokens.append(word.rstrip("."))
            continue
        parts = re.split(r"[-.'’]", word) if re.search(r"[-'’]", word) else []
        for w in [word, *parts]:
            if w and w not in STOPWORDS and not (len(w) == 1 and not w.isdigit()):
                tokens.append(w)
    stem = _stemmer().stemWord
    return [t if ("/" in t or any(c.isdigit() for c in t)) else stem(t) for t in tokens]


def _content_spans(query: str) -> list[tuple[int, int]]:
    """Where the question's content words are (function words and question frames left out)."""
    spans = []
    for m in WORD.finditer(query):
        if HAN.search(m.group()) and len(m.group()) > 3:  # Chinese: no spaces between words
            spans += [
                (a, b)
                for a, b in han_spans(m.group(), m.start())
                if query[a:b] not in FOREIGN_STOPWORDS
            ]
            continue
        word = re.sub(r"^[a-z]{1,2}['’]", "", m.group().lower())  # d'argent, l'arme, qu'a
        if len(word) > 1 and word not in FOREIGN_STOPWORDS and word not in STOPWORDS:
            spans.append((m.start() + len(m.group()) - len(word), m.end()))
    return spans


def topic(query: str) -> str:
    """The question from its first content word on, without the frame (pure):
    "¿Qué se recomendó sobre el registro de armas de fuego?" -> "registro de armas de fuego"."""
    spans = _content_spans(query)
    return query[spans[0][0] :].strip(" ?¿!¡.") if spans else query


def words_and_pairs(
    query: str, skip: frozenset[str] = frozenset()
) -> tuple[list[str], list[tuple[int, str]]]:
    """The question's content words, and each pair of neighbouring ones as written with the
    index of its first word (pure); ``skip`` drops more words (an answerer's framing words)."""
    spans = [(a, b) for a, b in _content_spans(query) if query[a:b].lower() not in skip]
    words = [query[a:b] for a, b in spans]
    pairs = [
        (i, query[a[0] : b[1]])
        for i, (a, b) in enumerate(pairwise(spans))
        if b[0] - a[1] <= (1 if HAN.match(query[b[0]]) else 12)  # Chinese: a word between at most
    ]
    return words, pairs


def phrases(query: str) -> list[str]:
    """The question's content words and each pair of neighbouring ones, as written (pure).

    A pair keeps the function words between ("armas de fuego"), so the encoder sees the phrase.
    """
    words, pairs = words_and_pairs(query)
    return list(dict.fromkeys(words + [p for _, p in pairs]))
