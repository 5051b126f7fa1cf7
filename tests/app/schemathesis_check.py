"""Property-based API check (manual, not in CI: schemathesis is not a dependency).

`pip install schemathesis && python tests/app/schemathesis_check.py`: 60 generated
requests per operation of the OpenAPI schema against the real app (fake-embedder index of the
seed); prints any 5xx. Last run 2026-11-27: no 5xx on any of the 10 operations.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def check_operation(operation, failures: list) -> None:
    """Up to 60 generated requests against one operation; 5xx answers and crashes are recorded."""
    from hypothesis import HealthCheck, given
    from hypothesis import settings as hypothesis_settings

    @hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def generated(case) -> None:
        response = case.call()
        if response.status_code >= 500:
            failures.append((operation.label, response.status_code, response.text[:200]))

    try:
        generated()
    except Exception as exc:  # noqa: BLE001 -- a manual report: record any crash and go on
        failures.append((operation.label, "exception", repr(exc)[:200]))


def main() -> None:
    sys.path.insert(0, str(ROOT))
    import schemathesis
    from fastapi.testclient import TestClient

    from rapporteur.app.api import create_app
    from rapporteur.core.settings import Settings

    tmp = Path(tempfile.mkdtemp())
    (tmp / "data").mkdir()
    shutil.copy(ROOT / "data" / "wg6-2021.txt", tmp / "data")
    settings = Settings(
        home=tmp / "home",
        data_dir=tmp / "data",
        embedders=("fake",),
        weights={"bm25": 0.5, "fake": 0.5},
        foreign_weights={"fake": 1.0},
        rerank=False,
        api_key="k",
    )
    app = create_app(settings)
    failures: list = []
    with TestClient(app):
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        for result in schema.get_all_operations():
            operation = result.ok()
            check_operation(operation, failures)
            print(operation.label, "done", flush=True)
    print("5xx/failures:", failures)


if __name__ == "__main__":
    main()
