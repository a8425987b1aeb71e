"""The dashboard in a real browser: pages draw, links reproduce views, downloads match, edits show."""

from __future__ import annotations

import csv
import io
import threading
import time

import pytest

from stances import registry
from tests.conftest import ROOT

from .conftest import BUNDLED_AS_OF, OLD_TODAY, RECENT_TODAY, settle

pytestmark = pytest.mark.e2e

# path, charts and tables each page must draw on the bundled data
PAGES = [(p.url_path, p.charts, p.tables, p.name) for p in registry.PAGES]


def _no_errors(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("did not pass validation").count() == 0


def _screenshot(page, shots, name: str) -> None:
    page.screenshot(path=str(shots / f"{name}.png"))
    main = page.locator('[data-testid="stMain"]')
    main.evaluate("el => el.scrollTo(0, el.scrollHeight / 2)")
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots / f"{name}-lower.png"))


@pytest.mark.parametrize(("path", "charts", "tables", "name"), PAGES, ids=[p[3] for p in PAGES])
def test_every_page_draws(server, page, shots, path, charts, tables, name):
    page.goto(f"{server.url}/{path}")
    settle(page, charts=charts, tables=tables)
    _no_errors(page)
    if name == "figures":
        page.get_by_role("tab", name="Table").first.click()
        settle(page, tables=1)
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator('[data-testid="stSidebarNav"]').get_by_text("Stance matrix").count() == 1
    assert page.locator('[data-testid="stSidebarNav"] a').count() == len(registry.PAGES), (
        "only the registered pages are listed"
    )
    _screenshot(page, shots, name)


def _download(page, label: str) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).first.click()
    return info.value.path().read_text(encoding="utf-8-sig")


def test_a_copied_link_reproduces_the_view(server, page, browser):
    page.goto(f"{server.url}/compare?actor=Ukraine&actor=Russia")
    settle(page, charts=1, tables=1)
    page.get_by_role("radio", name="largest gap").click()
    page.wait_for_url("**sort=largest+gap**")
    settle(page, charts=1, tables=1)
    link = page.url
    assert "actor=Ukraine" in link and "actor=Russia" in link
    rows = _download(page, "⬇ CSV")

    other = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    fresh = other.new_page()
    fresh.goto(link)
    settle(fresh, charts=1, tables=1)
    assert fresh.get_by_role("radio", name="largest gap").get_attribute("aria-checked") == "true"
    assert _download(fresh, "⬇ CSV") == rows
    other.close()


def test_download_matches_the_view(server, page):
    page.goto(f"{server.url}/matrix?actor=Ukraine&actor=Russia&as_of=2025-12-31&category=Security")
    settle(page, charts=1, tables=1)
    rows = list(csv.DictReader(io.StringIO(_download(page, "⬇ CSV"))))
    security = 5  # nato-membership, security-guarantees, army-size, foreign-troops, weapons-supply
    assert len(rows) == security * 2
    assert {r["side_name"] for r in rows} == {"Ukraine", "Russia"}
    assert all(r["date"] <= "2025-12-31" for r in rows if r["date"])
    assert all(r["source 1 URL"].startswith("http") for r in rows if r["recorded"] == "True")


def test_a_bad_link_gives_a_notice(server, page):
    page.goto(f"{server.url}/matrix?actor=Ukraine&actor=nowhere&as_of=2025-02-31")
    settle(page, charts=1)
    _no_errors(page)
    assert page.get_by_text("Ignored unknown side in the link: 'nowhere'").count() == 1
    assert page.get_by_text("Ignored the as-of date '2025-02-31'").count() == 1


