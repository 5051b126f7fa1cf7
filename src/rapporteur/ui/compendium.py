"""The Compendium tab: entries filtered by body, year, theme, addressee and SDG target; an entry
opens in context with its lineage and word diffs. Everything comes from the facade (escaped)."""

from __future__ import annotations

from collections.abc import Callable

import gradio as gr

from rapporteur.assistant.compendium.query import facets
from rapporteur.core.errors import RapporteurError
from rapporteur.ui.render import _diff_span, context_html, esc

HEADERS = ["reference", "year", "addressees", "action", "theme", "SDG targets", "lineage", "text"]
FILTERS = ("body", "year", "theme", "addressee", "sdg")
LIMIT = 500  # rows shown at once; the CLI and the API give every entry


def rows(entries: list) -> list[list]:
    """One table row per entry."""
    return [
        [
            e.reference,
            e.year or "",
            ", ".join(e.addressees),
            e.action,
            e.themes[-1].split(" > ")[-1] if e.themes else "",
            ", ".join(s.target for s in e.sdg_targets),
            _status(e),
            " ".join(e.text.split())[:220],
        ]
        for e in entries[:LIMIT]
    ]


def _status(e) -> str:
    c = e.lineage.counterparts
    return f"{e.lineage.status} ({c[0].reference})" if c else e.lineage.status


def lineage_html(entry, by_key: dict) -> str:
    """The chain across years, then each earlier counterpart with its verdict and word diff."""
    chain = " → ".join(esc(by_key[k].reference if k in by_key else k) for k in entry.lineage.chain)
    parts = [
        (
            f"<div class='rp-lineage'><h4>Lineage: {esc(entry.lineage.status)}</h4>"
            f"<div class='rp-chain'>{chain}</div>"
        )
    ]
    for c in entry.lineage.counterparts:
        left = "".join(_diff_span(op, text, "delete") for op, text in c.diff)
        right = "".join(_diff_span(op, text, "insert") for op, text in c.diff)
        parts.append(
            f"<div class='rp-diff'><div class='rp-diff-title'>{esc(c.status)} · {esc(c.reference)}"
            f" — similarity {c.similarity:.3f}</div><div class='rp-diff-cols'>"
            f"<div><h4>Earlier</h4><p>{left}</p></div><div><h4>This entry</h4><p>{right}</p></div></div></div>"
        )
    if not entry.lineage.counterparts:
        parts.append("<p>No earlier counterpart in the library.</p>")
    return "".join(parts) + "</div>"


def compendium_tab(service: Callable) -> None:
    """Build the tab inside the current Blocks."""
    with gr.Row():
        body = gr.Dropdown(label="Body", choices=[], elem_id="comp-body")
        year = gr.Dropdown(label="Year", choices=[], elem_id="comp-year")
        theme = gr.Dropdown(label="Theme", choices=[], elem_id="comp-theme")
        addressee = gr.Dropdown(label="Addressee", choices=[], elem_id="comp-addressee")
        sdg = gr.Dropdown(label="SDG target", choices=[], elem_id="comp-sdg")
    show = gr.Button("Show", variant="primary", elem_id="comp-btn")
    summary = gr.Markdown(elem_id="comp-summary")
    table = gr.Dataframe(
        headers=HEADERS,
        interactive=False,
        wrap=True,
        elem_id="comp-table",
        column_widths=["13%", "5%", "12%", "7%", "16%", "8%", "13%", "26%"],
    )
    pick = gr.Dropdown(label="Open entry", choices=[], elem_id="comp-pick")
    view = gr.HTML(elem_id="comp-view")
    keys = gr.State([])
    filters = [body, year, theme, addressee, sdg]
    show.click(
        lambda *f: _show(service, *f),
        inputs=filters,
        outputs=[*filters, summary, table, pick, keys],
    )
    pick.change(lambda key: _open(service, key), inputs=pick, outputs=view)
    table.select(_select, inputs=[keys], outputs=pick)


def _show(service: Callable, *values):
    """Facets for the dropdowns (keeping the choices made), the entries that pass, their keys."""
    chosen = dict(zip(FILTERS, values))
    try:
        svc = service()
        every = svc.compendium().records
        entries = svc.compendium_entries(chosen)
    except RapporteurError as exc:
        return (
            *[gr.update() for _ in FILTERS],
            f"**Error:** {esc(str(exc))}",
            [],
            gr.update(choices=[]),
            [],
        )
    f = facets(every)
    options = {
        "body": f["bodies"],
        "year": f["years"],
        "theme": f["themes"],
        "addressee": f["addressees"],
        "sdg": f["sdg_targets"],
    }
    updates = [
        gr.update(
            choices=[("(any)", "")] + [(str(v), v) for v in options[n]], value=chosen[n] or ""
        )
        for n in FILTERS
    ]
    choices = [(f"{e.reference} — {' '.join(e.text.split())[:70]}", e.key) for e in entries[:LIMIT]]
    summary = f"**{len(entries)} of {len(every)} entries**"
    return (
        *updates,
        summary,
        rows(entries),
        gr.update(choices=choices, value=None),
        [e.key for e in entries[:LIMIT]],
    )


def _select(keys: list, evt: gr.SelectData):
    return gr.update(value=keys[evt.index[0]]) if keys else gr.update()


def _open(service: Callable, key: str | None) -> str:
    """The entry's unit in context, then its lineage."""
    if not key:
        return ""
    svc = service()
    by_key = svc.compendium().by_key()
    entry = by_key.get(key)
    if entry is None:
        return f"<p>{esc(key)} is not in the compendium</p>"
    try:
        context = context_html(svc.unit_context(entry.doc, entry.unit))
    except RapporteurError as exc:
        context = f"<p>{esc(str(exc))}</p>"
    return context + lineage_html(entry, by_key)
