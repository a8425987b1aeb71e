import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
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
