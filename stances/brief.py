"""A one-file HTML brief of the current view, for a memo: self-contained, readable on screen, printable on A4.

It holds the generation date, the data version and dates (with the age notice when the data is old), the
key numbers on the chosen issues, the stance matrix, the compare chart and table for the chosen sides, each
stance in its words (summary, quote, speaker, date) with its age and strength marks, the changes in an
interval (by default the 30 days to the as-of date) and every cited source with its publisher, type and how
it was seen, numbered. Plotly's JavaScript is inlined once (with the first chart); nothing is fetched from
the web. Every piece of data text is HTML-escaped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from stances import brief_words, changes, charts, freshness, relevance, views
from stances.brief_html import CSS, Charts, Citations, esc, note, table
from stances.dataset import Data
from stances.memo import Memo
from stances.settings import Settings
from stances.tables import Tables
from stances.text import amount, present, wrap
from stances.view_filters import Filters

MAX_SIDES = 5
ROW = 54  # px per issue in the stance matrix, at least
LINE = 14  # px per line of a matrix cell's text
MATRIX_TOP = 90  # px above and below the matrix's rows: side names and margins
PAGE_HEIGHT = 900  # px: the tallest chart that fits on an A4 page (267 mm, 1009 px) under a heading
COMPARE_ROWS = 18  # issues per compare chart: 120 + 40 px each, within PAGE_HEIGHT
DAYS = 30

MATRIX_NOTE = (
    "Each cell: the side's latest coded position on or before the as-of date, coloured on the issue's "
    "scale (lowest to highest level); ⚑ marks a contested record. Under each level: the date of its "
    "evidence; ◷ evidence older than the configured age, ◌ sources that are all aggregators, state media "
    "or relays. A withdrawn level leaves the cell open."
)
GAP_NOTE = (
    "Gap: the spread between the sides' levels as a share of the issue's scale (0 = same level, 1 = "
    "opposite ends); — where fewer than two sides have a coded stance."
)


def chosen_issues(data: Data, filters: Filters) -> list[str] | None:
    """The issues the reader chose, or None when no issue or category filter is set (all issues)."""
    return views.issue_ids(data, filters) if filters.issues or filters.categories else None


def key_metrics(data: Data, settings: Settings, issues: list[str] | None) -> list[str]:
    """The headline metrics the chosen issues reach, then every other metric tied to a chosen issue."""
    shown = relevance.metrics_on(data, settings.headline_metrics, issues)
    if issues is not None:
        shown += [m.id for m in data.metrics.values() if m.issue in issues and m.id not in shown]
    return [m for m in shown if m in data.metrics]


def fit_matrix(fig: go.Figure, row: int | None = None) -> go.Figure:
    """The stance matrix for the printed page: issue titles on two lines, side names level, and rows
    `row` px tall (default: tall enough for the longest cell text), so no label runs into another."""
    heat = fig.data[0]
    heat.y = [wrap(str(y), 24) for y in heat.y]
    fig.update_xaxes(tickangle=0)
    return fig.update_layout(height=MATRIX_TOP + len(heat.y) * (row or row_height(fig)))


def row_height(fig: go.Figure) -> int:
    lines = max((str(t).count("<br>") + 1 for row in fig.data[0].text for t in row), default=1)
    return max(ROW, LINE * lines + 10)


def _parts(items: list, size: int) -> list[list]:
    return [items[k : k + size] for k in range(0, len(items), max(size, 1))]


def matrix_charts(cells: pd.DataFrame, issues: list, names: dict, colours: list[str]) -> list[go.Figure]:
    """The stance matrix in as many charts as it takes for each to fit on an A4 page, rows of one height."""
    row = row_height(charts.stance_matrix(cells, issues, names, colours, compact=True))
    per_page = (PAGE_HEIGHT - MATRIX_TOP) // row
    return [
        fit_matrix(charts.stance_matrix(cells, part, names, colours, compact=True), row)
        for part in _parts(issues, per_page)
    ]


def compare_charts(cells: pd.DataFrame, issues: list, names: dict, colours: dict) -> list[go.Figure]:
    """The compare chart in as many charts as it takes for each to fit on an A4 page."""
    figs = [charts.compare_dots(cells, part, names, colours) for part in _parts(issues, COMPARE_ROWS)]
    return [f.update_layout(margin={"r": 50}) for f in figs]  # room for the scale's last tick label


def _chart_id(name: str, k: int) -> str:
    return name if k == 0 else f"{name}-{k + 1}"


def _amount(row) -> str:
    return esc(amount(row["value"], row["value_max"], row["unit"]))


def _issue_title(data: Data, issue_id: str | None) -> str:
    return data.issues[issue_id].title if issue_id in data.issues else "—"


def _key_numbers(data: Data, tables: Tables, metrics: list[str], cite: Citations, *, as_of: dt.date) -> str:
    """The latest value of each metric, as on the Overview."""
    figs = Memo(data, tables)(views.figures, as_of=as_of)
    rows = []
    for metric_id in metrics:
        values = figs[figs["metric"] == metric_id].sort_values("day")
        if values.empty:
            continue
        v = values.iloc[-1]
        metric = data.metrics[metric_id]
        rows.append([esc(metric.title), esc(_issue_title(data, metric.issue)), _amount(v), esc(v["label"]),
                     esc(v["basis"]), esc(v["date"]) + cite.cite(v["source_ids"])])  # fmt: skip
    if not rows:
        return "<p>No key numbers on record by this date for the chosen issues.</p>"
    return table(["Metric", "Issue", "Latest value", "Who / which text", "Basis", "Date"], rows, dates=[5])


def _key_numbers_note(issues: list[str] | None) -> str:
    if issues is None:
        return note("The headline metrics: the latest value on record by the as-of date, of any side.")
    return note(
        "The headline metrics and every other metric tied to a chosen issue: the latest value on record by "
        f"the as-of date, of any side. {relevance.METRIC_RULE}"
    )


def _compare(data: Data, cells: pd.DataFrame, sides: list[str]) -> str:
    """The Compare table: per issue each side's stance with its date and marks, and the gap."""
    by_cell = {(r["issue"], r["side"]): r for r in cells.to_dict("records")}
    rows = []
    for r in views.compare_rows(cells, data, sides).to_dict("records"):
        row = [esc(r["issue_title"])]
        for side in sides:
            c = by_cell[(r["issue"], side)]
            row.append(f"<b>{esc(c['stance_label'])}</b> ({esc(_when(c))})" if c["recorded"] else "—")
        row.append(f"{r['gap']:.2f}" if present(r["gap"]) else "—")
        rows.append(row)
    headers = ["Issue", *[views.short_name(data, s) for s in sides], "Gap"]
    return table(headers, rows, numeric=[len(headers) - 1])


