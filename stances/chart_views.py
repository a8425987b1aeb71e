"""Each page's figures as views: built from a recipe (filters and plain values) through the memo, so a warm
rerun finds the figure and an interaction builds only what its new recipe needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from stances import analysis, charts, network, plans, views
from stances.memo import Memo
from stances.tables import actor_name
from stances.view_filters import Filters

MARKED_EVENTS = ("talks", "proposal", "agreement")


def side_names(m: Memo, sides: Sequence[str]) -> dict[str, str]:
    return {s: actor_name(m.data, s) for s in sides}


def matrix(
    m: Memo,
    f: Filters,
    shown_ids: Sequence[str],
    colours: Sequence[str],
    *,
    compact: bool = False,
    selectable: bool = False,
) -> go.Figure:
    """The stance matrix of the issues on one page."""
    cells = m(views.matrix_page, f, shown_ids)
    issues = [m.data.issues[i] for i in shown_ids]
    return charts.stance_matrix(
        cells, issues, side_names(m, f.sides), colours, compact=compact, selectable=selectable
    )


def compare(m: Memo, f: Filters, shown_ids: Sequence[str], colours: Mapping[str, str]) -> go.Figure:
    issues = [m.data.issues[i] for i in shown_ids]
    return charts.compare_dots(m(views.matrix_cells, f), issues, side_names(m, f.sides), colours)


def headline(m: Memo, metric: str, colours: Mapping[str, str], *, as_of: dt.date) -> go.Figure:
    values = m(views.figures, as_of=as_of, metrics=(metric,))
    return charts.figure_dots(values, colours, title=m.data.metrics[metric].title)


def metric(
    m: Memo, f: Filters, chosen: Sequence[str], metric_id: str, unit: str, colours: Mapping[str, str]
) -> go.Figure:
    """One metric's chart in one unit (titled with the unit when the metric has several)."""
    values = m(views.metric_values, f, chosen, metric_id)
    units = list(dict.fromkeys(values["unit"]))
    title = f"In {unit}" if len(units) > 1 else None
    per_unit = values[values["unit"] == unit]
    if m.data.metrics[metric_id].kind in views.CONTEXT_KINDS:
        return charts.context_series(per_unit, title=title)
    return charts.figure_dots(per_unit, colours, title=title)


def agreement(m: Memo, f: Filters, weights: Mapping[str, float]) -> go.Figure:
    ids = views.issue_ids(m.data, f)
    spans = {i: m.data.issues[i].span for i in ids}
    table = analysis.agreement_matrix(m(views.held, f), list(f.sides), spans, dict(weights))
    return charts.agreement_heatmap(table, side_names(m, f.sides))


def convergence(
    m: Memo, f: Filters, pairs: Sequence[tuple[str, str]], weights: Mapping[str, float]
) -> go.Figure:
    """Each pair's month-end distance, with talks, proposals and agreements since the first month."""
    spans = {i: m.data.issues[i].span for i in views.issue_ids(m.data, f)}
    series = analysis.convergence(m.tables.evidence, list(pairs), spans, f.as_of, dict(weights))
    first = series["month"].min() if not series.empty else pd.Timestamp(f.as_of)
    events = m(views.events, as_of=f.as_of, kinds=MARKED_EVENTS)
    names = {p: views.pair_label(m.data, *p) for p in pairs}
    return charts.convergence_lines(series, names, events[events["day"] >= first])


def timeline(m: Memo, f: Filters, period: str, colours: Mapping[str, str]) -> go.Figure:
    """Events and positions over the chosen period to the as-of date (see `views.PERIODS`)."""
    start = views.period_start(period, as_of=f.as_of)
    events, moves = m(views.events, as_of=f.as_of), m(views.timeline_positions, f)
    if start is not None:
        events, moves = events[events["day"] >= start], moves[moves["day"] >= start]
    window = (start, pd.Timestamp(f.as_of) + pd.DateOffset(days=20)) if start is not None else None
    return charts.timeline(events, moves, side_names(m, f.sides), colours, window)


def trajectory(m: Memo, f: Filters, issue: str, colours: Mapping[str, str]) -> go.Figure:
    path = m(views.trajectory, f, issue)
    return charts.trajectory(path, m.data.issues[issue], side_names(m, f.sides), colours)


def lineage(m: Memo, docs: Sequence[str]) -> go.Figure:
    return charts.lineage_chart(plans.lineage(m.data, list(docs)))


def actor_network(m: Memo, *, as_of: dt.date) -> go.Figure:
    ties = m(views.plan_ties, as_of=as_of)
    return charts.actor_network(ties, network.actor_order(ties))


def overlaid(
    m: Memo, base: Callable[..., go.Figure], recipe: tuple, metric: str, *, as_of: dt.date
) -> go.Figure:
    """The figure `base` builds from `recipe`, with a context series on its right-hand axis."""
    return charts.with_overlay(m(base, *recipe), m(views.context_values, metric, as_of=as_of))
