"""The English terms of the non-English written questions, as the index's cross-lingual lexicon
gives them (index/translate.py): what the verdict reads for a question in French, Spanish,
Russian, Arabic or Chinese, at training and at search.

    python -m training.reader.terms --home HOME --out training/reader/terms.jsonl

HOME is a library home built with the default embedders (its lexicon is made of its own corpus's
words; the committed file was made over the 651-document library). Writes one line per
non-English question, ``{"id", "terms"}``, so retraining reads the same text without the index.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rapporteur.core.text import composed
from rapporteur.index.translate import as_text
from training.reader.check import questions


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    from rapporteur.app.facade import Rapporteur
    from rapporteur.core.settings import Settings

    searcher = Rapporteur.open(Settings(home=args.home)).searcher
    rows = [r for r in questions() if r.get("lang") != "en"]
    with args.out.open("w") as f:
        for i, r in enumerate(rows):
            terms = as_text(searcher.translated(composed(r["q"])))
            f.write(json.dumps({"id": r["id"], "terms": terms}, ensure_ascii=False) + "\n")
            if i % 200 == 0:
                print(f"{i}/{len(rows)}", flush=True)
    print(f"{len(rows)} questions -> {args.out}")


if __name__ == "__main__":
    main()