def _when(cell: dict) -> str:
    """The evidence date with its marks, and the side's newest record on the issue when it is newer."""
    when = cell["evidence"] or cell["date"]
    newer = cell["latest_date"] and cell["latest_date"] != (cell["level_date"] or cell["date"])
    return f"{when}; newest record {cell['latest_date']}" if newer else when


def _moved(data: Data, tables: Tables, view: Filters, since: dt.date, until: dt.date, cite: Citations) -> str:
    moved = changes.stance_changes(
        data, tables, since, until, list(view.sides), views.issue_ids(data, view),
        restated_days=view.restated_days,
    )  # fmt: skip
    rows = []
    for r in moved.to_dict("records"):
        move = f"{esc(r['label_before'])} → <b>{esc(r['stance_label'])}</b> ({esc(r['change'])})"
        rows.append([esc(r["side_name"]), esc(r["issue_title"]), move, esc(r["date"]),
                     esc(r["summary"]) + cite.cite(r["source_ids"])])  # fmt: skip
    body = (
        table(["Side", "Issue", "From → to", "Date", "What was said"], rows, dates=[3])
        if rows
        else "<p>No side in view changed its stance on an issue in view.</p>"
    )
    return f"<h3>Stances that changed ({len(rows)})</h3>{body}"


def _new_figures(data: Data, tables: Tables, view: Filters, since: dt.date, until: dt.date, cite) -> str:
    figs = changes.new_figures(tables, since, until, list(view.sides))
    reached = relevance.metrics_on(data, list(data.metrics), chosen_issues(data, view))
    figs = figs[figs["metric"].isin(reached)]
    rows = [
        [esc(r["metric_title"]), esc(r["label"]), _amount(r), esc(r["basis"]),
         esc(r["date"]) + cite.cite(r["source_ids"])]
        for r in figs.to_dict("records")
    ]  # fmt: skip
    body = (
        table(["Metric", "Who / which text", "Value", "Basis", "Date"], rows, dates=[4])
        if rows
        else "<p>No new figure of a side in view on the chosen issues.</p>"
    )
    return f"<h3>New figures ({len(rows)})</h3>{body}"


def _new_events(data: Data, tables: Tables, view: Filters, since: dt.date, until: dt.date, cite) -> str:
    issues = chosen_issues(data, view)
    every = relevance.events_on(changes.new_events(tables, since, until), data, None)
    events = relevance.events_on(every, data, issues)
    rows = [
        [esc(r["date"]), esc(r["title"]) + cite.cite(r["source_ids"]), esc(r["kind"]),
         esc(", ".join(_issue_title(data, i) for i in r["issues"]) or "—")]
        for r in events.to_dict("records")
    ]  # fmt: skip
    body = table(["Date", "Event", "Kind", "Issues"], rows, dates=[0]) if rows else "<p>No new events.</p>"
    untied = sum(not found for found in events["issues"])
    if issues is None:
        said = "All events in the interval."
    else:
        said = (f"Events on the chosen issues: {len(rows)} of {len(every)} in the interval, {untied} of them "
                "tied to no issue.")  # fmt: skip
    return f"<h3>New events ({len(rows)})</h3>{body}" + note(f"{said} {relevance.EVENT_RULE}")


