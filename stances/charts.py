"""Chart builders: pure functions from tables to plotly figures (no Streamlit here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from stances import hover as hovers
from stances.models import Issue
from stances.text import esc, number, present, wrap

FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 13}


def _base(height: int, title: str | None = None) -> dict:
    """The layout every chart shares, as a dict: a figure built in one call from its traces and layout
    costs a fraction of one built by `add_trace` and `update_layout` calls (each checks the whole path)."""
    return {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
        "font": FONT,
        "title": {"text": esc(title), "x": 0} if title else None,
        "hoverlabel": hovers.LABEL,
        "plot_bgcolor": "white",
    }


def _layout(fig: go.Figure, *, height: int, title: str | None = None) -> go.Figure:
    fig.update_layout(_base(height, title))
    return fig


STALE, THIN = "◷", "◌"


def _evidence_line(row: Mapping) -> str:
    """Under a cell's level: the date of the record that set it, ◷ when that evidence is old, ◌ when its
    sources are all aggregators, state media or relays."""
    if row.get("state") not in ("coded", "withdrawn") or not present(row.get("level_date")):
        return ""
    marks = (f" {STALE}" if row.get("stale") else "") + (f" {THIN}" if row.get("strength") == "thin" else "")
    date = esc(row["level_date"])
    return f"<br><span style='font-size:0.85em'>{date}{marks}</span>" if date or marks else ""


def _click_layer(xs: list, ys: list, keys: list[str], hover: list[str]) -> dict:
    """Transparent markers over a heatmap's cells: they carry the hover text and each cell's key (as
    customdata), so a click on a cell selects it. The layout then needs `CLICKABLE`."""
    return {
        "type": "scatter",
        "x": [x for _ in ys for x in xs],
        "y": [y for y in ys for _ in xs],
        "customdata": keys,
        "hovertext": hover,
        "hovertemplate": hovers.TEMPLATE,
        "mode": "markers",
        "marker": {"symbol": "square", "size": 40, "color": "rgba(0,0,0,0)"},
        "showlegend": False,
    }


CLICKABLE = {"clickmode": "event+select", "dragmode": False}


# What a matrix cell's label and hover read (`hover.cell`, `_evidence_line`, `stance_matrix`).
_CELL_COLUMNS = frozenset(
    ("issue", "side", "recorded", "stance", "stance_label", "state", "contested", "kind", "date",
     "level_definition", "stance_note", "summary", "speaker_name", "quote", "contested_note", "level_date",
     "age_days", "stale", "strength", "newer_uncoded", "source_titles")
)  # fmt: skip


def stance_matrix(
    cells: pd.DataFrame,
    issues: Sequence[Issue],
    side_names: Mapping[str, str],
    colours: Sequence[str],
    *,
    compact: bool = False,
    selectable: bool = False,
) -> go.Figure:
    """Issues × sides heatmap: colour = stance on the issue's scale (0 = lowest level, 1 = highest).

    `selectable` lays a transparent marker on every cell that carries the hover text and the cell's
    "side:issue" (as customdata), so a click selects the cell."""
    issue_ids = [i.id for i in issues]
    titles = {i.id: i.title for i in issues}
    spans = {i.id: i.span or 1 for i in issues}
    lows = {i.id: i.scale[0].value for i in issues}
    side_ids = list(side_names)
    frame = cells[[c for c in cells.columns if c in _CELL_COLUMNS]]  # to_dict costs per cell: only these
    frame = frame.assign(side_name=frame["side"].map(side_names), issue_title=frame["issue"].map(titles))
    by_cell = {(r["issue"], r["side"]): r for r in frame.to_dict("records")}
    z, text, hover = [], [], []
    for issue_id in issue_ids:
        z_row, text_row, hover_row = [], [], []
        for side_id in side_ids:
            row = dict(by_cell.get((issue_id, side_id), {"recorded": False}))
            row.setdefault("side_name", side_names[side_id])
            row.setdefault("issue_title", titles[issue_id])
            stance = row.get("stance")
            coded = row.get("recorded") and stance is not None and not pd.isna(stance)
            z_row.append((float(stance) - lows[issue_id]) / spans[issue_id] if coded else None)
            if not row.get("recorded"):
                label = "—"
            else:
                stance_label = row.get("stance_label")
                text_label = stance_label if present(stance_label) else "(not coded)"
                if row.get("state") == "withdrawn":
                    text_label = "no current level — withdrawn"  # the date follows on its own line
                label = wrap(esc(text_label, 40), 12 if compact else 16)
                if row.get("contested"):
                    label += " ⚑"
                label += _evidence_line(row)
            text_row.append(label)
            hover_row.append(hovers.cell(row))
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    scale = [[i / (len(colours) - 1), c] for i, c in enumerate(colours)]
    xs = [wrap(esc(side_names[s], 40), 14) for s in side_ids]
    ys = [esc(titles[i], 45) for i in issue_ids]
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": xs,
        "y": ys,
        **({"hoverinfo": "skip"} if selectable else {}),
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": 10 if compact else 11, "color": "#1f2430"},
        "hovertext": hover,
        "hovertemplate": hovers.TEMPLATE,
        "colorscale": scale,
        "zmin": 0,
        "zmax": 1,
        "xgap": 2,
        "ygap": 2,
        "showscale": not compact,
        "colorbar": {
            "title": {"text": "Level on<br>the issue's<br>scale", "font": {"size": 11}},
            "tickvals": [0, 1],
            "ticktext": ["lowest", "highest"],
            "thickness": 12,
            "len": 0.6,
            "y": 1,
            "yanchor": "top",
        },
    }
    traces = [heatmap]
    lines = max((t.count("<br>") + 1 for row in text for t in row), default=1)
    per_line = 12 if compact else 14  # the cell font plus its leading
    per_row = max(34 if compact else 50, per_line * lines + 10)  # every line of the tallest cell fits
    layout = _base(max(220, 80 + per_row * len(issue_ids))) | {
        "yaxis": {"autorange": "reversed", "title": None},
        "xaxis": {"side": "top", "title": None},
    }
    if selectable:
        keys = [f"{s}:{i}" for i in issue_ids for s in side_ids]
        traces.append(_click_layer(xs, ys, keys, [h for row in hover for h in row]))
        layout |= CLICKABLE
    return go.Figure(data=traces, layout=layout)


def figure_dots(frame: pd.DataFrame, colours: Mapping[str, str], *, title: str | None = None) -> go.Figure:
    """One metric's values as dots on a shared axis (a line where a range is given), one row each."""
    ordered = frame.sort_values(["value", "day"], kind="stable")
    units = sorted(ordered["unit"].unique())
    labels = [f"{esc(r.label, 60)} ({esc(r.date)})" for r in ordered.itertuples()]
    traces, shapes = [], []
    for side, group in ordered.groupby("side", sort=False):
        rows = list(group.itertuples())
        colour = colours.get(side, "#7f7f7f")
        ys = [f"{esc(r.label, 60)} ({esc(r.date)})" for r in rows]
        traces.append(
            {
                "type": "scatter",
                "x": [r.value for r in rows],
                "y": ys,
                "mode": "markers+text",
                "name": esc(group["side_name"].iloc[0] or side, 40),
                "marker": {
                    "size": 14,
                    "color": colour,
                    "symbol": ["diamond" if r.basis == "actual" else "circle" for r in rows],
                },
                "text": [number(r.value, r.value_max) + (" ⚑" if r.contested else "") for r in rows],
                "textposition": "middle right",
                "hovertext": [hovers.figure_value(r) for r in rows],
                "hovertemplate": hovers.TEMPLATE,
            }
        )
        shapes += [
            {"type": "line", "x0": r.value, "x1": r.value_max, "y0": y, "y1": y,
             "line": {"color": colour, "width": 4}}
            for r, y in zip(rows, ys, strict=True)
            if r.value_max is not None and not pd.isna(r.value_max)
        ]  # fmt: skip
    top = ordered["value_max"].fillna(ordered["value"]).max() if not ordered.empty else 1
    layout = _base(max(240, 130 + 34 * len(ordered)), title) | {
        "shapes": shapes,
        "yaxis": {"categoryorder": "array", "categoryarray": labels, "title": None, "gridcolor": "#eee"},
        "xaxis": {
            "title": {"text": " / ".join(esc(u) for u in units)},
            "rangemode": "tozero",
            "range": [0, float(top) * 1.3 if top else 1],
            "gridcolor": "#eee",
            "separatethousands": True,
        },
        "legend": {"orientation": "h", "y": -0.15, "title": None},
    }
    return go.Figure(data=traces, layout=layout)


