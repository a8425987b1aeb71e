"""The URL grammar: which query parameters exist, what values they take, and what to say when not.

Streamlit's widget binding (`bind="query-params"`) keeps each filter in the URL, and silently drops a
value it cannot use. This module names every parameter once and finds those bad values first, so the
page can show a notice instead of quietly showing something other than the link asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Shared filters, declared once in app.py and kept in the URL on every page.
ACTOR = "actor"  # repeated: side ids
ISSUE = "issue"  # repeated: issue ids
CATEGORY = "category"  # repeated: issue categories
AS_OF = "as_of"  # one ISO date, YYYY-MM-DD
KIND = "kind"  # repeated: position kinds

# Page-specific controls.
SORT = "sort"  # compare: "issue" or "gap"
METRIC = "metric"  # key figures: repeated metric ids
TRAJECTORY = "trajectory"  # timeline: the issue whose stance lines are drawn
SOURCE_TYPE = "source_type"  # sources: repeated source types
SHOW = "show"  # timeline: "events", "positions" (repeated)

LABELS = {
    ACTOR: "side",
    ISSUE: "issue",
    CATEGORY: "issue category",
    AS_OF: "as-of date",
    KIND: "position kind",
    SORT: "sort order",
    METRIC: "metric",
    TRAJECTORY: "trajectory issue",
    SOURCE_TYPE: "source type",
    SHOW: "timeline layer",
}


@dataclass(frozen=True)
class Filters:
    """The shared filters after validation; empty issue/category/kind lists mean 'all'."""

    sides: tuple[str, ...]
    issues: tuple[str, ...]
    categories: tuple[str, ...]
    as_of: dt.date
    kinds: tuple[str, ...]

    def issue_ids(self, issue_categories: Mapping[str, str]) -> list[str]:
        """The issues in view, in dataset order: chosen issues, narrowed by chosen categories."""
        chosen = [
            i
            for i in issue_categories
            if (not self.issues or i in self.issues)
            and (not self.categories or issue_categories[i] in self.categories)
        ]
        return chosen

    def kind_list(self) -> list[str] | None:
        return list(self.kinds) if self.kinds else None


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def resolve(raw: Sequence[str], labels: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Map a parameter's values to option ids.

    A value may be the option's label, as the widget writes it (``?actor=United+States``), or its id
    (``?actor=united-states``), in any letter case. Returns the ids found, in order and without
    repeats, and the values that match nothing.
    """
    lookup = {k.casefold(): k for k in labels}
    lookup.update({v.casefold(): k for k, v in labels.items()})
    ids: list[str] = []
    unknown: list[str] = []
    for value in raw:
        if value == "":
            continue
        match = lookup.get(value.strip().casefold())
        if match is None:
            unknown.append(value)
        elif match not in ids:
            ids.append(match)
    return ids, unknown


def unknown_notice(key: str, unknown: Sequence[str]) -> str | None:
    if not unknown:
        return None
    shown = ", ".join(f"'{v[:40]}'" for v in unknown[:5])
    more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
    return f"Ignored unknown {LABELS.get(key, key)} in the link: {shown}{more}."


def date_notice(raw: Sequence[str], earliest: dt.date, latest: dt.date) -> str | None:
    """A notice when the link's as-of date is malformed or outside the data's range."""
    if not raw or raw[0] == "":
        return None
    if len(raw) > 1:
        return f"The link gives {len(raw)} as-of dates; only one is allowed, so the latest data is shown."
    day = parse_date(raw[0])
    if day is None:
        return f"Ignored the as-of date '{raw[0][:40]}' in the link: use the form YYYY-MM-DD."
    if not earliest <= day <= latest:
        return f"Ignored the as-of date {day} in the link: the data covers {earliest} to {latest}."
    return None
