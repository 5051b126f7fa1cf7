"""The compendium's figures: extraction P/R per field, theme agreement, SDG P/R, lineage P/R.

Labels are ``data/compendium_labels.jsonl`` (hand-written: the seed's 47 recommendations, a
random sample of 40 operative paragraphs, the Haiti reports' recommendation chapters). Theme
agreement is the adjusted Rand index between the seed's themes and its own sections A-D.
Lineage truth comes from the resolution series (documents sharing a title, ordered by date):
an operative paragraph's true predecessor is the OP of the previous resolution of its series
that is the mutual best match by shared content words (Jaccard >= TRUE_AT) — a different
measure from the duplicate check's blend the compendium links with.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from importlib import resources
from itertools import pairwise

from rapporteur.assistant.compendium.records import NEW, Recommendation
from rapporteur.assistant.compendium.themes import adjusted_rand
from rapporteur.assistant.dupes import content_words

SEED_DOC = "wg6-2021"
TRUE_AT = 0.5  # Jaccard of content words for a true predecessor (mutual best)


def labels() -> list[dict]:
    """The labelled set, one dict per unit key."""
    text = (
        resources.files("rapporteur.evaluation")
        .joinpath("data", "compendium_labels.jsonl")
        .read_text("utf-8")
    )
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def pr(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F1 with their counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def field_scores(records: list[Recommendation], rows: list[dict]) -> dict:
    """P/R of finding the records, their addressees (micro over pairs) and their action, per set."""
    found = by_unit(records)
    out = {}
    for name in sorted({row["set"] for row in rows}) + ["all"]:
        chosen = [row for row in rows if name in ("all", row["set"])]
        out[name] = {
            "record": _records(found, chosen),
            "addressees": _addressees(found, chosen),
            "action": _actions(found, chosen),
            "labelled": len(chosen),
        }
    return out


def by_unit(records: list[Recommendation]) -> dict[str, Recommendation]:
    """Entries by their unit's key ("wg6-2021:rec 18"); a unit split into lettered items is
    found by its first item (these labels are per unit)."""
    found: dict[str, Recommendation] = {}
    for r in records:
        found.setdefault(f"{r.doc}:{r.unit}", r)
    return found


def _records(found: dict, rows: list[dict]) -> dict:
    tp = sum(row["record"] and row["key"] in found for row in rows)
    fp = sum(not row["record"] and row["key"] in found for row in rows)
    fn = sum(row["record"] and row["key"] not in found for row in rows)
    return pr(tp, fp, fn)


def _addressees(found: dict, rows: list[dict]) -> dict:
    tp = fp = fn = 0
    for row in (r for r in rows if "addressees" in r):
        truth = {a.lower() for a in row["addressees"]}
        guess = {a.lower() for a in found[row["key"]].addressees} if row["key"] in found else set()
        tp, fp, fn = tp + len(truth & guess), fp + len(guess - truth), fn + len(truth - guess)
    return pr(tp, fp, fn)


def _actions(found: dict, rows: list[dict]) -> dict:
    rows = [r for r in rows if r.get("action")]
    right = sum(r["key"] in found and found[r["key"]].action == r["action"] for r in rows)
    wrong = sum(r["key"] in found and found[r["key"]].action != r["action"] for r in rows)
    return pr(right, wrong, len(rows) - right)


def section_letter(section: str) -> str:
    """ "II. Recommendations > B. Recommendations on ..." -> "B"."""
    m = re.search(r"(?:^| > )([A-Z])\. [^>]*$", section)
    return m[1] if m else ""


def theme_agreement(records: list[Recommendation], doc: str = SEED_DOC) -> dict:
    """ARI between a document's sections and its records' top-level (and finest) themes."""
    own = [r for r in records if r.doc == doc]
    sections = [section_letter(r.section) for r in own]
    top = [r.themes[0] if r.themes else "" for r in own]
    finest = [r.themes[-1] if r.themes else "" for r in own]
    return {
        "records": len(own),
        "sections": len(set(sections)),
        "top_themes": len(set(top)),
        "ari_top": round(adjusted_rand(sections, top), 3),
        "ari_finest": round(adjusted_rand(sections, finest), 3),
    }


def sdg_scores(records: list[Recommendation], rows: list[dict]) -> dict:
    """Micro P/R over (record, target) pairs on the labelled sample, by how the link was made."""
    found = by_unit(records)
    out = {}
    inferred = ("terms", "similarity")
    for how in ("all", "mention+heading", "terms+similarity"):
        tp = fp = fn = 0
        for row in (r for r in rows if "sdg" in r):
            links = found[row["key"]].sdg_targets if row["key"] in found else ()
            guess = {
                s.target
                for s in links
                if how == "all" or (s.how in inferred) == (how == "terms+similarity")
            }
            truth = set(row["sdg"])
            tp, fp, fn = tp + len(truth & guess), fp + len(guess - truth), fn + len(truth - guess)
        out[how] = pr(tp, fp, fn)
    return out


def series(records: list[Recommendation], by_body: bool = True) -> list[list[str]]:
    """Documents re-adopting the same resolution (same title, and body unless ``by_body`` is
    False: an ECOSOC draft the General Assembly then adopts), 2+ dated documents, oldest first."""
    by_title: dict[tuple, dict[str, str]] = defaultdict(dict)
    for r in records:
        if r.kind == "operative" and r.title and r.date:
            by_title[(r.title, r.body if by_body else "")][r.doc] = r.date
    return [sorted(docs, key=docs.get) for docs in by_title.values() if len(docs) > 1]


def true_predecessors(records: list[Recommendation], chain: list[str]) -> dict[str, str]:
    """For each OP record of a series, the mutual-best OP record of the previous document."""
    by_doc = defaultdict(list)
    for r in records:
        by_doc[r.doc].append(r)
    truth = {}
    for earlier, later in pairwise(chain):
        truth |= _mutual_best(by_doc[later], by_doc[earlier])
    return truth


def _mutual_best(later: list[Recommendation], earlier: list[Recommendation]) -> dict[str, str]:
    score = {(a.key, b.key): _jaccard(a.text, b.text) for a in later for b in earlier}

    def best_of(key, side):
        return max((p for p in score if p[side] == key), key=score.get, default=None)

    out = {}
    for a in later:
        pair = best_of(a.key, 0)
        if pair and score[pair] >= TRUE_AT and best_of(pair[1], 1) == pair:
            out[a.key] = pair[1]
    return out


def _jaccard(a: str, b: str) -> float:
    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / (len(wa | wb) or 1)


def lineage_scores(records: list[Recommendation], by_body: bool = True) -> dict:
    """Lineage P/R on every series: a predicted link is right when it names the true predecessor."""
    found = {r.key: r for r in records}
    per, tp, fp, fn = {}, 0, 0, 0
    for chain in series(records, by_body):
        truth = true_predecessors(records, chain)
        keys = [r.key for r in records if r.doc in chain[1:]]
        guess = {k: _same_series_link(found[k], chain) for k in keys}
        guess = {k: v for k, v in guess.items() if v}
        t = sum(guess.get(k) == v for k, v in truth.items())
        f_p, f_n = len(guess) - t, len(truth) - t
        per[" -> ".join(chain)] = pr(t, f_p, f_n)
        tp, fp, fn = tp + t, fp + f_p, fn + f_n
    return {"all": pr(tp, fp, fn), "per_series": per}


def _same_series_link(r: Recommendation, chain: list[str]) -> str | None:
    """The record's first counterpart if it is in the previous document of its series."""
    previous = chain[chain.index(r.doc) - 1]
    first = (
        r.lineage.counterparts[0] if r.lineage.status != NEW and r.lineage.counterparts else None
    )
    return (
        first.key
        if first and first.key.split(":")[0] == previous
        else (first.key if first else None)
    )


