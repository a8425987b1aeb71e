import dataclasses

import streamlit as st

from stances import chart_views, urlstate, views
from stances.ui import display, filters, frame
from stances.ui import evidence as ui_evidence

MAX_SIDES = 5
ctx = frame.page()
data, f = ctx.data, ctx.filters
st.title("Compare sides")
st.caption(
    f"The chosen sides side by side on each issue as of {f.as_of}: their latest stance, words, date and "
    "source, and the gap between them as a share of the issue's scale (0 = same level, 1 = opposite ends). "
    "Evidence gives the date of the record that sets each level (and the plan text, for a plan point); "
    f"{views.STALE_MARK} marks evidence more than {f.stale_days} days before the as-of date, "
    f"{views.THIN_MARK} a stance whose sources are all aggregators, state media or relays."
)
sides = list(f.sides)
if len(sides) < 2:
    st.info("Choose at least two sides in the sidebar to compare.")
    st.stop()
if len(sides) > MAX_SIDES:
    st.warning(f"Comparing the first {MAX_SIDES} of the {len(sides)} chosen sides.")
    sides = sides[:MAX_SIDES]
issue_ids = views.issue_ids(data, f)
if not issue_ids:
    st.info("No issue matches the chosen issues and categories.")
    st.stop()

order = filters.select(
    "Sort rows by",
    {"issue": "issue order", "gap": "largest gap", "oldest": "oldest evidence first"},
    urlstate.SORT,
    widget=st.segmented_control,
    default="issue",
)
sub = dataclasses.replace(f, sides=tuple(sides))
rows = ctx.view(views.compare, sub, order or "issue")
shown_ids = filters.page_of(list(rows["issue"]), ctx.settings.page_size, urlstate.ROWS)
st.plotly_chart(ctx.view(chart_views.compare, sub, shown_ids, ctx.colours()), key="compare-chart")
st.caption(
    "Grey bars span the gap between the furthest-apart sides; "
    "an issue with fewer than two coded stances has no gap."
)

show = {
    "text": lambda name: name.replace("issue_title", "Issue"),
    "position": lambda name: st.column_config.TextColumn(name, width="medium"),
    "link": lambda name: display.LINK(name, display_text="source"),
    "number": lambda name: st.column_config.NumberColumn(name.capitalize(), format="%.2f"),
}
st.caption("Click a row for the evidence behind every side's stance on that issue.")
with st.container(key="wide-compare"):
    row = display.table(
        rows,
        {name: show[kind](name) for name, kind in views.compare_columns(data, sides)},
        key="compare-table",
    )
display.cards(ctx.view(views.cards, sub), "compare")
pick = f"{sides[0]}:{rows.iloc[row]['issue']}" if row is not None else None
picked = ui_evidence.chosen(ctx, {"compare-table": pick})
if picked:
    tabs = st.tabs([display.md(views.short_name(data, side)) for side in sides])
    for tab, side in zip(tabs, sides, strict=True):
        with tab:
            ui_evidence.panel(ctx, side, picked[1])
display.downloads(ctx, rows, "compare")
