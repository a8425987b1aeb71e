"""Browser timings for `bench/run.py --browser`: each page of the real app in Chromium, against a reference.

For every page, a new tab (a new Streamlit session; the browser's cache warm, as for a reader who has
the dashboard open) opens the page's URL and the clock runs until the script has finished and every
visible chart and table has drawn (plotly's SVG, the table's canvas). The reference is
a Streamlit page with one widget, one small plotly chart and one table, timed the same way in the same
run. Then eight sessions stay open at once and the server's resident memory is read from /proc.
Needs Debian's Chromium and Playwright (the dev requirements).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from stances import registry  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
PATHS = {p.name: p.url_path for p in registry.PAGES}
REFERENCE_APP = """import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.title("Reference")
st.selectbox("Pick one", ["a", "b"])
with st.sidebar:
    typed = st.text_input("As of", value="2026-01-01", max_chars=10)
try:
    n = dt.date.fromisoformat(typed).toordinal()
except ValueError:
    n = 0
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[n % 7, n % 11, n % 13], mode="markers")))
st.dataframe(pd.DataFrame({"a": [n % 7, n % 11, n % 13], "b": ["x", "y", "z"]}))
"""
DRAWN = """([charts, tables]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('h1')) return false;
  const shown = (el) => el.offsetParent !== null;
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter(shown);
  const grids = [...document.querySelectorAll('[data-testid="stDataFrame"]')].filter(shown);
  return plots.length >= charts && grids.length >= tables
    && plots.every((p) => p.querySelector('.main-svg'))
    && grids.filter((g) => g.getBoundingClientRect().top < window.innerHeight)
      .every((g) => g.querySelector('canvas'));  // a table below the first screen draws when scrolled to
}"""
COUNT = """() => {
  const shown = (el) => el.offsetParent !== null;
  return [[...document.querySelectorAll('.js-plotly-plot')].filter(shown).length,
          [...document.querySelectorAll('[data-testid="stDataFrame"]')].filter(shown).length];
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(app: Path, log: Path, config: Path | None = None) -> Iterator[tuple[str, int]]:
    """`streamlit run app` on 127.0.0.1, on the bundled data and config (or on `config`, another data
    folder's); yields its URL and process id."""
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.address", "127.0.0.1",
               "--server.port", str(port), "--server.headless", "true"]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("STANCES_CONFIG", "STANCES_TODAY")}
    if config is not None:
        env["STANCES_CONFIG"] = str(config)
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                        if reply.read() == b"ok":
                            break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"streamlit did not start: {log.read_text()}") from None
                    time.sleep(0.3)
            yield url, process.pid
        finally:
            process.terminate()
            process.wait(timeout=20)


def memory_mb(pid: int) -> tuple[float, float]:
    """The process's resident memory now and at its peak (VmRSS, VmHWM), in MiB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _open(context, url: str, expected: tuple[int, int]):
    """Open `url` in a new tab (a new session) and wait until it has drawn; returns the tab and seconds."""
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(DRAWN, arg=list(expected), timeout=120_000, polling=20)
    return page, time.perf_counter() - start


def _expected(context, url: str) -> tuple[int, int]:
    """How many charts and tables the page shows: counted on a first visit once they stop appearing
    (charts and tables arrive after the script has finished, as the browser loads their code)."""
    page, _ = _open(context, url, (0, 0))
    counts, stable_since = page.evaluate(COUNT), time.monotonic()
    deadline = stable_since + 30
    while time.monotonic() - stable_since < 3 and time.monotonic() < deadline:
        page.wait_for_timeout(250)
        now = page.evaluate(COUNT)
        if now != counts:
            counts, stable_since = now, time.monotonic()
    page.close()
    return tuple(counts)


def _time(context, url: str, repeats: int) -> tuple[tuple[int, int], float]:
    expected = _expected(context, url)
    times = []
    for _ in range(repeats):
        page, seconds = _open(context, url, expected)
        times.append(seconds)
        page.close()
    return expected, statistics.median(times)


def measure(work: Path, repeats: int = 5) -> dict[str, object]:
    """Seconds until drawn for the reference and each page; server memory with 8 sessions open."""
    from playwright.sync_api import sync_playwright

    reference_app = work / "reference.py"
    reference_app.write_text(REFERENCE_APP, encoding="utf-8")
    rows: dict[str, dict[str, float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        with server(reference_app, work / "reference.log") as (url, _):
            _, reference = _time(context, url, repeats)
        with server(ROOT / "app.py", work / "app.log") as (url, pid):
            for name, path in PATHS.items():
                (charts, tables), seconds = _time(context, f"{url}/{path}", repeats)
                rows[name] = {"charts": charts, "tables": tables, "seconds": seconds}
            names = list(PATHS)[:8]
            sessions = [_open(context, f"{url}/{PATHS[n]}", (rows[n]["charts"], rows[n]["tables"]))[0]
                        for n in names]  # fmt: skip
            now, peak = memory_mb(pid)
            for page in sessions:
                page.close()
        browser.close()
    return {"reference": reference, "pages": rows, "memory_now": now, "memory_peak": peak}


def table(result: dict[str, object]) -> str:
    reference = result["reference"]
    lines = [
        f"Reference page (one widget, one small plotly chart, one table): {reference * 1000:.0f} ms.",
        "",
        "| page | charts | tables | drawn (ms) | × reference |",
        "|---|---|---|---|---|",
    ]
    for name, row in result["pages"].items():
        lines.append(
            f"| {name} | {row['charts']} | {row['tables']} | {row['seconds'] * 1000:.0f} | "
            f"{row['seconds'] / reference:.2f} |"
        )
    lines += [
        "",
        f"Server memory with 8 sessions open (one on each of the first eight pages): "
        f"{result['memory_now']:.0f} MiB resident, {result['memory_peak']:.0f} MiB at its peak.",
    ]
    return "\n".join(lines)
