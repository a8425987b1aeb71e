import streamlit as st

from stances import chart_views, urlstate, views
from stances.evidence import cell_value
from stances.ui import display, evidence, filters, frame

ctx = frame.page()
data, f = ctx.data, ctx.filters
st.title("Stance matrix")
st.caption(
    f"Each cell is the stance a side holds on an issue on {f.as_of}: its latest position with a level on "
    "the issue's scale, or the point of a plan text it wrote or endorsed, whichever is newer. Newer "
    "statements without a level are counted, not shown as a change. Click a cell, or a row of the table "
    "below, for everything behind it. ⚑ marks a contested record; — means no recorded position. Under each "
    f"level is the date of the record that sets it; ◷ marks evidence more than {f.stale_days} days before "
    "the as-of date, ◌ a stance whose sources are all aggregators, state media or relays. A side can "
    'withdraw a level ("no current level — withdrawn on DATE"): the cell is then open.'
)
if not f.sides:
    st.info("Choose at least one side in the sidebar.")
    st.stop()
issue_ids = views.issue_ids(data, f)
if not issue_ids:
    st.info("No issue matches the chosen issues and categories.")
    st.stop()

cells = ctx.view(views.matrix_cells, f)
shown_ids = filters.page_of(issue_ids, ctx.settings.page_size, urlstate.ROWS)
fig = ctx.view(chart_views.matrix, f, shown_ids, ctx.settings.stance_colours, selectable=True)
with st.container(key="wide-matrix"):
    clicked = st.plotly_chart(fig, key="matrix", on_select="rerun", selection_mode="points")
points = clicked.selection.points if clicked else []
display.cards(ctx.view(views.cards, f, shown_ids), "matrix")
panel_slot = st.container()
recorded = int(cells["recorded"].sum())
st.markdown(
    f"**{recorded} of {len(cells)} cells** have a recorded position, {int(cells['coded'].sum())} a coded "
    f"stance; {int(cells['contested'].sum())} are contested, {int((cells['state'] == 'withdrawn').sum())} "
    f"withdrawn, {int(cells['stale'].sum())} rest on old evidence and {int(cells['thin'].sum())} are thinly "
    "sourced."
)

st.subheader("Cells in detail")
shown = ctx.view(views.matrix_export, f)
page_cells = ctx.view(views.matrix_page, f, shown_ids)
if len(shown_ids) < len(issue_ids):
    st.caption("The issues on this page of the matrix; the downloads below hold every cell.")
row = display.table(
    page_cells,
    {
        "issue_title": "Issue",
        "side_name": "Side",
        "stance_label": "Stance",
        "evidence": st.column_config.TextColumn(
            "Evidence", help="The date of the record that sets the level, with the age and strength marks"
        ),
        "latest_date": st.column_config.TextColumn(
            "Newest record", help="The side's newest record on the issue, with or without a level"
        ),
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
        "source": display.LINK("Source", display_text="open"),
        "source_titles": st.column_config.ListColumn("Source titles"),
    },
    key="matrix-table",
)
picked = evidence.chosen(
    ctx,
    {
        "matrix": evidence.point_value(points),
        "matrix-table": cell_value(page_cells.iloc[row]["side"], page_cells.iloc[row]["issue"])
        if row is not None
        else None,
    },
)
if picked:
    with panel_slot:
        evidence.panel(ctx, *picked)
display.downloads(ctx, shown, "stance-matrix")
