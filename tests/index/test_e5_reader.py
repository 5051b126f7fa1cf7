"""The multilingual reader: its packed weights, its card, known pairs it reads better than the
model it was trained from, and the search's last stage for questions not in English."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import numpy as np
import pytest

from rapporteur.core.config import config_from
from rapporteur.core.errors import ConfigError
from rapporteur.index.e5_reader import E5_READER, WEIGHTS, card, load_weights, pack, unpack


def test_pack_keeps_every_weight_within_half_a_step_of_its_row():
    rng = np.random.default_rng(0)
    weights = {"m": rng.normal(size=(8, 32)).astype(np.float32), "v": rng.normal(size=32)}
    packed = pack(weights)
    assert packed["m"].dtype == np.int8 and packed["v"].dtype == np.float16
    back = unpack(packed)
    assert set(back) == {"m", "v"}
    step = np.abs(weights["m"]).max(axis=1, keepdims=True) / 127
    assert np.all(np.abs(back["m"] - weights["m"]) <= step / 2 + 1e-7)
    assert np.allclose(back["v"], weights["v"], rtol=1e-3, atol=1e-3)


def test_the_card_names_the_weights_it_ships_with():
    c = card()
    assert c["base"].startswith("intfloat/multilingual-e5-small")
    assert set(c["languages"]) == {"en", "fr", "es", "ru", "ar", "zh"} and c["seed"] == 13
    assert (E5_READER / WEIGHTS).stat().st_size < 30 * 2**20
    weights, sha = load_weights()
    assert sha == c["sha256"] and "0.qkv.w" in weights and weights["0.qkv.w"].shape == (1152, 384)


def test_weights_that_differ_from_the_card_are_refused(tmp_path):
    folder = tmp_path / "e5-reader"
    shutil.copytree(E5_READER, folder)
    data = json.loads((folder / "reader.json").read_text())
    (folder / "reader.json").write_text(json.dumps(data | {"sha256": "0" * 64}))
    with pytest.raises(ConfigError, match="differs from reader.json"):
        load_weights(folder)
    (folder / "reader.json").unlink()
    with pytest.raises(ConfigError, match="make reader"):
        load_weights(folder)


def sibling_pairs() -> list[tuple[str, str, str]]:
    """Written questions not in English that no model here was trained on (the held-out tenth),
    each with its gold quote and the quote of another question's gold unit in the same document:
    the paragraph next door that every list confuses with the answer."""
    from training.reader.check import questions
    from training.reader.train_verdict import held

    records = [r for r in questions() if r.get("primary")]
    by_doc: dict[str, list[tuple[str, str]]] = {}
    for r in records:
        g = r["primary"][0]
        by_doc.setdefault(g["doc"], []).append((g["unit"], g["quote"]))
    out = []
    for r in records:
        g = r["primary"][0]
        if r["lang"] == "en" or not held(r["id"]):
            continue
        other = next((q for u, q in by_doc[g["doc"]] if u != g["unit"]), None)
        if other is not None:
            out.append((r["q"], g["quote"], other))
    return out


def accuracy(embedder, pairs) -> float:
    q = np.stack([embedder.embed_query(p[0]) for p in pairs])
    gold = embedder.embed_passages([p[1] for p in pairs])
    other = embedder.embed_passages([p[2] for p in pairs])
    return float(np.mean((gold * q).sum(1) > (other * q).sum(1)))


@pytest.mark.model
def test_the_reader_tells_the_answer_from_its_neighbour_better_than_its_base():
    from rapporteur.index.e5 import TorchE5Embedder
    from rapporteur.index.e5_reader import load_e5_reader

    pairs = sibling_pairs()
    assert len(pairs) >= 60
    reader = load_e5_reader()
    assert reader.name == "e5-reader" and card()["sha256"][:16] in reader.model_id
    trained, base = accuracy(reader, pairs), accuracy(TorchE5Embedder(), pairs)
    # 156 pairs on 2026-12-08: 0.962 against 0.872 (float32), 0.955 in bf16
    assert trained >= 0.90 and trained > base + 0.05, (trained, base)


@pytest.mark.model
def test_the_search_re_orders_a_foreign_questions_best_units_and_no_english_one(seed_index):
    settings, searcher = seed_index
    on = replace(config_from(settings), foreign_reader_weight=1.0)
    off = replace(on, foreign_reader_weight=0.0)
    question = "¿Qué recomendó el Grupo de Trabajo sobre las criptomonedas?"
    read, plain = searcher.search(question, 30, None, on), searcher.search(question, 30, None, off)
    assert {h.unit.key for h in read} == {h.unit.key for h in plain}
    assert sorted(h.score for h in read) == pytest.approx(sorted(h.score for h in plain))
    # at weight 1 the order is the reader's: its best-scored unit first (none is named)
    assert not any(h.named for h in read)
    assert read[0].rerank == max(h.rerank for h in read)
    english = "What did the Working Group recommend on cryptocurrencies?"
    assert [h.unit.key for h in searcher.search(english, 10, None, on)] == [
        h.unit.key for h in searcher.search(english, 10, None, off)
    ]


def test_the_manifest_names_the_multilingual_reader_its_hash_and_weight():
    from rapporteur.core.settings import Settings
    from rapporteur.index import second_stage_card

    entry = second_stage_card(Settings())["multilingual_reader"]
    assert entry["sha256"] == card()["sha256"]
    assert entry["weight"] == Settings().foreign_reader_weight > 0
    assert "multilingual_reader" not in second_stage_card(Settings(foreign_reader_weight=0.0))
