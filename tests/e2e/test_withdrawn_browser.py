"""A withdrawn level, old evidence and a thinly sourced stance in a real browser: the fixture with one
withdrawal (Southland drops its north-line demand on 2024-06-20, known only through a relay)."""

from __future__ import annotations

import pytest

from tests.conftest import MINI_CONFIG, with_withdrawal

from .conftest import settle, start_server

pytestmark = pytest.mark.e2e

VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def withdrawn_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("withdrawn")
    data = with_withdrawal(tmp / "data")
    config = MINI_CONFIG.read_text(encoding="utf-8").replace("data_dir: mini", "data_dir: data")
    yield from start_server(data, tmp, sides=config + "stale_cell_days: 45\n", today="2024-07-10")


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_matrix_and_compare_show_withdrawal_dates_and_marks(withdrawn_server, browser, shots, device):
    width, height = VIEWPORTS[device]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{withdrawn_server.url}/matrix")
    settle(page, charts=0 if device == "phone" else 1, tables=1)
    body = page.inner_text("body")
    assert page.locator('[data-testid="stException"]').count() == 0
    if device == "desktop":
        chart = page.locator(".js-plotly-plot").first
        text = chart.inner_text()
        assert "withdrawn" in text and "2024-06-20 ◌" in text and "2024-05-02 ◷" in text
    else:  # the phone list gives each cell's level with its evidence date and marks
        assert "no current level — withdrawn on 2024-06-20 (2024-06-20 · thinly sourced)" in body
        assert "Medium (2024-05-02 · old evidence)" in body
    page.screenshot(path=str(shots / f"withdrawn-matrix-{device}.png"))
    page.goto(f"{withdrawn_server.url}/compare?sort=oldest+evidence+first")
    settle(page, charts=1, tables=0 if device == "phone" else 1)  # a phone gets the list, not the table
    page.screenshot(path=str(shots / f"withdrawn-compare-{device}.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    page.goto(f"{withdrawn_server.url}/matrix?cell=southland:border")
    settle(page, charts=0 if device == "phone" else 1, tables=1)
    panel = page.inner_text("body")
    assert "No current level — withdrawn on 2024-06-20" in panel
    assert "seen through a relay: a harbour newsletter that quotes the wire" in panel
    page.screenshot(path=str(shots / f"withdrawn-panel-{device}.png"), full_page=False)
    context.close()


def test_the_thin_switch_hides_and_keeps_the_link(withdrawn_server, page):
    page.goto(f"{withdrawn_server.url}/matrix")
    settle(page, charts=1, tables=1)
    page.get_by_text("Hide thinly sourced stances").click()
    page.wait_for_url("**thin=hide**")
    settle(page, charts=1, tables=1)
    chart = page.locator(".js-plotly-plot").first.inner_text()
    assert "thinly sourced" in chart and "stance hidden" in chart and "withdrawn" not in chart
    fresh = page.context.new_page()
    fresh.goto(page.url)
    settle(fresh, charts=1, tables=1)
    assert fresh.get_by_role("switch", name="Hide thinly sourced stances").is_checked()
