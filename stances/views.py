"""What each page shows, as tables: filters applied, ready to display and to export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from stances import analysis, engine
from stances.dataset import Data
from stances.tables import STRENGTHS, Tables
from stances.text import present
from stances.view_filters import Filters

EVIDENCE = ["source_titles", "source_urls"]
NOT_CODED = "(not coded)"
NO_POSITION = "no recorded position"


def where(frame: pd.DataFrame, column: str, value: object) -> pd.DataFrame:
    """The rows whose `column` holds `value`."""
    return frame[frame[column] == value]


def where_in(frame: pd.DataFrame, column: str, values: Sequence[object]) -> pd.DataFrame:
    """The rows whose `column` holds one of `values`."""
    return frame[frame[column].isin(values)]


def since(frame: pd.DataFrame, first: pd.Timestamp) -> pd.DataFrame:
    """The rows dated on or after `first`."""
    return frame[frame["day"] >= first]


def open_gaps(numbers: pd.DataFrame) -> pd.DataFrame:
    """Numeric gaps that are not zero, the newest proposals first."""
    return numbers[numbers["gap"] > 0].sort_values(["date_b", "gap"], ascending=[False, True])


def newest_first(frame: pd.DataFrame) -> pd.DataFrame:
    """Records newest first; on the same day, in id order."""
    return frame.sort_values(["day", "id"], ascending=[False, True])


def newest_published(sources: pd.DataFrame) -> pd.DataFrame:
    return sources.sort_values("published", ascending=False)


def with_source(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with a `source` column holding each row's first source URL, for a link column."""
    return frame.assign(source=frame["first_url"])


def by_oldest_evidence(rows: pd.DataFrame) -> pd.DataFrame:
    """Compare rows whose oldest stance evidence is oldest first; rows with no coded stance last."""
    key = rows["oldest_evidence"].where(rows["oldest_evidence"] != "", "9999")
    return rows.assign(_key=key).sort_values("_key", kind="stable").drop(columns="_key")


def by_gap(rows: pd.DataFrame) -> pd.DataFrame:
    """Compare rows with the largest gap first; rows without a gap last."""
    return rows.sort_values("gap", ascending=False, na_position="last", kind="stable")


def issue_ids(data: Data, filters: Filters) -> list[str]:
    return filters.issue_ids({i.id: i.category for i in data.issues.values()})


def positions(tables: Tables, data: Data, filters: Filters) -> pd.DataFrame:
    """Every position matching the filters, newest first."""
    frame = analysis.filter_positions(
        tables.positions,
        sides=filters.sides,
        issues=issue_ids(data, filters),
        kinds=filters.kind_list(),
        as_of=filters.as_of,
    )
    return frame.sort_values(["day", "id"], ascending=[False, True], kind="stable")


def stances(tables: Tables, data: Data, filters: Filters, sides: Sequence[str] | None = None) -> pd.DataFrame:
    """The stance engine's answer for the sides and issues in view at the as-of date (one row per cell
    with a record). The kind filter narrows evidence lists, never the stance a side holds."""
    chosen = list(filters.sides if sides is None else sides)
    cells = engine.current(
        tables.evidence, filters.as_of, chosen, issue_ids(data, filters), stale_days=filters.stale_days
    )
    return engine.hide_thin(cells) if filters.hide_thin else cells


def held(tables: Tables, data: Data, filters: Filters, sides: Sequence[str] | None = None) -> pd.DataFrame:
    """Only the cells where a side holds a coded stance: what distances and gaps compare."""
    cells = stances(tables, data, filters, sides)
    return cells[cells["coded"]]


def matrix_cells(tables: Tables, data: Data, filters: Filters) -> pd.DataFrame:
    """One row per issue × side: the stance the side holds at the as-of date and the record behind it."""
    cells = analysis.matrix(stances(tables, data, filters), issue_ids(data, filters), filters.sides)
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
    return cells


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


def matrix_export(cells: pd.DataFrame) -> pd.DataFrame:
    """The matrix cells as exported: the reader's columns, without plot helpers."""
    return cells[MATRIX_EXPORT]


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


def compare(cells: pd.DataFrame, data: Data, sides: list[str]) -> pd.DataFrame:
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


def changes(tables: Tables, data: Data, filters: Filters, limit: int | None = None) -> pd.DataFrame:
    """The latest moves in the stances held by the sides in view, newest first; a side restating a level
    it held within the configured window is not a move (What changed lists those)."""
    frame = engine.changes(
        engine.in_view(tables.evidence, filters.as_of, filters.sides, issue_ids(data, filters)),
        restated_days=filters.restated_days,
    )
    frame = frame[frame["change"] != "restated"]
    frame = frame.head(limit) if limit else frame
    return frame.assign(side_name=frame["side"].map({a.id: a.name for a in data.actors.values()}))


