"""The compendium measured on the labelled library sample (``eval/compendium``: tune, check, check2).

One label line per recommendation entry, keyed by document, unit and lettered item (see
eval/compendium/README.md): ``{"doc", "unit", "item", "quote", "addressee", "action",
"sdg_targets"}``; a document with no recommendation is one line ``{"doc", "none": true}``.
The labels are exhaustive per document, so every entry the compendium gives in a labelled
document is either a labelled entry (true positive) or a false positive.

- record: precision / recall / F1 of entries, lettered items counted one by one;
- addressee: micro P/R/F1 over (entry, addressee) pairs of the labelled entries (an entry not
  found misses its addressees), names compared without case;
- action: accuracy over the labelled entries found (same lemma);
- SDG: micro P/R/F1 over (entry, target) pairs of the labelled entries;
- themes: every theme name of the entries is a vocabulary term or a subject term
  (``themes.check_names``).
Pure: the caller gives the entries (the live compendium) and the label rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from rapporteur.assistant.compendium.records import Recommendation, Theme
from rapporteur.assistant.compendium.themes import check_names
from rapporteur.core.errors import ConfigError
from rapporteur.evaluation.compendium import pr


def splits(folder: Path) -> list[str]:
    """The split names a label folder holds: one per ``<name>.jsonl`` (tune, check, check2)."""
    return sorted(p.stem for p in Path(folder).glob("*.jsonl"))


def load_labels(folder: Path, split: str) -> list[dict]:
    """The label rows of one split (``folder/<split>.jsonl``); a bad line is one ConfigError."""
    held = splits(folder)
    if split not in held:
        raise ConfigError(
            f"eval: --split {split!r}: no {split}.jsonl in {folder} (its splits: "
            f"{', '.join(held) or 'none'}); pass --labels FOLDER holding <split>.jsonl"
        )
    path = Path(folder) / f"{split}.jsonl"
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ConfigError(
                    f"{path}:{n}: not JSON ({exc.msg}); one object per line"
                ) from None
    return rows


def doc_name(doc: str) -> str:
    """The library's file key without its language: "S_2025_389.en" -> "S_2025_389"."""
    return doc[:-3] if doc.endswith(".en") else doc


def entry_key(doc: str, unit: str, item: str | None) -> tuple[str, str, str]:
    return doc_name(doc), unit, item or ""


def report(records: Iterable[Recommendation], themes: Iterable[Theme], rows: list[dict]) -> dict:
    """Every figure of the labelled sample, with the misses listed for reading."""
    docs = {doc_name(r["doc"]) for r in rows}
    labelled = {entry_key(r["doc"], r["unit"], r.get("item")): r for r in rows if not r.get("none")}
    found = {entry_key(r.doc, r.unit, r.item): r for r in records if doc_name(r.doc) in docs}
    missing_docs = sorted(docs - {k[0] for k in found} - {k[0] for k in labelled if k in found})
    tp = [k for k in labelled if k in found]
    out = {
        "documents": len(docs),
        "labelled": len(labelled),
        "entries": len(found),
        "record": pr(len(tp), len(found) - len(tp), len(labelled) - len(tp)),
        "addressee": _addressees(labelled, found),
        "action": _actions(labelled, found),
        "sdg": _sdg(labelled, found),
        "themes": check_names({p for r in found.values() for p in r.themes}, themes),
        "false_positives": sorted(" ".join(k).strip() for k in found if k not in labelled),
        "missed": sorted(" ".join(k).strip() for k in labelled if k not in found),
        "documents_without_entries": missing_docs,
    }
    return out


def _addressees(labelled: dict, found: dict) -> dict:
    tp = fp = fn = 0
    for key, row in labelled.items():
        truth = {a.lower() for a in row.get("addressee", ())}
        guess = {a.lower() for a in found[key].addressees} if key in found else set()
        tp, fp, fn = tp + len(truth & guess), fp + len(guess - truth), fn + len(truth - guess)
    return pr(tp, fp, fn)


def _actions(labelled: dict, found: dict) -> dict:
    pairs = [
        (row.get("action") or "", found[k].action) for k, row in labelled.items() if k in found
    ]
    right = sum(a == b for a, b in pairs)
    wrong = [f"{a} -> {b}" for a, b in pairs if a != b]
    return {
        "accuracy": round(right / len(pairs), 3) if pairs else 0.0,
        "n": len(pairs),
        "wrong": wrong,
    }


def _sdg(labelled: dict, found: dict) -> dict:
    tp = fp = fn = 0
    for key, row in labelled.items():
        truth = set(row.get("sdg_targets", ()))
        guess = {s.target for s in found[key].sdg_targets} if key in found else set()
        tp, fp, fn = tp + len(truth & guess), fp + len(guess - truth), fn + len(truth - guess)
    return pr(tp, fp, fn)


def markdown(figures: dict, split: str) -> str:
    """The figures as a Markdown table (docs/compendium.md)."""
    r, a, s, t = figures["record"], figures["addressee"], figures["sdg"], figures["themes"]
    act = figures["action"]
    return "\n".join(
        [
            f"### Labelled library sample, {split} half ({figures['documents']} documents, "
            f"{figures['labelled']} labelled entries, {figures['entries']} found)",
            "",
            "| measure | precision | recall | F1 / accuracy |",
            "|---|---|---|---|",
            f"| record (items one by one) | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |",
            f"| addressee | {a['precision']:.3f} | {a['recall']:.3f} | {a['f1']:.3f} |",
            f"| action | | | {act['accuracy']:.3f} (n={act['n']}) |",
            f"| SDG targets | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |",
            f"| theme names in the vocabulary | | | {t['ok']} of {t['names']} |",
            "",
        ]
    )
