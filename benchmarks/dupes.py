"""The duplicate check's verdicts on labelled drafts: P/R/F1 per verdict with the shipped constants.

    python -m benchmarks.dupes [--shared ../shared] [--home DIR] [--refresh] [--grid]

Labelled drafts come from four places, reported separately:

- dev: ``../shared/eval/dev_drafts.jsonl`` (duplicates of wg6-2021 recommendations, and new
  drafts);
- hand: ``eval/drafts/hand_drafts.jsonl``, drafts written against wg6-2021: reworded
  duplicates of other recommendations, partial overlaps, and new drafts on subjects the
  report does not cover;
- mined: resolutions adopted again in later years (SERIES). Each operative paragraph of a
  later adoption is checked against the documents dated before it. Its label comes from its
  best word-sequence ratio (``dupes.sequence_ratio``) to an earlier OP: >= NEAR_VERBATIM is a
  duplicate (those earlier OPs are the right counterparts); AMENDED..NEAR_VERBATIM against its
  own series is an overlap (amended on re-adoption); lower is left out (no label).
  Negatives: the OPs of the latest adoption of each calibration series checked against the
  other two series only (unrelated subjects) are ``new``, except the boilerplate that really
  is verbatim elsewhere ("Decides to remain seized of the matter"), left out, and two read
  by hand (JUDGED). The mined labels lean on a word-sequence ratio that is also one of the
  features, so they test verbatim carry-over and the false-alarm rate, not rewording;
  rewording is what the dev and hand drafts test.
- held-out: three more re-adopted series, never used to choose the thresholds.

It reports the constants shipped in assistant/dupes.py (docs/duplicates.md has the figures).
``--grid`` also searches the blend weight, the cosine floor and both thresholds for the best mean
of macro-F1 on dev+hand and macro-F1 on mined, among settings that get every dev draft right, and
reports the grid's best, which need not be what ships: the comment above those constants says
why they were chosen and what they measure.
The index (wg6-2021 and all resolutions, e5-small) and the features are cached in ``--home``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import numpy as np

from rapporteur.assistant import dupes
from rapporteur.core.filters import Filters

ROOT = Path(__file__).resolve().parents[1]
SERIES = {  # document keys, oldest first
    "trafficking in women and girls": (
        "A_RES_73_146",
        "A_RES_75_158",
        "A_RES_77_194",
        "A_RES_79_154",
    ),
    "protection of migrants": (
        "A_RES_66_172",
        "A_RES_68_179",
        "A_RES_70_147",
        "A_RES_74_148",
        "A_RES_76_172",
        "A_RES_78_217",
    ),
    "HRC civilian firearms": ("A_HRC_RES_45_13", "A_HRC_RES_50_12", "A_HRC_RES_56_9"),
    # held out
    "trafficking coordination": ("A_RES_68_192", "A_RES_70_179", "A_RES_78_228"),
    "HRC trafficking in persons": ("A_HRC_RES_44_4", "A_HRC_RES_53_9"),
    "gender-related killing": ("A_RES_68_191", "A_RES_70_176"),
}
CALIBRATION = tuple(SERIES)[:3]
NEAR_VERBATIM = 0.7
AMENDED = 0.45
# Read by hand: both urge ratifying and implementing the Convention and its trafficking
# Protocol, as a clause of a migrants resolution does; not "new", whatever the subject.
JUDGED = {"A_RES_79_154:OP 4": "overlap", "A_RES_78_217:OP 8": "overlap"}

# Drafts written for this tool against wg6-2021 (eval/drafts/README.md): reworded duplicates of
# other recommendations than the dev set's, overlaps and new drafts, each with its label.
HAND_DRAFTS = ROOT / "eval" / "drafts" / "hand_drafts.jsonl"


@dataclass(frozen=True)
class Case:
    """One labelled draft: its source group, gold verdict and right counterparts (unit keys)."""

    group: str  # dev, hand, mined, held-out
    id: str
    draft: str
    label: str
    right: frozenset[str]
    scope: tuple[str, ...]  # document keys searched


@dataclass(frozen=True)
class Params:
    weight: float
    floor: float
    duplicate_at: float
    overlap_at: float


THRESHOLD_NAMES = ("SEMANTIC_FLOOR", "SEMANTIC_WEIGHT", "DUPLICATE_AT", "OVERLAP_AT")
SHIPPED = Params(dupes.SEMANTIC_WEIGHT, dupes.SEMANTIC_FLOOR, dupes.DUPLICATE_AT, dupes.OVERLAP_AT)


# --- pure: decisions and metrics ---------------------------------------------------------------


def decide(candidates: list[tuple[str, float, float]], p: Params) -> tuple[str, str | None]:
    """The verdict and top unit key for candidates ``(key, semantic, lexical)`` under ``p``."""
    score, top = _top(candidates, p.weight, p.floor)
    return _cut(score, p), top


def verdict_scores(cases: list[Case], predicted: dict[str, tuple[str, str | None]]) -> dict:
    """Precision, recall, F1 and support per verdict; a duplicate needs the right top match."""
    out = {}
    for label in dupes.VERDICTS:
        gold = [c for c in cases if c.label == label]
        said = [c for c in cases if predicted[c.id][0] == label]
        hits = [
            c
            for c in said
            if c.label == label
            and (label != dupes.DUPLICATE or not c.right or predicted[c.id][1] in c.right)
        ]
        p = len(hits) / len(said) if said else 0.0
        r = len(hits) / len(gold) if gold else 0.0
        out[label] = {
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "support": len(gold),
        }
    return out


def macro_f1(scores: dict) -> float:
    present = [s["f1"] for s in scores.values() if s["support"]]
    return float(np.mean(present)) if present else 0.0


def grid(cases: list[Case], feats: dict) -> list[tuple[float, Params]]:
    """Every setting that gets each dev draft right, by mean macro-F1 of dev+hand and mined."""
    groups = {"dev": ("dev",), "tuning": ("dev", "hand"), "mined": ("mined",)}
    chosen = [c for c in cases if c.group in ("dev", "hand", "mined")]
    rows = []
    for w, floor in product((0.2, 0.3, 0.4, 0.5, 0.6), (0.75, 0.8, 0.85)):
        # The top candidate depends on the blend only; the thresholds just cut its score.
        tops = {c.id: _top(feats[c.id], w, floor) for c in chosen}
        for dup, ov in product(np.arange(0.50, 0.92, 0.02), np.arange(0.30, 0.70, 0.02)):
            if ov >= dup:
                continue
            p = Params(w, floor, round(float(dup), 2), round(float(ov), 2))
            pred = {cid: (_cut(score, p), key) for cid, (score, key) in tops.items()}
            f1 = {
                g: macro_f1(verdict_scores([c for c in chosen if c.group in members], pred))
                for g, members in groups.items()
            }
            if f1["dev"] == 1.0:
                rows.append(((f1["tuning"] + f1["mined"]) / 2, p))
    rows.sort(key=lambda row: -row[0])
    return rows


def _top(
    candidates: list[tuple[str, float, float]], weight: float, floor: float
) -> tuple[float, str | None]:
    best, top = 0.0, None
    for key, semantic, lexical in candidates:
        sem = min(1.0, max(0.0, (semantic - floor) / (1.0 - floor)))
        s = weight * sem + (1.0 - weight) * lexical
        if top is None or s > best:
            best, top = s, key
    return best, top


def _cut(score: float, p: Params) -> str:
    return (
        dupes.DUPLICATE
        if score >= p.duplicate_at
        else dupes.OVERLAP
        if score >= p.overlap_at
        else dupes.NEW
    )


# --- the labelled cases ------------------------------------------------------------------------


def build_cases(searcher, shared: Path) -> list[Case]:
    """Dev, hand-written and mined cases; mined labels from word-sequence ratios (module doc)."""
    cases = []
    for row in _rows(shared / "eval" / "dev_drafts.jsonl"):
        label = dupes.DUPLICATE if row["duplicate_of"] else dupes.NEW
        right = frozenset(f"{row['doc']}:{u}" for u in row["duplicate_of"])
        cases.append(Case("dev", row["id"], row["draft"], label, right, (row["doc"],)))
    for row in _rows(HAND_DRAFTS):
        right = frozenset(f"{row['doc']}:{u}" for u in row["duplicate_of"])
        cases.append(Case("hand", row["id"], row["draft"], row["label"], right, (row["doc"],)))
    return cases + _series_cases(searcher) + _negative_cases(searcher)


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _adopted(searcher) -> dict[str, list]:
    by_doc: dict[str, list] = {}
    for u in searcher.units:
        if u.kind in dupes.ADOPTED_KINDS:
            by_doc.setdefault(u.doc, []).append(u)
    return by_doc


def _series_cases(searcher) -> list[Case]:
    """Each OP of a later adoption against everything dated earlier, labelled by its best ratio."""
    by_doc, dates = _adopted(searcher), {u.doc: u.date for u in searcher.units}
    cases = []
    for name, docs in SERIES.items():
        group = "mined" if name in CALIBRATION else "held-out"
        for doc in docs[1:]:
            earlier = tuple(sorted(d for d in by_doc if dates[d] and dates[d] < dates[doc]))
            lineage = [u for d in docs if d in earlier for u in by_doc[d]]
            for unit in by_doc[doc]:
                # Candidates a search finds, plus the series' own earlier OPs: a verbatim twin
                # elsewhere (an ECOSOC draft of the same text) is always among the first.
                hits = searcher.search(
                    unit.text,
                    dupes.CANDIDATES,
                    Filters(docs=earlier, kinds=dupes.ADOPTED_KINDS),
                    dupes.search_config(searcher),
                )
                pool = {u.key: u for u in [*(h.unit for h in hits), *lineage]}
                ratios = {key: dupes.sequence_ratio(unit.text, u.text) for key, u in pool.items()}
                best = max(ratios.values(), default=0.0)
                own = max((ratios[u.key] for u in lineage), default=0.0)
                if best >= NEAR_VERBATIM:
                    right = frozenset(k for k, r in ratios.items() if r >= NEAR_VERBATIM)
                    cases.append(Case(group, unit.key, unit.text, dupes.DUPLICATE, right, earlier))
                elif own >= AMENDED:
                    cases.append(
                        Case(group, unit.key, unit.text, dupes.OVERLAP, frozenset(), earlier)
                    )
    return cases


def _negative_cases(searcher) -> list[Case]:
    """OPs of the latest adoption of each calibration series against the other two series."""
    by_doc = _adopted(searcher)
    cases = []
    for name in CALIBRATION:
        others = tuple(d for n in CALIBRATION if n != name for d in SERIES[n])
        pool = [u for d in others for u in by_doc[d]]
        for unit in by_doc[SERIES[name][-1]]:
            if any(dupes.sequence_ratio(unit.text, u.text) >= NEAR_VERBATIM for u in pool):
                continue  # boilerplate that is verbatim in every resolution: no negative
            label = JUDGED.get(unit.key, dupes.NEW)
            cases.append(Case("mined", f"neg:{unit.key}", unit.text, label, frozenset(), others))
    return cases


# --- features over the index -------------------------------------------------------------------


def features(cases: list[Case], searcher) -> dict[str, list[tuple[str, float, float]]]:
    """Each case's candidates ``(unit key, semantic, lexical)``, as check_drafts scores them."""
    out = {}
    by_scope: dict[tuple[str, ...], list[Case]] = {}
    for c in cases:
        by_scope.setdefault(c.scope, []).append(c)
    for scope, group in by_scope.items():
        filters = Filters(docs=scope, kinds=dupes.ADOPTED_KINDS)
        results = dupes.check_drafts(
            [c.draft for c in group], searcher, filters, k=dupes.CANDIDATES
        )
        for c, result in zip(group, results):
            out[c.id] = [(m.unit.key, m.semantic, m.lexical) for m in result.matches]
        print(f"  features: {len(out)}/{len(cases)}", file=sys.stderr)
    return out


