"""End to end in headless Chromium: the real seed index, the server on a free port, the three tabs.

Needs Debian's ``chromium`` (``make browser-deps`` installs it; as root this test tries the same
once) and the ``playwright`` package, driving that binary: no browser is ever downloaded.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, TOY_RESOLUTION

pytestmark = [pytest.mark.browser, pytest.mark.model]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "artifacts"
KEY = "browser-test-key"
# Markup in a document's title and text must show as text and never run.
UPLOAD = b"""Working Group on Lighthouses <img src=x onerror=alert(3)>
Distr.: General
2 March 2024

Report on the meeting of the Working Group on Lighthouses <img src=x onerror=alert(4)>

I. Recommendations

1. The Working Group adopted the recommendations below.

Recommendation 1

States should keep registers of lighthouse keepers <script>alert(1)</script> up to date.
"""


def chromium() -> str:
    """The Debian Chromium binary, installed with apt-get when missing and we are root."""
    if not Path(CHROMIUM).exists() and os.geteuid() == 0 and shutil.which("apt-get"):
        for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]):
            subprocess.run(cmd, capture_output=True, timeout=900, check=False)
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"{CHROMIUM} missing and could not be installed: run `make browser-deps` as root "
            "(apt-get install chromium)"
        )
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(seed_index, tmp_path_factory):
    """UI + API in a thread, on a copy of the session's seed home (uploads leave the original alone)."""
    import uvicorn

    from rapporteur.app.facade import Rapporteur
    from rapporteur.ui.app import create_server

    settings, searcher = seed_index
    home = tmp_path_factory.mktemp("browser") / "home"
    shutil.copytree(settings.home, home)
    settings = settings.model_copy(update={"home": home, "api_key": KEY})
    app = create_server(settings, Rapporteur.open(settings, list(searcher.embedders.values())))
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not srv.started:
        assert time.time() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def page(server):
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="pip install playwright (the dev extra)"
    )
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.dialogs = []  # any alert() would be a document's markup running
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.goto(server)
        yield page
        browser.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def see(locator, text: str, timeout: float = 60_000) -> None:
    """Wait until the element shows the text (answers and rebuilds take seconds)."""
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text, timeout=timeout)


def answered(page, timeout: float = 60_000) -> None:
    """Wait until the answer's event has completed (Gradio marks its outputs "generating" until
    then), as a reader waits for the spinner over the Sources panel to go."""
    from playwright.sync_api import expect

    expect(page.locator("#sources .generating, #unit-view .generating")).to_have_count(
        0, timeout=timeout
    )


def test_ask_cites_recommendation_18_and_opens_it(page):
    page.locator("#question textarea").fill("What was recommended on cryptocurrencies?")
    page.locator("#ask-btn").click()
    see(page.locator("#sources"), "recommendation 18")
    see(page.locator("#chat"), "(recommendation 18)", 30_000)  # cited in the answer's prose
    answered(page)
    # The reference in the answer's prose is a link: it opens the unit in context.
    page.locator('#chat a[href^="#rp-cite-"]', has_text="recommendation 18").first.click()
    see(page.locator("#unit-view .rp-unit"), "paid for with cryptocurrencies", 30_000)
    context = page.locator("#unit-view").inner_text()
    assert "Working Group on Firearms" in context and "2021-05-31" in context  # title, date
    assert "B. Recommendations on reducing illicit financial" in context  # its section
    assert "rec 17" in context and "rec 19" in context  # its neighbours
    shot(page, "ask.png")
    (ROOT / "docs").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "docs" / "ask-tab.png"))


def test_duplicate_check_shows_verdict_and_diff(page):
    page.get_by_role("tab", name="Duplicate check").click()
    page.locator("#drafts textarea").fill(
        "1. States are invited to regulate all kinds of assets, including cryptocurrencies paid "
        "on the darknet, to prevent illicit firearms trafficking.\n"
        "2. States should paint every lighthouse blue before the next tourist season."
    )
    page.locator("#check-btn").click()
    see(page.locator("#dupes-summary"), "2 draft(s)")
    see(page.locator("#dupes-table"), "DUPLICATE", 30_000)
    table = page.locator("#dupes-table").inner_text()
    assert "rec 18" in table and "new" in table
    see(page.locator("#diff-view"), "rec 18", 30_000)
    assert page.locator("#diff-view del, #diff-view ins").count() > 0
    from playwright.sync_api import expect

    csv_button = page.locator("#csv-btn")
    expect(csv_button).to_be_visible(timeout=30_000)  # shown by the same update, rendered later
    with page.expect_download(timeout=30_000) as download:
        csv_button.click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "rec 18" in csv_text and "duplicate" in csv_text.lower()
    shot(page, "dupes.png")


