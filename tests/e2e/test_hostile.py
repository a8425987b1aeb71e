"""Hostile text in the data renders as text: no script runs, the layout holds."""

from __future__ import annotations

import pytest

from stances import registry
from tests.test_downloads import assert_inert

from .conftest import settle

pytestmark = pytest.mark.e2e

PAGES = [p.url_path for p in registry.PAGES]


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_hostile_text_is_inert(hostile_server, page, shots, path):
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "pwned" in m.text else None)
    page.goto(f"{hostile_server.url}/{path}")
    settle(page, charts=min(1, next(p.charts for p in registry.PAGES if p.url_path == path)))
    page.mouse.move(700, 400)
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.evaluate("window.__pwned === undefined")
    assert [e for e in errors if "pwned" in e or "xss" in e] == []
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("main script, main img[src='x']").count() == 0
    width = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
    assert width <= 1280, "long strings must not widen the page"
    page.screenshot(path=str(shots / f"hostile-{path or 'overview'}.png"))


def test_markup_shows_literally(hostile_server, page):
    page.goto(f"{hostile_server.url}/")
    settle(page, charts=1)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "<script>" in text or "<img src=x" in text or "[click me](javascript:" in text


TEXT_VIEWS = [*PAGES, "explorer?closest=true", "changes?since=2024-01-10", "compare?cell=northland:border"]
FROM_DATA = ("Heading from data", "another", ":streamlit:", ":material", "desrever", "red text")


@pytest.mark.parametrize("path", TEXT_VIEWS, ids=[p.split("?")[0] or "overview" for p in TEXT_VIEWS])
def test_data_text_is_only_text(hostile_server, page, path):
    """No image, heading, shortcode icon, logo or reordering from the data: the page shows its characters."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "tracker" in r.url else None)
    page.goto(f"{hostile_server.url}/{path}")
    charts = next(p.charts for p in registry.PAGES if p.url_path == path.split("?")[0])
    settle(page, charts=min(1, charts))  # a first chart has drawn, on a page that draws one
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("img").count() == 0 and fetched == []  # the dataset title's pixel stays text
    headings = [h.strip() for h in main.locator("h1, h2, h3, h4, h5, h6").all_inner_texts()]
    assert not [h for h in headings if h.startswith(FROM_DATA)], headings
    icons = main.locator('[data-testid="stIconMaterial"]').all_inner_texts()
    assert "home" not in icons, icons
    text = main.inner_text().replace("\u200b", "")
    assert "\u202e" not in text and "\u2066" not in text
    assert "![pixel](https://tracker.invalid/pixel.png)" in text, "the footer shows the title as typed"
    if path in ("", "figures"):
        assert ":streamlit: :material/home: :red[red text] :smile:" in text


def test_downloads_in_the_browser_are_inert(hostile_server, page, tmp_path):
    import csv
    import io

    import openpyxl

    page.goto(f"{hostile_server.url}/matrix")
    settle(page, charts=1)
    files = {}
    for label in ("⬇ CSV", "⬇ XLSX"):
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=label).first.click()
        files[label] = tmp_path / info.value.suggested_filename
        info.value.save_as(files[label])
    rows = list(csv.reader(io.StringIO(files["⬇ CSV"].read_text(encoding="utf-8-sig"), newline="")))
    sheet = openpyxl.load_workbook(files["⬇ XLSX"]).worksheets[0]
    cells = [["" if c.value is None else c.value for c in row] for row in sheet.iter_rows()]
    assert len(rows) == len(cells) > 1 and rows[0] == cells[0]
    assert_inert(rows)
    assert_inert(cells)
    assert any(c.startswith("'=HYPERLINK") for row in rows for c in row)
