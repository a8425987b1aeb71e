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


@pytest.fixture(autouse=True)
def _fresh_cache():
    """`st.cache_data` and `st.cache_resource` would carry one test's data into the next (AppTest)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture
def mini_config(monkeypatch):
    """Run the app on the fixture dataset."""
    monkeypatch.setenv("STANCES_CONFIG", str(MINI_CONFIG))
