import streamlit as st

from stances import explorer, settlement_charts, urlstate, views
from stances.ui import explorer as ui
from stances.ui import filters, frame

ctx = frame.page()
data, f = ctx.data, ctx.filters
st.title("Settlement explorer")
st.caption(
    f"Build a package — one level per issue, or left open — and see how far it is from each side's stance as "
    f"of {f.as_of}, and which of their recorded red lines it crosses. Distances are ordinal summaries, not a "
    "forecast: see Sources & data for what they mean."
)
issue_ids = views.issue_ids(data, f)
sides = ui.parties(ctx)
if not sides or not issue_ids:
    st.info("Choose at least one side (among those in the sidebar) and one issue.")
    st.stop()
s = ctx.memo(
    explorer.setting, data, ctx.tables, sides, issue_ids, f.as_of, filters.weights(issue_ids), f.hide_thin
)
names = {side: views.short_name(data, side) for side in sides}
issues = [data.issues[i] for i in issue_ids]


def chart(package, key: str) -> None:
    names_ = ctx.side_names(sides)
    fig = ctx.memo(
        settlement_charts.package_dots, issues, package, s.stances, s.red_lines, names_, ctx.colours()
    )
    st.plotly_chart(fig, key=key)
    st.caption(
        "◆ the package · ● each side's stance at the as-of date · × a level a side's red line rejects."
    )


st.subheader("The package")
package = ui.package(ctx, s)
ev = ctx.memo(explorer.evaluate, data, s, package)
st.subheader("How far the package is from each side")
ui.distances(ctx.memo(explorer.side_table, data, s, ev))
chart(package, "explorer-package")
ui.package_table(
    ctx, ctx.memo(explorer.issue_table, data, s, package, names), names, "Package", "settlement-package"
)
st.subheader("Would the public accept it?")
ui.acceptance(ctx, ctx.memo(explorer.acceptance, data, ctx.tables, package, f.as_of))

st.subheader("Red lines the package crosses")
ui.red_lines(
    ctx.memo(explorer.crossed_table, data, ctx.tables, ev.crossed, package),
    empty=f"The package crosses none of the {len(s.red_lines)} red lines on record for these sides.",
)

st.subheader("The closest package")
if not filters.toggle("Find the closest package", urlstate.CLOSEST):
    st.caption(
        "Finds the package that leaves the worst-off side least far from its stances and crosses none of "
        "their red lines: an exact integer program (ties: smallest total distance, then lowest levels)."
    )
    st.stop()
found = ui.search(ctx, s)
best, free = found.result, found.unconstrained
ui.distances(ctx.memo(explorer.side_table, data, s, ctx.memo(explorer.evaluate, data, s, best.package)))
ui.cost(best.max_distance, free.max_distance)
if best.feasible:
    st.markdown("**Red lines that bind** — the closest package without red lines would cross them:")
    ui.red_lines(
        ctx.memo(explorer.crossed_table, data, ctx.tables, found.binding, free.package),
        empty="None: the closest package is the same with or without the red lines.",
        setting="without red lines",
    )
else:
    st.warning("No package crosses none of these red lines. The smallest set that must be relaxed:", icon="⚠️")
    ui.red_lines(ctx.memo(explorer.crossed_table, data, ctx.tables, found.conflict, best.package), empty="")
    st.caption("The package below is the closest with exactly these red lines relaxed.")
chart(best.package, "explorer-closest")
closest_rows = ctx.memo(explorer.issue_table, data, s, best.package, names)
ui.package_table(ctx, closest_rows, names, "Closest package", "closest-package")
ui.use_package(best.package)
