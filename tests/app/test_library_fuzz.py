"""The library fuzz at CI size: 200 generated questions (benchmarks/fuzz_questions.py) to /api/ask and
/api/search over the seed and the first six 2025 PDFs of the corpus (fake embedder); no 5xx and
no stack trace in any body. `make bench` sends 2,000 over pdf-2025 with the real models
(benchmarks/fuzz.py)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from benchmarks.fuzz import draw, send
from benchmarks.fuzz_questions import windows
from rapporteur.app.api import create_app
from rapporteur.app.facade import Rapporteur
from rapporteur.core.settings import Settings
from rapporteur.index.embedders import FakeEmbedder
from tests.conftest import SEED, need_corpus

QUESTIONS = 200  # 300 took 108 s of CI (the verdict reads each English question)


@pytest.mark.corpus
def test_generated_questions_over_http_never_get_a_5xx(tmp_path):
    pdfs = sorted((need_corpus() / "pdf-2025").glob("*.pdf"))[:6]
    settings = Settings(
        home=tmp_path / "home",
        data_dir=tmp_path / "no-data",
        embedders=("fake",),
        weights={"bm25": 0.5, "fake": 0.5},
        foreign_weights={"fake": 1.0},
        rerank=False,
    )
    facade = Rapporteur.open(settings, [FakeEmbedder()])
    facade.ingest([SEED, *pdfs])
    texts = windows(facade.searcher.units)
    questions = draw(texts, QUESTIONS)
    with TestClient(create_app(settings, facade)) as client:
        result = send(client, questions, [{"role": "user", "content": texts[0]}])
    assert result["questions"] == QUESTIONS
    assert result["5xx"] == 0 and result["examples"] == [], result["examples"]
    assert result["status"]["search"].get("200", 0) > QUESTIONS // 2  # most are real questions
