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
from stances.ui import render
from stances.validate import Data

KINDS = list(PositionKind.__args__)


def _from_link(
    key: str, labels: dict[str, str], default: list[str], notices: list[str] | None, quiet: set[str]
) -> None:
    """Read the raw link parameter before the bound widget does: accept ids as well as labels, put the
    canonical values into the widget (the binding then rewrites the URL with labels), and say which
    values were dropped. With every value unknown, the widget keeps its default."""
    raw = st.query_params.get_all(key)
    ids, unknown = u.resolve(raw, labels)
    notice = u.unknown_notice(key, [v for v in unknown if v not in quiet])
    if raw and [labels[i] for i in ids] != raw:
        _rewrite(key, [labels[i] for i in ids] or [labels[i] for i in default if i in labels], ids or default)
    _tell(notice, notices)


_PENDING = "_stances_pending_link_values"
_REWROTE = "_stances_rewrote_this_run"


def _rewrite(key: str, shown: list[str], value: object) -> None:
    """Rewrite a link value to its canonical form: labels in the URL, ids in the widget.

    On a session's first run a bound widget takes its value from the URL the page was opened with,
    so the canonical value is kept aside and applied on the rerun the frame asks for (`relink`).
    """
    done = st.session_state.setdefault("_stances_rewritten", set())
    if (key, tuple(shown)) in done:  # rewritten once already: never loop on a value the URL keeps
        return
    done.add((key, tuple(shown)))
    st.query_params[key] = shown
    st.session_state.setdefault(_PENDING, {})[key] = value
    st.session_state[_REWROTE] = True


def _apply_pending(key: str) -> None:
    pending = st.session_state.get(_PENDING, {})
    if key in pending:
        st.session_state[key] = pending.pop(key)


KEPT_NOTICES = "_stances_link_notices"  # notices kept across the rerun that applies rewritten links


def _tell(notice: str | None, notices: list[str] | None) -> None:
    """Sidebar filters collect their notices for the frame; a page control shows its own, unless its
    link value was rewritten, in which case the page runs again and the frame shows the notice."""
    if notices is not None:
        if notice:
            notices.append(notice)
        return
    if relink():
        if notice:
            st.session_state.setdefault(KEPT_NOTICES, []).append(notice)
        st.rerun()
    if notice:
        render.notice(notice)


def relink() -> bool:
    """Whether a link value was rewritten since the last call, so the page must run again to use it."""
    return bool(st.session_state.pop(_REWROTE, False))


def multiselect(
    label: str,
    labels: dict[str, str],
    key: str,
    *,
    notices: list[str] | None = None,
    quiet: set[str] = frozenset(),
    **kwargs,
):
    """A multiselect over option ids, shown and linked by label, bound to the URL parameter `key`.

    Link values in `quiet` are valid but no longer apply (e.g. a pair of sides no longer chosen): they
    leave the URL without a notice."""
    default = list(kwargs.pop("default", None) or [])
    _apply_pending(key)
    _from_link(key, labels, default, notices, quiet)
    if key not in st.session_state:
        kwargs["default"] = default
    return st.multiselect(label, list(labels), format_func=labels.get, key=key, bind="query-params", **kwargs)


def select(label: str, labels: dict[str, str], key: str, *, widget: Callable = st.selectbox, **kwargs):
    """A single choice over option ids, shown and linked by label, bound to the URL parameter `key`."""
    options = list(labels)
    fallback = kwargs.get("default", options[kwargs.get("index", 0)] if options else None)
    _apply_pending(key)
    raw = st.query_params.get_all(key)
    ids, unknown = u.resolve(raw[:1], labels)
    notice = u.unknown_notice(key, unknown)
    if raw and (not ids or labels[ids[0]] != raw[0]):
        chosen = ids[0] if ids else fallback
        _rewrite(key, [labels[chosen]] if chosen in labels else [], chosen)
    _tell(notice, None)
    if key in st.session_state:
        kwargs.pop("default", None)
        kwargs.pop("index", None)
    return widget(label, options, format_func=labels.get, key=key, bind="query-params", **kwargs)


def side_options(data: Data, settings: Settings) -> dict[str, str]:
    """Sides: the configured core sides first, then every other non-person actor, by name."""
    order = [s for s in settings.side_ids if s in data.actors]
    order += [a.id for a in data.actors.values() if a.kind != "person" and a.id not in order]
    return {a: data.actors[a].name for a in order}


def earliest_date(data: Data) -> dt.date:
    """The first day with a position or event: the as-of date cannot go earlier."""
    dates = [p.date for p in data.positions.values()] + [e.date for e in data.events.values()]
    return parse_partial(min(dates)) if dates else data.dataset.as_of_date


def _as_of(data: Data, notices: list[str]) -> dt.date:
    earliest = earliest_date(data)
    notice = u.date_notice(st.query_params.get_all(u.AS_OF), earliest, data.dataset.as_of_date)
    if notice:
        notices.append(notice)
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


def sidebar(data: Data, settings: Settings, notices: list[str]) -> u.Filters:
    """Render the shared filters in the sidebar and return their values; link notices go to `notices`
    (the frame shows them in the main area, where a phone reader sees them)."""
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
            notices=notices,
        )
        as_of = _as_of(data, notices)
        issues = multiselect(
            "Issues",
            {i.id: i.title for i in data.issues.values()},
            u.ISSUE,
            placeholder="All issues",
            notices=notices,
        )
        chosen_categories = multiselect(
            "Issue categories",
            {c: c.replace("-", " ").capitalize() for c in categories},
            u.CATEGORY,
            placeholder="All categories",
            notices=notices,
        )
        kinds = multiselect(
            "Position kinds",
            {k: k for k in KINDS},
            u.KIND,
            placeholder="All kinds",
            help="demand, offer, proposal, red-line, concession, rejection or statement. Narrows the lists "
            "of positions; a side's stance in a cell is always its current one.",
            notices=notices,
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
    pages = {str(k + 1): str(k + 1) for k in range(0, -(-len(items) // size))}
    chosen = select("Page", pages, key, widget=st.segmented_control, default="1")
    start = (int(chosen or "1") - 1) * size
    st.caption(f"{noun.capitalize()} {start + 1}–{min(start + size, len(items))} of {len(items)}")
    return items[start : start + size]
