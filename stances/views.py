"""What each page shows, as tables: filters applied, ready to display and to export."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from stances import analysis, engine, methodology, network, plans
from stances import changes as changes_
from stances.dataset import Data
from stances.memo import Memo
from stances.tables import STRENGTHS
from stances.text import present
from stances.view_filters import Filters

EVIDENCE = ["source_titles", "source_urls"]
NOT_CODED = "(not coded)"
NO_POSITION = "no recorded position"


def by_oldest_evidence(rows: pd.DataFrame) -> pd.DataFrame:
    """Compare rows whose oldest stance evidence is oldest first; rows with no coded stance last."""
    key = rows["oldest_evidence"].where(rows["oldest_evidence"] != "", "9999")
    return rows.assign(_key=key).sort_values("_key", kind="stable").drop(columns="_key")


def by_gap(rows: pd.DataFrame) -> pd.DataFrame:
    """Compare rows with the largest gap first; rows without a gap last."""
    return rows.sort_values("gap", ascending=False, na_position="last", kind="stable")


def issue_ids(data: Data, filters: Filters) -> list[str]:
    return filters.issue_ids({i.id: i.category for i in data.issues.values()})


def positions(m: Memo, f: Filters) -> pd.DataFrame:
    """Every position matching the filters, newest first."""
    frame = analysis.filter_positions(
        m.tables.positions,
        sides=f.sides,
        issues=issue_ids(m.data, f),
        kinds=f.kind_list(),
        as_of=f.as_of,
    )
    return frame.sort_values(["day", "id"], ascending=[False, True], kind="stable")


def stances(m: Memo, f: Filters) -> pd.DataFrame:
    """The stance engine's answer for the sides and issues in view at the as-of date (one row per cell
    with a record). The kind filter narrows evidence lists, never the stance a side holds."""
    cells = engine.current(
        m.tables.evidence, list(f.sides), issue_ids(m.data, f), as_of=f.as_of, stale_days=f.stale_days
    )
    return engine.hide_thin(cells) if f.hide_thin else cells


def held(m: Memo, f: Filters) -> pd.DataFrame:
    """Only the cells where a side holds a coded stance: what distances and gaps compare."""
    cells = m(stances, f)
    return cells[cells["coded"]]


def matrix_cells(m: Memo, f: Filters) -> pd.DataFrame:
    """One row per issue × side: the stance the side holds at the as-of date and the record behind it."""
    data = m.data
    cells = analysis.matrix(m(stances, f), issue_ids(data, f), f.sides)
    cells["issue_title"] = cells["issue"].map({i.id: i.title for i in data.issues.values()})
    cells["side_name"] = cells["side"].map({a.id: a.name for a in data.actors.values()})
    label = cells["stance_label"].astype(object)
    label = label.where(label.notna() | ~cells["recorded"], NOT_CODED)
    cells["stance_label"] = label.where(cells["recorded"], NO_POSITION)
    cells["contested"] = cells["contested"].fillna(False).astype(bool)
    cells["stale"] = cells["stale"].astype("boolean").fillna(False).astype(bool)
    cells["thin"] = cells["strength"].eq("thin") & cells["state"].isin(["coded", "withdrawn"])
    cells["state"] = cells["state"].where(cells["recorded"], "none")
    cells["evidence"] = [marks(c) for c in cells.to_dict("records")]
    text = ["date", "kind", "speaker_name", "summary", "quote", "quote_note", "contested_note", "id",
            "level_definition", "stance_note", "latest_date", "level_date", "first_url", "strength",
            "withdrawn_label"]  # fmt: skip
    for column in ("source_ids", *EVIDENCE):
        cells[column] = [v if isinstance(v, list) else [] for v in cells[column]]
    cells[text] = cells[text].astype(object).fillna("")
    return cells.assign(source=cells["first_url"])


def matrix_page(m: Memo, f: Filters, shown_ids: Sequence[str]) -> pd.DataFrame:
    """The matrix cells of the issues on one page."""
    cells = m(matrix_cells, f)
    return cells[cells["issue"].isin(shown_ids)]


STALE_MARK, THIN_MARK = "old evidence", "thinly sourced"


def marks(cell: dict) -> str:
    """The cell's evidence in words: the date that set its level, and the age and strength marks."""
    if not cell.get("recorded", True) or cell.get("state") in ("none", "uncoded"):
        return ""
    if cell.get("state") == "hidden":
        return THIN_MARK
    words = [f"{cell['level_date']}" + (f" ({plan_name(cell)})" if cell.get("origin") == "plan" else "")]
    if cell.get("stale"):
        words.append(STALE_MARK)
    if cell.get("strength") == "thin":
        words.append(THIN_MARK)
    return " · ".join(words)


