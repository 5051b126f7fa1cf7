"""The README documents every setting (its settings table is written from the Settings model)."""

from __future__ import annotations

import re

from rapporteur.core.settings import Settings
from tests.conftest import ROOT


def test_every_setting_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        name for name in Settings.model_fields if f"| `RAPPORTEUR_{name.upper()}` |" not in readme
    ]
    assert missing == [], f"add these settings to the README's settings table: {missing}"


def test_every_row_of_the_readme_table_is_a_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `RAPPORTEUR_(\w+)` \|", readme, re.MULTILINE)
    stale = [row for row in rows if row.lower() not in Settings.model_fields]
    assert len(rows) > 10 and stale == [], f"drop these rows from the README's table: {stale}"


def test_a_map_setting_is_read_from_json_in_the_environment(monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_WEIGHTS", '{"bm25": 0.3, "e5-small": 0.7}')
    monkeypatch.setenv("RAPPORTEUR_EMBEDDERS", '["e5-small"]')
    settings = Settings()
    assert settings.weights == {"bm25": 0.3, "e5-small": 0.7} and settings.embedders == (
        "e5-small",
    )
