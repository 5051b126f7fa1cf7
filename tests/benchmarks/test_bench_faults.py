"""The fuzz and load stages of `make bench` (benchmarks/fuzz.py, benchmarks/load.py): what they count."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.fuzz import draw, send
from benchmarks.fuzz import markdown as fuzz_lines
from benchmarks.load import markdown as load_table
from benchmarks.load import summary


@dataclass
class Response:
    status_code: int
    text: str


class Client:
    """Answers 500 to one question, a 200 with a stack trace to another, 200 to the rest."""

    def post(self, path: str, json: dict) -> Response:
        q = json.get("question") or json.get("query")
        if q == "boom":
            return Response(500, '{"detail": "internal error; see the server log"}')
        if q == "leak" and path == "/api/search":
            return Response(200, 'Traceback (most recent call last):\n  File "/x.py"')
        return Response(200, "{}")


def test_send_counts_statuses_and_keeps_the_offending_questions():
    out = send(Client(), ["fine", "boom", "leak"], [{"role": "user", "content": "x"}])
    assert out["status"] == {"ask": {"200": 2, "500": 1}, "search": {"200": 2, "500": 1}}
    assert out["5xx"] == 2 and out["offending"] == 3
    assert {(e["endpoint"], e["question"]) for e in out["examples"]} == {
        ("ask", "boom"),
        ("search", "boom"),
        ("search", "leak"),
    }
    lines = "\n".join(fuzz_lines(out | {"index": {"files": 1, "units": 2}, "seconds": 1.0}))
    assert "5xx: 2" in lines and "| POST /api/ask | 2 x 200, 1 x 500 |" in lines


def test_draw_gives_distinct_questions_the_same_on_every_run():
    texts = ["marking of firearms", "trafficking in persons", "recommendation 18 of the report"]
    first = draw(texts, 50)
    assert len(first) == len(set(first)) == 50 and first == draw(texts, 50)


def test_load_summary_counts_every_answer_but_200_as_an_error():
    results = [("search", 200, 0.01), ("ask", 200, 0.2), ("ask", 503, 1.0), ("search", "X", 0)]
    out = summary(results, clients=2, seconds=1)
    assert (out["requests"], out["errors"], out["error_kinds"]) == (4, 2, ["503", "X"])
    assert out["search"]["n"] == 1 and out["ask"]["n"] == 1
    table = "\n".join(load_table(out | {"index": {"files": 1, "units": 3}, "load_after": [1]}))
    assert "4 requests, 2 errors" in table and "| ask | 1 |" in table


def test_send_reports_partial_counts_on_the_way():
    seen: list = []
    send(Client(), ["fine"] * 250, [], seen.append)
    assert [s["questions"] for s in seen] == [100, 200]
    assert seen[-1]["status"]["search"] == {"200": 200}