def report(records: list[Recommendation]) -> dict:
    """Every compendium figure, for ``rapporteur eval --compendium`` and COMPENDIUM_REPORT.md."""
    rows = labels()
    return {
        "fields": field_scores(records, rows),
        "themes": theme_agreement(records),
        "sdg": sdg_scores(records, rows),
        "lineage": lineage_scores(records),
        "lineage_any_body": lineage_scores(records, by_body=False),
        "records": len(records),
    }


def markdown(figures: dict) -> str:
    """The figures as Markdown tables."""
    lines = [
        "### Extraction (labelled set)",
        "",
        "| set | field | precision | recall | F1 | n |",
        "|---|---|---|---|---|---|",
    ]
    for name, fields in figures["fields"].items():
        for field in ("record", "addressees", "action"):
            s = fields[field]
            lines.append(
                f"| {name} | {field} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
                f"| {s['tp'] + s['fn']} |"
            )
    t = figures["themes"]
    lines += [
        "",
        "### Themes against the seed's sections",
        "",
        (
            f"ARI (top-level themes) {t['ari_top']:.3f}; ARI (finest themes) {t['ari_finest']:.3f}; "
            f"{t['records']} records, {t['sections']} sections, {t['top_themes']} top-level themes."
        ),
        "",
        "### SDG targets (labelled sample)",
        "",
        "| links | precision | recall | F1 |",
        "|---|---|---|---|",
    ]
    for how, s in figures["sdg"].items():
        lines.append(f"| {how} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
    lines += [
        "",
        "### Lineage (resolution series)",
        "",
        "| series | precision | recall | F1 | true links |",
        "|---|---|---|---|---|",
    ]
    for name, s in [*figures["lineage"]["per_series"].items(), ("all", figures["lineage"]["all"])]:
        lines.append(
            f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['tp'] + s['fn']} |"
        )
    s = figures["lineage_any_body"]["all"]
    lines += [
        "",
        (
            f"Series by title alone (an ECOSOC draft, then the General Assembly's resolution): "
            f"precision {s['precision']:.3f}, recall {s['recall']:.3f}, F1 {s['f1']:.3f} "
            f"({s['tp'] + s['fn']} true links)."
        ),
    ]
    return "\n".join(lines) + "\n"
