"""Shared test fixtures: paths to the project's data and to ../shared/corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
# ranx (the eval metrics) compiles its functions with numba on first use, in every worker of a
# fresh checkout: tests/evaluation/test_harness.py took 141 s with an empty numba cache and 70 s
# with the JIT off (2-core AMD EPYC, beside another job). Its inputs here are tens of questions,
# which its Python path scores in milliseconds; the code is the same, only not compiled.
os.environ.setdefault("NUMBA_DISABLE_JIT", "1")

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "wg6-2021.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
EVAL_DIR = ROOT.parent / "shared" / "eval"
# A toy resolution, re-adopted with changes by the tests of the duplicate check and the compendium.
TOY_RESOLUTION = """SYMBOL: A/RES/1/1

Resolution adopted by the General Assembly on 1 December 2020

1/1. Safe storage of firearms

The General Assembly,

Recalling its earlier work on firearms,

1. Urges States to require that civilian firearms be stored unloaded in locked containers;

2. Decides to remain seized of the matter.
"""


def pytest_collection_modifyitems(config, items):
    """Tests marked ``first`` (the suite's longest setups) run before the rest, in their order:
    `make test` runs two workers (pytest-xdist), and a long setup started last would run alone."""
    items.sort(key=lambda item: item.get_closest_marker("first") is None)


def need_corpus() -> Path:
    """The shared corpus folder, or skip the test with a clear reason."""
    if not CORPUS.is_dir():
        pytest.skip(
            f"{CORPUS} not found: the shared corpus sits beside the project (../shared/corpus)"
        )
    return CORPUS


@pytest.fixture
def corpus() -> Path:
    return need_corpus()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory):
    """The seed report indexed with the default (real) models, built once per test session.

    Returns (settings, searcher). Tests using it should be marked ``@pytest.mark.model``.
    """
    from rapporteur.core.settings import Settings
    from rapporteur.core.store import Store
    from rapporteur.index import open_searcher, rebuild
    from rapporteur.ingest.batch import ingest_files

    home = tmp_path_factory.mktemp("seed-index")
    settings = Settings(home=home)
    ingest_files([SEED], Store(settings.store_path))
    rebuild(settings)
    return settings, open_searcher(settings)


def fake_seed_home(home: Path):
    """Settings for ``home`` with the seed ingested and indexed by the fake embedder (no model).

    For tests that change the home; read-only tests share ``fake_seed`` instead.
    """
    from rapporteur.core.settings import Settings
    from rapporteur.core.store import Store
    from rapporteur.index import rebuild
    from rapporteur.index.embedders import FakeEmbedder
    from rapporteur.ingest.batch import ingest_files

    settings = Settings(home=home, embedders=("fake",))
    ingest_files([SEED], Store(settings.store_path))
    rebuild(settings, [FakeEmbedder()])
    return settings


@pytest.fixture(scope="session")
def fake_seed(tmp_path_factory):
    """The seed indexed with the fake embedder, built once per session; do not change it."""
    return fake_seed_home(tmp_path_factory.mktemp("fake-seed"))


@pytest.fixture(scope="session")
def fake_searcher(fake_seed):
    """A searcher over ``fake_seed``."""
    from rapporteur.index import open_searcher
    from rapporteur.index.embedders import FakeEmbedder

    return open_searcher(fake_seed, [FakeEmbedder()])
