"""Hostile text in the data renders as text: no script runs, the layout holds."""

from __future__ import annotations

import pytest

from .conftest import settle

pytestmark = pytest.mark.e2e

PAGES = ["", "matrix", "compare", "distance", "plans", "figures", "timeline", "sources"]


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_hostile_text_is_inert(hostile_server, page, shots, path):
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "pwned" in m.text else None)
    page.goto(f"{hostile_server.url}/{path}")
    settle(page, charts=1 if path not in ("sources",) else 0)
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
