"""Citations that hold, in a real browser: an old link shows its own version's cells, and the data
packages and feeds answer at stable URLs on a running server."""

from __future__ import annotations

import json
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from stances import archive
from tests.conftest import MINI, MINI_CONFIG, older_release

from .conftest import BUNDLED_VERSION, settle, start_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def versioned_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("versioned")
    store = tmp / "archive"
    archive.write(older_release(tmp / "old"), store)
    archive.write(MINI, store)
    config = MINI_CONFIG.read_text(encoding="utf-8").replace("data_dir: mini", "data_dir: data")
    import shutil

    shutil.copytree(MINI, tmp / "data")
    yield from start_server(tmp / "data", tmp, sides=config + f"archive_dir: {store}\n", today="2024-07-10")


def _quota_cell(page) -> str:
    return page.locator(".js-plotly-plot").first.inner_text()


def test_an_old_link_shows_the_old_cells_and_leads_to_the_current_view(versioned_server, browser, shots):
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    page.goto(f"{versioned_server.url}/matrix?v=0.2.0&actor=Northland")
    settle(page, charts=1, tables=1)
    assert "Small" in _quota_cell(page) and "Medium" not in _quota_cell(page)
    notice = page.locator(".st-key-version-notice").inner_text()
    assert "This view shows data version 0.2.0" in notice and "The current version is 0.3.0" in notice
    page.screenshot(path=str(shots / "version-old-link.png"))
    page.get_by_role("button", name="Show this view on the current data (0.3.0)").click()
    page.wait_for_function("!location.search.includes('v=0.2.0')")
    settle(page, charts=1, tables=1)
    assert "Medium" in _quota_cell(page) and "actor=Northland" in page.url
    page.goto(f"{versioned_server.url}/matrix?v=0.2.0")
    settle(page, charts=1, tables=1)
    page.get_by_role("link", name="What changed since version 0.2.0").click()
    page.wait_for_url("**rev_from=0.2.0**")
    settle(page, tables=1)
    body = page.inner_text("body")
    assert "From 0.2.0 to 0.3.0: 1 positions recoded" in body
    page.screenshot(path=str(shots / "version-revisions.png"), full_page=True)
    page.context.close()


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as reply:
        assert reply.status == 200
        return reply.read()


def test_data_packages_and_feeds_answer_at_stable_urls(server):
    latest = json.loads(_get(f"{server.url}/app/static/data/latest/datapackage.json"))
    assert latest["version"] == BUNDLED_VERSION
    pinned = json.loads(_get(f"{server.url}/app/static/data/1.1.0/datapackage.json"))
    assert pinned["version"] == "1.1.0"
    positions = _get(f"{server.url}/app/static/data/1.1.0/positions.csv").decode("utf-8")
    assert positions.splitlines()[0].startswith("id,actor,issue,date")
    workbook = _get(f"{server.url}/app/static/data/latest/stances-{BUNDLED_VERSION}.xlsx")
    assert workbook[:2] == b"PK"
    feed = ET.fromstring(_get(f"{server.url}/app/static/feeds/side-russia.xml"))
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert entries and all("Russia" in e.find("{http://www.w3.org/2005/Atom}title").text for e in entries)
