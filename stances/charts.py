"""Chart builders: pure functions from tables to plotly figures (no Streamlit here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from stances.models import Issue
from stances.tables import STRENGTHS as STRENGTH_WORDS
from stances.text import esc, present, wrap

FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 13}
MISSING = "no recorded position"


def _base(height: int, title: str | None = None) -> dict:
    """The layout every chart shares, as a dict: a figure built in one call from its traces and layout
    costs a fraction of one built by `add_trace` and `update_layout` calls (each checks the whole path)."""
    return {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
        "font": FONT,
        "title": {"text": esc(title), "x": 0} if title else None,
        "hoverlabel": {"align": "left", "font": {"size": 12}},
        "plot_bgcolor": "white",
    }


def _layout(fig: go.Figure, *, height: int, title: str | None = None) -> go.Figure:
    fig.update_layout(_base(height, title))
    return fig


def _cell_hover(row: Mapping) -> str:
    if not row.get("recorded"):
        return f"<b>{esc(row['side_name'])}</b> · {esc(row['issue_title'])}<br>{MISSING}"
    coded = present(row.get("stance_label"))
    parts = [
        f"<b>{esc(row['side_name'])}</b> · {esc(row['issue_title'])}",
        f"<b>{esc(row['stance_label'] if coded else 'stance not coded')}</b>"
        f" ({esc(row['kind'])}, {esc(row['date'])})",
    ]
    if coded and present(row.get("level_definition")) and row["level_definition"] != row["stance_label"]:
        parts.append(wrap("Level: " + esc(row["level_definition"], 300)))
    if present(row.get("stance_note")):
        parts.append(wrap("Why this level: " + esc(row["stance_note"], 300)))
    parts.append(wrap(esc(row["summary"], 400)))
    if present(row.get("speaker_name")):
        parts.append(f"Speaker: {esc(row['speaker_name'])}")
    if present(row.get("quote")):
        parts.append(wrap(f"“{esc(row['quote'], 240)}”"))
    if row.get("contested"):
        parts.append(wrap("⚑ Contested: " + esc(row["contested_note"], 240)))
    if row.get("state") in ("coded", "withdrawn"):
        age = row.get("age_days")
        parts.append(
            f"Evidence of {esc(row['level_date'])}"
            + (f" ({int(age)} days before the as-of date)" if present(age) else "")
            + (" · ◷ old evidence" if row.get("stale") else "")
        )
        parts.append(f"Sources: {esc(STRENGTH_WORDS.get(row.get('strength'), ''))}")
    newer = row.get("newer_uncoded") or 0
    if newer:
        parts.append(f"+ {int(newer)} newer statement(s) without a level (see the detail table)")
    parts.append(wrap("Source: " + esc("; ".join(row["source_titles"]), 200)))
    return "<br>".join(parts)


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
        "hovertemplate": "%{hovertext}<extra></extra>",
        "mode": "markers",
        "marker": {"symbol": "square", "size": 40, "color": "rgba(0,0,0,0)"},
        "showlegend": False,
    }


CLICKABLE = {"clickmode": "event+select", "dragmode": False}


# What a matrix cell's label and hover read (`_cell_hover`, `_evidence_line`, `stance_matrix`).
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
            hover_row.append(_cell_hover(row))
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
        "hovertemplate": "%{hovertext}<extra></extra>",
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
                "hovertext": [_dots_hover(r) for r in rows],
                "hovertemplate": "%{hovertext}<extra></extra>",
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


def _dots_hover(r) -> str:
    return "<br>".join(
        [
            f"<b>{esc(r.label)}</b>",
            f"{number(r.value, r.value_max)} {esc(r.unit)} · {esc(r.basis)} · {esc(r.date)}",
            *([wrap(esc(r.note))] if r.note else []),
            *([wrap("⚑ Contested: " + esc(r.contested_note, 240))] if r.contested else []),
            wrap("Source: " + esc("; ".join(r.source_titles), 200)),
        ]
    )


def number(value: float, value_max: float | None = None) -> str:
    def one(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")

    if value_max is not None and not pd.isna(value_max):
        return f"{one(value)}–{one(value_max)}"
    return one(value)


_CURRENCY = {"USD": "$", "EUR": "€", "GBP": "£"}
_SCALE = {"billion": "bn", "million": "m", "trillion": "tn"}


def amount(value: float, value_max: float | None, unit: str) -> str:
    """A value with its unit, short: 'USD billion' → '$15–15.5 bn', 'troops' → '800,000 troops'."""
    parts = unit.split()
    if len(parts) == 2 and parts[0] in _CURRENCY and parts[1] in _SCALE:
        return f"{_CURRENCY[parts[0]]}{number(value, value_max)} {_SCALE[parts[1]]}"
    if unit == "percent":
        return f"{number(value, value_max)}%"
    return f"{number(value, value_max)} {unit}"


EVENT_LANE = "Events"


def _position_hover(group: pd.DataFrame) -> np.ndarray:
    """Hover text for many positions at once, from the text the tables prepared."""
    note = np.where(group["changed"].to_numpy(dtype=bool), "<br>★ changed the side's stance", "")
    return np.char.add(group["hover"].to_numpy(dtype=str), note)


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
                "hovertext": events["hover"].to_numpy(dtype=object),
                "hovertemplate": "%{hovertext}<extra></extra>",
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
                    "hovertext": _position_hover(part),
                    "hovertemplate": "%{hovertext}<extra></extra>",
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
            "hovertext": [
                f"<b>{esc(side_names.get(side, side))}</b> · {esc(r.date)}<br>"
                f"{esc(r.stance_label)}<br>{wrap(esc(r.summary))}"
                for r in group.itertuples()
            ],
            "hovertemplate": "%{hovertext}<extra></extra>",
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


def _dot_hover(name: str, row) -> str:
    text = f"<b>{esc(name)}</b> · {esc(row.issue_title)}<br>{esc(row.stance_label)} ({esc(row.date)})"
    if present(row.level_definition):
        text += "<br>" + wrap("Level: " + esc(row.level_definition, 300))
    return text


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
                "hovertext": [_dot_hover(name, r) for r in rows.itertuples()],
                "hovertemplate": "%{hovertext}<extra></extra>",
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
            h_row.append(
                f"<b>{esc(side_names[a])} ↔ {esc(side_names[b])}</b><br>"
                + ("no issue in common" if pd.isna(d) else f"distance {d:.2f} over {n} issue(s)")
            )
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
                    f"<b>{esc(name)}</b><br>{m:%Y-%m}: distance {d:.2f} over {n} issue(s)"
                    for m, d, n in zip(rows["month"], rows["distance"], rows["issues"], strict=True)
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
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
                "hovertext": [
                    f"<b>{esc(r.date)}</b> · {esc(r.kind)}<br>{wrap(esc(r.title))}"
                    for r in events.itertuples()
                ],
                "hovertemplate": "%{hovertext}<extra></extra>",
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
            hovertext=[
                f"<b>{esc(r.title)}</b><br>{esc(r.date)} · {esc(r.author)} · {r.points} points"
                + (" (known in part)" if r.partial else "")
                + (f"<br>based on: {esc(r.based_on_title)}" if r.based_on_title else "")
                for r in rows.itertuples()
            ],
            hovertemplate="%{hovertext}<extra></extra>",
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


def context_hover(row) -> str:
    """A context value in words: the number, who measured it, the exact wording, sample and fieldwork,
    and the source; a forecast is the platform's number, never ours."""
    parts = [
        f"<b>{esc(row.series)}</b>",
        f"{amount(row.value, row.value_max, row.unit)} · {esc(row.date)}"
        + (" · the platform's number" if row.kind == "forecast" else ""),
    ]
    if present(row.question):
        parts.append(
            wrap(
                ("Resolves: " if row.kind == "forecast" else "Question: ")
                + "“"
                + esc(row.question, 400)
                + "”"
            )
        )
    details = [
        *([f"by {esc(row.by)}"] if present(row.by) else []),
        *([f"n = {int(row.sample):,}"] if present(row.sample) else []),
        *([f"fieldwork {esc(row.fieldwork)}"] if present(row.fieldwork) else []),
    ]
    if details:
        parts.append(" · ".join(details))
    if present(row.note):
        parts.append(wrap(esc(row.note)))
    if row.contested:
        parts.append(wrap("⚑ Contested: " + esc(row.contested_note, 240)))
    parts.append(wrap("Source: " + esc("; ".join(row.source_titles), 200)))
    return "<br>".join(parts)


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
                hovertext=[context_hover(r) for r in group.itertuples()],
                hovertemplate="%{hovertext}<extra></extra>",
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
                hovertext=[
                    f"<b>{esc(r.actor_name)}</b> {relation} <b>{esc(r.title)}</b><br>{esc(r.date)}"
                    + "<br>" + wrap("Source: " + esc("; ".join(r.sources), 200))
                    for r in part.itertuples()
                ],
                hovertemplate="%{hovertext}<extra></extra>",
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
