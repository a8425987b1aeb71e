"""The settlement explorer's controls and renderers: sides, weights, the package editor, red-line lists.

The package lives in one link parameter (`pkg`), bound to a text field: it is the single source of truth.
An empty `pkg` means "as the starting point"; choosing another starting point empties it; editing an
issue writes the whole package into it.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from stances import explorer, urlstate
from stances.explorer import OPEN, Package, Setting
from stances.explorer_views import Recipe, closest
from stances.text import plain
from stances.ui import display, filters
from stances.ui.context import Context

_FULL = "_explorer_package"  # this run's package over every issue, for the editor's callback
COLUMNS_PER_ROW = 3


def _url(url: str) -> str:
    """A URL safe inside a markdown link (brackets and spaces would end it early)."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def parties(ctx: Context) -> list[str]:
    """The sides the package is measured against: among the sidebar's sides, the first two by default."""
    chosen = list(ctx.filters.sides)
    everyone = filters.side_options(ctx.data, ctx.settings)
    ids, _ = urlstate.resolve(st.query_params.get_all(urlstate.PARTY), everyone)
    elsewhere = [everyone[i] for i in ids if i not in chosen]
    if elsewhere:  # the link is rewritten without them and the page runs again: the frame shows the notice
        notice = f"Not among the sides chosen in the sidebar, so left out: {', '.join(elsewhere)}."
        st.session_state.setdefault(filters.KEPT_NOTICES, []).append(notice)
    return filters.multiselect(
        "Sides to settle between",
        {s: everyone.get(s, s) for s in chosen},
        urlstate.PARTY,
        default=chosen[:2],
        quiet=set(elsewhere),
        help="The package is measured against these sides (chosen among the sides in the sidebar).",
    )


def _key(issue: str) -> str:
    return f"explorer-level-{issue}"


def _edited(issue_ids: list[str]) -> None:
    """An issue's level changed: write the whole package (every issue, edits applied) into `pkg`."""
    package = dict(st.session_state.get(_FULL, {}))
    for issue in issue_ids:
        value = st.session_state.get(_key(issue), OPEN)
        package[issue] = None if value == OPEN else int(value)
    st.session_state[urlstate.PACKAGE] = explorer.package_text(package)


def _restart() -> None:
    st.session_state[urlstate.PACKAGE] = ""


def package(ctx: Context, s: Setting) -> Package:
    """The start select, the issue-by-issue editor and the link form; returns the package over every issue."""
    data, as_of = ctx.data, ctx.as_of
    options = explorer.starts(data, ctx.filters.sides, as_of=as_of)
    plans = [k for k in options if k.startswith(explorer.PLAN_START)]
    default = plans[0] if plans else next(iter(options))
    start = filters.select(
        "Start from", options, urlstate.START, index=list(options).index(default), on_change=_restart,
        help="A plan text's coded points, or a side's stances at the as-of date. Issues it does not speak "
        "to are left open. Choosing a starting point replaces the package.",
    )  # fmt: skip
    editor = st.container()
    with st.expander("The package as link text", icon=":material/link:"):
        text = st.text_input(
            "Package",
            key=urlstate.PACKAGE,
            bind="query-params",
            placeholder="empty: as the starting point",
            help="issue-id:level pairs separated by commas; open leaves an issue open; issues not named are "
            "open. Empty means: as the starting point.",
        )
    levels = {i: [lv.value for lv in data.issues[i].scale] for i in data.issues}
    if text:
        chosen, ignored = explorer.parse_package(text, levels)
        if ignored:
            display.notice(
                f"Ignored package parts: {', '.join(ignored)} — write issue-id:level with a level on the "
                "issue's scale, or issue-id:open."
            )
    else:
        hide = ctx.filters.hide_thin
        chosen = explorer.start_package(data, ctx.tables, start, list(data.issues), hide, as_of=as_of)
    st.session_state[_FULL] = chosen
    with editor:
        columns = st.columns(COLUMNS_PER_ROW)
        for k, issue in enumerate(s.issue_ids):
            scale = data.issues[issue]
            levels = {str(lv.value): plain(f"{lv.value}: {lv.label}") for lv in scale.scale}
            labels = {OPEN: "left open"} | levels
            st.session_state[_key(issue)] = OPEN if chosen[issue] is None else str(chosen[issue])
            columns[k % COLUMNS_PER_ROW].selectbox(
                display.md(scale.title), list(labels), format_func=labels.get, key=_key(issue),
                on_change=_edited, args=(s.issue_ids,), help=display.md(scale.question),
            )  # fmt: skip
    return {i: chosen[i] for i in s.issue_ids}


