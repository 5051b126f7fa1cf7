"""The compendium's label splits are the files of the label folder: tune, check, check2, or any
other ``<name>.jsonl`` a user puts there (evaluation/compendium_library.load_labels)."""

from __future__ import annotations

import json

import pytest

from rapporteur.cli import build_parser, main
from rapporteur.core.errors import ConfigError
from rapporteur.evaluation.compendium_library import load_labels, splits
from tests.conftest import ROOT

ROW = {"doc": "X_1", "unit": "para 3", "item": None, "quote": "q", "addressee": [],
       "action": "ratify", "sdg_targets": []}  # fmt: skip


def test_a_split_is_any_jsonl_file_of_the_folder(tmp_path):
    (tmp_path / "check2.jsonl").write_text(json.dumps(ROW) + "\n\n", encoding="utf-8")
    (tmp_path / "tune.jsonl").write_text("", encoding="utf-8")
    assert splits(tmp_path) == ["check2", "tune"]
    assert load_labels(tmp_path, "check2") == [ROW]
    assert load_labels(tmp_path, "tune") == []


def test_a_missing_split_names_the_ones_there(tmp_path):
    (tmp_path / "check2.jsonl").write_text(json.dumps(ROW) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'check3'.*its splits: check2"):
        load_labels(tmp_path, "check3")


def test_the_checkout_holds_the_fresh_held_out_half():
    assert {"tune", "check", "check2"} <= set(splits(ROOT / "eval" / "compendium"))


def test_the_cli_takes_any_compendium_split_and_only_tune_or_check_for_questions(capsys):
    args = build_parser().parse_args(["eval", "--compendium", "--split", "check2"])
    assert (args.compendium, args.split) == (True, "check2")
    assert main(["eval", "--split", "check2"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "error: eval: --split 'check2': use tune or check"
