"""Verify the compendium's labelled sample (tune, check, check2, check3, check4) against parsed units.

    python eval/compendium/check.py --units OUT [--skip-missing] [--labels FILE ...] [FILE ...]

OUT is the folder `python -m training.reader.dump_units --raw RAW --out OUT` wrote (its
``units/DOC.jsonl``, or the DOC.jsonl files themselves). The label files (positional or
``--labels``) default to every ``*.jsonl`` beside this script (tune, check, check2, check3, check4). Every
record must name a parsed unit, and its quote must be a verbatim substring of that unit's text
with whitespace collapsed (8-30 words, or the whole text of a shorter unit); addressees come
from ADDRESSEES, targets from the package's 169 SDG targets, and no document may sit in two
label files (those not named on the command line included). Prints ``N records ok, M bad`` and one line per problem;
exits 1 when anything is bad. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS_TSV = HERE.parents[1] / "src/rapporteur/assistant/compendium/data/sdg_targets.tsv"
FIELDS = {"doc", "unit", "item", "quote", "addressee", "action", "sdg_targets"}
# The normalised actor names (README "Addressees"); a named State is written by its short name.
ADDRESSEES = frozenset(
    {
        # States and their groupings
        "Member States",
        "States parties",
        "the State party",
        "Governments",
        "least developed countries",
        "neighbouring States",
        "developed countries",
        # principal organs and their heads
        "Secretary-General",
        "Security Council",
        "General Assembly",
        "Economic and Social Council",
        "Human Rights Council",
        # UN entities, bodies and their heads
        "United Nations system",
        "OHRLLS",
        "UN-Women Executive Board",
        "UNDP/UNFPA/UNOPS Executive Board",  # check6
        "UNICEF Executive Board",  # check6
        "Ad Hoc Advisory Group on Haiti",  # check6
        "UNIFIL",  # check6
        "United Nations Forum on Forests",
        "United Nations Environment Assembly",
        "Committee of Permanent Representatives to UNEP",
        "Executive Director of UNEP",
        "High Commissioner for Human Rights",
        "special procedures",
        "UNODC",
        "BINUH",
        "United Nations Secretariat",
        "DPPA Mediation Support Unit",
        "UNCTAD Standing Committee on Shipping",
        "Commission for Social Development",
        "Commission on the Status of Women",
        "Special Committee on Decolonization",
        "Security Council sanctions committee",
        "Security Council panel of experts",
        "UNFICYP",
        "MONUSCO",
        "Statistical Commission",
        "humanitarian organizations",
        # others
        "international community",
        "development partners",
        "donors",
        "international financial institutions",
        "financial institutions",
        "multilateral institutions",
        "regional organizations",
        "private sector",
        "civil society",
        "all stakeholders",
        "parties to conflict",
        "armed groups",
        "political leaders",
        # named States
        "Democratic Republic of the Congo",
        "Haiti",
        "Dominican Republic",
        "South Sudan",
        "Afghanistan",
        "Rwanda",
        "Israel",
        "Lebanon",
        "Syrian Arab Republic",
        "Türkiye",
        "Somalia",
        "Ethiopia",
        "Libya",
        "Serbia",
        "Iraq",
        "Central African Republic",
        "State of Palestine",
        "Cameroon",  # check6
        "Nigeria",  # check6
        "Gambia",  # check6
        "Liberia",  # check6
        # a territory and its institutions (named as in Security Council resolution 1244 (1999)),
        # and the Territories the Special Committee on Decolonization lists
        "Kosovo",
        "Non-Self-Governing Territories",
    }
)


def collapse(text: str) -> str:
    return " ".join(text.split())


def load(path: Path) -> list[dict]:
    """The JSON lines of ``path`` (blank lines skipped); a bad line stops with its number."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{n}: not JSON ({exc.msg}); one object per line") from None
    return rows


def sdg_ids(path: Path = TARGETS_TSV) -> set[str] | None:
    """The 169 target ids ("16.2", "17.a"), or None when the package data file is absent."""
    if not path.is_file():
        return None
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "id\t")):
            tid = line.split("\t", 1)[0]
            if "." in tid:
                ids.add(tid)
    return ids


def unit_texts(units_dir: Path, doc: str) -> dict[str, str] | None:
    """``{unit label: collapsed text}`` of one parsed document, or None when it is absent."""
    sub = units_dir / "units"
    path = (sub if sub.is_dir() else units_dir) / f"{doc}.jsonl"
    if not path.is_file():
        return None
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            u = json.loads(line)
            out[u["unit"]] = collapse(u["text"])
    return out


