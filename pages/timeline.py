import streamlit as st

from stances import chart_views, urlstate, views
from stances.ui import display, filters, frame, overlay

ctx = frame.page()
data, f = ctx.data, ctx.filters
st.title("Timeline")
st.caption(
    f"Events and positions up to {f.as_of} on one time axis (★ = the position changed that side's "
    "stance on the issue), then one issue's stances over time as step lines."
)
events = ctx.view(views.events, as_of=f.as_of)
moves = ctx.view(views.timeline_positions, f)
period = (
    filters.select("Chart period", views.PERIODS, urlstate.PERIOD, widget=st.segmented_control, default="18m")
    or "18m"  # a segmented control can be cleared
)
st.plotly_chart(ctx.view(chart_views.timeline, f, period, ctx.colours()), key="timeline")
st.caption(
    f"The {views.PERIODS[period]} to the as-of date; drag to pan, double-click to fit. The tables "
    "below list every event and position."
    if period != "all"
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
    if ctx.view(views.trajectory, f, chosen).empty:
        st.info("No coded stance on this issue for the chosen sides.")
    else:
        recipe = (f, chosen, ctx.colours())
        overlay.draw(ctx, chart_views.trajectory, recipe, shown_overlay, "trajectory-chart")

events_tab, positions_tab = st.tabs([f"Events ({len(events)})", f"Positions ({len(moves)})"])
with events_tab:
    display.table(
        ctx.view(views.events, as_of=f.as_of, with_source=True),
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
    newest = ctx.view(views.timeline_positions, f, newest_first=True)
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
