"""What the UI shows, as pure functions of records: escaped HTML/Markdown, table rows, CSV.

Document text is never trusted: everything from a document goes through ``html.escape`` (HTML
panels) or ``escape_md`` (the chat, which renders Markdown), so no markup in a document runs.
"""

from __future__ import annotations

import csv
import html
import io
import re

from rapporteur.core.units import Document, Hit, Unit

# Every ASCII punctuation mark Markdown (or the chat's LaTeX) could read as syntax; CommonMark
# allows a backslash before any of them, and it renders as the plain character.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$&<:])")
VERDICT_MARK = {"duplicate": "DUPLICATE", "overlap": "overlap", "new": "new"}


def escape_md(text: str) -> str:
    """Text that Markdown renders literally: ``<script>`` shows as ``<script>``, never runs."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def unit_key(unit: Unit) -> str:
    """The value a source choice carries: ``doc:label`` (labels never contain a colon)."""
    return unit.key


def split_key(key: str) -> tuple[str, str]:
    doc, _, label = key.rpartition(":")
    return doc, label


def doc_ref(doc: Document | Unit) -> str:
    """How a document is named in the UI: its symbol, else its key; with the year."""
    year = f", {doc.date[:4]}" if doc.date else ""
    return f"{doc.symbol or doc.doc}{year}"


def source_choices(units: list[Unit]) -> list[tuple[str, str]]:
    """Radio choices for cited (or closest) units: ("recommendation 18 · wg6-2021, 2021", key)."""
    return [(f"{u.reference} · {doc_ref(u)}", unit_key(u)) for u in units]


def answer_markdown(answer) -> str:
    """The answer as chat Markdown: escaped text whose references link to their sources, then
    the notice and the references."""
    parts = [linked_text(answer.text, list(answer.citations))]
    if answer.notice:
        parts.append(f"*{escape_md(answer.notice)}*")
    parts += [f"*{escape_md(s.note())}*" for s in answer.series]
    if answer.citations:
        refs = "; ".join(escape_md(f"{u.reference} ({doc_ref(u)})") for u in answer.citations)
        parts.append(f"Sources: {refs} — open them on the right")
    elif answer.abstained and answer.closest:
        parts.append("*The closest passages are listed on the right.*")
    return "\n\n".join(parts)


CITE_ANCHOR = "#rp-cite-"  # the page script (ui/app.py) opens source N when such a link is clicked


def linked_text(text: str, units: list[Unit]) -> str:
    """Escaped Markdown of ``text`` in which each cited unit's reference ("recommendation 18",
    "OP 5, A/RES/73/146") links to ``#rp-cite-N``, N its place among ``units`` (pure).

    A bare reference shared by two cited units ("para 9" of two reports) links only in the
    form that names its document.
    """
    from rapporteur.assistant.citations import reference

    bare = [u.reference for u in units]
    forms: dict[str, int] = {}
    for i, u in enumerate(units):
        forms.setdefault(reference(u, with_doc=True), i)
        if bare.count(u.reference) == 1:
            forms.setdefault(u.reference, i)
    if not forms:
        return escape_md(text)
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    out, last = [], 0
    for m in re.finditer(rf"(?<![\w.])(?:{alternatives})(?![\w])", text):
        out += [
            escape_md(text[last : m.start()]),
            f"[{escape_md(m.group())}]({CITE_ANCHOR}{forms[m.group()]})",
        ]
        last = m.end()
    return "".join([*out, escape_md(text[last:])])


def closest_html(hits: list[Hit]) -> str:
    """The "closest passages" panel shown when the assistant abstains."""
    if not hits:
        return ""
    items = "".join(
        f"<li><b>{esc(h.unit.reference)}</b> · {esc(doc_ref(h.unit))}"
        f"<div class='rp-text'>{esc(_short(h.unit.text, 300))}</div></li>"
        for h in hits
    )
    return f"<div class='rp-closest'><h4>Closest passages</h4><ol>{items}</ol></div>"


def context_html(ctx) -> str:
    """A unit in context: document title/symbol/date, section heading, neighbours around it."""
    d, u = ctx.document, ctx.unit
    meta = " · ".join(esc(x) for x in (d.symbol, d.date, d.doc) if x)

    def around(units):
        return "".join(
            f"<div class='rp-neighbour'><b>{esc(n.label)}</b> {esc(_short(n.text, 400))}</div>"
            for n in units
        )

    page = f" · page {u.page}" if u.page else ""
    return (
        f"<div class='rp-context' data-unit='{esc(u.key)}'>"
        f"<div class='rp-doc'><b>{esc(d.title or d.doc)}</b><br><small>{meta}</small></div>"
        f"<div class='rp-section'>{esc(u.section) or '(no section)'}</div>"
        f"{around(ctx.before)}"
        f"<div class='rp-unit'><b>{esc(u.reference)}</b>{esc(page)}"
        f"<div class='rp-text'>{esc(u.text)}</div></div>"
        f"{around(ctx.after)}</div>"
    )


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --- duplicate check ---------------------------------------------------------------------------

DUPE_HEADERS = ["#", "draft", "verdict", "best match", "similarity"]


def dupe_rows(results: list[dict]) -> list[list]:
    """Table rows for ``DraftResult.to_dict()`` records."""
    rows = []
    for i, r in enumerate(results, 1):
        best = r["matches"][0] if r["matches"] else None
        where = f"{best['unit']} · {best['symbol'] or best['doc']}" if best else "—"
        rows.append(
            [
                i,
                _short(r["draft"], 160),
                VERDICT_MARK.get(r["verdict"], r["verdict"]),
                where,
                round(best["similarity"], 3) if best else 0.0,
            ]
        )
    return rows


def diff_html(result: dict, match: int = 0) -> str:
    """Side by side: the adopted unit (deletions struck) and the draft (insertions marked)."""
    if not result["matches"]:
        return f"<div class='rp-diff'><p>No adopted unit is close to draft: {esc(result['draft'])}</p></div>"
    m = result["matches"][match]
    left = "".join(_diff_span(op, text, "delete") for op, text in m["diff"])
    right = "".join(_diff_span(op, text, "insert") for op, text in m["diff"])
    title = f"{esc(m['unit'])} · {esc(m['symbol'] or m['doc'])} — similarity {m['similarity']:.3f}"
    return (
        f"<div class='rp-diff'><div class='rp-diff-title'>{VERDICT_MARK.get(result['verdict'], '')}"
        f" · {title}</div><div class='rp-diff-cols'>"
        f"<div><h4>Adopted</h4><p>{left}</p></div><div><h4>Draft</h4><p>{right}</p></div></div></div>"
    )


def _diff_span(op: str, text: str, side: str) -> str:
    if op == "equal":
        return esc(text) + " "
    if op != side:
        return ""
    tag = "del" if op == "delete" else "ins"
    return f"<{tag}>{esc(text)}</{tag}> "


def dupes_csv(results: list[dict]) -> str:
    """The results as CSV: one row per draft with its best match."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(
        [
            "draft_no",
            "draft",
            "verdict",
            "doc",
            "symbol",
            "unit",
            "similarity",
            "adopted_text",
            "same_as_drafts",
        ]
    )
    for i, r in enumerate(results, 1):
        b = r["matches"][0] if r["matches"] else {}
        w.writerow(
            [
                i,
                r["draft"],
                r["verdict"],
                b.get("doc", ""),
                b.get("symbol") or "",
                b.get("unit", ""),
                b.get("similarity", ""),
                b.get("text", ""),
                " ".join(str(j + 1) for j in r["within"]),
            ]
        )
    return out.getvalue()


# --- library -----------------------------------------------------------------------------------

LIBRARY_HEADERS = ["doc", "symbol", "title", "date", "units"]


def library_rows(documents: list[tuple[Document, int]]) -> list[list]:
    return [[d.doc, d.symbol or "", d.title or "", d.date or "", n] for d, n in documents]


def doc_choices(documents: list[tuple[Document, int]]) -> list[tuple[str, str]]:
    """Dropdown choices: ("wg6-2021, 2021 — Report on the meeting …", "wg6-2021")."""
    return [(f"{doc_ref(d)} — {_short(d.title or '', 60)}", d.doc) for d, _ in documents]


def year_choices(documents: list[tuple[Document, int]]) -> list[int]:
    return sorted({d.year for d, _ in documents if d.year}, reverse=True)
