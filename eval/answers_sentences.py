"""Sentence-level support of every library question, beside the pipeline's verdict (calibration).

    PYTHONPATH=src:. python -m eval.answers_sentences --home H [--out F]

For each question: whether today's answer path refuses it, and ``sentence_coverage`` with
windows of 1 and 2 sentences (assistant/abstain.py). Prints, per half, the refusal trade-off of
each threshold on top of today's verdict. Measured 2026-12-02 (docs/retrieval-report.md): it does
not separate the set's unanswerable questions from its answerable paraphrases, so it is not used.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rapporteur.assistant.abstain import TRANSLATIONS, match_terms, similar
from rapporteur.assistant.ports import Index
from rapporteur.assistant.terms import FOREIGN_FRAMING, asked_type, english_words, holds_type
from rapporteur.core.text import WORD, sentences
from rapporteur.index.lexical import tokenize
from rapporteur.index.questions import is_foreign, without_document_names
from rapporteur.index.translate import words_and_pairs

SET = Path(__file__).resolve().parent / "library" / "library_questions.jsonl"


def features(app, questions):
    from rapporteur.assistant.answer import K_EVIDENCE, answer

    searcher = app.searcher
    out = []
    for q in questions:
        hits = searcher.search(q["q"], K_EVIDENCE, None, app.config)
        row = {
            "id": q["id"],
            "split": q["split"],
            "kind": q["kind"],
            "unanswerable": not q["primary"],
            "refused": answer(q["q"], searcher, config=app.config).abstained,
        }
        for w in (1, 2):
            row[f"s{w}"] = round(sentence_coverage(searcher, q["q"], q["q"], hits, w), 4)
        out.append(row)
    return out


def curve(rows, key, thresholds):
    for split in ("tune", "check"):
        rs = [r for r in rows if r["split"] == split]
        una = [r for r in rs if r["unanswerable"]]
        ans = [r for r in rs if not r["unanswerable"]]
        for t in thresholds:
            u = sum(r["refused"] or r[key] < t for r in una)
            a = sum(r["refused"] or r[key] < t for r in ans)
            print(
                f"{split} {key}<{t:.2f}: unanswerable refused {u}/{len(una)}, "
                f"answerable refused {a}/{len(ans)}"
            )


def sentence_coverage(
    searcher: Index, question: str, focus: str, hits: list, window: int = 1
) -> float:
    """The best share of the question's term weight that meets in ``window`` consecutive
    sentences of one retrieved unit, counting only sentences that hold the figure or date the
    question asks for (``holds_type``). A question answered by one unit has its terms in one
    sentence or two; a question whose words are spread over a unit about something else does not.

    English terms weigh their IDF and may be found as in ``match_terms`` (prefix, vector);
    other languages count each content word once, found through the index's lexicon.
    """
    focus = without_document_names(focus, searcher.symbols)
    asks = asked_type(question)
    finders = (
        _foreign_finders(searcher, focus) if is_foreign(focus) or is_foreign(question) else None
    )
    if finders is None:
        words = english_words(focus)
        weights = {s: searcher.idf(s) for s in words}
    else:
        weights = dict.fromkeys(finders, 1.0)
    total = sum(weights.values())
    if not total:
        return 1.0
    soft = similar(searcher)
    best = 0.0
    for h in hits:
        if finders is None:
            found = match_terms(words, [h.unit.text], soft)
            forms = {s: set(ws) | {s} for s, ws in found.items()}
        else:
            forms = finders
        parts = [t for t in sentences(h.unit.text) if t.strip()] or [h.unit.text]
        for i in range(max(1, len(parts) - window + 1)):
            text = " ".join(parts[i : i + window])
            if not holds_type(asks, text, question):
                continue
            have = set(tokenize(text)) | set(WORD.findall(text.lower()))
            got = sum(weights[s] for s, fs in forms.items() if _present(fs, have))
            best = max(best, got / total)
    return best


def _present(forms: set[str] | list[set[str]], have: set[str]) -> bool:
    """Whether one of a term's forms is in a sentence's words; a form is a word, or (through the
    lexicon) a set of stems that must all be there."""
    return any((f in have) if isinstance(f, str) else f <= have for f in forms)


def _foreign_finders(searcher: Index, focus: str) -> dict[str, list[set[str]]] | None:
    """Each content word of a non-English question -> the stem sets of its nearest English
    corpus terms (index/translate.py); None without a lexicon."""
    words, _ = words_and_pairs(focus, FOREIGN_FRAMING)
    terms = searcher.nearest_terms(words, TRANSLATIONS) if words else []
    if terms is None:
        return None
    return {w: [set(ts) for t in cands if (ts := tokenize(t))] for w, cands in zip(words, terms)}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--home", required=True)
    p.add_argument("--out", default="/tmp/ans-sentences.json")
    p.add_argument("--load", action="store_true", help="read --out instead of computing")
    args = p.parse_args()
    if args.load:
        rows = json.loads(Path(args.out).read_text())
    else:
        from rapporteur.app.facade import Rapporteur
        from rapporteur.core.settings import load_settings

        app = Rapporteur.open(load_settings(home=Path(args.home)))
        app.prepare()
        questions = [json.loads(line) for line in SET.open() if line.strip()]
        rows = features(app, questions)
        Path(args.out).write_text(json.dumps(rows, indent=1))
    for key in ("s1", "s2"):
        curve(rows, key, [0.0, 0.4, 0.5, 0.6, 0.7, 0.8])


if __name__ == "__main__":
    main()