def distances(side_rows: pd.DataFrame) -> None:
    """One tile per side: its distance to the package, the issues behind it and red lines crossed."""
    tiles = st.columns(max(1, len(side_rows)))
    for tile, row in zip(tiles, side_rows.to_dict("records"), strict=True):
        value = "—" if pd.isna(row["distance"]) else f"{row['distance']:.2f}"
        tile.metric(
            display.md(row["side_name"]),
            value,
            help="Weighted mean of |package level − stance| / scale span over the issues the package sets "
            "and the side holds a coded stance on (0 = its own stances, 1 = opposite ends everywhere).",
        )
        tile.caption(
            f"{row['issues']} issues counted · red lines crossed: {row['crossed']} of {row['red_lines']}"
        )


def package_table(ctx: Context, rows: pd.DataFrame, names: dict[str, str], title: str, export: str) -> None:
    """The package issue by issue: its level, each side's stance and distance, whose red lines it crosses;
    with CSV and JSON downloads of exactly these rows."""
    number = st.column_config.NumberColumn
    columns: dict[str, object] = {
        "issue_title": "Issue",
        "weight": number("Weight", format="%g"),
        "level_label": title,
    }
    for short in names.values():
        columns[f"{short}: stance"] = f"{short}: stance"
        columns[f"{short}: distance"] = f"{short}: distance"
    distances = tuple(f"{short}: distance" for short in names.values())
    shown = display.CONVERTED(as_text, rows, distances)  # "—", never "None"
    display.table(shown, columns | {"crosses red line of": "Crosses a red line of"})
    display.downloads(ctx, rows, export)


def red_lines(frame: pd.DataFrame, *, empty: str, setting: str = "the package") -> None:
    """Each red line with what the package sets, the position behind it, its date and its sources as links."""
    if frame.empty:
        st.success(empty, icon="✅")
        return
    for row in frame.to_dict("records"):
        links = ", ".join(
            f"[{display.md(t)}]({_url(u)})"
            for t, u in zip(row["source_titles"], row["source_urls"], strict=False)
        )
        package = f" · {setting}: {display.md(row['package_level'])}" if "package_level" in row else ""
        who = f", {display.md(row['speaker_name'])}" if row["speaker_name"] else ""
        st.markdown(
            f"**{display.md(row['side_name'])}** · {display.md(row['issue_title'])}: rejects "
            f"*{display.md(row['rejected'])}*{package}  \n"
            f"{display.md(row['date'])} ({display.md(row['kind'])}{who}): {display.md(row['summary'])}  \n"
            f"Sources: {links or 'none on record'}"
        )


def search(ctx: Context, r: Recipe) -> explorer.Search:
    """The closest package; when the search runs out of time, a plain message and the page stops."""
    with st.spinner("Solving…"):
        found = ctx.view(closest, r)
    if isinstance(found, explorer.OutOfTime):
        st.warning(
            f"The search for the closest package stopped after {found.seconds:g} seconds without a proven "
            "answer. Choose fewer sides or issues, or give issues that do not matter a weight of 0, and try "
            "again.",
            icon="⏱️",
        )
        st.stop()
    return found


def cost(with_lines: float, without: float) -> None:
    """What respecting the red lines costs the worst-off side."""
    if math.isnan(with_lines):
        st.caption("No issue counts for these sides with these weights: every distance is undefined.")
        return
    text = f"Largest distance {with_lines:.2f} with the red lines, {without:.2f} without them"
    if abs(with_lines - without) < 0.005:
        st.caption(f"{text}: respecting them changes the package, not the largest distance.")
    else:
        st.caption(f"{text} ({with_lines - without:+.2f}).")


