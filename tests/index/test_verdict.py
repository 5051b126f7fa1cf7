"""The shipped verdict: a patch over the reader that its card ties to the reader's hash, and it
reads known questions right."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from rapporteur.core.errors import ConfigError
from rapporteur.index.embedders import READER, reader_card
from rapporteur.index.verdict import VERDICT, Verdict, likeliest, load_verdict, verdict_card

# A question, a sentence that answers it, and a sentence on the same subject that does not.
KNOWN = [
    (
        "What toxic metal is used by clandestine gold diggers?",
        "Artisanal and small-scale gold mining remains the largest source of mercury emissions.",
        "Artisanal gold miners often work without licences in remote areas.",
    ),
    (
        "What did the Working Group recommend about cryptocurrencies?",
        "States should consider regulating virtual assets to prevent their use to buy firearms.",
        "The Working Group met in Vienna from 2 to 4 June 2021.",
    ),
    (
        "How many people were killed by gang violence in Haiti in the first quarter of 2025?",
        "Between January and March 2025, at least 1,617 people were killed in gang-related violence.",
        "Gangs continued to expand their control over territory around the capital.",
    ),
]


def test_the_card_ties_the_patch_to_the_reader_it_was_trained_over():
    card = verdict_card()
    assert card["reader_sha256"] == reader_card()["sha256"]
    assert card["languages"] == ["en"] and len(card["sha256"]) == 64
    shipped = (READER / "model.safetensors").stat().st_size + (
        VERDICT / "verdict.safetensors"
    ).stat().st_size
    assert shipped < 60 * 2**20  # the reader issue's budget for trained weights


def test_a_patch_that_differs_from_its_card_or_its_reader_is_refused(tmp_path):
    folder = tmp_path / "verdict"
    shutil.copytree(VERDICT, folder)
    card = json.loads((folder / "verdict.json").read_text())
    (folder / "verdict.json").write_text(json.dumps(card | {"sha256": "0" * 64}))
    with pytest.raises(ConfigError, match="weights differ from verdict.json"):
        Verdict(folder)
    (folder / "verdict.json").write_text(json.dumps(card | {"reader_sha256": "0" * 64}))
    with pytest.raises(ConfigError, match="another reader"):
        Verdict(folder)
    (folder / "verdict.json").unlink()
    with pytest.raises(ConfigError, match="make reader"):
        Verdict(folder)


@pytest.mark.model
def test_the_verdict_prefers_the_sentence_that_answers():
    verdict = load_verdict()
    for question, answer, neighbour in KNOWN:
        a, n = verdict.score(question, [answer, neighbour])
        assert a > n, question
    assert len(verdict.score("anything", [])) == 0
    # a question longer than the model's window is cut, not refused
    assert len(verdict.score("why " * 200, ["A sentence."])) == 1


@pytest.mark.model
def test_the_verdict_reads_pairs_at_the_length_its_card_was_trained_on(tmp_path):
    """The card's max_tokens sets where a pair is cut; a card without it was trained at 64."""
    shipped = load_verdict()
    assert shipped.max_tokens == (verdict_card().get("max_tokens") or 64)
    folder = tmp_path / "verdict"
    shutil.copytree(VERDICT, folder)
    card = json.loads((folder / "verdict.json").read_text())
    question = "What was decided on the budget for 2026 of the Mission and its staffing table?"
    # the answer's deciding words come late: a short window cuts them off
    text = "The Committee, having considered the matters before it at length, " * 3 + (
        "recommends approval of the budget for 2026."
    )
    scores = {}
    for length in (32, 128):
        (folder / "verdict.json").write_text(json.dumps(card | {"max_tokens": length}))
        verdict = Verdict(folder)
        assert verdict.max_tokens == length
        scores[length] = float(verdict.score(question, [text])[0])
    assert scores[32] != scores[128]
    (folder / "verdict.json").write_text(
        json.dumps({k: v for k, v in card.items() if k != "max_tokens"})
    )
    assert Verdict(folder).max_tokens == 64


def test_the_likeliest_clauses_are_those_sharing_most_question_words_in_text_order():
    text = (
        "The Working Group held its eighth meeting in Vienna from 2 to 4 June 2021. "
        "It discussed at length how the darknet is used by traffickers of many goods. "
        "Cryptocurrencies pay for firearms bought on the darknet by individual buyers. "
        "Members of the Working Group thanked the secretariat for its excellent support. "
        "Firearms that were seized should be marked and recorded by national authorities."
    )
    question = "How are firearms paid for with cryptocurrencies on the darknet?"
    assert likeliest(question, text, 2) == [
        "It discussed at length how the darknet is used by traffickers of many goods.",
        "Cryptocurrencies pay for firearms bought on the darknet by individual buyers.",
    ]
    assert likeliest(question, "One clause only.", 3) == ["One clause only."]


@pytest.mark.model
def test_a_unit_scores_as_its_best_clause(seed_index):
    _, searcher = seed_index
    verdict = load_verdict()
    question = "What did the Working Group recommend about cryptocurrencies?"
    units = [u for u in searcher.units if u.kind == "recommendation"][:5]
    read = verdict.read(question, units)
    assert read.shape == (5,)
    for unit, logit in zip(units, read):
        assert logit == pytest.approx(
            float(verdict.score(question, likeliest(question, unit.text)).max()), abs=1e-4
        )
    # the searcher keeps the question's scores for the answer's judge
    assert np.allclose(searcher.verdicts(question, units), read, atol=1e-4)
    assert len(verdict.read(question, [])) == 0


@pytest.mark.model
def test_a_question_in_another_language_is_read_as_its_english_terms(seed_index, monkeypatch):
    _, searcher = seed_index
    second, verdict = searcher.second, load_verdict()
    english = "What did the Working Group recommend about cryptocurrencies?"
    french = "Qu'a recommandé le Groupe de travail sur les cryptomonnaies ?"
    assert second.reads(english) == english
    monkeypatch.setattr(verdict, "reads_terms", True)
    terms = second.reads(french)
    assert terms and "cryptocurrencies" in terms.split()  # the index's own English word
    units = [u for u in searcher.units if u.kind == "recommendation"][:3]
    assert np.allclose(second.verdicts(french, units), verdict.read(terms, units), atol=1e-4)
    monkeypatch.setattr(verdict, "reads_terms", False)  # an English-only verdict reads nothing
    assert second.reads(french) is None
    assert np.isnan(second.verdicts(french + " ", units)).all()


def test_the_manifest_names_the_verdict_and_its_settings():
    from rapporteur.core.settings import Settings
    from rapporteur.index import second_stage_card

    card = second_stage_card(Settings())
    assert card["scorer"] == "reader"
    assert card["verdict"]["sha256"] == verdict_card()["sha256"]
    assert card["verdict"]["weight"] == Settings().verdict_weight
    assert "verdict" not in second_stage_card(Settings(verdict_weight=0.0, verdict_floor=None))
    off = Settings(
        rerank=False,
        verdict_weight=0.0,
        verdict_floor=None,
        ranker_weight=0.0,
        foreign_reader_weight=0.0,
    )
    assert second_stage_card(off) is None


def test_concurrent_first_loads_build_one_verdict():
    """A server's first questions arrive together: they wait for one load, not race four."""
    from concurrent.futures import ThreadPoolExecutor

    from rapporteur.index import verdict as module

    module._loaded.cache_clear()
    with ThreadPoolExecutor(4) as pool:
        loaded = list(pool.map(lambda _: load_verdict(), range(4)))
    assert all(v is loaded[0] for v in loaded)
    assert module._loaded.cache_info().misses == 1
