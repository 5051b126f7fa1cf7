"""Per-unit support features of every library question (retrieval from the answers_sweep cache).

    PYTHONPATH=src:. python -m eval.answers_features --home /work/libhome-ans \
        --questions eval/library/library_questions.jsonl --out /tmp/ans-features.json
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
    p.add_argument("--out", default="/tmp/ans-features.json")
    args = p.parse_args()

    from rapporteur.app.facade import Rapporteur
    from rapporteur.assistant.abstain import FLOOR_SCORER, SENTENCE_FLOOR, judge, unit_supports
    from rapporteur.assistant.answer import K_EVIDENCE
    from rapporteur.core.settings import load_settings
    from rapporteur.evaluation.library import resolve

    app = Rapporteur.open(load_settings(home=Path(args.home)))
    searcher = cached_search(app.searcher, Path(args.cache))
    questions = [json.loads(line) for line in open(args.questions) if line.strip()]
    questions, _ = resolve(questions, searcher.units)
    out = []
    for q in questions:
        hits = searcher.search(q["q"], K_EVIDENCE, None, app.config)
        sups = unit_supports(searcher, q["q"], q["q"], hits)
        floor = SENTENCE_FLOOR if searcher.second_stage(app.config) == FLOOR_SCORER else None
        verdict = judge(searcher, q["q"], q["q"], hits, None, floor)
        gold = q["qrels"]
        out.append(
            {
                "id": q["id"],
                "split": q["split"],
                "kind": q["kind"],
                "lang": q.get("lang", "en"),
                "judged": verdict.answerable,
                "how": verdict.how,
                "q": q["q"],
                "units": [
                    s.to_dict() | {"gold": gold.get(h.unit.key, 0)} for s, h in zip(sups, hits)
                ],
            }
        )
    Path(args.out).write_text(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