def figures(tables: Tables, as_of: dt.date, metrics: list[str] | None = None) -> pd.DataFrame:
    frame = tables.figures[tables.figures["day"] <= pd.Timestamp(as_of)]
    if metrics:
        frame = frame[frame["metric"].isin(metrics)]
    return frame


def metrics_shown(values: pd.DataFrame, order: Sequence[str]) -> list[str]:
    """The metrics with at least one value here, in the given order."""
    present = set(values["metric"])
    return [m for m in order if m in present]


def figure_notes(values: pd.DataFrame) -> tuple[list[str], list[tuple[str, str]]]:
    """The titles of every source behind these values, and each contested value's label and note."""
    sources = sorted({title for titles in values["source_titles"] for title in titles})
    contested = values[values["contested"]]
    return sources, list(zip(contested["label"], contested["contested_note"], strict=True))


def distinct(frame: pd.DataFrame, column: str) -> list:
    """The values of `column`, each once, in order of first appearance."""
    return list(dict.fromkeys(frame[column]))


def key_figures(
    tables: Tables, data: Data, filters: Filters, metrics: list[str] | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """The values the filters select, and a note for each filter that hides values or cannot apply.

    Sides: a value counts for its actor's side (or its plan text's author); context (polls, territory,
    forecasts) measures a side rather than speaking for it, so the side filter leaves it in. Issues: a
    metric tied to an issue follows the issue filter; a metric tied to none is kept, and the note says so.
    """
    frame = figures(tables, filters.as_of, metrics)
    notes: list[str] = []
    others = frame[~frame["side"].isin(filters.sides) & frame["kind"].eq("figure")]
    if len(others):
        names = ", ".join(sorted({n for n in others["side_name"] if n}))
        notes.append(f"{len(others)} value(s) of sides not chosen in the sidebar are hidden ({names}).")
        frame = frame[frame["side"].isin(filters.sides) | frame["kind"].ne("figure")]
    if filters.issues or filters.categories:
        chosen = set(issue_ids(data, filters))
        tied = {m.id: m.issue for m in data.metrics.values()}
        untied = sorted({data.metrics[m].title for m in frame["metric"] if tied.get(m) is None})
        frame = frame[frame["metric"].map(lambda m: tied.get(m) is None or tied[m] in chosen)]
        if untied:
            notes.append(
                "The issue filter does not apply to metrics tied to no issue: " + "; ".join(untied) + "."
            )
    if filters.kinds:
        notes.append("The position-kind filter does not apply to key figures.")
    return frame, notes


def events(tables: Tables, filters: Filters) -> pd.DataFrame:
    frame = tables.events[tables.events["day"] <= pd.Timestamp(filters.as_of)]
    return frame.sort_values("day", ascending=False, kind="stable")


PERIODS = {"18m": "18 months", "5y": "5 years", "all": "everything"}


def period_start(period: str, as_of: dt.date) -> pd.Timestamp | None:
    """The first day a timeline period shows, counting back from the as-of date; None for everything."""
    months = {"18m": 18, "5y": 60}.get(period)
    return pd.Timestamp(as_of) - pd.DateOffset(months=months) if months else None


def timeline_positions(tables: Tables, data: Data, filters: Filters) -> pd.DataFrame:
    """Positions in view, oldest first, each marked when it changed the side's stance on the issue."""
    frame = positions(tables, data, filters).sort_values(["day", "id"], kind="stable")
    moved = engine.changes(
        engine.in_view(tables.evidence, filters.as_of, filters.sides), restated_days=filters.restated_days
    )
    return frame.assign(changed=frame["id"].isin(set(moved.loc[moved["change"] != "restated", "id"])))


def pair_label(data: Data, a: str, b: str) -> str:
    return f"{data.actors[a].name} ↔ {data.actors[b].name}"


def pairs_of(sides: Sequence[str]) -> list[tuple[str, str]]:
    return [(a, b) for i, a in enumerate(sides) for b in sides[i + 1 :]]


def distance_evidence(tables: Tables, data: Data, detail: pd.DataFrame) -> pd.DataFrame:
    """The pair × issue distances with the records and sources behind both stances."""
    by_id = tables.evidence.drop_duplicates("id").set_index("id")
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


def pair_summary(data: Data, detail: pd.DataFrame) -> pd.DataFrame:
    """For each chosen pair: the issues on which the two sides agree, are close, far apart, or cannot be
    compared (one of them has no coded stance), from the per-issue distances."""
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


def cards(cells: pd.DataFrame, data: Data, sides: Sequence[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The matrix as a list for narrow screens: per issue, each side's stance and its date."""
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


def context_values(tables: Tables, as_of: dt.date, metric: str | None) -> pd.DataFrame:
    """One context metric's values up to `as_of`, oldest first, each with the series it belongs to (who
    measured it and what its label says) and its fieldwork in words."""
    frame = figures(tables, as_of, [metric] if metric else [])
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
