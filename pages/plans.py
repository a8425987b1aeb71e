import streamlit as st

from stances import chart_views, plans, urlstate, views
from stances.ui import display, filters, frame

ctx = frame.page()
data, f = ctx.data, ctx.filters
issue_ids = views.issue_ids(data, f)
st.title("Peace plans compared")
st.caption(
    "The plan texts point by point on each issue, which text each one revises, and what changed "
    "from one version to another, each with its sources. Texts known only in part say 'not reported' "
    "where the archived reports are silent."
)
candidates = plans.with_points(data, as_of=f.as_of)
st.caption(
    f"Texts published by {f.as_of}, on the issues chosen in the sidebar. The sides filter does not apply: "
    "each text is shown whole, whoever wrote it."
)
if not candidates:
    st.info(f"No plan text with points mapped to issues was published by {f.as_of}.")
    st.stop()
titles = {d: data.documents[d].title for d in candidates}
st.caption(f"{len(candidates)} texts with points on record; the newest family of versions is shown first.")
chosen = filters.multiselect("Plans", titles, urlstate.DOC, default=plans.latest_lineage(data, candidates))
if not chosen:
    st.info("Choose at least one plan.")
    st.stop()

st.subheader("Lineage")
st.plotly_chart(ctx.view(chart_views.lineage, chosen), key="lineage")
st.caption("Arrows run from a text to the one it revises (`based_on`); ■ = known only in part.")

st.subheader("Issue by issue")
grid = ctx.view(views.plan_grid, chosen, issue_ids)
display.table(
    grid,
    {"issue_title": "Issue"}
    | {
        data.documents[d].title: st.column_config.TextColumn(data.documents[d].title, width="medium")
        for d in chosen
    },
)
display.downloads(ctx, grid, "plans-by-issue")

st.subheader("What changed")
left, right = st.columns(2)
with left:
    before = filters.select("From", titles, urlstate.FROM, index=0)
with right:
    after = filters.select("To", titles, urlstate.TO, index=len(titles) - 1)
changes = ctx.view(views.plan_diff, before, after, issue_ids)
if before == after:
    st.info("Choose two different texts.")
elif changes.empty:
    st.info("Neither text has points mapped to issues.")
else:
    counts = changes["change"].value_counts()
    st.markdown(
        " · ".join(f"**{n}** {display.md(word)}" for word, n in counts.items())
        + f" — from *{display.md(titles[before])}* to *{display.md(titles[after])}*"
    )
    display.table(
        changes,
        {
            "issue_title": "Issue",
            "change": "Change",
            "before_stance": "Before",
            "after_stance": "After",
            "before": st.column_config.TextColumn(titles[before][:40], width="medium"),
            "after": st.column_config.TextColumn(titles[after][:40], width="medium"),
            "sources": st.column_config.ListColumn("Sources", width="medium"),
        },
    )
    display.downloads(ctx, changes, f"changes-{before}-to-{after}")

st.subheader("Who stands with whom")
ties = ctx.view(views.plan_ties, as_of=f.as_of)
if ties.empty:
    st.info(f"No plan text with its authors or endorsers on record by {f.as_of}.")
else:
    st.plotly_chart(ctx.view(chart_views.actor_network, as_of=f.as_of), key="actor-network")
    st.caption(
        "Every plan text on record, not only those chosen above: ■ a text on its author's row at its date; "
        "lines run from it to each side that co-wrote (□), endorsed (●) or rejected (×) it, at that date."
    )
    ties_tab, pairs_tab = st.tabs([f"Ties ({len(ties)})", "Sides behind the same text"])
    with ties_tab:
        display.table(
            ties,
            {
                "date": "Date",
                "actor_name": "Side",
                "relation": "Tie",
                "title": st.column_config.TextColumn("Plan text", width="medium"),
                "sources": st.column_config.ListColumn("Sources", width="medium"),
            },
        )
        display.downloads(ctx, ctx.view(views.plan_tie_export, as_of=f.as_of), "plan-ties")
    with pairs_tab:
        display.table(
            ctx.view(views.plan_alignments, as_of=f.as_of),
            {
                "pair": "Sides",
                "texts": "Texts",
                "titles": st.column_config.TextColumn("Texts", width="large"),
            },
        )