def plan_name(cell: dict) -> str:
    """A plan-point stance names its text: the summary starts with the text's title."""
    return str(cell.get("summary", "")).split(", point ")[0]


MATRIX_EXPORT = [
    "issue_title",
    "side_name",
    "recorded",
    "state",
    "stance",
    "stance_label",
    "level_definition",
    "stance_note",
    "level_date",
    "latest_date",
    "age_days",
    "stale",
    "strength",
    "thin",
    "date",
    "kind",
    "speaker_name",
    "summary",
    "quote",
    "quote_note",
    "contested",
    "contested_note",
    "newer_uncoded",
    *EVIDENCE,
]


def matrix_export(m: Memo, f: Filters) -> pd.DataFrame:
    """The matrix cells as exported: the reader's columns, without plot helpers."""
    return m(matrix_cells, f)[MATRIX_EXPORT]


def compare_columns(data: Data, sides: list[str]) -> list[tuple[str, str]]:
    """The Compare table's shown columns, each with how to show it: text, position, link or number."""
    columns = [("issue_title", "text")]
    for side in sides:
        name = short_name(data, side)
        columns += [(f"{name}: stance", "text"), (f"{name}: evidence", "text"),
                    (f"{name}: position", "position"), (f"{name}: source", "link")]  # fmt: skip
    return [*columns, ("gap", "number")]


def short_name(data: Data, side: str) -> str:
    actor = data.actors.get(side)
    return (actor.short or actor.name) if actor else side


ORDERS = {"issue": lambda rows: rows, "gap": by_gap, "oldest": by_oldest_evidence}


def compare(m: Memo, f: Filters, order: str = "issue") -> pd.DataFrame:
    """The Compare table of the sides in view, its rows in the given order (see `ORDERS`)."""
    return ORDERS[order](compare_rows(m(matrix_cells, f), m.data, list(f.sides)))


def compare_rows(cells: pd.DataFrame, data: Data, sides: list[str]) -> pd.DataFrame:
    """A row per issue, a block of columns per side, and the gap between the sides (0–1)."""
    spans = {i: data.issues[i].span or 1 for i in cells["issue"].unique()}
    gaps = analysis.gaps(cells[cells["recorded"]], spans, sides).set_index("issue")
    by_cell = {(r["issue"], r["side"]): r for r in cells.to_dict("records")}
    rows = []
    for issue_id in spans:
        row: dict[str, object] = {"issue": issue_id, "issue_title": data.issues[issue_id].title}
        for side in sides:
            cell = by_cell[(issue_id, side)]
            name = short_name(data, side)
            recorded = bool(cell["recorded"])
            label = cell["stance_label"] if present(cell["stance_label"]) else "(not coded)"
            row[f"{name}: stance"] = label if recorded else "—"
            row[f"{name}: position"] = (
                (f"“{cell['quote']}”" if present(cell["quote"]) else cell["summary"]) if recorded else ""
            )
            row[f"{name}: evidence"] = (cell["evidence"] or cell["date"]) if recorded else ""
            row[f"{name}: date"] = cell["level_date"] if recorded else ""
            row[f"{name}: strength"] = STRENGTHS.get(cell["strength"], "") if recorded else ""
            row[f"{name}: source"] = cell["first_url"] if recorded else None
            row[f"{name}: sources"] = cell["source_titles"] if recorded else []
        dates = [d for side in sides if (d := by_cell[(issue_id, side)]["level_date"])]
        row["oldest_evidence"] = min(dates) if dates else ""
        row["gap"] = gaps.loc[issue_id, "gap"]
        row["coded_sides"] = int(gaps.loc[issue_id, "coded_sides"])
        rows.append(row)
    return pd.DataFrame(rows)


