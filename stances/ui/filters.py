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
from stances.dataset import Data
from stances.models import PositionKind
from stances.settings import Settings
from stances.ui import display
from stances.view_filters import Filters

KINDS = list(PositionKind.__args__)


KEPT_NOTICES = "_stances_link_notices"  # notices carried over the rerun that rewrites a link
_REWRITTEN = "_stances_rewritten_links"


def _from_link(
    key: str, labels: dict[str, str], default: list[str], notices: list[str] | None, quiet: set[str]
) -> None:
    """Read the raw link parameter before the bound widget does: accept ids as well as labels (in any
    case), rewrite the link to its canonical labels, and say which values were dropped. With every
    value unknown, the widget keeps its default."""
    raw = st.query_params.get_all(key)
    ids, unknown = u.resolve(raw, labels)
    notice = u.unknown_notice(key, [v for v in unknown if v not in quiet])
    said = _tell(notice, notices)
    if raw and [labels[i] for i in ids] != raw:
        _rewrite(key, [labels[i] for i in ids or default if i in labels], said)


def _rewrite(key: str, shown: list[str], said: list[str]) -> None:
    """Put the canonical value into the URL and run the page again, so the bound widget starts from it.

    Only before the widget first renders in this session: a bound widget takes its value from the URL
    it first sees, and afterwards its parameter can only change with the widget. `said` are the
    notices so far; the frame shows them after the rerun."""
    done = st.session_state.setdefault(_REWRITTEN, set())
    if key in st.session_state or (key, tuple(shown)) in done:
        return
    done.add((key, tuple(shown)))
    if shown:
        st.query_params[key] = shown
    elif key in st.query_params:
        del st.query_params[key]
    st.session_state[KEPT_NOTICES] = list(dict.fromkeys([*st.session_state.get(KEPT_NOTICES, []), *said]))
    st.rerun()


def _tell(notice: str | None, notices: list[str] | None) -> list[str]:
    """Sidebar filters collect their notices for the frame to show; a page control shows its own.
    Returns the notices said so far in this run (to carry over a rerun)."""
    if notices is not None:
        if notice:
            notices.append(notice)
        return list(notices)
    if notice:
        display.notice(notice)
    return [notice] if notice else []


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
    _from_link(key, labels, default, notices, quiet)
    return st.multiselect(
        label, list(labels), default=default, format_func=labels.get, key=key, bind="query-params", **kwargs
    )


def select(label: str, labels: dict[str, str], key: str, *, widget: Callable = st.selectbox, **kwargs):
    """A single choice over option ids, shown and linked by label, bound to the URL parameter `key`."""
    options = list(labels)
    index = kwargs.get("index", 0)
    fallback = kwargs.get("default", options[index] if options and index is not None else None)
    raw = st.query_params.get_all(key)
    ids, unknown = u.resolve(raw[:1], labels)
    said = _tell(u.unknown_notice(key, unknown), None)
    if raw and (not ids or labels[ids[0]] != raw[0]):
        chosen = ids[0] if ids else fallback
        _rewrite(key, [labels[chosen]] if chosen in labels else [], said)
    return widget(label, options, format_func=labels.get, key=key, bind="query-params", **kwargs)


def side_options(data: Data, settings: Settings) -> dict[str, str]:
    """Sides: the configured core sides first, then every other non-person actor, by name."""
    order = [s for s in settings.side_ids if s in data.actors]
    order += [a.id for a in data.actors.values() if a.kind != "person" and a.id not in order]
    return {a: data.actors[a].name for a in order}


def earliest_date(data: Data) -> dt.date:
    """The first day with a position or event: the as-of date cannot go earlier."""
    return data.first_day or data.dataset.as_of_date


def _as_of(data: Data, notices: list[str]) -> dt.date:
    """The as-of date, typed as YYYY-MM-DD: it applies on Enter or when the box loses focus (Tab).

    A text box rather than a date picker because the picker applies a typed date only on a click
    elsewhere; a bad or out-of-range date gives a notice and the latest data is shown."""
    earliest, latest = earliest_date(data), data.dataset.as_of_date
    raw = st.query_params.get_all(u.AS_OF)
    notice = u.date_notice(raw, earliest, latest)
    if notice:
        notices.append(notice)
        _rewrite(u.AS_OF, [], notices)
    typed = st.text_input(
        "As of",
        value=latest.isoformat(),
        key=u.AS_OF,
        bind="query-params",
        max_chars=10,
        placeholder="YYYY-MM-DD",
        help=f"Show where each side stood on this date (YYYY-MM-DD, from {earliest} to {latest}); press "
        "Enter or Tab to apply.",
    )
    day = u.parse_date(typed.strip()) if typed else None
    if typed and not notice and (day is None or not earliest <= day <= latest):
        notices.append(u.date_notice([typed.strip()], earliest, latest) or "")
    return day if day and earliest <= day <= latest else latest