def use_package(found: Package) -> None:
    st.button(
        "Use this package above",
        on_click=lambda: st.session_state.__setitem__(urlstate.PACKAGE, explorer.package_text(found)),
        help="Puts the closest package into the editor above (and the link) to explore from it.",
    )


ACCEPTANCE_COLUMNS = {
    "issue_title": "Issue",
    "level_label": "Package level",
    "answer_words": "Answer",
    "value": st.column_config.NumberColumn("Share", format="localized"),
    "date": "Date",
    "question": st.column_config.TextColumn("Question", width="large"),
    "by": "Measured by",
    "side_name": "Among",
    "fieldwork": "Fieldwork",
    "sample": st.column_config.NumberColumn("Sample", format="localized"),
    "unit": "Unit",
    "source": display.LINK("Source", display_text="open"),
    "source_titles": st.column_config.ListColumn("Source titles"),
}


def acceptance(ctx: Context, rows: pd.DataFrame) -> None:
    """Public acceptance of the package's levels: a plain warning for each level a majority would not
    accept, then the latest poll values tied to each level with date, question, who asked and source."""
    if rows.empty:
        st.caption(
            "No poll on record asks about a level this package sets (polls name the level they ask about "
            "with maps_to)."
        )
        return
    for r in rows[rows["majority_rejects"]].to_dict("records"):
        st.warning(
            f"A majority would not accept {display.md(r['issue_title'])}: {display.md(r['level_label'])} — "
            f"{r['value']:g}% {explorer.ANSWERS['reject']} ({display.md(r['by'] or r['side_name'])}, "
            f"{display.md(r['date'])}): “{display.md(r['question'])}”",
            icon=":material/how_to_vote:",
        )
    display.table(rows, ACCEPTANCE_COLUMNS)
    st.caption(
        "The latest value from each pollster and answer tied to a level of the package, on or before the "
        "as-of date. A poll measures what respondents said to its exact question; it does not predict a vote."
    )
    display.downloads(ctx, rows, "package-acceptance")


# --- Where a deal could land: the bargaining models ---------------------------------------------------


def model_choices() -> tuple[str, str]:
    """The level scores and the salience the models use, each bound to the link."""
    from stances import salience, scores

    left, right = st.columns(2)
    with left:
        mapping = filters.select(
            "Level scores", scores.MAPPINGS, urlstate.SCORES,
            help="Where each level sits on 0–100: as the data records it where it does (with the reason in "
            "the issue's description), else evenly spaced; or evenly spaced everywhere.",
        )  # fmt: skip
    with right:
        source = filters.select(
            "Salience (how much each side cares)", salience.SOURCES, urlstate.SALIENCE,
            help="How much each issue weighs for each side in the models: a curator record where one "
            "exists, else the mean of what the data reveals (choices among plans, rigidity, emphasis); "
            "one estimate alone; or every issue the same. The issue weights above multiply it.",
        )  # fmt: skip
    return mapping or "curated", source or "combined"


def capability(ctx: Context, sides: list[str]) -> dict[str, float]:
    """Each chosen side's weight in the compromise model: `capability` in config.yaml (default 1), and
    for any side the link's `capability` parameter names, the link's weight instead."""
    names = ctx.side_names(sides)
    configured = {s: float(ctx.settings.capability.get(s, 1.0)) for s in sides}
    found = filters.weight_box(
        "Capability weights (optional)", urlstate.CAPABILITY, names,
        what="a side's name (one of those settled between)", example=(2, 1),
        help="side:weight pairs separated by commas, each side by its name (or id): how much the side's "
        "stance pulls the compromise towards it. Sides not named keep the weight in the settings "
        f"(config.yaml `capability`, default 1). Sides: {'; '.join(names.values())}.",
    )  # fmt: skip
    weights = configured | found
    origin = {
        s: "link" if s in found else "settings" if s in ctx.settings.capability else "default" for s in sides
    }
    st.caption(
        display.md(
            "Capability in the compromise: "
            + "; ".join(f"{names[s]} {weights[s]:g} ({origin[s]})" for s in sides)
            + ". It does not enter the Nash package, the closest package or the trade-offs."
        )
    )
    return weights


