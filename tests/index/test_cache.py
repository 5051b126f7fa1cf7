"""The embedding cache computes the missing texts shortest first (index/cache.py)."""

from __future__ import annotations

import numpy as np

from rapporteur.index.cache import EmbeddingCache
from rapporteur.index.embedders import FakeEmbedder


def test_missing_texts_are_computed_shortest_first_in_chunks(tmp_path):
    cache, calls = EmbeddingCache(tmp_path / "e.sqlite"), []
    texts = ["a long text of six words", "short", "a middle one", "tiny", "x"]

    def compute(batch):
        calls.append(batch)
        return FakeEmbedder().embed_passages(batch)

    vectors, computed = cache.embed("fake", texts, compute, 64, chunk=2)
    assert computed == 5
    assert calls == [["x", "tiny"], ["short", "a middle one"], ["a long text of six words"]]
    # the vectors still come back in the order asked
    np.testing.assert_array_equal(vectors, FakeEmbedder().embed_passages(texts))
