"""A one-file HTML brief of the current view, for a memo: self-contained, readable on screen, printable on A4.

It holds the data version and dates, the key numbers, the stance matrix, the compare table for the chosen
sides, the changes in an interval (by default the 30 days to the as-of date) and every cited source with its
URL, numbered. Plotly's JavaScript is inlined once (with the first chart); nothing is fetched from the web.
Every piece of data text is HTML-escaped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from stances import changes, charts, views
from stances.dataset import Data
from stances.redlines import as_list
from stances.settings import Settings
from stances.tables import Tables
from stances.text import present
from stances.urlstate import Filters

WIDTH = 680  # px: A4 (210 mm) less two 15 mm margins is 180 mm, 680 CSS pixels
MAX_SIDES = 5
ROW = 54  # px per issue in the stance matrix
DAYS = 30

CSS = """
@page { size: A4; margin: 15mm }
* { box-sizing: border-box }
body { font: 10pt/1.4 "Source Sans Pro", Arial, sans-serif; color: #1f2430; max-width: 180mm;
       margin: 0 auto; padding: 12px 0 }
h1 { font-size: 16pt; margin: 0 0 4px } h2 { font-size: 12.5pt; margin: 18px 0 6px; break-after: avoid }
h3 { font-size: 10.5pt; margin: 12px 0 4px; break-after: avoid }
p.meta, p.note { color: #555; margin: 2px 0 } p.note { font-size: 8.5pt }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; margin: 4px 0 8px;
        page-break-inside: auto }
thead { display: table-header-group } tr { break-inside: avoid; page-break-inside: avoid }
th, td { border: 1px solid #d5d8de; padding: 3px 5px; text-align: left; vertical-align: top;
         overflow-wrap: break-word }