def every_change(m: Memo, restated_days: int) -> pd.DataFrame:
    """Every record that changed a side's stance, newest first (`engine.changes` over all the evidence),
    built once per data version: whether a record is a change depends only on the earlier records of its
    side and issue, so a view's changes are these rows narrowed to its date, sides and issues."""
    return engine.changes(m.tables.evidence, restated_days=restated_days)


def changes_in_view(
    m: Memo, sides: Sequence[str], issues: Sequence[str] | None, *, as_of: dt.date, restated_days: int
) -> pd.DataFrame:
    """The stance changes up to `as_of` of the given sides (on the given issues, or all), newest first."""
    every = m(every_change, restated_days)
    mask = (every["day"] <= pd.Timestamp(as_of)) & every["side"].isin(sides)
    if issues is not None:
        mask &= every["issue"].isin(issues)
    return every[mask]


def changes(m: Memo, f: Filters, limit: int | None = None) -> pd.DataFrame:
    """The latest moves in the stances held by the sides in view, newest first; a side restating a level
    it held within the configured window is not a move (What changed lists those)."""
    data = m.data
    scope = (f.sides, issue_ids(data, f))
    frame = m(changes_in_view, *scope, as_of=f.as_of, restated_days=f.restated_days)
    frame = frame[frame["change"] != "restated"]
    frame = frame.head(limit) if limit else frame
    return frame.assign(side_name=frame["side"].map({a.id: a.name for a in data.actors.values()}))


def figures(m: Memo, *, as_of: dt.date, metrics: Sequence[str] = ()) -> pd.DataFrame:
    """The metric values dated up to `as_of`, of the given metrics (or all)."""
    frame = m.tables.figures[m.tables.figures["day"] <= pd.Timestamp(as_of)]
    if metrics:
        frame = frame[frame["metric"].isin(metrics)]
    return frame


def metric_values(m: Memo, f: Filters, chosen: Sequence[str], metric: str) -> pd.DataFrame:
    """One metric's values on Key figures (the metrics chosen there, `chosen`): context values with their
    series and fieldwork, oldest first; others as recorded. Each with its first source as `source`."""
    shown, _ = m(key_figures, f, chosen)
    values = shown[shown["metric"] == metric]
    if m.data.metrics[metric].kind in CONTEXT_KINDS:
        values = as_context(values)
    return values.assign(source=values["first_url"])


def numeric_gaps(m: Memo, metric: str, *, as_of: dt.date) -> pd.DataFrame | None:
    """The open gaps between proposals on a metric (not zero), the newest proposals first; None when the
    metric has no proposals."""
    numbers = analysis.numeric_gaps(m(figures, as_of=as_of), metric)
    if numbers.empty:
        return None
    return numbers[numbers["gap"] > 0].sort_values(["date_b", "gap"], ascending=[False, True])


def figure_notes(values: pd.DataFrame) -> tuple[list[str], list[tuple[str, str]]]:
    """The titles of every source behind these values, and each contested value's label and note."""
    sources = sorted({title for titles in values["source_titles"] for title in titles})
    contested = values[values["contested"]]
    return sources, list(zip(contested["label"], contested["contested_note"], strict=True))


