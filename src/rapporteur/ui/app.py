"""The Gradio UI, mounted at ``/`` of the API app: Ask, Duplicate check, Compendium, Library.

It holds no retrieval logic: every action calls the `Rapporteur` facade the API loaded, and
everything it shows comes from `rapporteur.ui.render` (escaped). ``create_server`` is what
``rapporteur serve`` runs.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import gradio as gr
from fastapi import FastAPI

from rapporteur.app.api import create_app
from rapporteur.app.facade import Rapporteur, check_key
from rapporteur.assistant.drafts import read_drafts, split_drafts
from rapporteur.core.errors import RapporteurError
from rapporteur.core.grammar import KINDS
from rapporteur.core.settings import Settings, get_settings
from rapporteur.ingest.parse import SUFFIXES
from rapporteur.ui import render
from rapporteur.ui.compendium import compendium_tab

GetService = Callable[[], Rapporteur]
MAX_DRAFTS = 200
CSS = """
.rp-context, .rp-closest, .rp-diff { font-size: 0.95em; line-height: 1.45; }
.rp-doc { margin-bottom: .4em; } .rp-section { font-style: italic; margin: .3em 0 .6em; opacity: .8; }
.rp-neighbour { opacity: .6; margin: .4em 0; }
.rp-unit { border-left: 4px solid var(--color-accent); padding: .3em .6em; margin: .4em 0;
           background: var(--background-fill-secondary); }
.rp-diff-cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
.rp-diff del { background: #fdd; color: #900; } .rp-diff ins { background: #dfd; color: #060;
               text-decoration: none; }
