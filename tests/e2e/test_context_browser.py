"""Context beside the stances in a real browser, on the fixture with context (a poll tied to a border level,
a territory tracker, a forecast market, a rejected plan text): Key figures, the Timeline and How far apart
with an overlay, the explorer's acceptance panel and Plans' who-stands-with-whom chart, at desktop and
phone sizes, with screenshots of each chart."""

from __future__ import annotations

import pytest

from tests.conftest import MINI_CONFIG, with_context

from .conftest import settle, start_server

pytestmark = pytest.mark.e2e

VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}
POLL = "Northlanders+on+a+middle-line+border"

# (name, link, charts to wait for, index of the chart to check, trace names it must draw)
VIEWS = [
    ("figures", f"/figures?metric={POLL}", 1, 0, ["Harbour Polls — Would accept", "Harbour Polls — Would not accept"]),
    ("timeline", f"/timeline?trajectory=Sea+border&overlay={POLL}", 2, 1, ["◇ Harbour Polls — Would not accept"]),
    ("distance", "/distance?overlay=Fishing+grounds+held+by+Northland", 2, 1, ["◇ Sea Watch — Held by Northland"]),
    ("explorer", "/explorer?pkg=border:1", 1, 0, []),
    ("plans", "/plans", 2, 1, ["wrote", "co-wrote", "endorsed", "rejected"]),
]  # fmt: skip


@pytest.fixture(scope="module")
def context_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("context")
    data = with_context(tmp / "data")
    config = MINI_CONFIG.read_text(encoding="utf-8").replace("data_dir: mini", "data_dir: data")
    yield from start_server(data, tmp, sides=config, today="2024-07-10")


def _traces(page, index: int) -> list[dict]:
    return page.evaluate(
        f"""Array.from(document.querySelectorAll('.js-plotly-plot')[{index}].data)
            .map(t => ({{name: t.name, yaxis: t.yaxis || 'y', points: (t.x || []).length}}))"""
    )


@pytest.mark.parametrize("device", list(VIEWPORTS))
@pytest.mark.parametrize(("name", "link", "charts", "index", "names"), VIEWS, ids=[v[0] for v in VIEWS])
def test_context_views_draw(context_server, browser, shots, device, name, link, charts, index, names):
    width, height = VIEWPORTS[device]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{context_server.url}{link}")
    settle(page, charts=charts)
    assert page.locator('[data-testid="stException"]').count() == 0
    traces = _traces(page, index)
    drawn = {t["name"] for t in traces if t["points"]}
    assert set(names) <= drawn, drawn
    if name in ("timeline", "distance"):
        assert any(t["yaxis"] == "y2" for t in traces), "the overlay is on the secondary axis"
        assert page.locator(".js-plotly-plot").nth(index).locator(".y2tick").count() > 0
    chart = page.locator(".js-plotly-plot").nth(index)
    if name == "explorer":
        warning = page.get_by_text("A majority would not accept Sea border")
        assert warning.count() == 1
        warning.scroll_into_view_if_needed()
    else:
        chart.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots / f"context-{name}-{device}.png"))
    context.close()