def open_index(shared: Path, home: Path):
    """The calibration index (wg6-2021 and every resolution, e5-small), built on first use."""
    from rapporteur.core.errors import IndexMismatch
    from rapporteur.core.settings import Settings
    from rapporteur.core.store import Store
    from rapporteur.index import open_searcher, rebuild
    from rapporteur.ingest.batch import collect, ingest_files

    settings = Settings(home=home, embedders=("e5-small",))
    home.mkdir(parents=True, exist_ok=True)
    files, _ = collect(
        [shared / "corpus" / "reports" / "wg6-2021.txt", shared / "corpus" / "resolutions"]
    )
    ingest_files(files, Store(settings.store_path))
    try:
        return open_searcher(settings)
    except IndexMismatch:
        print(f"building the calibration index in {home} (a few minutes, once)", file=sys.stderr)
        rebuild(settings, progress=lambda msg: print(f"  {msg}", file=sys.stderr))
        return open_searcher(settings)


def cached_features(cases: list[Case], searcher, home: Path, refresh: bool) -> dict:
    """Features from ``home/dupes-features.json`` if cases, index and scoring code are the same."""
    # The features do not depend on the thresholds or comments: editing those keeps the cache.
    code = "\n".join(
        line
        for line in Path(dupes.__file__).read_text().splitlines()
        if not line.startswith(("#", *THRESHOLD_NAMES))
    )
    ident = json.dumps(
        [[c.id, c.draft, c.scope] for c in cases] + [searcher.manifest["created_at"], code]
    )
    key = hashlib.sha256(ident.encode()).hexdigest()
    path = home / "dupes-features.json"
    if not refresh and path.exists():
        saved = json.loads(path.read_text())
        if saved.get("key") == key:
            return {k: [tuple(x) for x in v] for k, v in saved["features"].items()}
    feats = features(cases, searcher)
    path.write_text(json.dumps({"key": key, "features": feats}))
    return feats


