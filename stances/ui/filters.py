"""The shared sidebar filters and page controls, each bound to its URL parameter.

Streamlit's binding writes an option's label into the URL (``?actor=United+States``) and silently
drops what it cannot match. Before each widget renders, `_check_link` reads the raw parameter and
shows a notice naming what will be dropped, with the label to use where one is close.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from stances import urlstate as u
from stances.dates import parse_partial
from stances.models import PositionKind
from stances.settings import Settings
from stances.validate import Data

KINDS = list(PositionKind.__args__)


def _check_link(key: str, labels: dict[str, str]) -> None:
    """Warn about values in the link that the bound widget is about to drop."""
    notice = u.unknown_notice(key, u.unknown_labels(st.query_params.get_all(key), labels))
    if notice:
        st.warning(notice, icon="⚠️")


def multiselect(label: str, labels: dict[str, str], key: str, **kwargs) -> list[str]:
    """A multiselect over option ids, shown and linked by label, bound to the URL parameter `key`."""
    _check_link(key, labels)
    return st.multiselect(label, list(labels), format_func=labels.get, key=key, bind="query-params", **kwargs)


def select(label: str, labels: dict[str, str], key: str, *, widget: Callable = st.selectbox, **kwargs):
    """A single choice over option ids, shown and linked by label, bound to the URL parameter `key`."""
    _check_link(key, labels)
    return widget(label, list(labels), format_func=labels.get, key=key, bind="query-params", **kwargs)


def side_options(data: Data, settings: Settings) -> dict[str, str]:
    """Sides: the configured core sides first, then every other non-person actor, by name."""
    order = [s for s in settings.side_ids if s in data.actors]
    order += [a.id for a in data.actors.values() if a.kind != "person" and a.id not in order]
    return {a: data.actors[a].name for a in order}


def earliest_date(data: Data) -> dt.date:
    """The first day with a position or event: the as-of date cannot go earlier."""
    dates = [p.date for p in data.positions.values()] + [e.date for e in data.events.values()]
    return parse_partial(min(dates)) if dates else data.dataset.as_of_date


def _as_of(data: Data) -> dt.date:
    earliest = earliest_date(data)
    notice = u.date_notice(st.query_params.get_all(u.AS_OF), earliest, data.dataset.as_of_date)
    if notice:
        st.warning(notice, icon="⚠️")
    value = st.date_input(
        "As of",
        value=data.dataset.as_of_date,
        min_value=earliest,
        max_value=data.dataset.as_of_date,
        key=u.AS_OF,
        bind="query-params",
        format="YYYY-MM-DD",
        help="Show each side's latest position on or before this date.",
    )
    return value if isinstance(value, dt.date) else data.dataset.as_of_date


def sidebar(data: Data, settings: Settings) -> u.Filters:
    """Render the shared filters in the sidebar and return their values."""
    sides = side_options(data, settings)
    categories = sorted({i.category for i in data.issues.values()})
    with st.sidebar:
        st.subheader("Filters")
        chosen_sides = multiselect(
            "Sides",
            sides,
            u.ACTOR,
            default=[s for s in settings.default_sides if s in sides] or list(sides)[:5],
            help="Whose positions to show. A person's statements count for the side they speak for.",
        )
        as_of = _as_of(data)
        issues = multiselect(
            "Issues",
            {i.id: i.title for i in data.issues.values()},
            u.ISSUE,
            placeholder="All issues",
        )
        chosen_categories = multiselect(
            "Issue categories",
            {c: c.replace("-", " ").capitalize() for c in categories},
            u.CATEGORY,
            placeholder="All categories",
        )
        kinds = multiselect(
            "Position kinds",
            {k: k for k in KINDS},
            u.KIND,
            placeholder="All kinds",
            help="demand, offer, proposal, red-line, concession, rejection or statement.",
        )
    return u.Filters(
        sides=tuple(chosen_sides),
        issues=tuple(issues),
        categories=tuple(chosen_categories),
        as_of=as_of,
        kinds=tuple(kinds),
    )


def page_of(items: list[str], size: int, key: str, noun: str = "issues") -> list[str]:
    """Long lists shown a page at a time; the page is in the URL. Short lists pass through."""
    if len(items) <= size:
        return items
    starts = range(0, len(items), size)
    labels = {str(k + 1): f"{noun} {start + 1}–{min(start + size, len(items))} of {len(items)}"
              for k, start in enumerate(starts)}  # fmt: skip
    chosen = select("Show", labels, key, widget=st.segmented_control, default="1")
    start = (int(chosen or "1") - 1) * size
    return items[start : start + size]
