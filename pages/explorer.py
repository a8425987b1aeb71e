import streamlit as st

from stances import deal, urlstate, views
from stances import explorer_views as ev
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
titles = {i: data.issues[i].title for i in issue_ids}
weights = filters.weights(issue_ids, titles)
r = ev.Recipe(tuple(sides), tuple(issue_ids), f.as_of, tuple(weights.items()), f.hide_thin)
s = ctx.view(ev.setting, r)
names = {side: views.short_name(data, side) for side in sides}

# --- Where a deal could land: plain words (bargaining models) ------------------------------------------
st.subheader("Where a deal could land, in plain words")
mapping, source = ui.model_choices()
capability = ui.capability(ctx, sides)
md = ev.Models(mapping, source, ctx.settings.restated_within_days, tuple(capability.items()))
models = ctx.view(ev.models, r, md)
ui.plain_words(ctx.view(ev.summary, r, md), deal.CAVEATS)
# --- end: plain words --------------------------------------------------------------------------------------


def chart(package, key: str) -> None:
    st.plotly_chart(ctx.view(ev.package_chart, r, package, ctx.colours()), key=key)
    st.caption(
        "◆ the package · ● each side's stance at the as-of date · × a level a side's red line rejects."
    )


st.subheader("The package")
package = ui.package(ctx, s)
# --- What would it take: the weights under which each side prefers the package ----------------------------
st.markdown("**What would it take** — the weights under which each side prefers this package to no deal:")
ui.what_it_takes(ctx.view(ev.what_it_takes, r, md, package))
st.caption(
    "No deal: the chosen sides' stances least favourable to the side. Weights are how much each issue "
    "counts for the side (any non-negative weights, found by linear programming), compared on the issues "
    "the package and that reference both set."
)
# --- end: what would it take -------------------------------------------------------------------------------
st.subheader("How far the package is from each side")
ui.distances(ctx.view(ev.side_table, r, package))
chart(package, "explorer-package")
ui.package_table(ctx, ctx.view(ev.issue_table, r, package, names), names, "Package", "settlement-package")
st.subheader("Would the public accept it?")
ui.acceptance(ctx, ctx.view(ev.acceptance, package, as_of=f.as_of))

st.subheader("Red lines the package crosses")
ui.red_lines(
    ctx.view(ev.crossed, r, package),
    empty=f"The package crosses none of the {len(s.red_lines)} red lines on record for these sides.",
)

# --- Where a deal could land: the models side by side -------------------------------------------------------
st.subheader("Bargaining models beside the closest package")
st.caption(
    "Closest: the package that leaves the worst-off side least far from its stances within the red lines. "
    "Compromise: per issue, the sides' stances averaged with their salience (and capability, from the "
    "settings or the link) as weights; it ignores red lines. Nash: the package within the red lines that "
    "makes the product of the sides' gains over their no-deal reference largest (the reference: what "
    "each gets if the terms least favourable to it were imposed). Utilities weigh score distances by "
    "salience."
)
closest_shown = st.query_params.get(urlstate.CLOSEST, "").casefold() == "true"
if closest_shown:
    ui.search(ctx, r)  # says so and stops when the search runs out of time
ui.comparison(ctx, ctx.view(ev.comparison, r, md, closest_shown))
st.caption(f"Nash package: {models.nash.method}." + ("" if closest_shown else " Switch on the closest "
           "package below to add it here."))  # fmt: skip
# --- Trade-offs: where each side gives on what it weighs less ---------------------------------------------
st.subheader("Trade-offs: each side gives on what it weighs less")
st.caption(
    "Pairs of issues where side A concedes on one it weighs less and gains on one it weighs more, side B "
    "the reverse, within the red lines on record. Utility change: against splitting the difference on "
    "both issues (positive = better off). Plan points: a plan text moving both issues that way."
)
ui.trades(ctx, ctx.view(ev.trades, r, md))
# --- end: trade-offs --------------------------------------------------------------------------------------
with st.expander(
    "Revealed salience: how much each side seems to care, and the evidence", icon=":material/scale:"
):
    st.caption(
        "1 = an average issue for the side, 2 = twice that. Choices: weights under which the plan texts it "
        "wrote or endorsed are closer to its stances than those it rejected (linear programming). "
        "Rigidity: issues it never moved on while it moved on others weigh more. Emphasis: its share of "
        "statements on the issue. A curator record, with sources, overrides them."
    )
    ui.salience_table(ctx, ctx.view(ev.salience, r, md))
with st.expander("Back-test: what the models predicted before each plan text", icon=":material/history:"):
    st.caption(
        "For each dated plan text, each model's package from the stances, salience and red lines recorded "
        "the day before, on the issues the text codes, against the text's coded levels: the mean score "
        "distance (0 = the text exactly, 1 = opposite ends)."
    )
    ui.backtest(ctx, ctx.view(ev.backtest, sides, md))
with st.expander("Level scores: where each level sits on 0–100", icon=":material/straighten:"):
    ui.score_table(ctx, ctx.view(ev.score_table, issue_ids))
# --- end: models side by side ------------------------------------------------------------------------------

st.subheader("The closest package")


def closest_package() -> None:
    """The closest package within the red lines, what binds it, and how far it is from each side."""
    found = ui.search(ctx, r)
    best, free = found.result, found.unconstrained
    ui.distances(ctx.view(ev.side_table, r, best.package))
    ui.cost(best.max_distance, free.max_distance)
    if best.feasible:
        st.markdown("**Red lines that bind** — the closest package without red lines would cross them:")
        ui.red_lines(
            ctx.view(ev.binding, r),
            empty="None: the closest package is the same with or without the red lines.",
            setting="without red lines",
        )
    else:
        st.warning(
            "No package crosses none of these red lines. The smallest set that must be relaxed:", icon="⚠️"
        )
        ui.red_lines(ctx.view(ev.binding, r), empty="")
        st.caption("The package below is the closest with exactly these red lines relaxed.")
    chart(best.package, "explorer-closest")
    closest_rows = ctx.view(ev.issue_table, r, best.package, names)
    ui.package_table(ctx, closest_rows, names, "Closest package", "closest-package")
    ui.use_package(best.package)


if filters.toggle("Find the closest package", urlstate.CLOSEST):
    closest_package()
else:
    st.caption(
        "Finds the package that leaves the worst-off side least far from its stances and crosses none of "
        "their red lines: an exact integer program (ties: smallest total distance, then lowest levels)."
    )