def key_figures(m: Memo, f: Filters, metrics: Sequence[str] = ()) -> tuple[pd.DataFrame, list[str]]:
    """The values the filters select, and a note for each filter that hides values or cannot apply.

    Sides: a value counts for its actor's side (or its plan text's author); context (polls, territory,
    forecasts) measures a side rather than speaking for it, so the side filter leaves it in. Issues: a
    metric tied to an issue follows the issue filter; a metric tied to none is kept, and the note says so.
    """
    data, filters = m.data, f
    frame = m(figures, as_of=f.as_of, metrics=metrics)
    tied = {metric.id: metric.issue for metric in data.metrics.values()}
    notes: list[str] = []
    others = frame[~frame["side"].isin(filters.sides) & frame["kind"].eq("figure")]
    if len(others):
        names = ", ".join(sorted({n for n in others["side_name"] if n}))
        notes.append(f"{len(others)} value(s) of sides not chosen in the sidebar are hidden ({names}).")
        frame = frame[frame["side"].isin(filters.sides) | frame["kind"].ne("figure")]
    if filters.issues or filters.categories:
        chosen = set(issue_ids(data, filters))
        untied = sorted({data.metrics[x].title for x in frame["metric"] if tied.get(x) is None})
        frame = frame[frame["metric"].map(lambda x: tied.get(x) is None or tied[x] in chosen)]
        if untied:
            notes.append(
                "The issue filter does not apply to metrics tied to no issue: " + "; ".join(untied) + "."
            )
    if filters.kinds:
        notes.append("The position-kind filter does not apply to key figures.")
    return frame, notes


def events(m: Memo, *, as_of: dt.date, kinds: Sequence[str] = (), with_source: bool = False) -> pd.DataFrame:
    """Events up to `as_of` (of the given kinds), newest first; `with_source` adds each one's first source
    URL as `source`, for a link column."""
    frame = m.tables.events[m.tables.events["day"] <= pd.Timestamp(as_of)]
    if kinds:
        frame = frame[frame["kind"].isin(kinds)]
    frame = frame.sort_values("day", ascending=False, kind="stable")
    return frame.assign(source=frame["first_url"]) if with_source else frame


PERIODS = {"18m": "18 months", "5y": "5 years", "all": "everything"}


def period_start(period: str, *, as_of: dt.date) -> pd.Timestamp | None:
    """The first day a timeline period shows, counting back from the as-of date; None for everything."""
    months = {"18m": 18, "5y": 60}.get(period)
    return pd.Timestamp(as_of) - pd.DateOffset(months=months) if months else None


def timeline_positions(m: Memo, f: Filters, newest_first: bool = False) -> pd.DataFrame:
    """Positions in view, oldest first (or newest first; on the same day in id order), each marked when it
    changed the side's stance on the issue."""
    if newest_first:
        return m(timeline_positions, f).sort_values(["day", "id"], ascending=[False, True])
    frame = m(positions, f).sort_values(["day", "id"], kind="stable")
    moved = m(changes_in_view, f.sides, None, as_of=f.as_of, restated_days=f.restated_days)
    return frame.assign(changed=frame["id"].isin(set(moved.loc[moved["change"] != "restated", "id"])))


def trajectory(m: Memo, f: Filters, issue: str) -> pd.DataFrame:
    """The sides' stances on one issue over time (see `analysis.trajectory`)."""
    return analysis.trajectory(m.tables.evidence, issue, f.sides, as_of=f.as_of)


def plan_ties(m: Memo, *, as_of: dt.date) -> pd.DataFrame:
    """Who wrote, endorsed or rejected which plan text up to `as_of` (see `network.ties`)."""
    return network.ties(m.data, as_of=as_of)


def pair_label(data: Data, a: str, b: str) -> str:
    return f"{data.actors[a].name} ↔ {data.actors[b].name}"


def pairs_of(sides: Sequence[str]) -> list[tuple[str, str]]:
    return [(a, b) for i, a in enumerate(sides) for b in sides[i + 1 :]]


def pair_distances(
    m: Memo, f: Filters, pairs: Sequence[tuple[str, str]], weights: Mapping[str, float]
) -> pd.DataFrame:
    """The distance of each pair of sides on each issue in view (see `analysis.pair_distances`)."""
    spans = {i: m.data.issues[i].span for i in issue_ids(m.data, f)}
    return analysis.pair_distances(m(held, f), list(pairs), spans, dict(weights))


