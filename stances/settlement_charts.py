"""Chart builders for the settlement explorer: pure functions returning plotly figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from stances import hover as hovers
from stances.models import Issue
from stances.settlement import RedLine
from stances.text import esc, wrap

FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 13}
PACKAGE_COLOUR = "#1f2430"
OTHER = "#7f7f7f"


def package_dots(
    issues: Sequence[Issue],
    package: Mapping[str, int | None],
    stances: Mapping[str, Mapping[str, int]],
    red_lines: Sequence[RedLine],
    side_names: Mapping[str, str],
    colours: Mapping[str, str],
) -> go.Figure:
    """One row per issue on its scale (0 = lowest level, 1 = highest): the package's level (◆), each side's
    stance (●) and the levels each side's red lines reject (× in the side's colour). An open issue has no ◆
    and says "(open)"."""
    row = {issue.id: k for k, issue in enumerate(issues)}
    by_id = {issue.id: issue for issue in issues}
    sides = list(side_names)
    step = min(0.16, 0.5 / max(len(sides), 1))
    offset = {s: (k - (len(sides) - 1) / 2) * step for k, s in enumerate(sides)}

    def share(issue: str, level: int) -> float:
        scale = by_id[issue]
        return (level - scale.scale[0].value) / (scale.span or 1)

    traces: list[dict] = []

    def trace(points: list[tuple[str, int, float]], name: str, marker: dict, hover: list[str]) -> None:
        traces.append(
            {
                "type": "scatter",
                "x": [share(i, v) for i, v, _ in points],
                "y": [row[i] + dy for i, _, dy in points],
                "mode": "markers",
                "name": name,
                "marker": marker,
                "hovertext": hover,
                "hovertemplate": hovers.TEMPLATE,
            }
        )

    for side in sides:
        name, colour = esc(side_names[side], 30), colours.get(side, OTHER)
        lines = [(r.issue, v, offset[side]) for r in red_lines if r.side == side and r.issue in row
                 for v in sorted(r.rejects)]  # fmt: skip
        if lines:
            hover = [
                hovers.red_line(side_names[side], by_id[i].title, by_id[i].label(v)) for i, v, _ in lines
            ]
            cross = {"symbol": "x-thin", "size": 9, "line": {"width": 2, "color": colour}}
            trace(lines, f"{name}: rejects", cross, hover)
    for side in sides:
        name, colour = esc(side_names[side], 30), colours.get(side, OTHER)
        held = [(i, v, offset[side]) for i, v in stances.get(side, {}).items() if i in row]
        if held:
            hover = [hovers.held(side_names[side], by_id[i].title, by_id[i].label(v)) for i, v, _ in held]
            trace(held, name, {"size": 11, "color": colour, "line": {"width": 1, "color": "white"}}, hover)
    chosen = [(i, v, 0.0) for i, v in package.items() if i in row and v is not None]
    hover = [hovers.held("Package", by_id[i].title, by_id[i].label(v)) for i, v, _ in chosen]
    diamond = {"symbol": "diamond", "size": 15, "color": "rgba(0,0,0,0)",
               "line": {"width": 2.5, "color": PACKAGE_COLOUR}}  # fmt: skip
    trace(chosen, "Package", diamond, hover)
    yaxis = {
        "tickvals": list(range(len(issues))),
        "ticktext": [
            wrap(esc(i.title, 40) + ("" if package.get(i.id) is not None else " (open)"), 24) for i in issues
        ],
        "range": [len(issues) - 0.5, -0.5],
        "title": None,
        "gridcolor": "#f0f0f0",
        "zeroline": False,
    }
    xaxis = {
        "range": [-0.06, 1.06],
        "tickvals": [0, 0.5, 1],
        "ticktext": ["lowest", "middle", "highest"],
        "title": {"text": "Level on the issue's scale"},
        "gridcolor": "#eee",
        "zeroline": False,
    }
    layout = {
        "height": max(280, 150 + 38 * len(issues)),
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "font": FONT,
        "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "title": None},
        "hoverlabel": hovers.LABEL,
        "plot_bgcolor": "white",
        "yaxis": yaxis,
        "xaxis": xaxis,
    }
    # One call with the whole figure: far cheaper than adding traces and updating the layout in steps.
    return go.Figure(data=traces, layout=layout)