EVENT_LANE = "Events"


def timeline(
    events: pd.DataFrame,
    positions: pd.DataFrame,
    side_names: Mapping[str, str],
    colours: Mapping[str, str],
    window: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> go.Figure:
    """Events and positions on one time axis: one lane for events, one lane per side (in order).

    `window` is the date range shown at first; zooming out shows everything.
    """
    traces = []
    if not events.empty:
        traces.append(
            {
                "type": "scatter",
                "x": events["day"],
                "y": [EVENT_LANE] * len(events),
                "mode": "markers",
                "name": "Event",
                "marker": {"symbol": "diamond", "size": 12, "color": "#444"},
                "hovertext": hovers.events(events),
                "hovertemplate": hovers.TEMPLATE,
            }
        )
    for side, name in side_names.items():
        group = positions[positions["side"] == side]
        for changed in (False, True):
            part = group[group["changed"] == changed]
            if part.empty:
                continue
            traces.append(
                {
                    "type": "scatter",
                    "x": part["day"],
                    "y": [esc(name, 30)] * len(part),
                    "mode": "markers",
                    "name": esc(name, 30),
                    "legendgroup": side,
                    "showlegend": bool(not changed or group["changed"].all()),
                    "marker": {
                        "size": 12 if changed else 10,
                        "color": colours.get(side, "#7f7f7f"),
                        "symbol": "star" if changed else "circle",
                        "line": {"width": 1, "color": "white"},
                    },
                    "hovertext": hovers.positions(part),
                    "hovertemplate": hovers.TEMPLATE,
                }
            )
    shown_sides = set(positions["side"])
    lanes = [EVENT_LANE, *[esc(name, 30) for side, name in side_names.items() if side in shown_sides]]
    xaxis: dict = {"title": {"text": "Date"}, "gridcolor": "#eee"}
    if window:
        xaxis |= {"range": [pd.Timestamp(w).strftime("%Y-%m-%d") for w in window], "autorange": False}
    layout = _base(max(260, 120 + 48 * len(lanes))) | {
        "yaxis": {"categoryorder": "array", "categoryarray": lanes[::-1], "title": None},
        "xaxis": xaxis,
        "legend": {"orientation": "h", "y": -0.2, "title": None},
    }
    return go.Figure(data=traces, layout=layout)


def trajectory(
    frame: pd.DataFrame, issue: Issue, side_names: Mapping[str, str], colours: Mapping[str, str]
) -> go.Figure:
    """Each side's stance on one issue over time as a step line, on the issue's labelled scale."""
    traces = [
        {
            "type": "scatter",
            "x": group["day"],
            "y": pd.to_numeric(group["stance"], errors="coerce").astype(float),
            "mode": "lines+markers",
            "line": {"shape": "hv", "color": colours.get(side, "#7f7f7f"), "width": 3},
            "marker": {"size": [9 if i else 0 for i in group["id"]]},
            "name": esc(side_names.get(side, side), 30),
            "hovertext": [hovers.step(side_names.get(side, side), r) for r in group.itertuples()],
            "hovertemplate": hovers.TEMPLATE,
        }
        for side, group in frame.groupby("side", sort=False)
    ]
    layout = _base(360, f"{issue.title}: stance over time") | {
        "yaxis": {
            "tickvals": [lv.value for lv in issue.scale],
            "ticktext": [esc(lv.label, 34) for lv in issue.scale],
            "range": [issue.scale[0].value - 0.3, issue.scale[-1].value + 0.3],
            "title": None,
            "gridcolor": "#eee",
        },
        "xaxis": {"title": {"text": "Date"}, "gridcolor": "#eee"},
        "legend": {"orientation": "h", "y": -0.2, "title": None},
    }
    return go.Figure(data=traces, layout=layout)


def compare_dots(
    cells: pd.DataFrame,
    issues: Sequence[Issue],
    side_names: Mapping[str, str],
    colours: Mapping[str, str],
) -> go.Figure:
    """Each side's stance per issue as a dot on 0 (lowest level) – 1 (highest); the bar is the gap.

    Sides sit on slightly offset rows within an issue, so equal stances stay visible.
    """
    row_of = {issue.id: i for i, issue in enumerate(issues)}
    by_id = {i.id: i for i in issues}
    sides = list(side_names)
    offset = {
        s: (k - (len(sides) - 1) / 2) * min(0.14, 0.6 / max(len(sides), 1)) for k, s in enumerate(sides)
    }
    coded = cells[cells["recorded"] & cells["stance"].notna() & cells["issue"].isin(list(row_of))]

    def share(issue: Issue, value: float) -> float:
        return (float(value) - issue.scale[0].value) / (issue.span or 1)

    shapes = []
    for issue in issues:
        stances = coded.loc[coded["issue"] == issue.id, "stance"].astype(float)
        if len(stances) >= 2:
            shapes.append(
                {
                    "type": "line",
                    "x0": share(issue, stances.min()),
                    "x1": share(issue, stances.max()),
                    "y0": row_of[issue.id],
                    "y1": row_of[issue.id],
                    "line": {"color": "#d0d0d0", "width": 10},
                    "layer": "below",
                }
            )
    traces = []
    for side, name in side_names.items():
        rows = coded[coded["side"] == side]
        if rows.empty:
            continue
        traces.append(
            {
                "type": "scatter",
                "x": [share(by_id[i], v) for i, v in zip(rows["issue"], rows["stance"], strict=True)],
                "y": [row_of[i] + offset[side] for i in rows["issue"]],
                "mode": "markers",
                "name": esc(name, 30),
                "marker": {
                    "size": 12,
                    "color": colours.get(side, "#7f7f7f"),
                    "line": {"width": 1, "color": "white"},
                },
                "hovertext": [hovers.dot(name, r) for r in rows.itertuples()],
                "hovertemplate": hovers.TEMPLATE,
            }
        )
    layout = _base(max(260, 120 + 40 * len(issues))) | {
        "shapes": shapes,
        "yaxis": {
            "tickvals": list(range(len(issues))),
            "ticktext": [esc(i.title, 45) for i in issues],
            "range": [len(issues) - 0.5, -0.5],
            "title": None,
            "gridcolor": "#f3f3f3",
            "zeroline": False,
        },
        "xaxis": {
            "range": [-0.05, 1.05],
            "tickvals": [0, 0.25, 0.5, 0.75, 1],
            "ticktext": ["0 lowest level", "0.25", "0.5", "0.75", "1 highest level"],
            "title": {"text": "Position on the issue's scale (share of the scale)"},
            "gridcolor": "#eee",
            "zeroline": False,
        },
        # Above the plot: below it, the legend would sit on the axis title when there are few issues.
        "legend": {"orientation": "h", "x": 0, "y": 1.01, "yanchor": "bottom", "title": None},
    }
    return go.Figure(data=traces, layout=layout)


def agreement_heatmap(matrix: pd.DataFrame, side_names: Mapping[str, str]) -> go.Figure:
    """Sides × sides: mean distance on the issues both have a stance on (0 = agree), with counts."""
    sides = list(side_names)
    cell = matrix.set_index(["a", "b"])
    z, text, hover = [], [], []
    for a in sides:
        z_row, t_row, h_row = [], [], []
        for b in sides:
            d = cell.loc[(a, b), "distance"] if (a, b) in cell.index else float("nan")
            n = int(cell.loc[(a, b), "issues"]) if (a, b) in cell.index else 0
            z_row.append(None if pd.isna(d) else float(d))
            t_row.append("—" if pd.isna(d) else f"{d:.2f}<br>n={n}")
            h_row.append(hovers.pair(side_names[a], side_names[b], d, n))
        z.append(z_row)
        text.append(t_row)
        hover.append(h_row)
    labels = [wrap(esc(side_names[s], 40), 14) for s in sides]
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": labels,
        "y": labels,
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": 12, "color": "#1f2430"},
        "hoverinfo": "skip",
        "colorscale": [[0, "#f7fbff"], [0.5, "#fdd49e"], [1, "#e34a33"]],
        "zmin": 0,
        "zmax": 1,
        "xgap": 2,
        "ygap": 2,
        "colorbar": {"title": {"text": "Distance", "font": {"size": 11}}, "thickness": 12,
                     "tickvals": [0, 0.5, 1], "ticktext": ["0 agree", "0.5", "1 opposite"]},
    }  # fmt: skip
    click = _click_layer(
        labels, labels, [f"{a}|{b}" for a in sides for b in sides], [h for row in hover for h in row]
    )
    layout = (
        _base(max(280, 110 + 70 * len(sides)))
        | CLICKABLE
        | {
            "yaxis": {"autorange": "reversed", "title": None},
            "xaxis": {"side": "top", "title": None},
        }
    )
    return go.Figure(data=[heatmap, click], layout=layout)


