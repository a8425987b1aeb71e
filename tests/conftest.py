import datetime as dt
import shutil
from pathlib import Path

import pytest
import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
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
def _fresh_cache():
    """`st.cache_data` and `st.cache_resource` would carry one test's data into the next (AppTest)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


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
    folder = with_withdrawal(tmp_path / "withdrawn")
    config = tmp_path / "config.yaml"
    config.write_text(MINI_CONFIG.read_text().replace("data_dir: mini", "data_dir: withdrawn"))
    monkeypatch.setenv("STANCES_CONFIG", str(config))
    return folder


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
    config = tmp_path / "config.yaml"
    config.write_text(MINI_CONFIG.read_text().replace("data_dir: mini", "data_dir: data"))
    monkeypatch.setenv("STANCES_CONFIG", str(config))
    return store
