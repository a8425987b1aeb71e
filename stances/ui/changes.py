"""The What changed page's interval: two dates bound to the link, and shortcuts to the data's last days."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from stances import changes, urlstate
from stances.ui import display, filters
from stances.ui.context import Context


def _shortcut(latest: dt.date, days: int) -> None:
    since, until = changes.shortcut(days, as_of=latest)
    st.session_state[urlstate.SINCE], st.session_state[urlstate.UNTIL] = since.isoformat(), until.isoformat()


def interval(ctx: Context) -> tuple[dt.date, dt.date]:
    """The `since` and `until` dates (in order), by default the last 30 days of the data."""
    earliest, latest = filters.earliest_date(ctx.data), ctx.data.dataset.as_of_date
    default = changes.shortcut(30, as_of=latest)
    default = (max(default[0], earliest), default[1])
    for key, what in ((urlstate.SINCE, "since"), (urlstate.UNTIL, "until")):
        notice = changes.date_notice(st.query_params.get_all(key), what, earliest, latest)
        if notice:
            display.notice(notice)
    columns = st.columns([2, 2, 1, 1], vertical_alignment="bottom")
    picked = []
    for column, key, label, value in zip(
        columns, (urlstate.SINCE, urlstate.UNTIL), ("Since", "Until"), default, strict=False
    ):
        typed = column.text_input(
            label, value=value.isoformat(), key=key, bind="query-params", max_chars=10,
            placeholder="YYYY-MM-DD",
            help="YYYY-MM-DD; applies on Enter or Tab. Stances are compared at the end of each day; figures "
            "and events count when dated after the first day and on or before the second.",
        )  # fmt: skip
        day = urlstate.parse_date(typed.strip()) if typed else None
        picked.append(day if day and earliest <= day <= latest else value)
    for column, (name, days) in zip(columns[2:], changes.SHORTCUTS.items(), strict=True):
        column.button(name.capitalize(), on_click=_shortcut, args=(latest, days), key=f"changes-{days}",
                      help=f"The {days} days up to the data's as-of date, {latest}.")  # fmt: skip
    since, until, swapped = changes.ordered(*picked)
    if swapped:
        display.notice(f"The first date is after the second: showing {since} to {until}.")
    return since, until
