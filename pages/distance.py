import streamlit as st

from stances import chart_views, views
from stances.ui import display, distance, filters, frame
from stances.ui import evidence as ui_evidence

ctx = frame.page()
data, f = ctx.data, ctx.filters
st.title("How far apart")
st.caption(
    f"Distances between the sides as of {f.as_of}: 0 = the same level on an issue's scale, 1 = opposite "
    "ends, averaged over the issues both sides have a coded stance on. Every number is traced to its "
    "positions and sources below; see Sources & data for the method and its limits."
)
issue_ids = views.issue_ids(data, f)
sides = list(f.sides)
if len(sides) < 2 or not issue_ids:
    st.info("Choose at least two sides and one issue in the sidebar.")
    st.stop()
weights = filters.weights(issue_ids, {i: data.issues[i].title for i in issue_ids})

st.subheader("Who is close to whom")
heatmap = ctx.view(chart_views.agreement, f, weights)
clicked = st.plotly_chart(heatmap, key="agreement", on_select="rerun", selection_mode="points")
st.caption(
    "n = the number of issues both sides have a coded stance on; averages over few issues say little. "
    "Click a cell for the evidence behind it."
    + (f" Weighted: {', '.join(f'{k} ×{v:g}' for k, v in weights.items())}." if weights else "")
)

st.subheader("Is the gap closing?")
pairs = distance.pairs(ctx, sides)
if pairs:
    distance.convergence(ctx, pairs, weights)

st.subheader("Where they agree, are close, or far apart")
pairs = pairs or views.pairs_of(sides)
display.table(ctx.view(views.pair_summary, f, pairs, weights), distance.SUMMARY_COLUMNS)
st.caption("For the pairs chosen above: 0 = agree, up to 0.25 of the scale = close, more = far apart.")

st.subheader("The evidence behind every number")
clicked_pair = ui_evidence.point_value(clicked.selection.points if clicked else [])
distance.evidence(ctx, pairs, clicked_pair, weights)

st.subheader("Numeric gaps between proposals")
distance.numeric_gaps(ctx)