"""
# A reference in an answer ("recommendation 18") is a link to #rp-cite-N (ui/render.py): clicking
# it selects source N in the Sources list, which opens the unit in context.
HEAD = f"""<script>
(() => {{
const ANCHOR = "{render.CITE_ANCHOR}";  // written by ui/render.py linked_text
document.addEventListener("click", (event) => {{
  const link = event.target.closest(`a[href^="${{ANCHOR}}"]`);
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  const n = parseInt(link.getAttribute("href").slice(ANCHOR.length), 10);
  const choices = document.querySelectorAll('#sources input[type="radio"]');
  if (choices[n]) choices[n].click();
}}, true);
}})();
</script>"""


def create_server(
    settings: Settings | None = None, rapporteur: Rapporteur | None = None
) -> FastAPI:
    """The API with the UI mounted at ``/`` (one server, one facade)."""
    settings = settings or get_settings()
    app = create_app(settings, rapporteur)
    blocks = build_ui(lambda: app.state.rapporteur, settings)
    return gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        css=CSS,
        head=HEAD,
        footer_links=["api"],
        max_file_size=int(settings.max_upload_mb * 2**20),
    )


def build_ui(service: GetService, settings: Settings) -> gr.Blocks:
    with gr.Blocks(title="Rapporteur", analytics_enabled=False) as demo:
        gr.Markdown("## Rapporteur — cited answers from UN working-group reports")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                filters = _ask_tab(service)
            with gr.Tab("Duplicate check", id="dupes"):
                _dupes_tab(service)
            with gr.Tab("Compendium", id="compendium"):
                compendium_tab(service)
            with gr.Tab("Library", id="library"):
                refreshed = _library_tab(service, settings, filters)
        demo.load(lambda: _refresh(service), outputs=refreshed)
    return demo


def _refresh(service: GetService) -> list:
    """New choices for the document and year filters and the library table after any change."""
    docs = service().documents()
    return [
        gr.update(choices=render.doc_choices(docs)),
        gr.update(choices=render.year_choices(docs)),
        render.library_rows(docs),
        gr.update(choices=render.doc_choices(docs), value=None),
    ]


# --- Ask ---------------------------------------------------------------------------------------


def _ask_tab(service: GetService) -> list:
    with gr.Row():
        docs = gr.Dropdown(label="Documents", multiselect=True, choices=[], elem_id="filter-docs")
        years = gr.Dropdown(label="Years", multiselect=True, choices=[], elem_id="filter-years")
        kinds = gr.Dropdown(
            label="Kinds", multiselect=True, choices=list(KINDS), elem_id="filter-kinds"
        )
    with gr.Row():
        with gr.Column(scale=3):
            chat = gr.Chatbot(
                label="Conversation",
                height=460,
                latex_delimiters=[],
                elem_id="chat",
                sanitize_html=True,
                feedback_options=None,
            )
            question = gr.Textbox(
                label="Question",
                placeholder="What was recommended on cryptocurrencies?",
                elem_id="question",
                max_length=2000,
                submit_btn=False,
            )
            with gr.Row():
                ask = gr.Button("Ask", variant="primary", elem_id="ask-btn")
                clear = gr.Button("New conversation", elem_id="clear-btn")
        with gr.Column(scale=2):
            sources = gr.Radio(
                label="Sources — click one to read it in context", choices=[], elem_id="sources"
            )
            closest = gr.HTML(elem_id="closest")
            unit_view = gr.HTML(elem_id="unit-view")
    history = gr.State([])
    outputs = [chat, history, sources, closest, unit_view, question]

    def on_ask(*args):
        yield from _ask(service, *args)

    inputs = [question, chat, history, docs, years, kinds]
    ask.click(on_ask, inputs=inputs, outputs=outputs)
    question.submit(on_ask, inputs=inputs, outputs=outputs)
    clear.click(lambda: ([], [], gr.update(choices=[], value=None), "", "", ""), outputs=outputs)
    sources.change(lambda key: _open_unit(service, key), inputs=sources, outputs=unit_view)
    return [docs, years]


def _ask(service: GetService, question, chat, history, docs, years, kinds):
    """Stream an answer into the chat, then list its sources (or the closest passages)."""
    question = " ".join((question or "").split())
    if not question:
        yield chat, history, gr.update(), gr.update(), gr.update(), ""
        return
    chat = [
        *chat,
        {"role": "user", "content": render.escape_md(question)},
        {"role": "assistant", "content": "…"},
    ]
    yield chat, history, gr.update(choices=[], value=None), "", "", ""
    filters = {"docs": docs or [], "years": years or [], "kinds": kinds or []}
    text, answer = "", None
    try:
        for item in service().ask_stream(question, history, filters):
            if isinstance(item, str):
                text += item
                chat[-1] = {"role": "assistant", "content": render.escape_md(text)}
                yield chat, history, gr.update(), gr.update(), gr.update(), ""
            else:
                answer = item
    except RapporteurError as exc:
        chat[-1] = {"role": "assistant", "content": render.escape_md(f"Error: {exc}")}
        yield chat, history, gr.update(), "", "", ""
        return
    chat[-1] = {"role": "assistant", "content": render.answer_markdown(answer)}
    history = [
        *history,
        {"role": "user", "content": question},
        {"role": "assistant", "content": answer.text},
    ]
    units = list(answer.citations) or [h.unit for h in answer.closest]
    closest = render.closest_html(list(answer.closest)) if answer.abstained else ""
    # The first yield cleared the selection and the unit view; this one leaves them alone, so a
    # source opened the moment the answer lands is not closed again as the event completes.
    yield (
        chat,
        history,
        gr.update(choices=render.source_choices(units)),
        closest,
        gr.update(),
        "",
    )


def _open_unit(service: GetService, key: str | None) -> str:
    if not key:
        return ""
    doc, label = render.split_key(key)
    try:
        return render.context_html(service().unit_context(doc, label))
    except RapporteurError as exc:
        return f"<p>{render.esc(str(exc))}</p>"


# --- Duplicate check ---------------------------------------------------------------------------


def _dupes_tab(service: GetService) -> None:
    gr.Markdown(
        "Paste one draft recommendation, or a list (numbered, “Recommendation N”, or one per "
        "paragraph), or upload a file (.txt, .jsonl, .docx). Each is compared with the adopted "
        "recommendations and operative paragraphs."
    )
    with gr.Row():
        text = gr.Textbox(label="Drafts", lines=8, elem_id="drafts")
        upload = gr.File(
            label="…or a file",
            file_types=[".txt", ".md", ".jsonl", ".json", ".docx"],
            type="filepath",
            elem_id="drafts-file",
        )
    check = gr.Button("Check", variant="primary", elem_id="check-btn")
    summary = gr.Markdown(elem_id="dupes-summary")
    table = gr.Dataframe(
        headers=render.DUPE_HEADERS,
        interactive=False,
        wrap=True,
        elem_id="dupes-table",
        column_widths=["4%", "48%", "14%", "22%", "12%"],
    )
    pick = gr.Dropdown(label="Compare draft", choices=[], elem_id="diff-pick")
    diff = gr.HTML(elem_id="diff-view")
    export = gr.DownloadButton("Download CSV", visible=False, elem_id="csv-btn")
    results = gr.State([])
    check.click(
        lambda t, f: _check(service, t, f),
        inputs=[text, upload],
        outputs=[summary, table, pick, diff, export, results],
    )
    pick.change(
        lambda i, rs: render.diff_html(rs[int(i) - 1]) if i and rs else "",
        inputs=[pick, results],
        outputs=diff,
    )
    table.select(_select_row, inputs=[results], outputs=pick)


def _select_row(results: list, evt: gr.SelectData):
    return gr.update(value=str(evt.index[0] + 1)) if results else gr.update()


def _check(service: GetService, text: str, path: str | None):
    try:
        drafts = split_drafts(text or "")
        if path:
            drafts += read_drafts(Path(path).read_bytes(), Path(path).name)
        if not drafts:
            raise RapporteurError("paste a draft recommendation or upload a file of drafts")
        if len(drafts) > MAX_DRAFTS:
            raise RapporteurError(f"{len(drafts)} drafts; check at most {MAX_DRAFTS} at a time")
        results = [r.to_dict() for r in service().dupes(drafts)]
    except RapporteurError as exc:
        return (
            f"**Error:** {render.escape_md(str(exc))}",
            [],
            gr.update(choices=[], value=None),
            "",
            gr.update(visible=False),
            [],
        )
    counts = {v: sum(r["verdict"] == v for r in results) for v in render.VERDICT_MARK}
    csv_path = Path(tempfile.mkdtemp(prefix="rapporteur-")) / "duplicate-check.csv"
    csv_path.write_text(render.dupes_csv(results), encoding="utf-8")
    choices = [
        (f"{i}. {render.VERDICT_MARK[r['verdict']]} — {r['draft'][:80]}", str(i))
        for i, r in enumerate(results, 1)
    ]
    summary = ", ".join(f"{n} {v}" for v, n in counts.items())
    return (
        f"**{len(results)} draft(s):** {summary}",
        render.dupe_rows(results),
        gr.update(choices=choices, value="1"),
        render.diff_html(results[0]),
        gr.update(value=str(csv_path), visible=True),
        results,
    )


# --- Library -----------------------------------------------------------------------------------


def _library_tab(service: GetService, settings: Settings, filters: list) -> list:
    """Documents, upload and delete; returns the components every change refreshes."""
    table = gr.Dataframe(
        headers=render.LIBRARY_HEADERS, interactive=False, wrap=True, elem_id="library"
    )
    refresh = gr.Button("Refresh", size="sm")
    writes = bool(settings.api_key)
    if not writes:
        gr.Markdown("Uploads and deletes are off: start the server with `RAPPORTEUR_API_KEY` set.")
    with gr.Group(visible=writes):
        key = gr.Textbox(label="API key", type="password", elem_id="api-key")
        with gr.Row():
            upload = gr.File(
                label=f"Add or replace a document ({', '.join(SUFFIXES)}; "
                f"up to {settings.max_upload_mb:g} MB)",
                file_types=list(SUFFIXES),
                type="filepath",
                elem_id="upload-file",
            )
            with gr.Column():
                add = gr.Button("Upload and index", variant="primary", elem_id="upload-btn")
                target = gr.Dropdown(label="Document to delete", choices=[], elem_id="delete-pick")
                remove = gr.Button("Delete", variant="stop", elem_id="delete-btn")
        status = gr.Markdown(elem_id="library-status")
    refresh_out = [*filters, table, target]
    refresh.click(lambda: _refresh(service), outputs=refresh_out)

    # Gradio finds the progress tracker by this default value.
    def on_upload(key_value, path, progress=gr.Progress()):  # noqa: B008
        return _upload(service, settings, key_value, path, progress)

    add.click(on_upload, inputs=[key, upload], outputs=[status, *refresh_out])
    remove.click(
        lambda k, d: _delete(service, settings, k, d),
        inputs=[key, target],
        outputs=[status, *refresh_out],
    )
    return refresh_out


def _upload(service: GetService, settings: Settings, key: str, path: str | None, progress) -> list:
    steps = iter((0.1, 0.3, 0.5, 0.7, 0.9))
    try:
        check_key(settings.api_key, key)
        if not path:
            raise RapporteurError("choose a file to upload")
        file = Path(path)
        if file.stat().st_size > settings.max_upload_mb * 2**20:
            raise RapporteurError(f"{file.name}: larger than {settings.max_upload_mb:g} MB")
        progress(0.0, desc=f"reading {file.name}")
        outcome = service().upload(
            file.name, file.read_bytes(), progress=lambda msg: progress(next(steps, 0.95), desc=msg)
        )
    except RapporteurError as exc:
        return [f"**Error:** {render.escape_md(str(exc))}", *_refresh(service)]
    msg = f"{outcome.status} **{render.escape_md(outcome.doc)}** ({outcome.units} units, {outcome.seconds:g} s)"
    return [msg, *_refresh(service)]


def _delete(service: GetService, settings: Settings, key: str, doc: str | None) -> list:
    try:
        check_key(settings.api_key, key)
        if not doc:
            raise RapporteurError("choose a document to delete")
        service().delete(doc)
    except RapporteurError as exc:
        return [f"**Error:** {render.escape_md(str(exc))}", *_refresh(service)]
    return [f"deleted **{render.escape_md(doc)}**", *_refresh(service)]