def _changes(data: Data, tables: Tables, view: Filters, since: dt.date, until: dt.date, cite: Citations):
    """Stances that moved, new figures and new events between the two dates, on the chosen issues."""
    return (
        _moved(data, tables, view, since, until, cite)
        + _new_figures(data, tables, view, since, until, cite)
        + _new_events(data, tables, view, since, until, cite)
    )


def _header(
    data: Data, settings: Settings, filters: Filters, sides: list[str], *, today: dt.date
) -> list[str]:
    """Title, generation date, data version and dates, the view, and the age notice when the data is old."""
    d = data.dataset
    age = freshness.freshness(data, settings.stale_after_days, today=today)
    names = [data.actors[s].name if s in data.actors else s for s in sides]
    issues = chosen_issues(data, filters)
    chosen = "all" if issues is None else "; ".join(data.issues[i].title for i in issues) or "none"
    lines = [
        f"Generated on {today}. {d.title}.",
        f"Data version {d.version}, current to {d.as_of}. View as of {filters.as_of}.",
        f"Sides: {', '.join(names) or 'none'}. Issues: {chosen}.",
    ]
    if filters.hide_thin:
        lines.append("Thinly sourced stances are hidden.")
    if filters.kinds:
        lines.append("Position kinds chosen in the app do not narrow the stances a side holds.")
    parts = [f"<h1>{esc(settings.title)}: brief</h1>", *(f'<p class="meta">{esc(x)}</p>' for x in lines)]
    if age.warning:
        parts.append(f'<div class="age" role="note"><b>Age notice.</b> {esc(age.warning)}</div>')
    else:
        parts.append(note(age.caption))
    return parts


def build(
    data: Data,
    tables: Tables,
    settings: Settings,
    filters: Filters,
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> str:
    """The brief as one HTML document. The interval defaults to the 30 days up to the view's as-of date;
    `today` (the generation date) to `freshness.today()`."""
    d = data.dataset
    today = today or freshness.today()
    until = until or filters.as_of
    since = since or until - dt.timedelta(days=DAYS)
    sides = list(filters.sides)[:MAX_SIDES]
    view = dataclasses.replace(filters, sides=tuple(sides))
    cite, figs = Citations(data), Charts()
    names = {s: data.actors[s].name if s in data.actors else s for s in sides}
    issues = chosen_issues(data, view)
    parts = _header(data, settings, view, sides, today=today)
    numbers = _key_numbers(data, tables, key_metrics(data, settings, issues), cite, as_of=view.as_of)
    parts += ["<h2>Key numbers</h2>", numbers, _key_numbers_note(issues)]
    parts.append("<h2>Stance matrix</h2>")
    if sides:
        cells = Memo(data, tables)(views.matrix_cells, view)
        in_view = [data.issues[i] for i in views.issue_ids(data, view)]
        matrices = matrix_charts(cells, in_view, names, settings.stance_colours)
        parts += [figs.html(m, _chart_id("matrix", k)) for k, m in enumerate(matrices)] + [note(MATRIX_NOTE)]
        parts.append(f"<h2>Compare: {esc(' · '.join(names.values()))}</h2>")
        colours = {a: settings.colour_of(a) for a in data.actors}
        dots = compare_charts(cells, in_view, names, colours)
        parts += [figs.html(d, _chart_id("compare", k)) for k, d in enumerate(dots)]
        parts += [_compare(data, cells, sides), note(GAP_NOTE)]
        parts += ["<h2>Stances in their words</h2>", note(brief_words.NOTE)]
        parts.append(brief_words.section(data, cells, sides, cite))
    else:
        parts.append("<p>No sides chosen.</p>")
    parts.append(f"<h2>What changed from {esc(since)} to {esc(until)}</h2>")
    parts.append(_changes(data, tables, view, since, until, cite))
    parts += ["<h2>Sources cited</h2>", cite.html()]
    parts.append(note(f"Cite the dataset as: {d.title}. Version {d.version}, data current to {d.as_of}. "
                      f"Licence: {d.licence}. Brief generated on {today}."))  # fmt: skip
    title = f"{settings.title} — brief, as of {filters.as_of}"
    head = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>"
    )
    return f"{head}<body>{''.join(parts)}</body></html>"


def file_name(data: Data, *, as_of: dt.date) -> str:
    return f"brief_v{data.dataset.version}_as-of-{as_of.isoformat()}.html"
