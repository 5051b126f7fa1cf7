"""Count words glued together in parsed units, and compare two parses of one library.

    python -m eval.glued_words OUT [OUT_BEFORE]

OUT is a folder `python -m training.reader.dump_units` wrote (units/DOC.jsonl). Prints the
joins found; with a second folder, also how many units changed between the two parses, their
word counts, and a sample of changed units (old / new) to read by eye.

A join is a whole lower-cased token that is not an English word (the vocabulary of
``rapporteur.ingest.quality``) and is a function word glued to a following word:
- the fixed list: each of FIRST glued to each of SECOND ("ofthe", "andthe", "inits", ...);
- any join: "of" glued to any vocabulary word of 3 letters or more ("ofaudit", "ofconcern").
  Only "of": with "in", "as" or "to" the family is mostly rare real words the vocabulary lacks
  ("indiscriminate", "inaction", "tonga"); with "of" such words are a handful ("ofamerica" is a
  join), the same in both parses.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from pathlib import Path

FIRST = ("of", "and", "in", "to", "for", "on", "by", "with", "from", "at", "that", "as")
SECOND = ("the", "a", "an", "all", "its", "their", "this", "these", "which", "such", "and", "our")
TOKEN = re.compile(r"[a-z]+")


def fixed_joins(vocabulary: frozenset[str]) -> frozenset[str]:
    """Every FIRST+SECOND pair of 4 letters or more that is not itself a word ("ofthe")."""
    joins = {f + s for f in FIRST for s in SECOND}
    return frozenset(j for j in joins if len(j) >= 4 and j not in vocabulary)


def glued(token: str, vocabulary: frozenset[str]) -> bool:
    """A token that is no word but "of" followed by a word of 3+ letters."""
    return (
        token.startswith("of")
        and len(token) >= 5
        and token not in vocabulary
        and token[2:] in vocabulary
    )


def read_units(out: Path) -> dict[str, list[str]]:
    """Each document's unit texts in file order."""
    return {
        path.stem: [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
        for path in sorted((out / "units").glob("*.jsonl"))
    }


def count(docs: dict[str, list[str]], vocabulary: frozenset[str]) -> dict:
    """Fixed-list joins by token, any joins, units with a join, units, words."""
    fixed, joins, units_hit, units, words = Counter(), 0, 0, 0, 0
    listed = fixed_joins(vocabulary)
    for texts in docs.values():
        for text in texts:
            tokens = TOKEN.findall(text.lower())
            hits = [t for t in tokens if glued(t, vocabulary)]
            fixed.update(t for t in tokens if t in listed)
            joins, units_hit = joins + len(hits), units_hit + bool(hits)
            units, words = units + 1, words + len(text.split())
    return {"fixed": fixed, "joins": joins, "units_hit": units_hit, "units": units, "words": words}


def report(figures: dict, name: str) -> None:
    f = figures
    print(
        f"{name}: {sum(f['fixed'].values())} fixed-list joins, {f['joins']} joins in all, "
        f"{f['units_hit']} of {f['units']} units with a join, {f['words']} words"
    )
    print("  " + ", ".join(f"{t} {n}" for t, n in f["fixed"].most_common(12)))


def compare(new: dict[str, list[str]], old: dict[str, list[str]], sample: int = 12) -> None:
    """Units changed, matched by position in documents whose unit count is unchanged."""
    changed, same_count, pairs = 0, 0, []
    for doc, texts in new.items():
        before = old.get(doc)
        if before is None or len(before) != len(texts):
            continue
        same_count += 1
        for a, b in zip(before, texts, strict=True):
            if a != b:
                changed += 1
                pairs.append((doc, a, b))
    grown = sum(len(b.split()) - len(a.split()) for _, a, b in pairs)
    print(
        f"{same_count} of {len(new)} documents keep their unit count; {changed} units changed "
        f"(+{grown} words in them); documents whose count changed: "
        f"{sorted(d for d in new if d in old and len(old[d]) != len(new[d]))}"
    )
    for doc, a, b in random.Random(0).sample(pairs, min(sample, len(pairs))):
        print(f"--- {doc}\n  old: {_diff_window(a, b)}\n  new: {_diff_window(b, a)}")


def _diff_window(text: str, other: str, width: int = 60) -> str:
    """The text around its first difference from the other."""
    i = next((k for k, (x, y) in enumerate(zip(text, other)) if x != y), min(len(text), 0))
    return text[max(0, i - width) : i + width]


def main(argv: list[str] | None = None) -> None:
    from rapporteur.ingest.quality import vocabulary

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="a dump_units folder")
    ap.add_argument("before", type=Path, nargs="?", help="an earlier dump_units folder")
    args = ap.parse_args(argv)
    words, new = vocabulary(), read_units(args.out)
    if args.before is not None:
        old = read_units(args.before)
        report(count(old, words), str(args.before))
    report(count(new, words), str(args.out))
    if args.before is not None:
        compare(new, old)


if __name__ == "__main__":
    main()