def problems(record: dict, texts: dict[str, str], targets: set[str] | None) -> list[str]:
    """What is wrong with one record (empty when nothing is)."""
    if record.get("none"):
        extra = set(record) - {"doc", "none", "note"}
        return [f"a 'none' line carries {sorted(extra)}"] if extra else []
    out = [f"missing field {f!r}" for f in sorted(FIELDS - set(record))]
    if out:
        return out
    text = texts.get(record["unit"])
    if text is None:
        return [f"no unit {record['unit']!r} in the parsed document"]
    quote = collapse(record["quote"])
    if quote not in text:
        out.append(f"quote not in {record['unit']}: {quote[:60]!r}")
    words = len(quote.split())
    if not (8 <= words <= 30 or quote == text):
        out.append(f"quote has {words} words (8-30, or the whole of a shorter unit)")
    item = record["item"]
    if item is not None and not re.search(r"\(" + re.escape(item) + r"\)", text):
        out.append(f"item ({item}) not in {record['unit']}")
    if item is not None and not quote.startswith(f"({item})"):
        out.append(f"an item's quote starts at its marker '({item})'")
    bad = [a for a in record["addressee"] if a not in ADDRESSEES]
    if bad:
        out.append(f"addressee not in the README's list: {bad}")
    action = record["action"]
    if not action or action != action.lower() or action != action.strip():
        out.append(f"action {action!r}: a lower-case verb lemma")
    if targets is not None:
        unknown = [t for t in record["sdg_targets"] if t not in targets]
        if unknown:
            out.append(f"unknown SDG targets {unknown}")
    return out


def verify(files: dict[str, list[dict]], units_dir: Path, skip_missing: bool = False):
    """(records ok, records bad, problem lines) over the named files; a document not parsed in
    ``units_dir`` is bad unless ``skip_missing``, then it is left out of both counts."""
    targets = sdg_ids()
    ok, n_bad, lines, seen, docs_of = 0, 0, [], set(), {}
    for name, rows in files.items():
        docs_of[name] = {r.get("doc") for r in rows}
        none_docs = {r.get("doc") for r in rows if r.get("none")}
        for r in rows:
            doc = r.get("doc")
            texts = unit_texts(units_dir, doc) if doc else None
            if doc and texts is None and skip_missing:
                continue
            where = f"{name}: {doc} {r.get('unit')}" + (f" ({r['item']})" if r.get("item") else "")
            if not doc:
                found = ["no 'doc'"]
            elif texts is None:
                found = [f"not parsed in {units_dir}"]
            else:
                found = problems(r, texts, targets)
            if doc in none_docs and not r.get("none"):
                found.append("the document is marked 'none' and has records")
            key = (doc, r.get("unit"), r.get("item"), bool(r.get("none")))
            if key in seen:
                found.append("labelled twice")
            seen.add(key)
            lines.extend(f"{where}: {p}" for p in found)
            ok, n_bad = ok + (not found), n_bad + bool(found)
    names = list(docs_of)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            both = sorted(d for d in docs_of[a] & docs_of[b] if d)
            if both:
                n_bad += 1
                lines.append(f"{a} and {b} share documents {both}: the split is by document")
    return ok, n_bad, lines


def overlaps(paths: list[Path]) -> list[str]:
    """The documents a checked file shares with a label file beside this script that was not
    checked with it (a held-out half must stay disjoint from every other half)."""
    names = {p.resolve() for p in paths}
    out = []
    for path in paths:
        docs = {r.get("doc") for r in load(path)}
        for other in sorted(HERE.glob("*.jsonl")):
            if other.resolve() not in names:
                both = sorted(d for d in docs & {r.get("doc") for r in load(other)} if d)
                if both:
                    out.append(f"{path.name} and {other.name} share documents {both}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="label files (default: every *.jsonl here)")
    ap.add_argument(
        "--labels", action="append", type=Path, default=[], help="a label file (repeatable)"
    )
    ap.add_argument("--units", type=Path, required=True, help="dump_units output folder")
    ap.add_argument(
        "--skip-missing", action="store_true", help="skip documents not parsed in --units"
    )
    args = ap.parse_args(argv)
    paths = [*args.files, *args.labels] or sorted(HERE.glob("*.jsonl"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise SystemExit(f"{', '.join(missing)}: no such label file")
    if not args.units.is_dir():
        raise SystemExit(f"{args.units}: no such folder (run training.reader.dump_units first)")
    ok, bad, lines = verify({p.name: load(p) for p in paths}, args.units, args.skip_missing)
    shared = overlaps(paths)
    bad, lines = bad + len(shared), lines + shared
    print(f"{ok} records ok, {bad} bad")
    for line in lines:
        print("  " + line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
