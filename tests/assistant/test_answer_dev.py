"""Answers over the seed report with the real models: dev questions and our own answers set.

Figures are printed with ``pytest -s``. The answers set (``eval/seed/answers.jsonl``,
eval/seed/README.md) has 20 answerable paraphrases (3 Spanish/French) and 18 questions the
report does not answer (5 Spanish/French).
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

import pytest

from rapporteur.assistant.answer import answer
from rapporteur.core.config import config_from
from tests.conftest import EVAL_DIR, ROOT

pytestmark = pytest.mark.model

DEV = EVAL_DIR / "dev_questions.jsonl"
ANSWERS = ROOT / "eval" / "seed" / "answers.jsonl"
# Known misses, kept in the set so the figures show them: "smuggling of migrants" meets
# "trafficking" and "immigration" (USE-m3 0.70, 0.80: words a paraphrase may use for firearms
# trafficking, so they count as found); "the General Assembly … the budget of UNODC for 2022"
# finds every word but "budget", which then carries too small a share (0.28) of the question to
# refuse. "sanctions … Security Council … Libya" (each word in a different passage) is caught by
# the best-sentence floor; Spanish and French ones by the cross-lingual lexicon.
KNOWN_MISSES = {"n06", "n15"}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def runs(seed_index):
    if not DEV.is_file():
        pytest.skip(f"{DEV} not found: the dev sets sit beside the project (../shared/eval)")
    settings, searcher = seed_index
    config = config_from(settings)
    answer("What was recommended on marking?", searcher, config=config)  # load lazy models
    out = {}
    for name, path in (("dev", DEV), ("answers", ANSWERS)):
        rows = []
        for q in load(path):
            started = time.perf_counter()
            a = answer(q["q"], searcher, config=config)
            rows.append((q, a, time.perf_counter() - started))
        out[name] = rows
    for name, rows in out.items():
        print(f"\n{name}: {summary(rows)}")
    return out


def summary(rows) -> dict:
    answerable = [(q, a) for q, a, _ in rows if q["kind"] != "no_answer"]
    unanswerable = [(q, a) for q, a, _ in rows if q["kind"] == "no_answer"]
    return {
        "answerable": len(answerable),
        "cites_primary": sum(cites_primary(q, a) for q, a in answerable),
        "false_abstentions": [q["id"] for q, a in answerable if a.abstained],
        "no_answer": len(unanswerable),
        "missed_abstentions": [q["id"] for q, a in unanswerable if not a.abstained],
        "median_s": round(statistics.median(s for *_, s in rows), 3),
        "max_s": round(max(s for *_, s in rows), 3),
    }


def cites_primary(q: dict, a) -> bool:
    return bool({u.label for u in a.citations if u.doc == q["doc"]} & set(q["primary"]))


@pytest.mark.parametrize("name", ["dev", "answers"])
def test_answerable_questions_are_answered_and_cite_a_primary_unit(runs, name):
    rows = [(q, a) for q, a, _ in runs[name] if q["kind"] != "no_answer"]
    assert [q["id"] for q, a in rows if a.abstained] == []  # never refuse what the report answers
    missed = [q["id"] for q, a in rows if not cites_primary(q, a)]
    assert len(missed) <= 0.1 * len(rows), f"no primary unit cited: {missed}"


def test_dev_no_answer_questions_abstain(runs):
    rows = [(q, a) for q, a, _ in runs["dev"] if q["kind"] == "no_answer"]
    assert len(rows) == 2 and all(a.abstained and not a.citations and a.closest for q, a in rows)
    assert all(
        a.text.startswith("The indexed reports do not address this question") for _, a in rows
    )


def test_answers_set_no_answer_questions_abstain_but_the_known_misses(runs):
    rows = [(q, a) for q, a, _ in runs["answers"] if q["kind"] == "no_answer"]
    assert len(rows) >= 10
    assert {q["id"] for q, a in rows if not a.abstained} <= KNOWN_MISSES


def test_non_english_questions_are_judged_through_the_lexicon(seed_index):
    from rapporteur.assistant.abstain import judge

    _, searcher = seed_index
    for question, answerable, word in [
        ("Qu'a-t-on dit sur le changement climatique ?", False, "climatique"),
        ("¿Cuál es la capital de Australia?", False, "capital"),  # "Australia" alone is not enough
        ("Qu'a-t-on dit sur le blanchiment d'argent ?", True, "blanchiment"),
        (
            "Qu'a-t-on recommandé concernant le marquage des armes à feu ?",
            True,
            "feu",
        ),  # via the pair
    ]:
        verdict = judge(searcher, question, question, searcher.search(question, 8))
        assert verdict.how == "translated" and verdict.answerable is answerable, question
        assert (word in verdict.missing) is not answerable and (
            word in (verdict.found or {})
        ) is answerable


@pytest.mark.parametrize("name", ["dev", "answers"])
def test_every_citation_is_retrieved_evidence_and_every_sentence_cites(runs, name):
    for q, a, _ in runs[name]:
        evidence = {h.unit.id for h in a.evidence}
        assert {u.id for u in a.citations} <= evidence, q["id"]
        if not a.abstained:
            assert a.citations and a.text.endswith(").")
            assert len(a.text.split()) <= 260, q["id"]


def test_a_follow_up_on_the_real_index(seed_index):
    settings, searcher = seed_index
    turns = [
        {"role": "user", "content": "What is recommended about marking firearms?"},
        {"role": "assistant", "content": "…"},
    ]
    a = answer("and what about ammunition?", searcher, history=turns, config=config_from(settings))
    assert a.standalone == "What is recommended about marking firearms, and about ammunition?"
    # The verdict reads the merged question, and the units on marking firearms answer it best:
    # since the verdict ranks, the answer quotes those and the ammunition unit (rec 47) is fifth
    # in the evidence, beyond the four quoted (a known loss: docs/reader-report.md, "The verdict").
    assert not a.abstained
    assert any("ammunition" in h.unit.text.lower() for h in a.evidence[:5])
    none = answer("and what about drones?", searcher, history=turns, config=config_from(settings))
    assert none.abstained and "“drones”" in none.text


@pytest.mark.skipif(
    not (os.environ.get("RAPPORTEUR_LLM_BASE_URL") or os.environ.get("RAPPORTEUR_LLM_MODEL_PATH")),
    reason="no generative model: set RAPPORTEUR_LLM_BASE_URL or RAPPORTEUR_LLM_MODEL_PATH",
)
def test_a_real_generative_model(seed_index):
    from rapporteur.assistant.generate import generator_from
    from rapporteur.core.settings import Settings

    settings, searcher = seed_index
    generator = generator_from(Settings(home=settings.home))
    a = answer(
        "What was recommended on cryptocurrencies and the darknet?",
        searcher,
        config=config_from(settings),
        generator=generator,
    )
    assert not a.abstained and a.citations
    assert {u.id for u in a.citations} <= {h.unit.id for h in a.evidence}
    if a.answerer.startswith("generative:"):  # else it fell back, and says why
        assert "[" not in a.text and "rec 18" in {u.label for u in a.citations}
    else:
        assert a.notice
