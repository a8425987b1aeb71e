"""The sections of the How far apart page: each reads its controls, asks the package, shows the result."""

from __future__ import annotations

import streamlit as st

from stances import chart_views, urlstate, views
from stances.ui import display, filters, overlay
from stances.ui import evidence as ui_evidence
from stances.ui.context import Context

SUMMARY_COLUMNS = (
    {"pair": "Pair"}
    | {w: st.column_config.NumberColumn(w.capitalize(), help=f"Issues on which the two sides {w}")
       for w in ("agree", "close", "far apart")}
    | {"not comparable": st.column_config.NumberColumn("Not comparable", help="One side has no coded stance")}
    | {f"{w}: issues": st.column_config.TextColumn(f"{w.capitalize()}: issues", width="medium")
       for w in ("agree", "close", "far apart")}
)  # fmt: skip
EVIDENCE_COLUMNS = {
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
}
GAP_COLUMNS = {
    "a": "Lower proposal",
    "value_a": st.column_config.NumberColumn("Value", format="localized"),
    "b": "Higher proposal",
    "value_b": st.column_config.NumberColumn("Value ", format="localized"),
    "unit": "Unit",
    "gap": st.column_config.NumberColumn("Gap", format="localized"),
    "share": st.column_config.NumberColumn("Gap / higher", format="percent"),
    "sources": st.column_config.ListColumn("Sources", width="large"),
}


def pairs(ctx: Context, sides: list[str]) -> list[tuple[str, str]]:
    """The pairs to follow, from the `pair` link parameter; pairs of sides no longer chosen leave quietly."""
    data = ctx.data
    labels = {f"{a}|{b}": views.pair_label(data, a, b) for a, b in views.pairs_of(sides)}
    known = {f"{a.name} ↔ {b.name}" for a in data.actors.values() for b in data.actors.values()}
    chosen = filters.multiselect(
        "Pairs", labels, urlstate.PAIR, default=list(labels)[:3], quiet=known - set(labels.values())
    )
    return [tuple(key.split("|")) for key in chosen]


def convergence(ctx: Context, chosen: list[tuple[str, str]], weights: dict[str, float]) -> None:
    recipe = (ctx.filters, chosen, weights)
    overlay.draw(ctx, chart_views.convergence, recipe, overlay.choose(ctx), "convergence")
    st.caption(
        "Month-end distances with each side's stance carried forward; ▲ = talks, proposals, agreements."
    )


def evidence(
    ctx: Context, pairs: list[tuple[str, str]], clicked_pair: str | None, weights: dict[str, float]
) -> None:
    """The distances with the records behind both stances; a clicked heatmap cell narrows them to its
    pair, and a selected row opens both sides' evidence."""
    if clicked_pair and clicked_pair.split("|")[0] != clicked_pair.split("|")[1]:
        a, b = clicked_pair.split("|")
        pairs = [(a, b)]
        st.caption(f"Showing {display.md(views.pair_label(ctx.data, a, b))}, the heatmap cell you clicked.")
    rows = ctx.view(views.distance_evidence, ctx.filters, pairs, weights)
    row = display.table(rows, EVIDENCE_COLUMNS, key="distance-evidence")
    chosen = rows.iloc[row] if row is not None else None
    picked = ui_evidence.chosen(
        ctx, {"distance-evidence": f"{chosen['a']}:{chosen['issue']}" if chosen is not None else None}
    )
    if picked and chosen is not None:
        for column, side in zip(st.columns(2), (chosen["a"], chosen["b"]), strict=True):
            with column:
                ui_evidence.panel(ctx, side, chosen["issue"])
    elif picked:
        ui_evidence.panel(ctx, *picked)
    display.downloads(ctx, rows, "distances")


def numeric_gaps(ctx: Context) -> None:
    proposals = {m.id: m.title for m in ctx.data.metrics.values() if m.kind == "figure"}
    metric = filters.select("Metric", proposals, urlstate.METRIC_GAP)
    numbers = ctx.view(views.numeric_gaps, metric, as_of=ctx.as_of)
    if numbers is None:
        st.info("No proposals on record for this metric.")
        return
    display.table(numbers, GAP_COLUMNS)
    display.downloads(ctx, numbers, f"gaps-{metric}")
