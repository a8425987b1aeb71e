"""The brief's HTML pieces: print CSS for A4, escaping, tables, numbered sources and inlined charts.

Every piece of data text goes through `esc`; tables take cells that are already escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go
import plotly.io as pio

from stances.dataset import Data
from stances.redlines import as_list
from stances.text import plain, present

WIDTH = 680  # px: A4 (210 mm) less two 15 mm margins is 180 mm, 680 CSS pixels

CSS = """
@page { size: A4; margin: 15mm }
* { box-sizing: border-box }
body { font: 10pt/1.4 "Source Sans Pro", Arial, sans-serif; color: #1f2430; max-width: 180mm;
       margin: 0 auto; padding: 12px 0 }
h1 { font-size: 16pt; margin: 0 0 4px } h2 { font-size: 12.5pt; margin: 18px 0 6px; break-after: avoid }
h3 { font-size: 10.5pt; margin: 12px 0 4px; break-after: avoid }
p.meta, p.note { color: #555; margin: 2px 0 } p.note { font-size: 8.5pt }
p.question { margin: 0 0 4px; color: #555; font-style: italic; break-after: avoid }
div.age { border: 1px solid #e0b252; background: #fff7e0; padding: 6px 8px; margin: 8px 0;
          break-inside: avoid }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; margin: 4px 0 8px;
        page-break-inside: auto }
thead { display: table-header-group } tr { break-inside: avoid; page-break-inside: avoid }
th, td { border: 1px solid #d5d8de; padding: 3px 5px; text-align: left; vertical-align: top;
         overflow-wrap: break-word }
th { background: #f1f3f6 } td.num, td.nowrap { text-align: right; white-space: nowrap }
td.nowrap { text-align: left }
table.words { table-layout: fixed } table.words col.side { width: 16% } table.words col.stance { width: 28% }
table.sources { table-layout: fixed } table.sources col.n { width: 6% } table.sources col.title { width: 44% }
table.sources col.date { width: 12% } table.sources col.type { width: 13% }
table.sources col.seen { width: 10% }
table.sources a { overflow-wrap: anywhere }
blockquote { margin: 3px 0 3px 8px; padding-left: 6px; border-left: 2px solid #c5c9d2 }
.mark { white-space: nowrap; font-weight: 600 } .small { font-size: 7.5pt; color: #555 }
.chart { width: 100%; max-width: 680px; overflow: hidden; break-inside: avoid; page-break-inside: avoid }
sup { font-size: 7pt; line-height: 0 }
td > div + div { margin-top: 3px }
@media print {
  body { padding: 0; max-width: none }
  a { color: inherit }
  .chart { width: 180mm; max-width: 180mm }
  h2, h3 { break-after: avoid; page-break-after: avoid }
}
"""

TYPES = {
    "primary": "primary text",
    "agency": "news agency",
    "newspaper": "newspaper",
    "broadcaster": "broadcaster",
    "analysis": "analysis",
    "aggregator": "aggregator",
    "state-media": "state media",
}


def esc(value: object) -> str:
    """Data text for HTML: one visible line (no bidi or other hidden characters, see `text.plain`),
    escaped, with missing values as empty text."""
    return html.escape(plain(value), quote=True) if present(value) else ""


def note(text: str) -> str:
    return f'<p class="note">{esc(text)}</p>'


def table(
    headers: Sequence[str],
    rows: list[list[str]],
    numeric: Sequence[int] = (),
    dates: Sequence[int] = (),
    *,
    css: str = "",
    cols: Sequence[str] = (),
) -> str:
    """A table from already-escaped cells; `numeric` columns right-aligned, `dates` never broken; `cols`
    names a class per column for fixed layouts."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    kind = {**dict.fromkeys(dates, " class=nowrap"), **dict.fromkeys(numeric, " class=num")}
    body = "".join(
        "<tr>" + "".join(f"<td{kind.get(k, '')}>{c}</td>" for k, c in enumerate(r)) + "</tr>" for r in rows
    )
    group = "<colgroup>" + "".join(f'<col class="{c}">' for c in cols) + "</colgroup>" if cols else ""
    klass = f' class="{css}"' if css else ""
    return f"<table{klass}>{group}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class Citations:
    """Sources numbered in the order the brief first cites them, by source id."""

    def __init__(self, data: Data) -> None:
        self.sources = data.sources
        self.order: list[str] = []

    def cite(self, ids: object) -> str:
        """Superscript numbers for these sources (a list of ids, or ids joined by spaces)."""
        numbers = []
        for source_id in as_list(ids):
            if source_id not in self.sources:
                continue
            if source_id not in self.order:
                self.order.append(source_id)
            numbers.append(self.order.index(source_id) + 1)
        refs = ",".join(f'<a href="#src-{n}">{n}</a>' for n in numbers)
        return f"<sup>[{refs}]</sup>" if numbers else ""

    def html(self) -> str:
        """Every cited source: title and link, publisher, date, type, and how the curators saw it."""
        rows = []
        for n, source_id in enumerate(self.order, 1):
            s = self.sources[source_id]
            described = ' <span class="small">(title as described by the curators)</span>'
            title = esc(s.title) + (described if s.title_is == "description" else "")
            link = f'<a href="{esc(s.url)}">{esc(s.url)}</a>'
            relay = f"Seen through a relay: {s.relay}" if s.seen == "relay" else None
            extra = "".join(f'<br><span class="small">{esc(t)}</span>' for t in (relay, s.note) if present(t))
            language = f" ({esc(s.language)})" if s.language != "en" else ""
            seen = "on its own page" if s.seen == "page" else "through a relay"
            kind = esc(TYPES.get(s.type, s.type))
            rows.append([f'<span id="src-{n}">{n}</span>', f"{title}{language}<br>{link}{extra}",
                         esc(s.publisher), esc(s.published), kind, seen])  # fmt: skip
        if not rows:
            return "<p>No sources cited.</p>"
        headers = ["No.", "Title and link", "Publisher", "Published", "Type", "Seen"]
        cols = ["n", "title", "pub", "date", "type", "seen"]
        return table(headers, rows, dates=[3], css="sources", cols=cols)


class Charts:
    """Figures as HTML at the page's width: plotly.js inlined with the first only."""

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
