"""How old the data is, in words a reader sees on every page."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from stances.dataset import Data

TODAY_VARIABLE = "STANCES_TODAY"


def today() -> dt.date:
    """The calendar date, or the ISO date in STANCES_TODAY (tests and demos fix "today" with it)."""
    fixed = os.environ.get(TODAY_VARIABLE, "").strip()
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            pass
    return dt.date.today()


def _span(days: int) -> str:
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''}"
    months = int(days / 30.44)
    return f"about {months} months" if months < 24 else f"about {days / 365.25:.1f} years"


@dataclass(frozen=True)
class Freshness:
    age_days: int
    caption: str
    warning: str | None


def freshness(data: Data, stale_after_days: int, *, today: dt.date) -> Freshness:
    """The data's age relative to `today`, and a warning when it is older than `stale_after_days`."""
    as_of = data.dataset.as_of_date
    age = (today - as_of).days
    newest = data.newest_source
    span = _span(max(age, 0))
    caption = f"Data version {data.dataset.version}, current to {as_of} — {span} before today ({today})."
    warning = None
    if age > stale_after_days:
        warning = (
            f"This data may be out of date: it is current to {as_of}, {_span(age)} ago, and its newest "
            f"source was published on {newest}. Anything said or agreed since then is not shown."
        )
    return Freshness(age_days=age, caption=caption, warning=warning)
