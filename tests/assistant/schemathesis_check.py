"""Property-based API check (manual, not in CI: schemathesis is not a dependency).

`pip install schemathesis && python tests/assistant/schemathesis_check.py`: 60 generated
requests per operation of the OpenAPI schema against the real app (fake-embedder index of the
seed); prints any 5xx. Last run 2026-11-27: no 5xx on any of the 10 operations.
"""
import shutil
import sys
import tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import schemathesis
from hypothesis import settings as hs, HealthCheck
from rapporteur.settings import Settings
from assistant.api import create_app
tmp = Path(tempfile.mkdtemp())
(tmp / "data").mkdir()
shutil.copy(Path(__file__).resolve().parents[2] / "data" / "wg6-2021.txt", tmp / "data")
s = Settings(home=tmp / "home", data_dir=tmp / "data", embedders=("fake",), weights={"bm25": 0.5, "fake": 0.5},
             foreign_weights={"fake": 1.0}, rerank=False, api_key="k")
app = create_app(s)
from fastapi.testclient import TestClient
with TestClient(app) as c:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    fails = []
    for op in schema.get_all_operations():
        op = op.ok()
        strategy = op.as_strategy()
        from hypothesis import given
        @hs(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def t(case):
            r = case.call()
            if r.status_code >= 500:
                fails.append((op.label, r.status_code, r.text[:200]))
        try:
            t()
        except Exception as e:
            fails.append((op.label, "exc", repr(e)[:200]))
        print(op.label, "done", flush=True)
    print("5xx/failures:", fails)