th { background: #f1f3f6 } td.num, td.nowrap { text-align: right; white-space: nowrap }
td.nowrap { text-align: left }
.chart { width: 100%; max-width: 680px; overflow: hidden; break-inside: avoid; page-break-inside: avoid }
ol.sources { font-size: 8.5pt; padding-left: 22px } ol.sources a { overflow-wrap: anywhere }
sup { font-size: 7pt }
@media print { body { padding: 0 } a { color: inherit } }
"""


def esc(value: object) -> str:
    """Data text for HTML: escaped, with missing values as empty text."""
    return html.escape(str(value), quote=True) if present(value) else ""


class Citations:
    """Sources numbered in the order the brief first cites them."""

    def __init__(self, data: Data) -> None:
        self.by_url = {s.url: s for s in data.sources.values()}
        self.order: list[tuple[str, str]] = []

    def cite(self, titles: object, urls: object) -> str:
        """Superscript numbers for these sources (title and URL lists, or joined text)."""
        pairs = list(zip(as_list(titles, "; "), as_list(urls, " "), strict=False))
        numbers = []
        for pair in pairs:
            if pair not in self.order:
                self.order.append(pair)
            numbers.append(self.order.index(pair) + 1)
        refs = ",".join(f'<a href="#src-{n}">{n}</a>' for n in numbers)
        return f"<sup>[{refs}]</sup>" if numbers else ""

    def html(self) -> str:
        items = []
        for n, (title, url) in enumerate(self.order, 1):
            source = self.by_url.get(url)
            by = f" — {esc(source.publisher)}, {esc(source.published)} ({esc(source.type)})" if source else ""
            if source and source.relay:
                by += f", seen through a relay: {esc(source.relay)}"
            web = url.startswith(("http://", "https://"))
            link = f'<a href="{esc(url)}">{esc(url)}</a>' if web else esc(url)
            items.append(f'<li id="src-{n}">{esc(title)}{by}. {link}</li>')
        return f'<ol class="sources">{"".join(items)}</ol>' if items else "<p>No sources cited.</p>"


def _table(
    headers: Sequence[str], rows: list[list[str]], numeric: Sequence[int] = (), dates: Sequence[int] = ()
) -> str:
    """A table from already-escaped cells; `numeric` columns right-aligned, `dates` never broken."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    kind = {**dict.fromkeys(dates, " class=nowrap"), **dict.fromkeys(numeric, " class=num")}
    body = "".join(
        "<tr>" + "".join(f"<td{kind.get(k, '')}>{c}</td>" for k, c in enumerate(r)) + "</tr>" for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class _Charts:
    """Figures as HTML: plotly.js inlined with the first only."""

    def __init__(self) -> None:
        self.count = 0

    def html(self, fig: go.Figure, name: str) -> str:
        fig = go.Figure(fig)
        fig.update_layout(width=WIDTH, autosize=False, template="plotly_white")
        self.count += 1
        div = pio.to_html(
            fig,
            full_html=False,
            include_plotlyjs=self.count == 1,
            div_id=f"brief-{name}",
            config={"displayModeBar": False, "responsive": False, "staticPlot": False},
        )
        return f'<div class="chart">{div}</div>'


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


def _note(text: str) -> str:
    return f'<p class="note">{esc(text)}</p>'


def _amount(row) -> str:
    return esc(charts.amount(row["value"], row["value_max"], row["unit"]))


def _key_numbers(data: Data, tables: Tables, settings: Settings, as_of: dt.date, cite: Citations) -> str:
    """The latest value of each headline metric, as on the Overview."""
    figs = views.figures(tables, as_of)
    rows = []
    for metric_id in settings.headline_metrics:
        values = figs[figs["metric"] == metric_id].sort_values("day")
        if metric_id not in data.metrics or values.empty:
            continue
        v = values.iloc[-1]
        sources = cite.cite(v["source_titles"], v["source_urls"])
        title = esc(data.metrics[metric_id].title)
        rows.append([title, _amount(v), esc(v["label"]), esc(v["basis"]), esc(v["date"]), sources])
    if not rows:
        return "<p>No key numbers on record by this date.</p>"
    return _table(["Metric", "Latest value", "Who / which text", "Basis", "Date", "Sources"], rows, dates=[4])


def _compare(data: Data, cells: pd.DataFrame, sides: list[str], cite: Citations) -> str:
    """The Compare table: per issue each side's stance, its date and sources, and the gap."""
    by_cell = {(r["issue"], r["side"]): r for r in cells.to_dict("records")}
    rows = []
    for r in views.compare(cells, data, sides).to_dict("records"):
        row = [esc(r["issue_title"])]
        for side in sides:
            c = by_cell[(r["issue"], side)]
            stance = f"<b>{esc(c['stance_label'])}</b> ({esc(_when(c))})"
            row.append(stance + cite.cite(c["source_titles"], c["source_urls"]) if c["recorded"] else "—")
        row.append(f"{r['gap']:.2f}" if present(r["gap"]) else "—")
        rows.append(row)
    headers = ["Issue", *[views.short_name(data, s) for s in sides], "Gap"]
    return _table(headers, rows, numeric=[len(headers) - 1])


def _when(cell: dict) -> str:
    """The evidence date with its marks, and the side's newest record on the issue when it is newer."""
    when = cell["evidence"] or cell["date"]
    newer = cell["latest_date"] and cell["latest_date"] != (cell["level_date"] or cell["date"])
    return f"{when}; newest record {cell['latest_date']}" if newer else when


def _changes(data: Data, tables: Tables, filters: Filters, since: dt.date, until: dt.date, cite: Citations):
    """Stances that moved, new figures and new events between the two dates."""
    moved = changes.stance_changes(
        data, tables, since, until, list(filters.sides), views.issue_ids(data, filters),
        restated_days=filters.restated_days,
    )  # fmt: skip
    figs = changes.new_figures(tables, since, until, list(filters.sides))
    events = changes.new_events(tables, since, until)
    parts = [f"<h3>Stances that changed ({len(moved)})</h3>"]
    rows = []
    for r in moved.to_dict("records"):
        move = f"{esc(r['label_before'])} → <b>{esc(r['stance_label'])}</b> ({esc(r['change'])})"
        said = esc(r["summary"]) + cite.cite(r["source_titles"], r["source_urls"])
        rows.append([esc(r["side_name"]), esc(r["issue_title"]), move, esc(r["date"]), said])
    if rows:
        parts.append(_table(["Side", "Issue", "From → to", "Date", "What was said"], rows, dates=[3]))
    else:
        parts.append("<p>No side in view changed its stance on an issue in view.</p>")
    parts.append(f"<h3>New figures ({len(figs)})</h3>")
    rows = [
        [esc(r["metric_title"]), esc(r["label"]), _amount(r), esc(r["basis"]),
         esc(r["date"]) + cite.cite(r["source_titles"], r["source_urls"])]
        for r in figs.to_dict("records")
    ]  # fmt: skip
    if rows:
        parts.append(_table(["Metric", "Who / which text", "Value", "Basis", "Date"], rows, dates=[4]))
    parts.append(f"<h3>New events ({len(events)})</h3>")
    rows = [
        [esc(r["date"]), esc(r["title"]), esc(r["kind"]) + cite.cite(r["source_titles"], r["source_urls"])]
        for r in events.to_dict("records")
    ]
    if rows:
        parts.append(_table(["Date", "Event", "Kind"], rows, dates=[0]))
    return "".join(parts)


def build(
    data: Data,
    tables: Tables,
    settings: Settings,
    filters: Filters,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> str:
    """The brief as one HTML document. The interval defaults to the 30 days up to the view's as-of date."""
    d = data.dataset
    until = until or filters.as_of
    since = since or until - dt.timedelta(days=DAYS)
    sides = list(filters.sides)[:MAX_SIDES]
    view = dataclasses.replace(filters, sides=tuple(sides))
    cite, figs = Citations(data), _Charts()
    names = {s: data.actors[s].name if s in data.actors else s for s in sides}
    meta = (
        f"{d.title}. Data version {d.version}, current to {d.as_of}. View as of {filters.as_of}; "
        f"sides: {', '.join(names.values()) or 'none'}."
    )
    parts = [
        f"<h1>{esc(settings.title)}: brief</h1>",
        f'<p class="meta">{esc(meta)}</p>',
        "<h2>Key numbers</h2>",
    ]
    parts.append(_key_numbers(data, tables, settings, filters.as_of, cite))
    parts.append("<h2>Stance matrix</h2>")
    if sides:
        cells = views.matrix_cells(tables, data, view)
        issues = [data.issues[i] for i in views.issue_ids(data, view)]
        matrix = charts.stance_matrix(cells, issues, names, settings.stance_colours, compact=True)
        matrix.update_layout(height=80 + ROW * len(issues))  # room for four lines of a wrapped label
        colours = {a: settings.colour_of(a) for a in data.actors}
        parts += [figs.html(matrix, "matrix"), _note(MATRIX_NOTE)]
        parts.append(f"<h2>Compare: {esc(' · '.join(names.values()))}</h2>")
        dots = charts.compare_dots(cells, issues, names, colours)
        dots.update_layout(margin={"r": 50})  # room for the scale's last tick label
        parts.append(figs.html(dots, "compare"))
        parts += [_compare(data, cells, sides, cite), _note(GAP_NOTE)]
    else:
        parts.append("<p>No sides chosen.</p>")
    parts.append(f"<h2>What changed from {esc(since)} to {esc(until)}</h2>")
    parts.append(_changes(data, tables, view, since, until, cite))
    parts += ["<h2>Sources cited</h2>", cite.html()]
    parts.append(_note(f"Cite the dataset as: {d.title}. Version {d.version}, data current to {d.as_of}. "
                       f"Licence: {d.licence}."))  # fmt: skip
    title = f"{settings.title} — brief, as of {filters.as_of}"
    head = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>"
    )
    return f"{head}<body>{''.join(parts)}</body></html>"


def file_name(data: Data, as_of: dt.date) -> str:
    return f"brief_v{data.dataset.version}_as-of-{as_of.isoformat()}.html"
