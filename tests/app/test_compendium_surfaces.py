"""The compendium through the facade, the CLI (JSON, DOCX, CSV) and the API, on a fake-embedder
index of the seed and the trafficking-in-women-and-girls series (fast: words decide)."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from fastapi.testclient import TestClient

from rapporteur.app.api import create_app
from rapporteur.app.facade import Rapporteur
from rapporteur.assistant.compendium import build as compendium_build
from rapporteur.core.settings import Settings
from tests.conftest import CORPUS, SEED, need_corpus

pytestmark = pytest.mark.corpus

SERIES = ("A_RES_73_146", "A_RES_75_158", "A_RES_77_194", "A_RES_79_154")


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """Settings of a home holding the seed and the series, indexed with the fake embedder."""
    need_corpus()
    root = tmp_path_factory.mktemp("compendium")
    files = root / "files"
    files.mkdir()
    shutil.copy(SEED, files / SEED.name)
    for doc in SERIES:
        shutil.copy(CORPUS / "resolutions" / f"{doc}.txt", files / f"{doc}.txt")
    settings = Settings(
        home=root / "home",
        embedders=("fake",),
        weights={"bm25": 0.5, "fake": 0.5},
        foreign_weights={"fake": 1.0},
        rerank=False,
        compendium_sdg_similarity=False,  # SDG links by terms: no model to load here
    )
    Rapporteur.open(settings).ingest([files])
    return settings


@pytest.fixture(scope="module")
def compendium(home):
    return Rapporteur.open(home).compendium()


def test_seed_recommendations_appear_once_each_with_addressee_and_action(compendium):
    seed = [r for r in compendium.records if r.doc == "wg6-2021"]
    assert sorted(r.number for r in seed) == list(range(1, 48))
    assert all(r.addressees and r.action for r in seed)
    by_number = {r.number: r for r in seed}
    assert by_number[18].addressees == ("Member States",)
    assert by_number[22].addressees == ("UNODC",)
    section_b = [r for r in seed if "B. Recommendations on reducing" in r.section]
    assert len(section_b) == 18
    assert all("16.4" in [s.target for s in r.sdg_targets] for r in section_b)


def test_the_series_chain_with_verdicts_and_diffs(compendium):
    latest = [r for r in compendium.records if r.doc == "A_RES_79_154"]
    full = [r for r in latest if tuple(k.split(":")[0] for k in r.lineage.chain) == SERIES]
    assert len(full) >= 10, [r.lineage.chain for r in latest][:5]
    for r in full:
        assert r.lineage.status in ("verbatim", "amended")
        top = r.lineage.counterparts[0]
        assert top.key.startswith("A_RES_77_194:") and top.diff
    amended = [r for r in full if r.lineage.status == "amended"]
    assert amended and any(op != "equal" for op, _ in amended[0].lineage.counterparts[0].diff)


def test_cached_in_the_build_folder_keyed_by_store_state(home, compendium, monkeypatch):
    from rapporteur.index.build import current_folder

    meta = json.loads((current_folder(home.home) / "compendium.json").read_text())
    assert meta["store_state"] == compendium.manifest["store_state"] and meta["records"] == len(
        compendium.records
    )
    monkeypatch.setattr(compendium_build, "compute", lambda *a, **k: pytest.fail("recomputed"))
    assert Rapporteur.open(home).compendium().records == compendium.records


def _cli(home, monkeypatch, *args) -> int:
    from rapporteur.cli import main

    monkeypatch.setenv("RAPPORTEUR_EMBEDDERS", '["fake"]')
    monkeypatch.setenv("RAPPORTEUR_RERANK", "false")
    monkeypatch.setenv("RAPPORTEUR_COMPENDIUM_SDG_SIMILARITY", "false")
    return main(["--home", str(home.home), "compendium", *args])


def test_cli_json_entries(home, monkeypatch, capsys):
    assert _cli(home, monkeypatch, "--doc", "wg6-2021", "--addressee", "UNODC", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert {
        "unit",
        "doc",
        "symbol",
        "addressees",
        "action",
        "themes",
        "sdg_targets",
        "lineage",
    } <= set(out["entries"][0])
    assert [e["unit"] for e in out["entries"]] == [
        "rec 1",
        "rec 20",
        "rec 21",
        "rec 22",
        "rec 44",
        "rec 45",
        "rec 46",
    ]


def test_cli_docx_lists_every_recommendation_under_a_theme(home, monkeypatch, tmp_path):
    from docx import Document as Docx

    out = tmp_path / "compendium.docx"
    assert _cli(home, monkeypatch, "--by", "theme", "--out", str(out)) == 0
    paragraphs = Docx(str(out)).paragraphs
    heading, under = None, {}
    for p in paragraphs:
        if p.style.name == "Heading 1":
            heading = p.text
        elif p.runs and p.runs[0].bold:
            under.setdefault(p.runs[0].text, heading)
    for n in range(1, 48):
        assert under.get(f"wg6-2021 rec {n}"), n
    assert under.get("A/RES/79/154 OP 4")  # the symbol form when the document has one


def test_cli_csv_and_bad_arguments(home, monkeypatch, tmp_path, capsys):
    out = tmp_path / "c.csv"
    assert _cli(home, monkeypatch, "--sdg", "16.4", "--out", str(out)) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows and all("16.4" in r["sdg_targets"] for r in rows)
    assert _cli(home, monkeypatch, "--out", str(tmp_path / "c.pdf")) == 1
    assert "write a .docx or a .csv file" in capsys.readouterr().err
    assert _cli(home, monkeypatch, "--by", "colour") == 1
    assert "use one of theme, addressee, sdg, doc" in capsys.readouterr().err


def test_api_filters_like_the_cli(home):
    with TestClient(create_app(home, Rapporteur.open(home))) as client:
        body = client.get(
            "/api/compendium", params={"addressee": "UNODC", "doc": "wg6-2021"}
        ).json()
        assert [e["unit"] for e in body["entries"]][:2] == ["rec 1", "rec 20"]
        assert client.get("/api/compendium", params={"year": 2024}).json()["count"] == 46
        assert client.get("/api/compendium", params={"year": "soon"}).status_code == 422
        # rec 47 lists topics, not asks: one entry, its lettered topics inside it
        entry = client.get("/api/compendium/entry", params={"ref": "wg6-2021 rec 47"}).json()
        assert (
            entry["item"] is None
            and "(c) Relevance of the implementation" in entry["entry"]["text"]
        )
        assert (
            client.get("/api/compendium/entry", params={"ref": "wg6-2021 rec 47 (c)"}).status_code
            == 404
        )
        assert (
            client.get("/api/compendium/entry", params={"ref": "wg6-2021 rec 99"}).status_code
            == 404
        )
        theme = body["entries"][0]["themes"][0]
        assert all(
            theme in e["themes"] or any(t.startswith(theme) for t in e["themes"])
            for e in client.get("/api/compendium", params={"theme": theme}).json()["entries"]
        )
