"""The shared sidebar filters, each bound to its URL parameter, with notices for bad link values."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from stances import urlstate as u
from stances.dates import parse_partial
from stances.models import PositionKind
from stances.settings import Settings
from stances.validate import Data

KINDS = list(PositionKind.__args__)


def _raw(key: str) -> list[str]:
    return st.query_params.get_all(key)


def side_options(data: Data, settings: Settings) -> list[str]:
    """Sides: the configured core sides first, then every other non-person actor in file order."""
    others = [a.id for a in data.actors.values() if a.kind != "person" and a.id not in settings.side_ids]
    return [s for s in settings.side_ids if s in data.actors] + others


def earliest_date(data: Data) -> dt.date:
    days = [parse_partial(p.date) for p in data.positions.values()]
    days += [parse_partial(e.date) for e in data.events.values()]
    return min(days, default=data.dataset.as_of_date)


def notices_for(data: Data, settings: Settings) -> list[str]:
    """What in the current URL the widgets are about to drop, said in words."""
    valid = {
        u.ACTOR: side_options(data, settings),
        u.ISSUE: list(data.issues),
        u.CATEGORY: sorted({i.category for i in data.issues.values()}),
        u.KIND: KINDS,
    }
    notices = u.unknown_values({k: _raw(k) for k in valid}, valid)
    date = u.date_notice(_raw(u.AS_OF), earliest_date(data), data.dataset.as_of_date)
    return notices + ([date] if date else [])


def sidebar(data: Data, settings: Settings) -> u.Filters:
    """Render the shared filters in the sidebar and return their values."""
    for notice in notices_for(data, settings):
        st.sidebar.warning(notice, icon="⚠️")
    names = {a.id: a.name for a in data.actors.values()}
    options = side_options(data, settings)
    default_sides = [s for s in settings.default_sides if s in options] or options[:5]
    issue_titles = {i.id: i.title for i in data.issues.values()}
    categories = sorted({i.category for i in data.issues.values()})
    with st.sidebar:
        st.subheader("Filters")
        sides = st.multiselect(
            "Sides",
            options,
            default=default_sides,
            format_func=names.get,
            key=u.ACTOR,
            bind="query-params",
            help="Whose positions to show. A person's statements count for the side they speak for.",
        )
        as_of = st.date_input(
            "As of",
            value=data.dataset.as_of_date,
            min_value=earliest_date(data),
            max_value=data.dataset.as_of_date,
            key=u.AS_OF,
            bind="query-params",
            format="YYYY-MM-DD",
            help="Show each side's latest position on or before this date.",
        )
        issues = st.multiselect(
            "Issues",
            list(issue_titles),
            format_func=issue_titles.get,
            key=u.ISSUE,
            bind="query-params",
            placeholder="All issues",
        )
        chosen_categories = st.multiselect(
            "Issue categories",
            categories,
            format_func=lambda c: c.replace("-", " ").capitalize(),
            key=u.CATEGORY,
            bind="query-params",
            placeholder="All categories",
        )
        kinds = st.multiselect(
            "Position kinds",
            KINDS,
            key=u.KIND,
            bind="query-params",
            placeholder="All kinds",
            help="demand, offer, proposal, red line, concession, rejection or statement.",
        )
    return u.Filters(
        sides=tuple(sides),
        issues=tuple(issues),
        categories=tuple(chosen_categories),
        as_of=as_of if isinstance(as_of, dt.date) else data.dataset.as_of_date,
        kinds=tuple(kinds),
    )
