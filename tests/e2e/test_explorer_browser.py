"""The settlement explorer, What changed and the HTML brief in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import BUNDLED_AS_OF, BUNDLED_VERSION, OLD_TODAY, settle

pytestmark = pytest.mark.e2e

VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}
VIEWS = [
    ("explorer", "explorer?closest=true", 2, 2),
    ("changes", "changes?since=2025-12-01&until=2025-12-31", 0, 3),
]


def _no_errors(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("did not pass validation").count() == 0


@pytest.mark.parametrize("device", list(VIEWPORTS))
@pytest.mark.parametrize(("name", "path", "charts", "tables"), VIEWS, ids=[v[0] for v in VIEWS])
def test_pages_draw_at_desktop_and_phone_sizes(server, browser, shots, device, name, path, charts, tables):
    width, height = VIEWPORTS[device]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{server.url}/{path}")
    settle(page, charts=charts, tables=tables)
    _no_errors(page)
    assert page.locator("h1").first.inner_text().strip() in ("Settlement explorer", "What changed")
    page.screenshot(path=str(shots / f"{name}-{device}.png"))
    main = page.locator('[data-testid="stMain"]')
    for k, share in enumerate((0.33, 0.66, 1.0), 1):
        main.evaluate(f"el => el.scrollTo(0, el.scrollHeight * {share})")
        page.wait_for_timeout(400)
        page.screenshot(path=str(shots / f"{name}-{device}-{k}.png"))
    context.close()


def test_editing_an_issue_puts_the_package_in_the_link(server, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(f"{server.url}/explorer")
    settle(page, charts=1, tables=2)  # the package table and the models beside it: the page has finished
    option = page.get_by_role("option", name="4: No cap")
    for _ in range(3):  # a click while the page reruns does not open the list
        page.locator(".st-key-explorer-level-army-size input").click()
        if option.count() or (page.wait_for_timeout(1000) or option.count()):
            break
        page.keyboard.press("Escape")
    option.click()
    page.wait_for_url("**pkg=**")
    assert "army-size%3A4" in page.url or "army-size:4" in page.url
    settle(page, charts=1, tables=1)
    link = page.url
    fresh = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    fresh.goto(link)
    settle(fresh, charts=1, tables=1)
    assert fresh.locator(".st-key-explorer-level-army-size input").input_value() == "4: No cap"
    _no_errors(fresh)
    fresh.context.close()
    context.close()


LABELS = (".legend", ".g-xtitle", ".g-ytitle", ".gtitle", ".xtick text", ".ytick text", ".heatmap-label text")
OVERLAPS = """(labels) => {
  const found = [];
  for (const chart of document.querySelectorAll('.js-plotly-plot')) {
    const boxes = [];
    for (const selector of labels) {
      for (const el of chart.querySelectorAll(selector)) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) boxes.push([selector + ' ' + el.textContent.slice(0, 30), r]);
      }
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i], [b, q] = boxes[j];
      const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (x > 1 && y > 1) found.push(chart.id + ': ' + a + ' / ' + b);
    }
  }
  return found;
}"""
ALL_DRAWN = (
    "[...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg .xtick'))"
)
A4_PX = {"width": 794, "height": 1123}  # 210 × 297 mm at 96 px per inch


def _pdf_pages(browser, pdf: Path, shots: Path) -> list[Path]:
    """The PDF's pages as PNG: with poppler's pdftoppm when installed, else in Chromium's own PDF viewer."""
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "96", str(pdf), str(shots / "brief-a4-page")], check=True)
        return sorted(shots.glob("brief-a4-page-*.png"))
    count = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))
    viewer = browser.new_context(viewport=A4_PX)
    pages: list[Path] = []
    first = b""
    for n in range(1, count + 1):
        for attempt in range(1, 4):  # the viewer now and then shows page 1 before it reads #page
            page = viewer.new_page()
            page.goto(f"{pdf.as_uri()}#page={n}&toolbar=0&navpanes=0&view=Fit")
            page.wait_for_timeout(1200 * attempt)
            shot = page.screenshot()
            page.close()
            if n == 1 or shot != first:
                break
        first = first or shot
        pages.append(shots / f"brief-a4-page-{n:02d}.png")
        pages[-1].write_bytes(shot)
    viewer.close()
    return pages


