"""The library bench stage: which PDFs, the content key, the counted passages, and one real
HTTP pass against the served app over the seed (fake embedder, no model)."""

from __future__ import annotations

from dataclasses import replace

from benchmarks.bench_library import (
    DEFAULT_LIBRARY,
    PassageCount,
    Server,
    content_key,
    http_passes,
    library_files,
    library_folder,
    markdown,
)
from rapporteur.app.facade import Rapporteur
from rapporteur.index.embedders import FakeEmbedder
from tests.conftest import fake_seed_home


def test_the_first_pdfs_by_name_and_a_key_that_follows_their_bytes(tmp_path, monkeypatch):
    for name in ("b.pdf", "a.pdf", "c.pdf", "notes.txt"):
        (tmp_path / name).write_bytes(name.encode())
    files = library_files(tmp_path, 2)
    assert [p.name for p in files] == ["a.pdf", "b.pdf"]
    key = content_key(files)
    assert len(key) == 12 and content_key(files) == key
    (tmp_path / "a.pdf").write_bytes(b"changed")
    assert content_key(files) != key
    # no environment variable or developer folder: the argument, else the repository's neighbour
    monkeypatch.setenv("BENCH_LIBRARY", str(tmp_path))
    assert library_folder() == DEFAULT_LIBRARY and library_folder(tmp_path) == tmp_path
    assert DEFAULT_LIBRARY.parts[-3:] == ("shared", "corpus", "pdf-2025")


def test_passages_of_the_questions_are_not_counted_as_corpus():
    embedder = FakeEmbedder()
    with PassageCount([embedder, embedder]) as count:
        embedder.embed_passages(["armas de fuego", "a sentence of the corpus"])
    assert count.texts == {"fake": ["armas de fuego", "a sentence of the corpus"]}
    assert count.not_from(["¿Qué se dijo sobre las armas de fuego?"]) == 1
    assert "embed_passages" not in vars(embedder)  # the instance is as it was


def test_questions_go_over_http_to_the_served_app(tmp_path):
    rapporteur = Rapporteur.open(fake_seed_home(tmp_path), [FakeEmbedder()])
    rapporteur.config = replace(rapporteur.config, rerank=True, reranker="fake")
    rapporteur.prepare()
    questions = ["What was recommended on cryptocurrencies?", "rec 18"]
    with Server(rapporteur) as server:
        out = http_passes(rapporteur, server.url, questions, baseline=lambda q: None)
    assert out["first_time"]["n"] == out["repeat"]["n"] == out["baseline"]["n"] == 2
    assert out["corpus_passages_embedded"] == 0
    lib = {"http": out, "index": {"files": 1, "units": 106}, "questions": 2}
    table = markdown(lib | {"langchain": {"query": out["baseline"], "chunks": 3}})
    assert any(line.startswith("| Rapporteur over HTTP, first-time") for line in table)
