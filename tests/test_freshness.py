import datetime as dt

from stances.freshness import freshness, today
from stances.loader import load_dataset

from .conftest import DATA, MINI


def test_age_and_notice_follow_the_configured_limit():
    data = load_dataset(MINI)
    fresh = freshness(data, 30, today=dt.date(2024, 7, 30))
    assert fresh.age_days == 30 and fresh.warning is None
    stale = freshness(data, 30, today=dt.date(2024, 7, 31))
    assert stale.age_days == 31 and "newest source was published on 2024-06-10" in stale.warning
    assert "31 days ago" in stale.warning


def test_bundled_data_names_its_newest_source():
    data = load_dataset(DATA)
    notice = freshness(data, 30, today=data.dataset.as_of_date + dt.timedelta(days=125)).warning
    assert f"current to {data.dataset.as_of}" in notice and "about 4 months ago" in notice


def test_today_is_fixed_by_the_environment(monkeypatch):
    monkeypatch.setenv("STANCES_TODAY", "2030-01-02")
    assert today() == dt.date(2030, 1, 2)
    monkeypatch.setenv("STANCES_TODAY", "not a date")
    assert today() == dt.date.today()