def _hide_thin(notices: list[str]) -> bool:
    """The thinly-sourced switch, `thin=hide` in the link; any other value is dropped with a notice."""
    raw = st.query_params.get_all(u.THIN)
    if raw and raw != ["hide"]:
        notices.append(u.unknown_notice(u.THIN, [v for v in raw if v != "hide"]) or "")
        _rewrite(u.THIN, ["hide"] if "hide" in raw else [], notices)
    hide = st.toggle(
        "Hide thinly sourced stances",
        value=raw == ["hide"],
        key="_thin_switch",
        help="Leave out stances whose sources are all aggregators, state media or reports known only "
        "through a relay. Such a cell then reads 'thinly sourced stance hidden' and counts as open.",
    )
    if hide != (raw == ["hide"]):
        if hide:
            st.query_params[u.THIN] = "hide"
        else:
            del st.query_params[u.THIN]
    return hide


def sidebar(data: Data, settings: Settings, notices: list[str]) -> Filters:
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
        hide_thin = _hide_thin(notices)
    return Filters(
        sides=tuple(chosen_sides),
        issues=tuple(issues),
        categories=tuple(chosen_categories),
        as_of=as_of,
        kinds=tuple(kinds),
        hide_thin=hide_thin,
        stale_days=settings.stale_cell_days,
        restated_days=settings.restated_within_days,
    )


def page_of(items: list[str], size: int, key: str, noun: str = "issues") -> list[str]:
    """Long lists shown a page at a time; the page is in the URL. Short lists pass through."""
    if len(items) <= size:
        return items
    pages = {str(k + 1): str(k + 1) for k in range(-(-len(items) // size))}
    chosen = select("Page", pages, key, widget=st.segmented_control, default="1")
    start = (int(chosen or "1") - 1) * size
    st.caption(f"{noun.capitalize()} {start + 1}–{min(start + size, len(items))} of {len(items)}")
    return items[start : start + size]


def weight_box(
    label: str, key: str, names: dict[str, str], *, what: str, example: tuple[int, ...], help: str
) -> dict[str, float]:
    """Weights from a text box bound to the link parameter `key`: 'name:weight' pairs, each thing by its
    name in `names` (id → name; ids work too). Ignored and rounded parts get a notice naming them."""
    ids = list(names)
    sample = ", ".join(f"{names[i]}:{w}" for i, w in zip(ids[:2], example, strict=False))
    text = st.text_input(label, key=key, bind="query-params", placeholder=sample, help=help) or ""
    found, ignored = u.parse_weights(text, ids, names)
    if ignored:
        display.notice(
            f"Ignored {label.split(' (')[0].lower()}: {', '.join(ignored)} — write {what}, a colon and a "
            f"number from 0 to 100 (at least 0.01 unless 0), e.g. {sample.split(', ')[0]}."
        )
    rounded = u.rounded_weights(text, ids, names)
    if rounded:
        display.notice(
            f"{label.split(' (')[0]} rounded to {u.WEIGHT_DECIMALS} decimals: {', '.join(rounded)}."
        )
    return found


def weights(issue_ids: list[str], titles: dict[str, str] | None = None) -> dict[str, float]:
    """Issue weights from the `weights` link parameter (How far apart, Settlement explorer): each issue by
    its title (ids work too, as in older links)."""
    names = {i: (titles or {}).get(i, i) for i in issue_ids}
    return weight_box(
        "Issue weights (optional)", u.WEIGHTS, names, what="an issue title (or id)", example=(2, 3),
        help="issue:weight pairs separated by commas, each issue by its title (or id). Unnamed issues weigh "
        "1; 0 leaves an issue out. Issues: " + "; ".join(names.values()),
    )  # fmt: skip


def toggle(label: str, key: str, **kwargs) -> bool:
    """A switch bound to the URL parameter `key` (`true` or `false`). Streamlit drops any other value
    silently; this says which values it dropped."""
    unknown = [v for v in st.query_params.get_all(key) if v.casefold() not in u.SWITCH_VALUES]
    notice = u.unknown_notice(key, unknown)
    if notice:
        display.notice(f"{notice[:-1]} (use true or false).")
    return st.toggle(label, key=key, bind="query-params", **kwargs)