def _positions_on_record(page) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Positions on record")
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def test_edits_show_on_the_next_rerun(server, page):
    positions = server.data / "positions.yaml"
    original = positions.read_text(encoding="utf-8")
    page.goto(f"{server.url}/?actor=Ukraine")
    settle(page, charts=2)
    before = int(_positions_on_record(page))
    extra = (
        "\n- id: ua-2026-03-13-e2e-check\n  actor: ukraine\n  issue: ceasefire\n  date: '2026-03-13'\n"
        "  kind: statement\n  summary: Added by the browser test.\n  sources: [aa-2026-03-13]\n"
    )
    try:
        positions.write_text(original + extra, encoding="utf-8")
        page.reload()
        settle(page, charts=2)
        assert int(_positions_on_record(page)) == before + 1

        positions.write_text(original + extra.replace("actor: ukraine", "actor: atlantis"), encoding="utf-8")
        page.reload()
        settle(page, charts=2)  # readers keep the last version that validated, with a notice
        assert page.get_by_text("A newer edit of the data has 1 problem(s)").count() == 1
        assert int(_positions_on_record(page)) == before + 1
        page.goto(f"{server.url}/sources")
        settle(page, tables=1)
        report = page.locator('[data-testid="stCode"]').first.inner_text()
        assert "positions.yaml:" in report and "unknown actor 'atlantis'" in report
        page.goto(f"{server.url}/?actor=Ukraine")
    finally:
        positions.write_text(original, encoding="utf-8")
    page.reload()
    settle(page, charts=2)
    _no_errors(page)
    assert int(_positions_on_record(page)) == before


def test_eight_sessions_at_once(server, browser, capsys):
    failures: list[str] = []

    def visit(n: int) -> None:
        # Playwright's sync API is per thread, so each session drives its own browser process.
        from playwright.sync_api import sync_playwright

        from .conftest import CHROMIUM, FLAGS

        name = "start"
        try:  # a session that cannot finish fails the test, whatever stopped it
            with sync_playwright() as playwright:
                own = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
                tab = own.new_page(viewport={"width": 1280, "height": 800})
                for path, charts, tables, name in PAGES:  # eight pages per session
                    # eight browsers share the machine: give each page two minutes
                    tab.goto(f"{server.url}/{path}", timeout=120_000)
                    settle(tab, charts=charts, tables=tables, timeout=120_000)
                    if tab.locator('[data-testid="stException"]').count():
                        failures.append(f"session {n}: exception on {name}")
                own.close()
        except Exception as exc:
            failures.append(f"session {n}: {name}: {exc}")

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(8)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with capsys.disabled():
        print(
            f"\n8 sessions × {len(PAGES)} pages in {time.monotonic() - started:.0f} s; "
            f"server peak memory {server.peak_memory_mb():.0f} MiB"
        )
    assert failures == []


@pytest.mark.parametrize(("path", "charts", "tables", "name"), PAGES, ids=[p[3] for p in PAGES])
def test_every_page_warns_when_the_data_is_old(server, recent_server, page, path, charts, tables, name):
    page.goto(f"{server.url}/{path}")
    settle(page, charts=charts, tables=tables)
    notice = page.get_by_text("This data may be out of date")
    assert notice.count() == 1 and notice.is_visible()
    assert f"newest source was published on {BUNDLED_AS_OF.isoformat()[:8]}" in notice.inner_text()
    assert page.get_by_text(f"before today ({OLD_TODAY})").count() == 1
    page.goto(f"{recent_server.url}/{path}")
    settle(page, charts=charts, tables=tables)
    assert page.get_by_text("This data may be out of date").count() == 0
    assert page.get_by_text(f"5 days before today ({RECENT_TODAY})").count() == 1


def test_a_deep_link_as_the_very_first_request_on_a_fresh_server(tmp_path, browser):
    """The case the frame's multipage workaround exists for: a linked page opened before anything else."""
    from .conftest import start_server

    for server in start_server(ROOT / "data", tmp_path):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{server.url}/matrix?actor=Ukraine&actor=Russia&as_of=2025-12-31")
        settle(page, charts=1, tables=1)
        _no_errors(page)
        assert page.locator("h1").first.inner_text().strip() == "Stance matrix"
        assert page.locator('[data-testid="stSidebarNav"] a').count() == len(registry.PAGES)
        assert page.get_by_text("Page not found").count() == 0
        page.close()
