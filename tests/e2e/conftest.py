"""Browser tests: a real `streamlit run` on 127.0.0.1 driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MINI, ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL = (
    "Browser tests need Chromium and Playwright: apt-get install -y --no-install-recommends chromium "
    "&& pip install -r requirements-dev.txt"
)
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(tempfile.gettempdir()) / "stances-screenshots"))


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return INSTALL
    return None if CHROMIUM.exists() else INSTALL


OPT_IN = "browser tests are opt-in locally: STANCES_BROWSER=1 pytest (they always run with CI=true)"


def pytest_collection_modifyitems(config, items):
    """Browser tests always run in CI (and must be able to); locally they run when asked for."""
    in_ci = os.environ.get("CI", "").lower() == "true"
    asked = in_ci or os.environ.get("STANCES_BROWSER") == "1"
    reason = _missing() if asked else OPT_IN
    if reason is None:
        return
    if in_ci:
        raise pytest.UsageError(f"CI=true but the browser tests cannot run. {reason}")
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=reason))


@dataclass
class Server:
    url: str
    pid: int
    data: Path

    def peak_memory_mb(self) -> float:
        """The server's peak resident memory (VmHWM), in MiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bundled(key: str) -> str:
    """A top-level value of the bundled dataset.yaml (its version or as_of), read as text."""
    text = (ROOT / "data" / "dataset.yaml").read_text(encoding="utf-8")
    return re.search(rf"^{key}: ['\"]?([^'\"\n]+)", text, re.MULTILINE).group(1)


BUNDLED_VERSION = _bundled("version")
BUNDLED_AS_OF = dt.date.fromisoformat(_bundled("as_of"))
OLD_TODAY = str(BUNDLED_AS_OF + dt.timedelta(days=140))  # the bundled data is then months old
RECENT_TODAY = str(BUNDLED_AS_OF + dt.timedelta(days=5))


def start_server(data: Path, tmp: Path, sides: str | None = None, today: str = OLD_TODAY) -> Iterator[Server]:
    """Run the real app on a copy of `data` with its own config; stop it by its process id."""
    config = tmp / "config.yaml"
    text = (ROOT / "config.yaml").read_text(encoding="utf-8") if sides is None else sides
    text = text.replace("data_dir: data", f"data_dir: {data}")
    config.write_text(
        text.replace("archive_dir: archive", f"archive_dir: {ROOT / 'archive'}"), encoding="utf-8"
    )
    port = _free_port()
    env = {**os.environ, "STANCES_CONFIG": str(config), "STANCES_TODAY": today}
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
    ]  # fmt: skip
    log = open(tmp / "server.log", "w")  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.read() == b"ok":
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        raise RuntimeError(f"streamlit did not start: {(tmp / 'server.log').read_text()}")
    try:
        yield Server(url=url, pid=process.pid, data=data)
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    """The app on a writable copy of the bundled data."""
    tmp = tmp_path_factory.mktemp("server")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    yield from start_server(data, tmp)


@pytest.fixture(scope="session")
def recent_server(tmp_path_factory) -> Iterator[Server]:
    """The app on the bundled data with "today" a few days after its as-of date."""
    tmp = tmp_path_factory.mktemp("recent")
    yield from start_server(ROOT / "data", tmp, today=RECENT_TODAY)


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory) -> Iterator[Server]:
    from tests.e2e import hostile

    tmp = tmp_path_factory.mktemp("hostile")
    data = hostile.write(MINI, tmp / "data")
    config = (ROOT / "tests" / "fixtures" / "mini-config.yaml").read_text(encoding="utf-8")
    yield from start_server(data, tmp, sides=config.replace("data_dir: mini", "data_dir: data"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def pytest_terminal_summary(terminalreporter):
    if SHOTS.is_dir() and any(SHOTS.glob("*.png")):
        terminalreporter.write_line(f"Screenshots of every page (1280×800): {SHOTS}")


def settle(page, *, charts: int = 0, tables: int = 0, title: bool = True, timeout: float = 60_000) -> None:
    """Wait until the script has finished with the page's title shown (a first visit can pause between
    two runs, before the title; `title=False` for the problem list, which has none), and the charts and
    tables have drawn."""
    done = 'document.querySelector(\'[data-testid="stApp"][data-test-script-state="notRunning"]\')'
    page.wait_for_function(done + (" && document.querySelector('h1')" if title else ""), timeout=timeout)
    if charts:
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot').length >= {charts}", timeout=timeout
        )
    if tables:
        page.wait_for_function(
            f"document.querySelectorAll('[data-testid=\"stDataFrame\"] canvas').length >= {tables}",
            timeout=timeout,
        )
    page.wait_for_timeout(300)
