import streamlit as st

from stances import charts, urlstate, views
from stances.ui import filters, frame, render

ctx = frame.page()
data, f = ctx.data, ctx.filters
st.title("Stance matrix")
st.caption(
    f"Each cell is the stance a side holds on an issue on {f.as_of}: its latest position with a level on "
    "the issue's scale, or the point of a plan text it wrote or endorsed, whichever is newer. Newer "
    "statements without a level are counted, not shown as a change. A person's statement counts for the "
    "side they speak for. ⚑ marks a contested record; — means no recorded position."
)
if not f.sides:
    st.info("Choose at least one side in the sidebar.")
    st.stop()
issue_ids = views.issue_ids(data, f)
if not issue_ids:
    st.info("No issue matches the chosen issues and categories.")
    st.stop()

cells = views.matrix_cells(ctx.tables, data, f)
shown_ids = filters.page_of(issue_ids, ctx.settings.page_size, urlstate.ROWS)
fig = charts.stance_matrix(
    cells[cells["issue"].isin(shown_ids)],
    [data.issues[i] for i in shown_ids],
    ctx.side_names(f.sides),
    ctx.settings.stance_colours,
)
st.plotly_chart(fig, key="matrix")

recorded = int(cells["recorded"].sum())
st.markdown(
    f"**{recorded} of {len(cells)} cells** have a recorded position; "
    f"{int(cells['contested'].fillna(False).astype(bool).sum())} are contested."
)

st.subheader("Cells in detail")
shown = cells[views.MATRIX_EXPORT]
render.table(
    shown.assign(source=cells["first_url"]),
    {
        "issue_title": "Issue",
        "side_name": "Side",
        "stance_label": "Stance",
        "level_definition": st.column_config.TextColumn("Level means", width="medium"),
        "stance_note": st.column_config.TextColumn("Why this level", width="medium"),
        "date": "Date",
        "kind": "Kind",
        "speaker_name": "Speaker",
        "summary": st.column_config.TextColumn("Summary", width="large"),
        "quote": st.column_config.TextColumn("Quote", width="medium"),
        "contested": st.column_config.CheckboxColumn("⚑"),
        "newer_uncoded": st.column_config.NumberColumn(
            "Newer, uncoded",
            help="Statements after this one that set no level; they do not change the stance",
        ),
        "source": render.LINK("Source", display_text="open"),
        "source_titles": "Source titles",
    },
)
render.downloads(ctx, shown, "stance-matrix")
