"""The evidence panel: everything behind a selected side × issue cell, and the `cell` link parameter.

A click on a matrix cell, a table row or a heatmap cell selects a cell; the selection is written to the
URL (`?cell=ukraine:army-size`), so a copied link opens with the same panel.
"""

from __future__ import annotations

import streamlit as st

from stances import engine, evidence, urlstate
from stances.tables import STRENGTHS
from stances.ui import display
from stances.ui.context import Context

_SEEN = "_stances_seen_selection"


def _url(url: str) -> str:
    """A URL safe inside a markdown link (brackets and spaces would end it early)."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _source_lines(sources: list[evidence.EvidenceSource]) -> str:
    return "\n".join(
        f"- [{display.md(s.title)}]({_url(s.url)}) — {display.md(s.publisher)}, {display.md(s.published)}"
        f" ({display.md(s.type)}; title {display.md(s.title_is)}"
        + (f"; seen through a relay: {display.md(s.relay)}" if s.relay else "")
        + (")" + (" ◌" if s.thin else ""))
        for s in sources
    )


def point_value(points: list[dict]) -> str | None:
    """The "side:issue" a clicked chart point carries (plotly may wrap customdata in a list)."""
    if not points:
        return None
    data = points[0].get("customdata")
    return data[0] if isinstance(data, list) and data else data if isinstance(data, str) else None


def changed(name: str, value: object) -> bool:
    """Whether a widget's selection differs from the one seen on the previous run (and remember it)."""
    seen = st.session_state.setdefault(_SEEN, {})
    if seen.get(name) == value:
        return False
    seen[name] = value
    return value not in (None, [], ())


def chosen(ctx: Context, picks: dict[str, str | None]) -> tuple[str, str] | None:
    """The selected cell: a new pick from a chart or table (written to the URL), else the URL's `cell`."""
    for name, value in picks.items():
        if changed(name, value) and value:
            st.query_params[urlstate.CELL] = value
    raw = st.query_params.get(urlstate.CELL, "")
    if not raw:
        return None
    sides = {a.id: a.name for a in ctx.data.actors.values() if a.kind != "person"}
    issues = {i.id: i.title for i in ctx.data.issues.values()}
    found = evidence.parse_cell(raw, sides, issues)
    if found is None:
        display.notice(
            f"Ignored the selected cell in the link: '{raw[:80]}' (write side:issue, e.g. ukraine:army-size)."
        )
    return found


def panel(ctx: Context, side: str, issue: str) -> None:
    """Everything behind one cell, untruncated, with every source as a link."""
    found = evidence.cell(ctx.data, ctx.tables, side, issue, as_of=ctx.as_of)
    with st.container(border=True):
        st.markdown(f"#### {display.md(found.side_name)} · {display.md(found.issue_title)}")
        version = ctx.data.dataset.version
        st.caption(f"{display.md(found.question)} — as of {found.as_of}, data version {display.md(version)}")
        record = found.current
        if record is None:
            st.info("No recorded position on this issue by this date.")
            return
        if record.status == engine.WITHDRAWN_CURRENT:
            ended = f" (it ended “{display.md(record.withdrawn)}”)" if record.withdrawn else ""
            st.markdown(f"**No current level — withdrawn on {display.md(record.date)}**{ended}")
            st.caption("The record below is the withdrawal: the side said its earlier terms no longer hold.")
        elif record.level:
            st.markdown(f"**Stance: {display.md(record.level)}**")
            if record.definition and record.definition != record.level:
                st.caption(f"Level on the scale: {display.md(record.definition)}")
        else:
            st.markdown("**Stance not coded**: no level of the scale fits the record.")
        if record.stance_note:
            st.markdown(f"*Why this level:* {display.md(record.stance_note)}")
        who = f" · {display.md(record.speaker)}" if record.speaker else ""
        st.markdown(f"{display.md(record.date)} · {display.md(record.kind)}{who}")
        st.markdown(display.md(record.summary))
        if record.quote:
            st.markdown(f"> “{display.md(record.quote)}”")
            if record.quote_note:
                st.caption(display.md(record.quote_note))
        if found.age_days is not None:
            old = found.age_days > ctx.filters.stale_days
            st.caption(
                f"Evidence of {display.md(record.date)}, {found.age_days} days before the as-of date"
                + (f" — ◷ older than {ctx.filters.stale_days} days" if old else "")
                + f". The side's newest record on this issue: {display.md(found.latest_date)}."
            )
        if record.strength:
            mark = " ◌" if record.strength == "thin" else ""
            st.caption(f"Sources: {display.md(STRENGTHS[record.strength])}{mark}")
        if found.newer_uncoded:
            st.caption(f"{found.newer_uncoded} newer statement(s) without a level are listed in the history.")
        st.markdown("**Sources**\n" + _source_lines(record.sources))
        if record.versions:
            st.markdown(f"**⚑ Contested:** {display.md(record.contested_note)}")
            for version in record.versions:
                st.markdown(f"*{display.md(version.claim)}*\n" + _source_lines(version.sources))
        st.markdown("**History on this issue** (newest first)")
        display.table(
            evidence.history_frame(found),
            {
                "date": "Date",
                "status": "Status",
                "level": "Level",
                "kind": "Kind",
                "summary": st.column_config.TextColumn("Summary", width="large"),
                "sources": st.column_config.ListColumn("Sources"),
            },
        )
