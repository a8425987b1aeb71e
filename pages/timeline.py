import pandas as pd
import streamlit as st

from stances import analysis, charts, urlstate, views
from stances.ui import display, filters, frame, overlay

ctx = frame.page()
data, f = ctx.data, ctx.filters
st.title("Timeline")
st.caption(
    f"Events and positions up to {f.as_of} on one time axis (★ = the position changed that side's "
    "stance on the issue), then one issue's stances over time as step lines."
)
events = ctx.memo(views.events, ctx.tables, f)
moves = ctx.memo(views.timeline_positions, ctx.tables, data, f)
period = (
    filters.select("Chart period", views.PERIODS, urlstate.PERIOD, widget=st.segmented_control, default="18m")
    or "18m"  # a segmented control can be cleared
)
start = views.period_start(period, f.as_of)
shown_events, shown_moves = (
    (ctx.memo(views.since, x, start) for x in (events, moves)) if start else (events, moves)
)
window = (start, pd.Timestamp(f.as_of) + pd.DateOffset(days=20)) if start else None
names = ctx.side_names(f.sides)
chart = ctx.memo(charts.timeline, shown_events, shown_moves, names, ctx.colours(), window)
st.plotly_chart(chart, key="timeline")
st.caption(
    f"The {views.PERIODS[period]} to the as-of date; drag to pan, double-click to fit. The tables "
    "below list every event and position."
    if start
    else "Every event and position up to the as-of date."
)

issue_ids = views.issue_ids(data, f)
if issue_ids:
    titles = {i: data.issues[i].title for i in issue_ids}
    left, right = st.columns(2)
    with left:
        chosen = filters.select("Stance over time on", titles, urlstate.TRAJECTORY)
    with right:
        shown_overlay = overlay.choose(ctx)
    path = ctx.memo(analysis.trajectory, ctx.tables.evidence, chosen, f.sides, f.as_of)
    if path.empty:
        st.info("No coded stance on this issue for the chosen sides.")
    else:
        fig = ctx.memo(charts.trajectory, path, data.issues[chosen], ctx.side_names(f.sides), ctx.colours())
        overlay.draw(ctx, fig, shown_overlay, "trajectory-chart")

events_tab, positions_tab = st.tabs([f"Events ({len(events)})", f"Positions ({len(moves)})"])
with events_tab:
    display.table(
        ctx.memo(views.with_source, events),
        {
            "date": "Date",
            "title": st.column_config.TextColumn("Event", width="large"),
            "kind": "Kind",
            "location": "Where",
            "contested": st.column_config.CheckboxColumn("⚑"),
            "contested_note": "Contested",
            "source": display.LINK("Source", display_text="open"),
            "source_titles": st.column_config.ListColumn("Source titles"),
        },
    )
    display.downloads(ctx, events, "timeline-events")
with positions_tab:
    newest = ctx.memo(views.newest_first, moves)
    display.table(
        newest,
        {
            "date": "Date",
            "side_name": "Side",
            "issue_title": "Issue",
            "kind": "Kind",
            "stance_label": "Stance",
            "changed": st.column_config.CheckboxColumn("Changed"),
            "summary": st.column_config.TextColumn("Summary", width="large"),
            "first_url": display.LINK("Source", display_text="open"),
            "source_titles": st.column_config.ListColumn("Source titles"),
        },
    )
    display.downloads(ctx, newest, "timeline-positions")
