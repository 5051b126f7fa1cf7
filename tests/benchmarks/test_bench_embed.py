"""The embedding bench stage (benchmarks/bench_embed.py) at toy size, with fake engines: shape of the report only."""

from __future__ import annotations

from benchmarks import bench_embed
from rapporteur.index.embedders import FakeEmbedder
from tests.index.test_embedders import PARAGRAPHS


def test_embed_bench_compares_engines_on_the_same_texts(monkeypatch):
    monkeypatch.setitem(
        bench_embed.ENGINES, "fake", {"old": FakeEmbedder, "new": lambda: FakeEmbedder()}
    )
    result = bench_embed.embed_bench(PARAGRAPHS * 4, models=("fake",), rounds=2)
    assert result["texts"] == 20 and set(result["fake"]) == {"old", "new"}
    for entry in result["fake"].values():
        assert len(entry["pieces_per_s"]) == 2 and entry["load_s"] >= 0 and entry["peak_rss_mb"] > 0
        assert entry["cosine_to_reference"] == {"min": 1.0, "mean": 1.0}
    assert result["fake"]["old"]["ratio_to_reference"] == 1.0
    assert "| fake | new |" in bench_embed.markdown(result, None)