def convergence_lines(
    series: pd.DataFrame,
    pair_names: Mapping[tuple[str, str], str],
    events: pd.DataFrame | None = None,
) -> go.Figure:
    """Each pair's distance month by month (lower = closer), with events marked along the bottom."""
    traces = []
    palette = ["#2f5d8a", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"]
    for k, (pair, name) in enumerate(pair_names.items()):
        rows = series[(series["a"] == pair[0]) & (series["b"] == pair[1])]
        if rows.empty:
            continue
        traces.append(
            {
                "type": "scatter",
                "x": rows["month"],
                "y": rows["distance"],
                "mode": "lines+markers",
                "line": {"shape": "hv", "width": 3, "color": palette[k % len(palette)]},
                "marker": {"size": 5},
                "name": esc(name, 60),
                "hovertext": [
                    hovers.pair_month(name, m, d, n)
                    for m, d, n in zip(rows["month"], rows["distance"], rows["issues"], strict=True)
                ],
                "hovertemplate": hovers.TEMPLATE,
            }
        )
    if events is not None and not events.empty:
        traces.append(
            {
                "type": "scatter",
                "x": events["day"],
                "y": [-0.06] * len(events),
                "mode": "markers",
                "name": "Event",
                "marker": {"symbol": "triangle-up", "size": 9, "color": "#555"},
                "hovertext": hovers.events(events, marked=False),
                "hovertemplate": hovers.TEMPLATE,
            }
        )
    layout = _base(420) | {
        "yaxis": {
            "range": [-0.1, 1.02],
            "title": {"text": "Distance (0 = agree, 1 = opposite ends)"},
            "gridcolor": "#eee",
        },
        "xaxis": {"title": {"text": "Month"}, "gridcolor": "#eee"},
        "legend": {"orientation": "h", "y": -0.22, "title": None},
    }
    return go.Figure(data=traces, layout=layout)


def lineage_chart(frame: pd.DataFrame) -> go.Figure:
    """Plan texts on a time axis, one row each, with an arrow from each text to the one it revises."""
    rows = frame.reset_index(drop=True)
    y = {doc: i for i, doc in enumerate(rows["document"])}
    days = {r.document: pd.Timestamp(r.date) for r in rows.itertuples()}
    fig = go.Figure(
        go.Scatter(
            x=list(days.values()),
            y=[y[d] for d in days],
            mode="markers+text",
            marker={
                "size": 16,
                "color": "#2f5d8a",
                "symbol": ["square" if p else "circle" for p in rows["partial"]],
            },
            text=[esc(t, 48) for t in rows["title"]],
            textposition="middle right",
            hovertext=[hovers.plan_text(r) for r in rows.itertuples()],
            hovertemplate=hovers.TEMPLATE,
            showlegend=False,
        )
    )
    for r in rows.itertuples():
        if r.based_on in days:
            fig.add_annotation(
                x=days[r.document], y=y[r.document], ax=days[r.based_on], ay=y[r.based_on],
                xref="x", yref="y", axref="x", ayref="y",
                showarrow=True, arrowhead=3, arrowsize=1.2, arrowwidth=1.5, arrowcolor="#888",
                standoff=9, startstandoff=9, text="",
            )  # fmt: skip
    first, last = min(days.values()), max(days.values())
    pad = max((last - first) / 8, pd.Timedelta(days=3))
    fig.update_xaxes(range=[first - pad, last + (last - first) * 1.2 + pad * 4], title=None, gridcolor="#eee")
    fig.update_yaxes(visible=False, range=[len(rows) - 0.5, -0.5])
    return _layout(fig, height=max(200, 90 + 50 * len(rows)))


CONTEXT_PALETTE = ["#6a3d9a", "#b15928", "#1b9e77", "#e7298a", "#666666", "#a6761d", "#1f78b4", "#e6ab02"]
OVERLAY_COLOUR = "#8a6d3b"


def _context_traces(frame: pd.DataFrame, *, yaxis: str = "y", prefix: str = "", dash: str = "solid") -> list:
    traces = []
    for k, (series, group) in enumerate(frame.groupby("series", sort=False)):
        traces.append(
            go.Scatter(
                x=group["day"],
                y=group["value"].astype(float),
                mode="lines+markers" if len(group) > 1 else "markers",
                name=esc(prefix + series, 60),
                yaxis=yaxis,
                line={"color": CONTEXT_PALETTE[k % len(CONTEXT_PALETTE)], "width": 2, "dash": dash},
                marker={"size": 8, "symbol": "diamond" if yaxis != "y" else "circle"},
                hovertext=[hovers.context(r) for r in group.itertuples()],
                hovertemplate=hovers.TEMPLATE,
            )
        )
    return traces


def _percent(frame: pd.DataFrame) -> bool:
    """Shares of 0–100 (polls, a platform's probabilities): drawn on a full 0–100 axis."""
    units = frame["unit"].str.strip().str.casefold()
    return bool(len(frame)) and units.str.startswith(("percent", "%")).all() and frame["value"].max() <= 100


def context_series(frame: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """One context metric (polls, territory, forecasts) over time: a line with dots per series (who
    measured it, what the label says); the hover gives each value's exact wording, sample and fieldwork."""
    units = list(dict.fromkeys(frame["unit"]))
    layout = _base(380 + 22 * max(0, frame["series"].nunique() - 2), title) | {
        "yaxis": {
            "title": {"text": " / ".join(esc(u, 40) for u in units)},
            "rangemode": "tozero",
            "range": [0, 100] if _percent(frame) else None,
            "gridcolor": "#eee",
            "separatethousands": True,
        },
        "xaxis": {"title": {"text": "Date"}, "gridcolor": "#eee"},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "title": None},
    }
    return go.Figure(data=_context_traces(frame), layout=layout)


def with_overlay(fig: go.Figure, overlay: pd.DataFrame) -> go.Figure:
    """A copy of `fig` with one context series on a secondary y axis (right), dotted, so stances or
    distances can be read against opinion, territory or forecasts; the series names say what it is and
    the page's caption names the metric. An empty overlay leaves `fig` as is."""
    if overlay.empty:
        return fig
    out = go.Figure(fig)
    for trace in _context_traces(overlay, yaxis="y2", prefix="◇ ", dash="dot"):
        out.add_trace(trace)
    units = " / ".join(esc(u, 30) for u in dict.fromkeys(overlay["unit"]))
    # The legend below the plot grows by the overlay's series: the date axis needs no title to make room.
    out.update_xaxes(title=None)
    out.update_layout(
        yaxis2={
            "title": {"text": f"◇ {units}", "font": {"size": 11, "color": OVERLAY_COLOUR}},
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
            "tickfont": {"color": OVERLAY_COLOUR},
            "tickmode": "auto",
            "nticks": 6,
            "separatethousands": True,
            **({"range": [0, 100]} if _percent(overlay) else {}),
        },
        margin={"r": 60},
    )
    return out


RELATION_COLOURS = {"wrote": "#2f5d8a", "co-wrote": "#17becf", "endorsed": "#2ca02c", "rejected": "#d62728"}
RELATION_SYMBOLS = {"wrote": "square", "co-wrote": "square-open", "endorsed": "circle", "rejected": "x"}


def actor_network(ties: pd.DataFrame, actors: Sequence[str]) -> go.Figure:
    """Who stands with whom: one lane per actor, time across. Each text sits on its author's lane at its
    date (■); an edge runs from it to every other actor tied to it, coloured by the tie (co-wrote,
    endorsed, rejected) and ending at the tie's date."""
    lane = {name: k for k, name in enumerate(actors)}
    authors = ties[ties["relation"] == "wrote"].set_index("document")
    fig = go.Figure()
    for relation, colour in RELATION_COLOURS.items():
        part = ties[ties["relation"] == relation]
        if part.empty:
            continue
        xs: list = []
        ys: list = []
        if relation != "wrote":
            for r in part.itertuples():
                if r.document in authors.index:
                    xs += [r.doc_date, r.day, None]
                    ys += [lane[authors.at[r.document, "actor_name"]], lane[r.actor_name], None]
            fig.add_trace(
                go.Scatter(x=xs, y=ys, mode="lines", line={"color": colour, "width": 2}, hoverinfo="skip",
                           showlegend=False, legendgroup=relation, opacity=0.7)
            )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=part["day"],
                y=[lane[n] for n in part["actor_name"]],
                mode="markers",
                name=relation,
                legendgroup=relation,
                marker={"size": 13, "color": colour, "symbol": RELATION_SYMBOLS[relation],
                        "line": {"width": 2, "color": colour}},
                hovertext=[hovers.tie(r, relation) for r in part.itertuples()],
                hovertemplate=hovers.TEMPLATE,
            )
        )  # fmt: skip
    fig.update_yaxes(
        tickvals=list(range(len(actors))),
        ticktext=[esc(a, 28) for a in actors],
        range=[len(actors) - 0.5, -0.5],
        title=None,
        gridcolor="#eee",
        zeroline=False,
    )
    first, last = ties["day"].min(), ties["day"].max()
    pad = max((last - first) / 20, pd.Timedelta(days=7))
    fig.update_xaxes(title="Date", gridcolor="#eee", range=[first - pad, last + pad])
    fig.update_layout(legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "title": None})
    return _layout(fig, height=max(260, 120 + 44 * len(actors)))
