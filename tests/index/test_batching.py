"""Length batching (index/batching.py): exact batches on a toy, input order restored with the fake embedder."""

from __future__ import annotations

import random

import numpy as np

from rapporteur.index.batching import embed_by_length, length_batches
from rapporteur.index.embedders import FakeEmbedder
from tests.index.test_embedders import PARAGRAPHS


def test_batches_group_similar_lengths_under_the_token_budget():
    batches = length_batches([5, 1, 3, 1, 9], max_tokens=6, max_rows=3)
    # sorted: rows 1, 3 (1 token each), 2 (3), 0 (5), 4 (9: over budget, alone all the same)
    assert [b.tolist() for b in batches] == [[1, 3], [2], [0], [4]]


def test_batches_respect_max_rows_and_cover_every_row_once():
    lengths = [random.Random(i).randint(1, 300) for i in range(500)]
    batches = length_batches(lengths, max_tokens=4096, max_rows=64)
    assert sorted(np.concatenate(batches).tolist()) == list(range(500))
    for b in batches:
        padded = max(lengths[i] for i in b) * len(b)
        assert len(b) <= 64 and (padded <= 4096 or len(b) == 1)
    assert length_batches([], 10, 2) == []


def test_order_is_restored_exactly_with_the_fake_embedder():
    fake = FakeEmbedder()
    texts = PARAGRAPHS * 7 + ["short", "two words", ""]
    random.Random(0).shuffle(texts)
    lengths = [len(t.split()) for t in texts]

    def encode(batch):
        return fake._encode(batch, query=False)

    out = embed_by_length(texts, lengths, encode, fake.dim, max_tokens=64, max_rows=4)
    np.testing.assert_array_equal(out, fake._encode(texts, query=False))
