import streamlit as st

from stances import chart_views, text, views
from stances.ui import brief as ui_brief
from stances.ui import display, frame

ctx = frame.page()
data, f = ctx.data, ctx.filters
st.title(ctx.settings.title)
st.caption(
    f"Where the sides stand on {len(data.issues)} issues as of {f.as_of}, the key numbers, and what "
    f"changed most recently. Data version {display.md(data.dataset.version)}, current to "
    f"{display.md(data.dataset.as_of)}."
)
ui_brief.download(ctx)

a, b, c, d = st.columns(4)
a.metric("As of", f.as_of.isoformat())
b.metric("Positions on record", len(ctx.view(views.positions, f)))
c.metric("Sides shown", len(f.sides))
d.metric("Sources", len(data.sources))

st.subheader("Key numbers")
tiles = st.columns(max(1, len(ctx.settings.headline_metrics)))
for column, metric_id in zip(tiles, ctx.settings.headline_metrics, strict=False):
    values = ctx.view(views.figures, as_of=f.as_of, metrics=(metric_id,)).sort_values("day", kind="stable")
    if metric_id not in data.metrics or values.empty:
        continue
    latest = values.iloc[-1]
    column.metric(
        display.md(data.metrics[metric_id].title),
        display.md(text.amount(latest["value"], latest["value_max"], latest["unit"])),
        help=display.md(
            f"{latest['label']} ({latest['basis']}, {latest['date']}). "
            f"Source: {'; '.join(latest['source_titles'])}"
        ),
    )
    column.caption(f"Latest: {display.md(latest['label'])}, {display.md(latest['date'])}")
if ctx.settings.headline_metrics and ctx.settings.headline_metrics[0] in data.metrics:
    first = ctx.settings.headline_metrics[0]
    if not ctx.view(views.figures, as_of=f.as_of, metrics=(first,)).empty:
        st.plotly_chart(
            ctx.view(chart_views.headline, first, ctx.colours(), as_of=f.as_of), key="overview-headline"
        )
        st.caption(f"{display.md(data.metrics[first].description)} Sources under Key figures.")

st.subheader("Latest stance changes")
st.caption(
    "A withdrawn level counts as a change. A return to a level the side held within the last "
    f"{f.restated_days} days is a restatement, not a change: What changed lists those."
)
changes = ctx.view(views.changes, f, ctx.settings.latest_changes)
if changes.empty:
    st.info("No stance changes on record for this selection.")
else:
    display.table(
        changes,
        {
            "date": "Date",
            "side_name": "Side",
            "issue_title": "Issue",
            "change": "Change",
            "label_before": "From",
            "stance_label": "To",
            "summary": st.column_config.TextColumn("What was said", width="large"),
            "first_url": display.LINK("Source", display_text="open"),
        },
    )
    display.downloads(ctx, changes, "latest-stance-changes")

st.subheader("Stance matrix")
if not f.sides:
    st.info("Choose at least one side in the sidebar.")
else:
    every_issue = views.issue_ids(data, f)
    issue_ids = every_issue[: ctx.settings.page_size]
    fig = ctx.view(chart_views.matrix, f, issue_ids, ctx.settings.stance_colours, compact=True)
    with st.container(key="wide-overview-matrix"):
        st.plotly_chart(fig, key="overview-matrix")
    display.cards(ctx.view(views.cards, f, issue_ids), "overview-matrix")
    st.caption(
        "Hover a cell for the position and its source; ⚑ marks a contested record; under each level the "
        f"date of its evidence, ◷ when older than {f.stale_days} days, ◌ when thinly sourced. "
        "Details on the Stance matrix page."
        + (
            f" The first {len(issue_ids)} of {len(every_issue)} issues: the Stance matrix pages through all."
            if len(issue_ids) < len(every_issue)
            else ""
        )
    )
