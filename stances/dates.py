"""Partial ISO dates: YYYY-MM-DD, YYYY-MM or YYYY, kept as text and compared by their start day."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@lru_cache(maxsize=8192)
def parse_partial(text: str) -> dt.date:
    """Return the first day a partial date covers; raise ValueError when it is not a real date."""
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a real date ({exc})") from None


def last_day(text: str) -> dt.date:
    """The last day a partial date covers: '2026-03' → 2026-03-31, '2026' → 2026-12-31."""
    start = parse_partial(text)
    parts = text.count("-")
    if parts == 2:
        return start
    if parts == 1:
        following = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(start.year, 12, 31)