def test_library_upload_escapes_document_markup(page, tmp_path):
    page.get_by_role("tab", name="Library").click()
    library = page.locator("#library")
    see(library, "wg6-2021", 30_000)
    path = tmp_path / "wg-lighthouse-2024.txt"
    path.write_bytes(UPLOAD)
    page.locator("#api-key input").fill(KEY)
    page.locator("#upload-file input[type=file]").set_input_files(str(path))
    page.locator("#upload-btn").click()
    see(page.locator("#library-status"), "added")
    see(library, "wg-lighthouse-2024", 30_000)
    assert (
        "<img src=x onerror=alert(" in library.inner_text() and library.locator("img").count() == 0
    )

    page.get_by_role("tab", name="Duplicate check").click()
    page.locator("#drafts textarea").fill(
        "States should keep registers of lighthouse keepers up to date."
    )
    page.locator("#check-btn").click()
    diff = page.locator("#diff-view")
    see(diff, "wg-lighthouse-2024")
    assert (
        "alert (1)" in diff.inner_text() and diff.locator("script").count() == 0
    )  # shown, not run
    shot(page, "library-upload.png")
    assert page.dialogs == []


EARLIER_RES = TOY_RESOLUTION.encode()
LATER_RES = (
    EARLIER_RES.replace(b"1/1", b"2/1")
    .replace(b"2020", b"2022")
    .replace(b"civilian firearms be", b"civilian firearms and ammunition be")
)


def _upload(server: str, name: str, data: bytes) -> None:
    import httpx

    r = httpx.post(
        f"{server}api/documents",
        files={"file": (name, data)},
        headers={"X-API-Key": KEY},
        timeout=300,
    )
    assert r.status_code == 201, r.text


def _choose(page, elem_id: str, typed: str, option: str | None = None) -> None:
    """Type into a Gradio dropdown, then pick the option named ``option`` (default: the first
    that shows ``typed``)."""
    box = page.locator(f"#{elem_id} input")
    box.click()
    box.fill(typed)
    if option:
        page.get_by_role("option", name=option, exact=True).click()
    else:
        page.get_by_role("option").filter(has_text=typed).first.click()


def test_compendium_filter_by_theme_open_an_entry_and_see_its_lineage(page, server):
    import httpx

    _upload(server, "A_RES_1_1.txt", EARLIER_RES)
    _upload(server, "A_RES_2_1.txt", LATER_RES)
    entries = httpx.get(f"{server}api/compendium", params={"doc": "A_RES_2_1"}, timeout=300).json()[
        "entries"
    ]
    theme = entries[0]["themes"][-1]  # its finest theme: few entries, all shown at once
    in_theme = httpx.get(f"{server}api/compendium", params={"theme": theme}, timeout=60).json()
    page.get_by_role("tab", name="Compendium").click()
    page.locator("#comp-btn").click()
    see(page.locator("#comp-summary"), "entries")
    _choose(page, "comp-theme", theme.split(" > ")[-1], theme)
    page.locator("#comp-btn").click()
    see(page.locator("#comp-summary"), f"{in_theme['count']} of ")
    see(page.locator("#comp-table"), "A/RES/2/1 OP 1")
    table = page.locator("#comp-table").inner_text()
    assert all(e["reference"] in table for e in in_theme["entries"])
    _choose(page, "comp-pick", "A/RES/2/1 OP 1")
    view = page.locator("#comp-view")
    see(view, "Lineage: amended")
    see(view, "A/RES/1/1 OP 1 → A/RES/2/1 OP 1")
    assert "civilian firearms and ammunition" in view.locator(".rp-unit").inner_text()  # in context
    assert view.locator("ins", has_text="and ammunition").count() == 1  # the word diff
    shot(page, "compendium.png")
    assert page.dialogs == []
