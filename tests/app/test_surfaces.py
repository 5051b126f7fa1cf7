"""One composition root: the CLI and the API answer the same question the same way.

Both surfaces read the same environment (RAPPORTEUR_*), so the same settings must reach the
same parts. A fake OpenAI-compatible chat server on loopback stands in for the generative
model: it records each prompt and answers with the first sentence of the last passage it was
given, under that passage's key, so the answer itself shows how much evidence fitted the
prompt budget (``RAPPORTEUR_LLM_CONTEXT_TOKENS``).
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

from rapporteur.app.api import create_app
from rapporteur.cli import main
from rapporteur.core.settings import Settings, get_settings
from rapporteur.core.tokens import count_tokens
from tests.conftest import SEED

pytest.importorskip("langchain_openai", reason="langchain-openai (the [openai] extra) is needed")

QUESTION = "What was recommended on cryptocurrencies and the darknet?"
PASSAGE = re.compile(r"\[(?P<key>[^\]\n]+)\] \([^\n]*\)\n“(?P<text>[^”]*)")


class FakeChat(BaseHTTPRequestHandler):
    """POST /v1/chat/completions: answer from the last passage of the prompt; record the prompt."""

    prompts: list[list[dict]] = []

    def do_POST(self) -> None:  # noqa: N802 -- http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        messages = body["messages"]
        FakeChat.prompts.append(messages)
        passages = PASSAGE.findall(messages[-1]["content"])
        key, text = passages[-1]
        sentence = re.split(r"(?<=[.;])\s", text)[0].rstrip(".;")
        reply = {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", "m"),
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": f"{sentence} [{key}]."},
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def chat_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeChat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


@pytest.fixture
def env(tmp_path, monkeypatch, chat_url):
    """A seed home indexed with the fake embedder, and the settings as environment variables."""
    (tmp_path / "data").mkdir()
    shutil.copy(SEED, tmp_path / "data" / SEED.name)
    values = {
        "HOME": str(tmp_path / "home"),
        "DATA_DIR": str(tmp_path / "data"),
        "EMBEDDERS": '["fake"]',
        "WEIGHTS": '{"bm25": 0.5, "fake": 0.5}',
        "FOREIGN_WEIGHTS": '{"fake": 1.0}',
        "RERANK": "false",
        "LLM_BASE_URL": chat_url,
    }
    for name, value in values.items():
        monkeypatch.setenv(f"RAPPORTEUR_{name}", value)
    assert main(["ingest", str(tmp_path / "data")]) == 0
    FakeChat.prompts.clear()
    return monkeypatch


def ask_cli(capsys) -> dict:
    capsys.readouterr()
    assert main(["ask", QUESTION, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def ask_api() -> dict:
    app = create_app()
    app.dependency_overrides[get_settings] = Settings  # what the server reads: the environment
    with TestClient(app) as client:
        response = client.post("/api/ask", json={"question": QUESTION})
    assert response.status_code == 200, response.text
    return response.json()


def prompt_tokens(messages: list[dict]) -> int:
    return sum(count_tokens(m["content"]) for m in messages)


def test_cli_and_api_give_the_same_generated_answer_within_the_same_budget(env, capsys):
    env.setenv("RAPPORTEUR_LLM_CONTEXT_TOKENS", "600")
    cli, api = ask_cli(capsys), ask_api()
    assert len(FakeChat.prompts) == 2, "both surfaces must call the configured model"
    assert not cli["abstained"] and cli["notice"] is None
    assert (cli["answer"], cli["citations"]) == (api["answer"], api["citations"])
    assert re.search(r"\((?:para\.|recommendation) \d+\)\.$", cli["answer"]) and cli["citations"]
    assert FakeChat.prompts[0] == FakeChat.prompts[1]
    assert prompt_tokens(FakeChat.prompts[1]) <= 600  # the API honours the setting too


def test_a_larger_budget_reaches_the_generator_on_both_surfaces(env, capsys):
    env.setenv("RAPPORTEUR_LLM_CONTEXT_TOKENS", "600")
    small = [ask_cli(capsys), ask_api()]
    env.setenv("RAPPORTEUR_LLM_CONTEXT_TOKENS", "3000")
    large = [ask_cli(capsys), ask_api()]
    counts = [len(PASSAGE.findall(p[-1]["content"])) for p in FakeChat.prompts]
    assert counts[0] == counts[1] < counts[2] == counts[3]
    assert max(prompt_tokens(p) for p in FakeChat.prompts[2:]) > 600
    assert small[0]["answer"] == small[1]["answer"] and large[0]["answer"] == large[1]["answer"]


def test_a_model_that_cannot_load_quotes_the_reports_on_both_surfaces(env, capsys, tmp_path):
    env.delenv("RAPPORTEUR_LLM_BASE_URL")
    env.setenv("RAPPORTEUR_LLM_MODEL_PATH", str(tmp_path / "missing.gguf"))
    cli, api = ask_cli(capsys), ask_api()
    assert not cli["abstained"] and cli["answer"] == api["answer"]
    assert "missing.gguf: no such model file" in cli["notice"]
    assert cli["notice"] == api["notice"]
    assert FakeChat.prompts == []


def test_a_bad_setting_is_one_line_naming_the_variable(env, capsys):
    env.setenv("RAPPORTEUR_LLM_CONTEXT_TOKENS", "12")
    assert main(["docs"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: setting llm_context_tokens (RAPPORTEUR_LLM_CONTEXT_TOKENS):")
    assert "\n" not in err and "'12'" in err
