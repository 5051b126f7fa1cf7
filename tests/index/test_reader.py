"""The shipped reader: its card matches its weights, and it reads known questions right."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from rapporteur.core.errors import ConfigError
from rapporteur.index.embedders import READER, load_reader, reader_card
from rapporteur.index.rerank import SentenceScorer

# Questions from the reader's held-out half (training/reader, validation) and the seed report:
# the answering sentence against a sentence of the same report on the same topic.
KNOWN = [
    (
        "What toxic metal is used by clandestine gold diggers?",
        "Artisanal and small-scale gold mining remains the largest source of mercury emissions.",
        "Artisanal gold miners often work without licences in remote areas.",
    ),
    (
        "What did the Working Group recommend about cryptocurrencies?",
        "States should consider regulating virtual assets to prevent their use to buy firearms.",
        "States should strengthen the marking of firearms at import.",
    ),
]


def test_the_card_names_the_weights_it_ships_with():
    card = reader_card()
    assert card["base"].startswith("sentence-transformers/all-MiniLM-L6-v2")
    assert card["languages"] == ["en"] and card["seed"] == 13 and len(card["sha256"]) == 64
    assert (READER / "model.safetensors").stat().st_size < 60 * 2**20


def test_weights_that_differ_from_the_card_are_refused(tmp_path):
    folder = tmp_path / "reader"
    shutil.copytree(READER, folder)
    card = json.loads((folder / "reader.json").read_text())
    (folder / "reader.json").write_text(json.dumps(card | {"sha256": "0" * 64}))
    with pytest.raises(ConfigError, match="weights differ from reader.json"):
        load_reader(folder=folder)
    (folder / "reader.json").unlink()
    with pytest.raises(ConfigError, match="make reader"):
        load_reader(folder=folder)


@pytest.mark.model
def test_the_reader_puts_the_answering_sentence_first():
    reader = load_reader()
    assert reader.name == "reader" and reader.english_only
    assert reader_card()["sha256"][:16] in reader.model_id
    for question, answer, neighbour in KNOWN:
        q = reader.embed_query(question)
        a, n = reader.embed_passages([answer, neighbour])
        assert float(a @ q) > float(n @ q), question


@pytest.mark.model
def test_the_reader_scores_units_by_their_best_sentence(fake_searcher):
    scorer = SentenceScorer(load_reader())
    crypto = next(u for u in fake_searcher.units if "paid for with cryptocurrencies" in u.text)
    others = [u for u in fake_searcher.units if u.kind == "recommendation" and u is not crypto]
    units = [*others[:10], crypto]
    scores = scorer.score("What was recommended on digital money used to buy guns?", units)
    assert scores.shape == (11,) and np.all(np.isfinite(scores))
    assert units[int(np.argmax(scores))] is crypto
