"""The optional context overlay (`overlay=<metric title>`) on the Timeline and How far apart charts."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from stances import chart_views, urlstate, views
from stances.ui import display, filters
from stances.ui.context import Context


def choose(ctx: Context) -> str | None:
    """The context metric to overlay, bound to the link (`overlay`); None when there is none or no choice."""
    options = views.context_metrics(ctx.data)
    if not options:
        return None
    return filters.select(
        "Overlay a context series",
        options,
        urlstate.OVERLAY,
        index=None,
        placeholder="No overlay",
        help="Public opinion, territory or a forecasting platform's numbers on a second axis (right), so "
        "stances can be read against them. Each value's exact wording is in its hover and on Key figures.",
    )


def draw(
    ctx: Context, base: Callable[..., go.Figure], recipe: tuple, metric: str | None, chart_key: str
) -> None:
    """Show the figure `base` builds from `recipe`, with the chosen context series on its right-hand axis,
    and say what the overlay is."""
    if metric is None:
        st.plotly_chart(ctx.view(base, *recipe), key=chart_key)
        return
    values = ctx.view(views.context_values, metric, as_of=ctx.as_of)
    title = ctx.data.metrics[metric].title
    st.plotly_chart(ctx.view(chart_views.overlaid, base, recipe, metric, as_of=ctx.as_of), key=chart_key)
    if values.empty:
        st.caption(f"No values of {display.md(title)} on or before {ctx.as_of}.")
    else:
        kind = views.KIND_WORDS.get(ctx.data.metrics[metric].kind, "")
        st.caption(
            f"◇ dotted, right-hand axis: {display.md(title)} ({kind}), as measured or priced by "
            f"{display.md(', '.join(dict.fromkeys(values['by'])) or 'the source')}; not our estimate. "
            "Hover a point for its exact wording, sample, fieldwork and source."
        )