# --- report ------------------------------------------------------------------------------------


def report(cases: list[Case], feats: dict, p: Params, title: str) -> None:
    cut = f"duplicate >= {p.duplicate_at}, overlap >= {p.overlap_at}"
    print(f"\n{title}: weight {p.weight}, floor {p.floor}, {cut}")
    pred = {c.id: decide(feats[c.id], p) for c in cases}
    gold = {c.id: c.label for c in cases}
    for group in ("dev", "hand", "mined", "held-out"):
        subset = [c for c in cases if c.group == group]
        scores = verdict_scores(subset, pred)
        cells = "  ".join(
            f"{v} P {s['precision']:.2f} R {s['recall']:.2f} F1 {s['f1']:.2f} (n={s['support']})"
            for v, s in scores.items()
            if s["support"]
        )
        print(f"  {group:8} macro-F1 {macro_f1(scores):.2f}  {cells}")
        best = {c.id: _top(feats[c.id], p.weight, p.floor)[0] for c in subset}
        spread = "  ".join(
            f"{v} {min(b for i, b in best.items() if gold[i] == v):.3f}-"
            f"{max(b for i, b in best.items() if gold[i] == v):.3f}"
            for v in dupes.VERDICTS
            if any(c.label == v for c in subset)
        )
        print(f"  {'':8} similarity of the best match, by gold verdict: {spread}")
        for c in subset:
            verdict, top = pred[c.id]
            wrong_top = verdict == c.label == dupes.DUPLICATE and c.right and top not in c.right
            if verdict != c.label or wrong_top:
                note = " wrong counterpart" if wrong_top else ""
                print(f"      {c.id}: {c.label} -> {verdict} (top {top}){note}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.dupes", description=__doc__.split("\n")[0]
    )
    ap.add_argument(
        "--shared", type=Path, default=ROOT.parent / "shared", help="folder with corpus/ and eval/"
    )
    ap.add_argument(
        "--home",
        type=Path,
        default=ROOT / "artifacts" / "dupes-home",
        help="calibration index and feature cache (default artifacts/dupes-home)",
    )
    ap.add_argument("--refresh", action="store_true", help="recompute the features")
    ap.add_argument(
        "--grid",
        action="store_true",
        help="also search the blend weight, cosine floor and thresholds, and report the best",
    )
    args = ap.parse_args(argv)
    if not (args.shared / "corpus" / "resolutions").is_dir():
        print(f"error: {args.shared}/corpus/resolutions not found; pass --shared", file=sys.stderr)
        return 1
    searcher = open_index(args.shared, args.home)
    cases = build_cases(searcher, args.shared)
    counts: dict[tuple[str, str], int] = {}
    for c in cases:
        counts[c.group, c.label] = counts.get((c.group, c.label), 0) + 1
    print("cases:", ", ".join(f"{g}/{v} {n}" for (g, v), n in sorted(counts.items())))
    feats = cached_features(cases, searcher, args.home, args.refresh)
    if args.grid:
        best = grid(cases, feats)
        print("\ngrid (mean of macro-F1 dev+hand and macro-F1 mined), top 5:")
        for score, p in best[:5]:
            print(f"  {score:.3f}  {p}")
        if best:
            report(cases, feats, best[0][1], "grid best")
    report(cases, feats, SHIPPED, "shipped (assistant/dupes.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
