import pandas as pd
import streamlit as st

from stances import analysis, charts, urlstate, views
from stances.ui import evidence as ui_evidence
from stances.ui import filters, frame, render

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

weights_text = st.text_input(
    "Issue weights (optional)",
    key=urlstate.WEIGHTS,
    bind="query-params",
    placeholder="army-size:2, nato-membership:3",
    help="issue-id:weight pairs, separated by commas. Unnamed issues weigh 1; 0 leaves an issue out. "
    "Issue ids: " + ", ".join(issue_ids),
)
weights, ignored = urlstate.parse_weights(weights_text or "", issue_ids)
if ignored:
    render.notice(f"Ignored issue weights: {', '.join(ignored)} — write issue-id:number, e.g. army-size:2.")
spans = {i: data.issues[i].span for i in issue_ids}
held = views.held(ctx.tables, data, f)

st.subheader("Who is close to whom")
agreement = analysis.agreement_matrix(held, sides, spans, weights)
clicked = st.plotly_chart(
    charts.agreement_heatmap(agreement, ctx.side_names(sides)), key="agreement", on_select="rerun",
    selection_mode="points",
)  # fmt: skip
st.caption(
    "n = the number of issues both sides have a coded stance on; averages over few issues say little. "
    "Click a cell for the evidence behind it."
    + (f" Weighted: {', '.join(f'{k} ×{v:g}' for k, v in weights.items())}." if weights else "")
)

st.subheader("Is the gap closing?")
all_pairs = views.pairs_of(sides)
labels = {f"{a}|{b}": views.pair_label(data, a, b) for a, b in all_pairs}
known = {f"{a.name} ↔ {b.name}" for a in data.actors.values() for b in data.actors.values()}
chosen = filters.multiselect(
    "Pairs",
    labels,
    urlstate.PAIR,
    default=list(labels)[: min(3, len(labels))],
    quiet=known - set(labels.values()),
)
pairs = [tuple(key.split("|")) for key in chosen]
if pairs:
    series = analysis.convergence(ctx.tables.evidence, pairs, spans, f.as_of, weights)
    marked = views.events(ctx.tables, f)
    marked = marked[marked["kind"].isin(["talks", "proposal", "agreement"])]
    first = series["month"].min() if not series.empty else pd.Timestamp(f.as_of)
    fig = charts.convergence_lines(
        series, {p: views.pair_label(data, *p) for p in pairs}, marked[marked["day"] >= first]
    )
    st.plotly_chart(fig, key="convergence")
    st.caption(
        "Month-end distances with each side's latest stance carried forward; "
        "▲ = talks, proposals, agreements."
    )

st.subheader("Where they agree, are close, or far apart")
detail = analysis.pair_distances(held, pairs or all_pairs, spans, weights)
summary = views.pair_summary(data, detail)
render.table(
    summary,
    {"pair": "Pair"}
    | {w: st.column_config.NumberColumn(w.capitalize(), help=f"Issues on which the two sides {w}") for w in
       ("agree", "close", "far apart")}
    | {"not comparable": st.column_config.NumberColumn("Not comparable", help="One side has no coded stance")}
    | {f"{w}: issues": st.column_config.TextColumn(f"{w.capitalize()}: issues", width="medium")
       for w in ("agree", "close", "far apart")},
)  # fmt: skip
st.caption("For the pairs chosen above: 0 = agree, up to 0.25 of the scale = close, more = far apart.")

st.subheader("The evidence behind every number")
pair = ui_evidence.point_value(clicked.selection.points if clicked else [])
if pair and pair.split("|")[0] != pair.split("|")[1]:
    a, b = pair.split("|")
    detail = analysis.pair_distances(held, [(a, b)], spans, weights)
    st.caption(f"Showing {render.md(views.pair_label(data, a, b))}, the heatmap cell you clicked.")
evidence = views.distance_evidence(ctx.tables, data, detail)
row = render.table(
    evidence,
    {
        "pair": "Pair",
        "issue_title": "Issue",
        "label_a": "First side's stance",
        "label_b": "Second side's stance",
        "distance": st.column_config.NumberColumn("Distance", format="%.2f"),
        "weight": st.column_config.NumberColumn("Weight", format="%g"),
        "summary_a": st.column_config.TextColumn("Position (first)", width="medium"),
        "summary_b": st.column_config.TextColumn("Position (second)", width="medium"),
        "date_a": "Date (first)",
        "date_b": "Date (second)",
        "sources_a": st.column_config.ListColumn("Sources (first)"),
        "sources_b": st.column_config.ListColumn("Sources (second)"),
    },
    key="distance-evidence",
)
chosen_row = evidence.iloc[row] if row is not None else None
pick = f"{chosen_row['a']}:{chosen_row['issue']}" if chosen_row is not None else None
picked = ui_evidence.chosen(ctx, {"distance-evidence": pick})
if picked and chosen_row is not None:
    left, right = st.columns(2)
    with left:
        ui_evidence.panel(ctx, chosen_row["a"], chosen_row["issue"])
    with right:
        ui_evidence.panel(ctx, chosen_row["b"], chosen_row["issue"])
elif picked:
    ui_evidence.panel(ctx, *picked)
render.downloads(ctx, evidence.drop(columns=["position_a", "position_b"]), "distances")

st.subheader("Numeric gaps between proposals")
metric_titles = {m.id: m.title for m in data.metrics.values()}
metric = filters.select("Metric", metric_titles, urlstate.METRIC_GAP)
numbers = analysis.numeric_gaps(views.figures(ctx.tables, f.as_of), metric)
if numbers.empty:
    st.info("No proposals on record for this metric.")
else:
    numbers = numbers[numbers["gap"] > 0].sort_values(["date_b", "gap"], ascending=[False, True])
    render.table(
        numbers,
        {
            "a": "Lower proposal",
            "value_a": st.column_config.NumberColumn("Value", format="localized"),
            "b": "Higher proposal",
            "value_b": st.column_config.NumberColumn("Value ", format="localized"),
            "unit": "Unit",
            "gap": st.column_config.NumberColumn("Gap", format="localized"),
            "share": st.column_config.NumberColumn("Gap / higher", format="percent"),
            "sources": st.column_config.ListColumn("Sources", width="large"),
        },
    )
    render.downloads(ctx, numbers, f"gaps-{metric}")
