import streamlit as st

from stances import views
from stances.ui import brief as ui_brief
from stances.ui import changes as ui
from stances.ui import display, frame

ctx = frame.page()
data, f = ctx.data, ctx.filters
st.title("What changed")
st.caption(
    "Every stance that moved between two dates for the sides and issues in the sidebar, with the words, date "
    "and source behind the new stance, and the figures and events dated in between. The sidebar's as-of date "
    "does not apply here: the two dates below set the interval."
)
since, until = ui.interval(ctx)
moved = ctx.view(views.stance_changes, f, since=since, until=until)
restated = ctx.view(views.restatements, f, since=since, until=until)
figs = ctx.view(views.new_figures, f.sides, since=since, until=until)
events = ctx.view(views.new_events, since=since, until=until)
a, b, c = st.columns(3)
a.metric("Stances that changed", len(moved))
b.metric("New figures", len(figs))
c.metric("New events", len(events))
ui_brief.download(ctx, since, until)
link = display.LINK("Source", display_text="open")

st.subheader("Stances that changed")
st.caption(
    f"Each side's stance at the end of {since} against its stance at the end of {until}. A withdrawn "
    "level is a change (the side said its earlier terms no longer hold); 'restated' means the level "
    f"returned to was one the side held within the previous {f.restated_days} days."
)
if moved.empty:
    st.info("No side in view changed its stance on an issue in view between these dates.")
else:
    display.table(
        moved,
        {
            "side_name": "Side",
            "issue_title": "Issue",
            "change": "Change",
            "label_before": "From",
            "stance_label": "To",
            "date": "Date",
            "kind": "Kind",
            "speaker_name": "Speaker",
            "summary": st.column_config.TextColumn("What was said", width="large"),
            "quote": st.column_config.TextColumn("Quote", width="medium"),
            "first_url": link,
        },
    )
    display.downloads(ctx, moved, f"stance-changes-{since}-to-{until}")

st.subheader("Restated, not changed")
st.caption(
    f"Statements that returned a side to a level it held within the previous {f.restated_days} days "
    "(speakers alternating between two levels). They are not counted as changes of stance."
)
if restated.empty:
    st.info("No side in view restated an earlier level between these dates.")
else:
    display.table(
        restated,
        {"date": "Date", "side_name": "Side", "issue_title": "Issue", "label_before": "From",
         "stance_label": "Back to", "summary": st.column_config.TextColumn("What was said", width="large"),
         "first_url": link},
    )  # fmt: skip
    display.downloads(ctx, restated, f"restated-{since}-to-{until}")

st.subheader("New figures")
if figs.empty:
    st.info("No figures of the sides in view are dated between these dates.")
else:
    display.table(
        figs,
        {"date": "Date", "metric_title": "Metric", "label": "Who / which text", "basis": "Basis",
         "value": st.column_config.NumberColumn("Value", format="localized"), "unit": "Unit",
         "first_url": link},
    )  # fmt: skip
    display.downloads(ctx, figs, f"new-figures-{since}-to-{until}")

st.subheader("New events")
if events.empty:
    st.info("No events are dated between these dates.")
else:
    display.table(
        events,
        {"date": "Date", "title": st.column_config.TextColumn("Event", width="large"), "kind": "Kind",
         "location": "Where", "first_url": link},
    )  # fmt: skip
    display.downloads(ctx, events, f"new-events-{since}-to-{until}")
