"""Evidence you can read and links you can trust, in a real browser, on a desktop and a phone."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from stances import registry, urlstate
from tests.conftest import ROOT

from .conftest import BUNDLED_AS_OF, BUNDLED_VERSION, settle

pytestmark = pytest.mark.e2e

PAGES = [p.url_path for p in registry.PAGES]
HOSTILE = [
    "[click here](https://evil.example/phish)",
    "<img src=x onerror=alert(1)><b>bold</b>",
    "# Heading **bold** _em_ ![img](https://evil.example/x.png)",
    "مرحبا بالعالم שלום ‮evil‬",
    "A" * 3000,
]
PARAMS = sorted(urlstate.LABELS)  # every URL parameter the app reads


def _box(page, label: str):
    """A text box by its label (widgets can draw in any order on a first visit)."""
    return page.locator(f'[data-testid="stTextInputField"][aria-label="{label}"]')


def _notices(page) -> list[str]:
    warnings = page.locator('[data-testid="stMain"] [data-testid="stAlertContentWarning"]')
    texts = [a.inner_text() for a in warnings.all()]
    notices = [t for t in texts if "may be out of date" not in t and "A majority would not accept" not in t]
    return [t.replace("\u200b", "") for t in notices]  # the poll warning is data, not a link notice


def _cell_point(page, side: str, issue: str) -> tuple[float, float]:
    """Screen coordinates of a matrix cell, from the chart's own axes, scrolled into view first (a tall
    matrix runs below the fold)."""
    x, y = _point(page, side, issue)
    height = page.viewport_size["height"]
    if not 60 < y < height - 60:
        page.locator('[data-testid="stMain"]').evaluate(f"el => el.scrollBy(0, {y - height / 2})")
        page.wait_for_timeout(400)
        x, y = _point(page, side, issue)
    return x, y


def _point(page, side: str, issue: str) -> tuple[float, float]:
    return page.evaluate(
        """([side, issue]) => {
          const gd = document.querySelector('.js-plotly-plot');
          const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
          return [r.left + xa._offset + xa.l2p(xa.d2l(side)), r.top + ya._offset + ya.l2p(ya.d2l(issue))];
        }""",
        [side, issue],
    )


def test_clicking_a_matrix_cell_opens_its_evidence_and_the_link_keeps_it(server, page, browser, shots):
    page.goto(f"{server.url}/matrix")
    settle(page, charts=1, tables=1)
    page.mouse.click(*_cell_point(page, "Russia", "Zaporizhzhia nuclear plant"))
    page.wait_for_url("**cell=russia%3Aznpp**")
    settle(page, tables=2)
    panel = page.locator('[data-testid="stMain"]').inner_text()
    assert "Russia · Zaporizhzhia nuclear plant" in panel and "Stance: Russia keeps it" in panel
    assert "History on this issue" in panel and "Why this level" in panel
    links = page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"] a[href^="http"]')
    assert links.count() >= 1
    page.screenshot(path=str(shots / "evidence-panel.png"))
    fresh = browser.new_page(viewport={"width": 1440, "height": 900})
    fresh.goto(page.url)
    settle(fresh, charts=1)
    assert fresh.get_by_text("Russia · Zaporizhzhia nuclear plant").count() == 1
    fresh.close()


def test_ids_and_labels_both_work_and_the_link_is_rewritten(server, page):
    page.goto(f"{server.url}/compare?actor=ukraine&actor=RUSSIA&actor=United+States&issue=army-size&sort=gap")
    settle(page, charts=1, tables=1)
    assert _notices(page) == []
    query = parse_qs(urlsplit(page.url).query)
    assert query["actor"] == ["Ukraine", "Russia", "United States"]
    assert query["issue"] == ["Army size cap"] and query["sort"] == ["largest gap"]


def _readme_links() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = text.split("Examples:", 1)[1].split("\n\n", 2)[1]
    return re.findall(r"^- `(/[^`]+)`", examples, flags=re.M)


def test_every_readme_example_link_opens_with_its_values_and_no_notice(server, page):
    links = _readme_links()
    assert len(links) >= 5
    for link in links:
        page.goto(f"{server.url}{link}")
        settle(page)
        page.wait_for_timeout(800)
        assert _notices(page) == [], link
        assert page.locator('[data-testid="stException"]').count() == 0, link
        asked = parse_qs(urlsplit(link).query)
        kept = parse_qs(urlsplit(page.url).query)
        for key, values in asked.items():
            if key in kept:  # a value equal to the widget's default leaves the URL, and shows in the view
                continue
            shown = page.inner_text("body") + " ".join(
                i.input_value() for i in page.locator("input").all() if i.get_attribute("type") != "file"
            )
            for value in values:
                assert value in shown, (link, key, value)


def test_a_copied_link_pins_its_view_across_a_data_update(server, page, browser):
    page.goto(f"{server.url}/matrix?actor=Ukraine&actor=Russia&as_of=2026-03-01")
    settle(page, charts=1, tables=1)
    page.get_by_text("Copy a link to this view").click()
    link = page.locator('[data-testid="stCode"]').filter(has_text="as_of=").first.inner_text().strip()
    old = BUNDLED_VERSION
    assert "as_of=2026-03-01" in link and f"v={old}" in link
    dataset = server.data / "dataset.yaml"
    original = dataset.read_text(encoding="utf-8")
    try:
        newer = original.replace(f'version: "{old}"', 'version: "9.9.9"')
        newer = newer.replace(f'  - version: "{old}"', '  - version: "9.9.9"\n    date: "2026-07-06"\n'
                              f'    summary: ["A test release."]\n  - version: "{old}"', 1)  # fmt: skip
        dataset.write_text(newer, encoding="utf-8")
        other = browser.new_context(viewport={"width": 1440, "height": 900})
        fresh = other.new_page()
        fresh.goto(link)
        settle(fresh, charts=1, tables=1)
        notice = fresh.locator(".st-key-version-notice").inner_text()
        assert f"This view shows data version {old}" in notice and "The current version is 9.9.9" in notice
        assert _box(fresh, "As of").input_value() == "2026-03-01"
        assert fresh.get_by_text("on 2026-03-01: its latest position").count() == 1
        other.close()
    finally:
        dataset.write_text(original, encoding="utf-8")


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_hostile_link_values_stay_literal_on_every_page(server, page, path):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for n, value in enumerate(HOSTILE):
        params = "&".join(f"{key}={_quote(value)}" for key in [*PARAMS[n :: len(HOSTILE)], "actor"])
        page.goto(f"{server.url}/{path}?{params}")
        settle(page)
        page.wait_for_timeout(500)
        main = page.locator('[data-testid="stMain"]')
        alerts = main.locator('[data-testid="stAlert"]')
        assert page.locator('[data-testid="stException"]').count() == 0, (path, value[:30])
        assert alerts.locator("a, img, h1, h2, h3, strong, em, b").count() == 0, (path, value[:30])
        assert main.locator("img[src='x'], a[href*='evil.example']").count() == 0
        width = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
        assert width <= 1280, "a long value must not widen the page"
        if value.startswith("[click"):
            assert any("[click here](https://evil.example/phish)" in t for t in _notices(page)), path
    assert dialogs == []


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def test_csv_download_is_excel_ready_with_each_source_and_its_url(server, page):
    page.goto(f"{server.url}/matrix?actor=Ukraine&actor=Russia&category=Security")
    settle(page, charts=1, tables=1)
    with page.expect_download() as info:
        page.get_by_role("button", name="⬇ CSV").first.click()
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 10 and "id" not in rows[0] and "source_ids" not in rows[0]
    assert all(r["source 1 URL"].startswith("http") for r in rows if r["recorded"] == "True")
    assert any(r["source 2"] for r in rows), "several sources, each in its own column"


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)])
def test_overview_matrix_and_compare_are_readable_at_both_sizes(server, browser, shots, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    for path, narrow_key in [("", "overview-matrix"), ("matrix", "matrix"), ("compare", "compare")]:
        page.goto(f"{server.url}/{path}?actor=nowhere")
        settle(page, charts=1)
        page.wait_for_timeout(800)
        assert any("Ignored unknown side in the link: 'nowhere'" in n for n in _notices(page))
        notice = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').filter(has_text="nowhere")
        assert notice.is_visible(), "link notices are in the main area, visible with the sidebar closed"
        cards = page.locator(f".st-key-narrow-{narrow_key}")
        if width < 640:
            assert cards.is_visible() and "Army size cap" in cards.inner_text()
            assert not page.locator(f".st-key-wide-{narrow_key if path else 'overview-matrix'}").is_visible()
        else:
            assert not cards.is_visible()
        page.screenshot(path=str(shots / f"{path or 'overview'}-{width}.png"))
        page.locator('[data-testid="stMain"]').evaluate("el => el.scrollTo(0, el.scrollHeight / 3)")
        page.wait_for_timeout(400)
        page.screenshot(path=str(shots / f"{path or 'overview'}-{width}-lower.png"))
    context.close()


@pytest.mark.parametrize("key", ["Enter", "Tab"])
def test_a_typed_as_of_date_applies_on_enter_or_tab(server, page, key):
    page.goto(f"{server.url}/matrix?actor=Ukraine")
    settle(page, charts=1)
    box = _box(page, "As of")
    box.fill("2025-12-31")
    box.press(key)
    page.wait_for_url("**as_of=2025-12-31**")
    settle(page, charts=1)
    assert page.get_by_text("on 2025-12-31: its latest position").count() == 1


def test_what_changed_dates_apply_when_typed(server, page):
    page.goto(f"{server.url}/changes")
    settle(page)
    since = _box(page, "Since")
    since.fill("2025-12-01")
    since.press("Tab")
    page.wait_for_url("**since=2025-12-01**")
    page.get_by_role("button", name="Last 7 days").click()
    page.wait_for_url(f"**since={BUNDLED_AS_OF - dt.timedelta(days=7)}**")
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
