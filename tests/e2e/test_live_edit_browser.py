"""A curator edits the data while readers have the app open: a broken edit keeps the last good view for
readers and shows the problems to the curator; any change on disk is announced to open tabs."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import MINI, MINI_CONFIG

from .conftest import settle, start_server

pytestmark = pytest.mark.e2e


@pytest.fixture
def live_server(tmp_path):
    shutil.copytree(MINI, tmp_path / "data")
    config = MINI_CONFIG.read_text(encoding="utf-8").replace("data_dir: mini", "data_dir: data")
    yield from start_server(tmp_path / "data", tmp_path, sides=config, today="2024-07-10")


def test_break_and_fix_keeps_the_last_good_view(live_server, browser, shots):
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    page.goto(f"{live_server.url}/matrix")
    settle(page, charts=1, tables=1)
    positions = live_server.data / "positions.yaml"
    good = positions.read_text(encoding="utf-8")
    positions.write_text(good.replace("  stance: 2\n", "  stance: 9\n", 1), encoding="utf-8")
    reader = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    reader.goto(f"{live_server.url}/matrix")
    settle(reader, charts=1, tables=1)
    assert "A newer edit of the data has 1 problem(s)" in reader.inner_text("body")
    assert "Medium" in reader.locator(".js-plotly-plot").first.inner_text()  # the last good cells
    reader.screenshot(path=str(shots / "live-edit-broken-reader.png"))
    reader.goto(f"{live_server.url}/sources")
    settle(reader, tables=1)
    body = reader.inner_text("body")
    assert "A newer edit of the data does not validate" in body and "positions.yaml:" in body
    assert "is not on the scale of 'quota'" in body
    page.wait_for_selector(".st-key-data-changed", timeout=40_000)  # the open tab is told
    assert "The data has changed since this page was drawn" in page.inner_text("body")
    positions.write_text(good, encoding="utf-8")
    reader.goto(f"{live_server.url}/matrix")
    settle(reader, charts=1, tables=1)
    assert "A newer edit" not in reader.inner_text("body")
    reader.context.close()
    page.context.close()


def test_an_open_tab_offers_a_refresh_when_the_data_changes(live_server, browser):
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    page.goto(f"{live_server.url}/matrix")
    settle(page, charts=1, tables=1)
    positions = live_server.data / "positions.yaml"
    text = positions.read_text(encoding="utf-8")
    before = page.locator(".js-plotly-plot").first.inner_text().count("Large")
    concession = "  summary: Northland accepts a medium quota.\n  stance: 2"
    positions.write_text(text.replace(concession, concession[:-1] + "3"), encoding="utf-8")
    page.wait_for_selector(".st-key-data-changed", timeout=40_000)
    page.get_by_role("button", name="Refresh to see the new data").click()
    settle(page, charts=1, tables=1)
    page.wait_for_function("!document.querySelector('.st-key-data-changed')", timeout=30_000)
    assert page.locator(".js-plotly-plot").first.inner_text().count("Large") == before + 1
    page.context.close()