def plain_words(sentences: list[str], caveats: str) -> None:
    """The summary a reader can read aloud, with its caveats beside it."""
    st.markdown(display.md(" ".join(sentences)))
    st.caption(display.md(caveats))


def comparison(ctx: Context, frame: pd.DataFrame) -> None:
    """The packages side by side: one column per model, issues then utilities then red lines."""
    columns = {"row": "Issue"} | {c: c for c in frame.columns if c != "row"}
    display.table(frame, columns)
    display.downloads(ctx, frame, "model-packages")


def as_text(frame: pd.DataFrame, columns: tuple[str, ...], digits: str = "{:.2f}") -> pd.DataFrame:
    """The frame with `columns` as text: a number to `digits`, a missing one as "—" (never "None")."""
    shown = frame.copy()
    for c in columns:
        shown[c] = frame[c].map(lambda v: "—" if pd.isna(v) else digits.format(v))
    return shown


def _flagged(frame: pd.DataFrame) -> pd.DataFrame:
    shown = as_text(frame, ("choices", "rigidity", "emphasis", "curated", "used"))
    shown["disagree"] = frame["disagree"].map({True: "yes", False: ""})
    return shown


def salience_table(ctx: Context, frame: pd.DataFrame) -> None:
    """Salience per side × issue: the three estimates with their evidence, the curated weight, the weight
    used and whether the estimates disagree (numbers as text, so a missing one reads "—")."""
    shown = display.CONVERTED(_flagged, frame)
    display.table(
        shown,
        {
            "side_name": "Side", "issue_title": "Issue", "used": "Used", "disagree": "Estimates disagree",
            "choices": "Choices", "choices_evidence": "Choices: evidence", "rigidity": "Rigidity",
            "rigidity_evidence": "Rigidity: evidence", "emphasis": "Emphasis",
            "emphasis_evidence": "Emphasis: evidence", "curated": "Curated",
            "curated_sources": "Curated: sources",
        },
    )  # fmt: skip
    display.downloads(ctx, frame, "salience")


def backtest(ctx: Context, frame: pd.DataFrame) -> None:
    shown = display.CONVERTED(as_text, frame, ("distance",))
    display.table(
        shown,
        {"text": "Plan text", "date": "Date", "model": "Model", "issues": "Issues it codes",
         "predicted": "Issues predicted", "distance": "Distance (0 = the text)"},
    )  # fmt: skip
    display.downloads(ctx, frame, "back-test")


def score_table(ctx: Context, frame: pd.DataFrame) -> None:
    shown = display.CONVERTED(as_text, frame, ("even", "curated"), "{:.0f}")
    display.table(
        shown, {"issue_title": "Issue", "level": "Level", "even": "Evenly spaced", "curated": "Curated",
                "why": "Why"},
    )  # fmt: skip


# --- Trade-offs and what it would take ------------------------------------------------------------------


def trades(ctx: Context, frame: pd.DataFrame) -> None:
    """The trade-offs between the chosen sides, best first, with the plan points that contain each."""
    if frame.empty:
        st.caption(
            "No pair of issues on which each side could give on what it weighs less and gain on what it "
            "weighs more, within the red lines on record, leaving both better off than splitting the "
            "difference."
        )
        return
    shown = display.CONVERTED(as_text, frame, ("effect_gives", "effect_takes"), "{:+.3f}")
    display.table(
        shown,
        {"gives": "Side A", "concedes": "A concedes on", "concedes_to": "to", "takes": "Side B",
         "gains": "A gains on (B concedes)", "gains_to": "to", "effect_gives": "Utility change for A",
         "effect_takes": "Utility change for B", "plan_points": "Plan points with this trade"},
    )  # fmt: skip
    display.downloads(ctx, frame, "trade-offs")


def what_it_takes(sentences: list[str]) -> None:
    """Per side, the salience weights under which it prefers the package to its no-deal reference."""
    st.markdown(display.md("  \n".join(sentences)))