def test_the_brief_opens_offline_and_prints_on_a4(server, browser, shots, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server.url}/?actor=Ukraine&actor=Russia&actor=United+States")
    settle(page, charts=2)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="⬇ Brief (HTML)").click()
    download = info.value
    assert download.suggested_filename.startswith("brief_v") and download.suggested_filename.endswith(".html")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    context.close()
    html = target.read_text(encoding="utf-8")
    assert html.count("* plotly.js v") == 1 and "<script src" not in html.lower()

    offline = browser.new_context(viewport={"width": 900, "height": 1200})
    blocked: list[str] = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    offline.route("**/*", only_files)
    brief = offline.new_page()
    brief.goto(target.as_uri())
    brief.wait_for_function(ALL_DRAWN, timeout=30_000)
    assert brief.locator(".js-plotly-plot").count() >= 3  # sixteen issues: the matrix takes two A4 pages
    assert brief.locator("#brief-matrix .main-svg").first.bounding_box()["width"] <= 680
    text = brief.locator("body").inner_text()
    assert f"Data version {BUNDLED_VERSION}, current to {BUNDLED_AS_OF}" in text
    assert f"Generated on {OLD_TODAY}." in text and "Age notice." in text  # the server's today is months on
    assert "Stances in their words" in text and "set on 20" in text and "“" in text and "\n— " in text
    assert "thinly sourced" in text and "Sources cited" in text and "through a relay" in text
    assert blocked == [], blocked
    brief.screenshot(path=str(shots / "brief.png"), full_page=True)

    brief.emulate_media(media="print")
    brief.set_viewport_size({"width": 680, "height": 1009})  # A4 less 15 mm margins
    brief.wait_for_timeout(500)
    assert brief.evaluate(OVERLAPS, list(LABELS)) == []
    for chart in brief.locator(".js-plotly-plot").all():
        chart.screenshot(path=str(shots / f"brief-print-{chart.get_attribute('id')}.png"))
    pdf = shots / "brief.pdf"
    brief.pdf(path=str(pdf), format="A4", print_background=True)
    offline.close()
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = _pdf_pages(browser, pdf, shots)
    assert len(pages) >= 4 and len({p.read_bytes() for p in pages}) == len(pages)  # each page its own


HOSTILE_VIEWS = [("explorer?pkg=quota:1,border:1&closest=true", 2), ("changes?since=2024-01-01", 0)]


@pytest.mark.parametrize(("path", "charts"), HOSTILE_VIEWS, ids=["explorer", "changes"])
def test_hostile_text_is_inert_on_the_new_pages_and_in_the_brief(
    hostile_server, browser, tmp_path, path, charts
):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{hostile_server.url}/{path}")
    settle(page, charts=charts)
    page.mouse.move(700, 400)
    page.wait_for_timeout(500)
    _no_errors(page)
    assert dialogs == [] and page.evaluate("window.__pwned === undefined")
    assert page.locator("main script, main img[src='x']").count() == 0
    if path.startswith("changes"):
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="⬇ Brief (HTML)").click()
        target = tmp_path / "brief.html"
        info.value.save_as(target)
        brief = context.new_page()
        brief.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        brief.goto(target.as_uri())
        brief.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2")
        brief.mouse.move(400, 600)
        brief.wait_for_timeout(300)
        assert dialogs == [] and brief.evaluate("window.__pwned === undefined")
        assert brief.locator("body img[src='x']").count() == 0
        assert "<script>window.__pwned" in brief.locator("body").inner_text()  # shown as text
    context.close()


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_where_a_deal_could_land_reads_in_plain_words(server, browser, shots, device):
    width, height = VIEWPORTS[device]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{server.url}/explorer?closest=true")
    settle(page, charts=2, tables=3)
    _no_errors(page)
    summary = page.get_by_text("The Nash bargaining package", exact=False).first
    summary.scroll_into_view_if_needed()
    assert summary.is_visible()
    assert "red lines no record states are not checked" in summary.inner_text()
    page.screenshot(path=str(shots / f"explorer-deal-{device}.png"))
    models = page.get_by_text("Bargaining models beside the closest package").first
    models.scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    page.screenshot(path=str(shots / f"explorer-models-{device}.png"))
    context.close()
