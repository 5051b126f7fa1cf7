"""The reader's held-out questions as a `rapporteur eval` question file for one library home.

    python -m benchmarks.heldout_questions --home H --out F.jsonl [--languages other|en|all]

One written question in ten (training/reader, ``train_verdict.held``: by a hash of its id) was
never trained on by the reader or the verdict. This writes them, answerable and unanswerable, in
the library set's format (every question ``split`` "tune", so `--split tune` reads them all),
with each gold document named as the home stores it (the library's own files are stored with
their ``.en`` language suffix, the shared corpus's without). A question whose gold document the
home does not hold is left out and counted.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from pathlib import Path

from training.reader.check import questions
from training.reader.train_verdict import held


def stored_documents(home: Path) -> set[str]:
    """The document keys a home's store holds."""
    with sqlite3.connect(home / "store.sqlite") as db:
        return {row[0] for row in db.execute("SELECT doc FROM documents")}


def stored_gold(record: dict, keys: set[str]) -> list[dict] | None:
    """A written question's gold with each document named as the home stores it (the library's
    own files carry a ``.en`` suffix, the shared corpus's none), or None when the home lacks one
    (pure)."""

    def key(doc: str) -> str | None:
        return doc if doc in keys else (doc + ".en" if doc + ".en" in keys else None)

    gold = record.get("primary") or []
    docs = [key(g["doc"]) for g in gold]
    return None if None in docs else [dict(g, doc=d) for g, d in zip(gold, docs, strict=True)]


def as_eval(records: list[dict], keys: set[str], languages: str) -> tuple[list[dict], int]:
    """Held-out questions of the languages asked for, in eval format, and how many were left out
    for want of their gold document (pure)."""
    out, missing = [], 0
    for r in records:
        english = r.get("lang") == "en"
        if not held(r["id"]) or (languages == "en" and not english):
            continue
        if languages == "other" and english:
            continue
        gold = stored_gold(r, keys)
        if gold is None:
            missing += 1
            continue
        out.append(
            {
                "id": r["id"],
                "kind": r["kind"],
                "lang": r["lang"],
                "q": r["q"],
                "split": "tune",
                "primary": gold,
                "relevant": [],
                "docs": sorted({g["doc"] for g in gold}),
            }
        )
    return out, missing


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--languages", choices=("other", "en", "all"), default="all")
    args = ap.parse_args(argv)
    rows, missing = as_eval(questions(), stored_documents(args.home), args.languages)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    answerable = sum(bool(r["primary"]) for r in rows)
    print(
        f"{len(rows)} held-out questions ({answerable} answerable, {len(rows) - answerable} "
        f"unanswerable) -> {args.out}; {missing} left out (gold document not in the home)"
    )


if __name__ == "__main__":
    main()