def distance_evidence(
    m: Memo, f: Filters, pairs: Sequence[tuple[str, str]], weights: Mapping[str, float]
) -> pd.DataFrame:
    """The pair × issue distances with the records and sources behind both stances."""
    data, detail = m.data, m(pair_distances, f, pairs, weights)
    by_id = m.tables.evidence.drop_duplicates("id").set_index("id")
    names = {a.id: a.name for a in data.actors.values()}

    def cited(record_id: object, column: str):
        found = isinstance(record_id, str) and record_id in by_id.index
        return by_id.at[record_id, column] if found else ([] if column.startswith("source") else "")

    return detail.assign(
        pair=[f"{names[a]} ↔ {names[b]}" for a, b in zip(detail["a"], detail["b"], strict=True)],
        issue_title=detail["issue"].map({i.id: i.title for i in data.issues.values()}),
        summary_a=[cited(p, "summary") for p in detail["position_a"]],
        summary_b=[cited(p, "summary") for p in detail["position_b"]],
        date_a=[cited(p, "date") for p in detail["position_a"]],
        date_b=[cited(p, "date") for p in detail["position_b"]],
        sources_a=[cited(p, "source_titles") for p in detail["position_a"]],
        sources_b=[cited(p, "source_titles") for p in detail["position_b"]],
        source_urls=[
            [*cited(p, "source_urls"), *cited(q, "source_urls")]
            for p, q in zip(detail["position_a"], detail["position_b"], strict=True)
        ],
    )


CLOSENESS = ["agree", "close", "far apart", "not comparable"]


def pair_summary(
    m: Memo, f: Filters, pairs: Sequence[tuple[str, str]], weights: Mapping[str, float]
) -> pd.DataFrame:
    """For each chosen pair: the issues on which the two sides agree, are close, far apart, or cannot be
    compared (one of them has no coded stance), from the per-issue distances."""
    data, detail = m.data, m(pair_distances, f, pairs, weights)
    titles = {i.id: i.title for i in data.issues.values()}
    words = detail.assign(word=detail["distance"].map(analysis.closeness), title=detail["issue"].map(titles))
    rows = []
    for (a, b), group in words.groupby(["a", "b"], sort=False):
        row: dict[str, object] = {"pair": pair_label(data, a, b)}
        for word in CLOSENESS:
            chosen = group.loc[group["word"] == word, "title"].tolist()
            row[word] = len(chosen)
            row[f"{word}: issues"] = ", ".join(chosen)
        rows.append(row)
    return pd.DataFrame(rows, columns=["pair", *[c for w in CLOSENESS for c in (w, f"{w}: issues")]])


def cards(m: Memo, f: Filters, shown_ids: Sequence[str] = ()) -> list[tuple[str, list[tuple[str, str]]]]:
    """The matrix as a list for narrow screens (the issues on one page, or all): per issue, each side's
    stance and its date."""
    data, sides = m.data, f.sides
    cells = m(matrix_page, f, shown_ids) if shown_ids else m(matrix_cells, f)
    by_cell = {(r["issue"], r["side"]): r for r in cells.to_dict("records")}
    out = []
    for issue_id in dict.fromkeys(cells["issue"]):
        lines = []
        for side in sides:
            cell = by_cell.get((issue_id, side))
            if cell is None or not cell["recorded"]:
                text = NO_POSITION
            else:
                when = cell["evidence"] or cell["date"]
                text = f"{cell['stance_label']} ({when})" + (" ⚑" if cell["contested"] else "")
            lines.append((short_name(data, side), text))
        out.append((data.issues[issue_id].title, lines))
    return out


CONTEXT_KINDS = ("opinion", "territory", "forecast")
KIND_WORDS = {"opinion": "public opinion", "territory": "territory", "forecast": "forecast"}


