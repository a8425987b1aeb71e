import streamlit as st

from stances import chart_views, urlstate, views
from stances.ui import display, filters, frame

METRICS_PER_PAGE = 3  # each metric draws one chart per unit, and each chart is redrawn on a new filter
CONTEXT_COLUMNS = {
    "by": "Measured by",
    "question": st.column_config.TextColumn("Question / resolution wording", width="large"),
    "sample": st.column_config.NumberColumn("Sample", format="localized"),
    "fieldwork": "Fieldwork",
}
ctx = frame.page()
data, f = ctx.data, ctx.filters
st.title("Key figures")
st.caption(
    f"The numbers under negotiation, as proposed, pledged or measured, dated on or before {f.as_of}, for "
    "the sides chosen in the sidebar: one chart per metric with its unit, the basis of each value and its "
    "source. "
    "◆ = actual, ● = proposed or pledged. Context — public opinion, territory and forecasts — is drawn "
    "over time with each value's exact question or resolution wording, who measured it, sample and "
    "fieldwork; a forecast is the platform's number, never ours."
)
titles = {m.id: m.title for m in data.metrics.values()}
chosen = filters.multiselect("Metrics", titles, urlstate.METRIC, placeholder="All metrics")
shown, notes = ctx.view(views.key_figures, f, chosen)
for note in notes:
    st.caption(display.md(note))
if shown.empty:
    st.info("No figures on record for this selection and date.")
    st.stop()

present = set(shown["metric"].unique())
metric_ids = filters.page_of([m for m in titles if m in present], METRICS_PER_PAGE, urlstate.ROWS, "metrics")
for metric_id in metric_ids:
    metric = data.metrics[metric_id]
    values = ctx.view(views.metric_values, f, chosen, metric_id)
    context = metric.kind in views.CONTEXT_KINDS
    st.subheader(display.md(metric.title))
    kind = f"{views.KIND_WORDS[metric.kind].capitalize()}. " if context else ""
    st.caption(display.md(kind + metric.description))
    chart_tab, table_tab = st.tabs(["Chart", "Table"])
    with chart_tab:
        for unit in dict.fromkeys(values["unit"]):
            chart = ctx.view(chart_views.metric, f, chosen, metric_id, unit, ctx.colours())
            st.plotly_chart(chart, key=f"figure-{metric_id}-{unit}")
        if context:
            st.caption("Hover a point for its exact wording, who measured it, sample, fieldwork and source.")
    with table_tab:
        display.table(
            values,
            {
                "label": "Who / where",
                **(CONTEXT_COLUMNS if context else {}),
                "value": st.column_config.NumberColumn("Value", format="localized"),
                "value_max": st.column_config.NumberColumn("Up to", format="localized"),
                "unit": "Unit",
                "basis": "Basis",
                "date": "Date",
                "side_name": "Side",
                "note": st.column_config.TextColumn("Note", width="medium"),
                "contested": st.column_config.CheckboxColumn("⚑"),
                "source": display.LINK("Source", display_text="open"),
                "source_titles": st.column_config.ListColumn("Source titles"),
            },
        )
    sources, contested = views.figure_notes(values)
    st.caption("Sources: " + display.md("; ".join(sources)))
    for label, note in contested:
        st.warning(f"⚑ Contested — {display.md(label)}: {display.md(note)}")

st.subheader("All values shown")
display.downloads(ctx, shown, "key-figures")
