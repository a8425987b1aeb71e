import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
import streamlit as st

from stances.ui import context as app_context

ROOT = Path(__file__).resolve().parent.parent


THOROUGH = os.environ.get("CI", "").lower() == "true" or os.environ.get("STANCES_SLOW") == "1"
"""In CI (or asked for): the slow sweeps run and the fuzz tests try every example."""


BROWSER = os.environ.get("CI", "").lower() == "true" or os.environ.get("STANCES_BROWSER") == "1"


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto` (the default, in pyproject.toml): one worker per core for the quick suite; none (one
    process) when the browser tests run, since each starts a server and Chromium and times real pages."""
    return 0 if BROWSER else max(2, os.cpu_count() or 1)


def pytest_collection_modifyitems(config, items):
    """Exhaustive sweeps (marked slow) always run in CI; locally they run when asked for."""
    if THOROUGH:
        return
    skip = pytest.mark.skip(reason="slow sweep: opt-in locally with STANCES_SLOW=1 (always on with CI=true)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


MINI = ROOT / "tests" / "fixtures" / "mini"
MINI_CONFIG = ROOT / "tests" / "fixtures" / "mini-config.yaml"
DATA = ROOT / "data"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small fixture dataset."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


FIXED_TODAY = "2024-07-10"  # ten days after the fixture's as_of: the data counts as current


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    """Tests never depend on the calendar: "today" is fixed unless a test sets another date."""
    monkeypatch.setenv("STANCES_TODAY", FIXED_TODAY)


def _bundled_as_of() -> dt.date:
    from stances.yaml_reader import parse_text

    return dt.date.fromisoformat(
        parse_text((DATA / "dataset.yaml").read_text(encoding="utf-8")).data["as_of"]
    )


BUNDLED_TODAY = str(_bundled_as_of() + dt.timedelta(days=10))


@pytest.fixture
def bundled_today(monkeypatch):
    """Tests on the bundled data: "today" ten days after its as-of date (the data must not be from the
    future, and counts as current)."""
    monkeypatch.setenv("STANCES_TODAY", BUNDLED_TODAY)


@pytest.fixture(autouse=True)
def _fresh_state():
    """What one test's app remembers must not reach the next: the last version that validated, and the
    settings read from a config path. Loaded data stays cached across tests, as in a server: it is keyed
    by its folder and each file's size and modification time, so another folder or an edit loads anew."""
    app_context._last_good.clear()
    app_context._settings.clear()
    yield


@pytest.fixture
def fresh_cache():
    """Every cache emptied, for a test that counts what a cold start builds."""
    st.cache_data.clear()
    st.cache_resource.clear()


WITHDRAWAL = """
- id: s-border-2
  actor: southland
  issue: border
  date: "2024-06-20"
  kind: statement
  summary: Southland says its north-line demand no longer stands.
  withdraws: 0
  sources: [relay-6]
"""
RELAYED = """
- id: relay-6
  title: Southland drops the north line
  publisher: Sea Wire
  url: https://example.org/wire/6
  published: "2024-06-20"
  type: agency
  seen: relay
  relay: a harbour newsletter that quotes the wire
  title_is: published
"""


def use_data(tmp_path: Path, monkeypatch, folder: Path, extra: str = "") -> Path:
    """Run the app on `folder` with the fixture's config (plus `extra` config lines); returns `folder`."""
    config = tmp_path / "config.yaml"
    config.write_text(MINI_CONFIG.read_text().replace("data_dir: mini", f"data_dir: {folder}") + extra)
    monkeypatch.setenv("STANCES_CONFIG", str(config))
    return folder


def with_withdrawal(target: Path) -> Path:
    """The fixture plus one withdrawal: on 2024-06-20 Southland drops its north-line border demand (level
    0, held since 2024-02-15), on the word of a wire report seen only through a relay (thinly sourced)."""
    shutil.copytree(MINI, target)
    for name, text in (("positions.yaml", WITHDRAWAL), ("sources.yaml", RELAYED)):
        with (target / name).open("a", encoding="utf-8") as out:
            out.write(text)
    return target


@pytest.fixture
def withdrawn(tmp_path: Path) -> Path:
    """A writable copy of the fixture dataset with Southland's border demand withdrawn."""
    return with_withdrawal(tmp_path / "data")


@pytest.fixture
def withdrawn_config(tmp_path: Path, monkeypatch) -> Path:
    """Run the app on the fixture with the withdrawal."""
    return use_data(tmp_path, monkeypatch, with_withdrawal(tmp_path / "withdrawn"))


@pytest.fixture
def mini_config(monkeypatch):
    """Run the app on the fixture dataset."""
    monkeypatch.setenv("STANCES_CONFIG", str(MINI_CONFIG))


def older_release(target: Path) -> Path:
    """The fixture as an earlier release, 0.2.0, in which Northland's quota concession was coded Small (1)
    instead of Medium (2): two archived versions whose codings differ."""
    shutil.copytree(MINI, target)
    dataset = target / "dataset.yaml"
    dataset.write_text(dataset.read_text().replace('version: "0.3.0"', 'version: "0.2.0"'))
    positions = target / "positions.yaml"
    text = positions.read_text()
    positions.write_text(text.replace("  summary: Northland accepts a medium quota.\n  stance: 2",
                                      "  summary: Northland accepts a medium quota.\n  stance: 1"))  # fmt: skip
    return target


@pytest.fixture
def versioned_config(tmp_path: Path, monkeypatch) -> Path:
    """Run the app on the fixture (0.3.0) with an archive holding 0.2.0 and 0.3.0."""
    from stances import archive

    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    store = tmp_path / "archive"
    archive.write(older_release(tmp_path / "old"), store)
    archive.write(data, store)
    use_data(tmp_path, monkeypatch, data)
    return store


CONTEXT_METRICS = """
  - id: accept-middle-line
    kind: opinion
    title: Northlanders on a middle-line border
    unit: percent
    issue: border
    description: Share of Northland adults who would or would not accept a middle-line sea border.
    bases: [polled]
  - id: sea-held
    kind: territory
    title: Fishing grounds held by Northland
    unit: square km
    description: Fishing grounds under Northland's control, as a tracker measures them.
    bases: [measured]
  - id: deal-by-2025
    kind: forecast
    title: Forecast of a fishing deal by 2025
    unit: percent
    description: A forecasting market's probability that a fishing deal is signed by 2025.
    bases: [forecast]
"""
_POLL = "Would you accept a sea border along the middle line?"
CONTEXT_VALUES = "".join(
    f"""
  - id: poll-{answer}-{k}
    metric: accept-middle-line
    actor: northland
    label: {"Would accept" if answer == "accept" else "Would not accept"}
    value: {value}
    unit: percent
    date: "{date}"
    basis: polled
    by: Harbour Polls
    question: "{_POLL}"
    sample: {1000 + k}
    fieldwork_start: "{date[:8]}01"
    fieldwork_end: "{date}"
    maps_to: {{issue: border, level: 1}}
    answer: {answer}
    sources: [poll-{k}]
"""
    for k, date, accept, reject in (
        (1, "2024-02-10", 30, 60),
        (2, "2024-04-10", 33, 55),
        (3, "2024-06-10", 36, 52),
    )
    for answer, value in (("accept", accept), ("reject", reject))
) + "".join(
    f"""
  - {{id: sea-{k}, metric: sea-held, actor: northland, label: Held by Northland, value: {v}, unit: square km,
     date: "{d}", basis: measured, by: Sea Watch, sources: [poll-{k}]}}
  - {{id: deal-{k}, metric: deal-by-2025, actor: mediator, label: Deal signed by 2025, value: {p}, unit: percent,
     date: "{d}", basis: forecast, by: Tide Markets,
     question: "Resolves yes if both sides sign a fishing agreement before 2025-01-01.", sources: [poll-{k}]}}
"""
    for k, d, v, p in ((1, "2024-02-10", 1200, 20), (2, "2024-04-10", 1350, 35), (3, "2024-06-10", 1300, 41))
)
CONTEXT_SOURCES = "".join(
    f"""
- id: poll-{k}
  title: Harbour Polls survey {k}
  publisher: Harbour Polls
  url: https://example.org/polls/{k}
  published: "{d}"
  type: analysis
"""
    for k, d in ((1, "2024-02-10"), (2, "2024-04-10"), (3, "2024-06-10"))
)
REJECTION = """
- id: s-rejects-draft-b
  actor: southland
  issue: quota
  date: "2024-05-10"
  kind: rejection
  summary: Southland rejects the mediator's draft B.
  document: draft-b
  sources: [poll-3]
"""


def with_context(target: Path) -> Path:
    """The fixture plus context: a Northland poll on the middle-line border (tied to border level 1, a
    majority would not accept it: 60, 55, 52%), a territory tracker and a forecast market, three dated
    values each; and Southland rejecting draft B (a rejection citing the text, for the actor network)."""
    shutil.copytree(MINI, target)
    figures = target / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    head, tail = text.split("\nvalues:\n", 1)
    figures.write_text(head + CONTEXT_METRICS.rstrip("\n") + "\nvalues:\n" + tail + CONTEXT_VALUES, "utf-8")
    for name, extra in (("sources.yaml", CONTEXT_SOURCES), ("positions.yaml", REJECTION)):
        with (target / name).open("a", encoding="utf-8") as out:
            out.write(extra)
    return target


@pytest.fixture
def context(tmp_path: Path) -> Path:
    """A writable copy of the fixture dataset with polls, territory, forecasts and a rejection."""
    return with_context(tmp_path / "data")


@pytest.fixture
def context_config(tmp_path: Path, monkeypatch) -> Path:
    """Run the app on the fixture with context."""
    return use_data(tmp_path, monkeypatch, with_context(tmp_path / "context"))
