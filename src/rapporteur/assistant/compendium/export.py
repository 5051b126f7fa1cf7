"""The compendium as a file: DOCX laid out like a UN compendium, or CSV, chosen by the extension."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from rapporteur.assistant.compendium.query import groups
from rapporteur.assistant.compendium.records import Recommendation
from rapporteur.core.errors import ConfigError

FORMATS = (".docx", ".csv")
CSV_FIELDS = (
    "reference",
    "doc",
    "symbol",
    "unit",
    "item",
    "date",
    "year",
    "body",
    "addressees",
    "action",
    "themes",
    "sdg_targets",
    "lineage_status",
    "previous",
    "text",
)
TITLE = "Compendium and thematic index of recommendations, resolutions and decisions"


def csv_row(r: Recommendation) -> dict:
    """One entry as a CSV row (lists joined with "; ")."""
    previous = r.lineage.counterparts[0].reference if r.lineage.counterparts else ""
    return {
        "reference": r.reference,
        "doc": r.doc,
        "symbol": r.symbol or "",
        "unit": r.unit,
        "item": r.item or "",
        "date": r.date or "",
        "year": r.year or "",
        "body": r.body or "",
        "addressees": "; ".join(r.addressees),
        "action": r.action,
        "themes": "; ".join(r.themes),
        "sdg_targets": "; ".join(s.target for s in r.sdg_targets),
        "lineage_status": r.lineage.status,
        "previous": previous,
        "text": " ".join(r.text.split()),
    }


def to_csv(records: Sequence[Recommendation]) -> str:
    """The entries as CSV text, one row each."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    writer.writerows(csv_row(r) for r in records)
    return out.getvalue()


def to_docx(records: Sequence[Recommendation], by: str, path: Path) -> None:
    """A DOCX compendium: a title, then per heading (and, by theme, per sub-theme) its entries,
    each with its reference in bold, addressees and action, the text, its SDG targets and where
    it was adopted before."""
    from docx import Document as Docx

    doc = Docx()
    doc.add_heading(TITLE, level=0)
    doc.add_paragraph(f"{len(records)} entries, arranged by {by}.")
    for number, (heading, members) in enumerate(groups(records, by), 1):
        doc.add_heading(f"{number}. {heading}", level=1)
        for sub, (name, entries) in enumerate(
            _subthemes(members, heading) if by == "theme" else [("", members)], 1
        ):
            if name:
                doc.add_heading(f"{number}.{sub} {name}", level=2)
            for r in entries:
                _entry(doc, r)
    doc.save(str(path))


def _subthemes(
    members: Sequence[Recommendation], top: str
) -> list[tuple[str, list[Recommendation]]]:
    """The entries of a top-level theme by their finest theme under it ("" for the theme itself)."""
    out: dict[str, list[Recommendation]] = {}
    for r in members:
        under = [p for p in r.themes if p.startswith(top + " > ")]
        out.setdefault(under[-1].split(" > ")[-1] if under else "", []).append(r)
    return sorted(out.items(), key=lambda kv: (kv[0] != "", kv[0].lower()))


def _entry(doc, r: Recommendation) -> None:
    para = doc.add_paragraph()
    para.add_run(r.reference).bold = True
    para.add_run(f" ({r.date or r.year or 'undated'}; {r.body or 'body not stated'})")
    asked = ", ".join(r.addressees) or "no addressee named"
    doc.add_paragraph(f"{r.action.capitalize()}: {asked}").italic = True
    if r.lead:
        doc.add_paragraph(" ".join(r.lead.split())).italic = True
    doc.add_paragraph(" ".join(r.text.split()))
    notes = []
    if r.sdg_targets:
        notes.append("SDG targets: " + ", ".join(s.target for s in r.sdg_targets))
    if r.lineage.counterparts:
        c = r.lineage.counterparts[0]
        notes.append(f"Lineage: {r.lineage.status}, from {c.reference}")
    if notes:
        doc.add_paragraph("; ".join(notes))


def write(records: Sequence[Recommendation], by: str, path: Path) -> Path:
    """Write the entries to ``path``: DOCX or CSV by its extension (ConfigError otherwise)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ConfigError(f"compendium: --out {path.name}: write a .docx or a .csv file")
    if suffix == ".csv":
        path.write_text(to_csv(records), encoding="utf-8")
    else:
        to_docx(records, by, path)
    return path