def context_metrics(data: Data) -> dict[str, str]:
    """Metrics that set the stances in context (polls, territory, forecasts), id → title, in data order."""
    return {m.id: m.title for m in data.metrics.values() if m.kind in CONTEXT_KINDS}


def fieldwork(start: str, end: str) -> str:
    """Fieldwork dates in words: '2024-02-01 to 2024-02-10', one date, or ''."""
    if start and end and start != end:
        return f"{start} to {end}"
    return start or end


def context_values(m: Memo, metric: str | None, *, as_of: dt.date) -> pd.DataFrame:
    """One context metric's values up to `as_of`, oldest first, each with the series it belongs to (who
    measured it and what its label says) and its fieldwork in words."""
    frame = m(figures, as_of=as_of, metrics=(metric,) if metric else ())
    return as_context(frame[frame["kind"].isin(CONTEXT_KINDS)] if metric else frame.iloc[0:0])


def as_context(frame: pd.DataFrame) -> pd.DataFrame:
    """Context values with their series (who measured it — what the label says) and fieldwork in words,
    oldest first."""
    series = [
        f"{by} — {label}" if by and label else (label or by)
        for by, label in zip(frame["by"], frame["label"], strict=True)
    ]
    return frame.assign(
        series=series,
        fieldwork=[
            fieldwork(a, b) for a, b in zip(frame["fieldwork_start"], frame["fieldwork_end"], strict=True)
        ],
    ).sort_values(["day", "id"], kind="stable")


# What changed, Plans and Sources & data ------------------------------------------------------------------


def stance_changes(m: Memo, f: Filters, *, since: dt.date, until: dt.date) -> pd.DataFrame:
    """Stances that moved between two dates for the sides and issues in view (see `changes`)."""
    scope = (list(f.sides), issue_ids(m.data, f))
    return changes_.stance_changes(m.data, m.tables, since, until, *scope, restated_days=f.restated_days)


def restatements(m: Memo, f: Filters, *, since: dt.date, until: dt.date) -> pd.DataFrame:
    scope = (list(f.sides), issue_ids(m.data, f))
    return changes_.restatements(m.data, m.tables, since, until, *scope, restated_days=f.restated_days)


def new_figures(m: Memo, sides: Sequence[str], *, since: dt.date, until: dt.date) -> pd.DataFrame:
    return changes_.new_figures(m.tables, since, until, list(sides))


def new_events(m: Memo, *, since: dt.date, until: dt.date) -> pd.DataFrame:
    return changes_.new_events(m.tables, since, until)


def plan_grid(m: Memo, docs: Sequence[str], issues: Sequence[str]) -> pd.DataFrame:
    """Issues × plan texts: what each text says on each issue."""
    return plans.grid(m.data, m.tables.points, list(docs), list(issues))


def plan_diff(m: Memo, before: str, after: str, issues: Sequence[str]) -> pd.DataFrame:
    """What changed on each issue from one plan text to another."""
    return plans.diff(m.data, m.tables.points, before, after, list(issues))


def plan_tie_export(m: Memo, *, as_of: dt.date) -> pd.DataFrame:
    return network.export(m(plan_ties, as_of=as_of))


def plan_alignments(m: Memo, *, as_of: dt.date) -> pd.DataFrame:
    """Pairs of sides behind the same plan texts up to `as_of`."""
    return network.alignments(m(plan_ties, as_of=as_of))


def source_register(m: Memo, types: Sequence[str] = ()) -> pd.DataFrame:
    """The sources (of the given types, or all), the newest published first."""
    frame = m.tables.sources
    frame = frame[frame["type"].isin(types)] if types else frame
    return frame.sort_values("published", ascending=False)


def source_strength(m: Memo, f: Filters) -> dict[str, int]:
    """Sources by how they were seen and by title check, and the stances in view by strength, thinly
    sourced ones included."""
    return methodology.source_strength(m.data, m(stances, dataclasses.replace(f, hide_thin=False)))
