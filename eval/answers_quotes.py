"""Scored sentences of every answerable library question (retrieval from the answers_sweep cache),
so the choice of quotes can be swept offline.

    PYTHONPATH=src:. python -m eval.answers_quotes --home /work/libhome-ans \
        --questions eval/library/library_questions.jsonl --out /tmp/ans-quotes.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eval.answers_sweep import cached_search


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--home", required=True)
    p.add_argument("--questions", required=True)
    p.add_argument("--cache", default="/tmp/ans-hits.pkl")
    p.add_argument("--out", default="/tmp/ans-quotes.json")
    args = p.parse_args()

    import numpy as np

    from rapporteur.app.facade import Rapporteur
    from rapporteur.assistant.abstain import SOFT_MODEL, judge
    from rapporteur.assistant.answer import K_EVIDENCE, K_QUOTED, _answer_terms
    from rapporteur.assistant.select import score_sentences
    from rapporteur.core.settings import load_settings
    from rapporteur.evaluation.library import resolve

    app = Rapporteur.open(load_settings(home=Path(args.home)))
    searcher = cached_search(app.searcher, Path(args.cache))
    questions = [json.loads(line) for line in open(args.questions) if line.strip()]
    questions, _ = resolve(questions, searcher.units)
    embedder = searcher.embedder(SOFT_MODEL)
    out = []
    for q in questions:
        if q["kind"] == "no_answer":
            continue
        hits = searcher.search(q["q"], K_EVIDENCE, None, app.config)
        verdict = judge(searcher, q["q"], q["q"], hits)
        terms, found = _answer_terms(searcher, q["q"], q["q"], hits, verdict)
        vec = embedder.embed_query(q["q"])
        quotes = score_sentences(
            terms,
            found,
            hits[:K_QUOTED],
            lambda texts, vec=vec: searcher.text_vectors(SOFT_MODEL, texts) @ vec,
        )
        out.append(
            {
                "id": q["id"],
                "split": q["split"],
                "kind": q["kind"],
                "qrels": q["qrels"],
                "rank": {h.unit.key: n for n, h in enumerate(hits)},
                "quotes": [
                    {
                        "key": x.unit.key,
                        "doc": x.unit.doc,
                        "kind": x.unit.kind,
                        "index": x.index,
                        "words": len(x.text.split()),
                        "score": round(x.score, 5),
                    }
                    for x in quotes[:60]
                ],
            }
        )
        np.asarray(0)
    Path(args.out).write_text(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
