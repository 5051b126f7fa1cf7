"""Before/after tables of two answers_sweep runs (rows JSON), per split and per kind, as Markdown.

python -m eval.answers_tables /tmp/ans-before.json /tmp/ans-after.json
"""

from __future__ import annotations

import json
import sys


def summary(rows: list[dict]) -> dict:
    un = [r for r in rows if r["kind"] == "no_answer"]
    an = [r for r in rows if r["kind"] != "no_answer"]
    precs = [r["precision"] for r in an if r["precision"] is not None]

    def share(xs):
        return sum(xs) / len(xs) if xs else None

    return {
        "n": len(rows),
        "cites_primary": share([r["cites_primary"] for r in an]),
        "citation_precision": sum(precs) / len(precs) if precs else None,
        "unanswerable_refused": share([r["abstained"] for r in un]),
        "answerable_refused": share([r["abstained"] for r in an]),
    }


def fmt(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def main() -> None:
    before, after = (json.load(open(p)) for p in sys.argv[1:3])
    names = ["cites_primary", "citation_precision", "unanswerable_refused", "answerable_refused"]
    for split in ("tune", "check"):
        b = [r for r in before if r["split"] == split]
        a = [r for r in after if r["split"] == split]
        print(f"\n### {split} half\n")
        print("| kind | n | " + " | ".join(f"{n} before | after" for n in names) + " |")
        print("|---|---|" + "---|---|" * len(names))
        for kind in ["all"] + sorted({r["kind"] for r in b}):

            def pick(rs, kind=kind):
                return rs if kind == "all" else [r for r in rs if r["kind"] == kind]

            sb, sa = summary(pick(b)), summary(pick(a))
            cells = " | ".join(f"{fmt(sb[n])} | {fmt(sa[n])}" for n in names)
            print(f"| {kind} | {sb['n']} | {cells} |")


if __name__ == "__main__":
    main()
