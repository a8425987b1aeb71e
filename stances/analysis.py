"""Stances at a date, changes over time and gaps between sides: pure functions over the tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from stances import engine


def _ts(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day)


def filter_positions(
    positions: pd.DataFrame,
    *,
    sides: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """Positions by side, issue, kind and date (on or before `as_of`); `None` means no filter."""
    mask = pd.Series(True, index=positions.index)
    if sides is not None:
        mask &= positions["side"].isin(list(sides))
    if issues is not None:
        mask &= positions["issue"].isin(list(issues))
    if kinds is not None:
        mask &= positions["kind"].isin(list(kinds))
    if as_of is not None:
        mask &= positions["day"] <= _ts(as_of)
    return positions[mask]


def matrix(cells: pd.DataFrame, issue_ids: Sequence[str], side_ids: Sequence[str]) -> pd.DataFrame:
    """Issues × sides in the given order, one row per cell (from `engine.current`); empty cells have no id."""
    grid = pd.MultiIndex.from_product([list(issue_ids), list(side_ids)], names=["issue", "side"])
    out = cells.set_index(["issue", "side"]).reindex(grid).reset_index()
    out["recorded"] = out["id"].notna()
    out["coded"] = out["coded"].astype("boolean").fillna(False).astype(bool)
    out["newer_uncoded"] = out["newer_uncoded"].fillna(0).astype(int)
    return out


def gaps(
    latest_positions: pd.DataFrame, issue_spans: dict[str, int], side_ids: Sequence[str]
) -> pd.DataFrame:
    """Per issue, the spread between the chosen sides' stances as a share of the scale (0–1).

    The gap is undefined (NaN) where fewer than two of the sides have a coded stance.
    """
    chosen = latest_positions[latest_positions["side"].isin(list(side_ids))]
    coded = chosen[chosen["stance"].notna()]
    stats = coded.groupby("issue")["stance"].agg(["min", "max", "count"])
    stats = stats.reindex(list(issue_spans)).fillna({"count": 0})
    span = pd.Series(issue_spans, dtype=float).replace(0, float("nan"))
    gap = (stats["max"].astype(float) - stats["min"].astype(float)) / span
    gap = gap.where(stats["count"] >= 2)
    return pd.DataFrame(
        {
            "issue": list(issue_spans),
            "gap": gap.to_numpy(),
            "coded_sides": stats["count"].astype(int).to_numpy(),
        }
    )


def trajectory(evidence: pd.DataFrame, issue_id: str, side_ids: Sequence[str], *, as_of: dt.date):
    """Each side's coded stance on one issue over time, ending with the stance still held at `as_of`.

    A withdrawal ends the side's line: a last point at the withdrawal's date (its record, the level it
    ended, the label saying so), then a row without a level, so the line breaks until a level is set again.
    """
    records = engine.in_view(evidence, side_ids, [issue_id], as_of=as_of)
    records = records[engine.deciding(records)]
    rows = []
    for _, group in records.groupby("side", sort=False):
        for record in group.to_dict("records"):
            if pd.isna(record["withdraws"]):
                rows.append(record)
                continue
            label = engine.withdrawn_label(record["date"])
            rows.append({**record, "stance": record["withdraws"], "stance_label": label})
            rows.append({**record, "stance": pd.NA, "id": "", "stance_label": label})
        last = rows[-1]
        if pd.notna(last["stance"]) and last["day"] < _ts(as_of):
            rows.append({**last, "day": _ts(as_of), "id": "", "summary": "(held to the as-of date)"})
    return pd.DataFrame(rows, columns=[*evidence.columns])


def distance(a, b, span):
    """|a − b| / span: 0 = the same level, 1 = opposite ends; NaN (undefined) if either is missing.

    The one distance formula: for numbers, numpy arrays and pandas objects alike (a zero span is
    passed as NaN by the callers, so it gives NaN too)."""
    if a is None or b is None or (np.isscalar(span) and not span):
        return float("nan")
    return abs(a - b) / span


def _wide(latest_positions: pd.DataFrame, issues: list[str], column: str) -> pd.DataFrame:
    """Issues × sides of one column of the coded positions (one position per issue and side)."""
    coded = latest_positions[latest_positions["stance"].notna()]
    coded = coded.drop_duplicates(["issue", "side"], keep="last")
    return coded.set_index(["issue", "side"])[column].unstack("side").reindex(issues)


PAIR_COLUMNS = ["a", "b", "issue", "stance_a", "stance_b", "label_a", "label_b",
                "position_a", "position_b", "distance", "weight"]  # fmt: skip


def pair_distances(
    latest_positions: pd.DataFrame,
    pairs: Sequence[tuple[str, str]],
    spans: dict[str, int],
    weights: dict[str, float] | None = None,
) -> pd.DataFrame:
    """For each pair of sides and each issue: both stances, the distance and the issue's weight.

    One row per pair × issue in `spans`, with the ids of the positions behind each stance, so every
    number can be traced to its records.
    """
    issues = list(spans)
    if not pairs or not issues:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    sides = sorted({s for pair in pairs for s in pair})
    stance = _wide(latest_positions, issues, "stance").reindex(columns=sides).astype(float).to_numpy()
    ids = _wide(latest_positions, issues, "id").reindex(columns=sides).to_numpy(dtype=object)
    labels = _wide(latest_positions, issues, "stance_label").reindex(columns=sides).to_numpy(dtype=object)
    col = {s: k for k, s in enumerate(sides)}
    a_idx = np.repeat([col[a] for a, _ in pairs], len(issues))
    b_idx = np.repeat([col[b] for _, b in pairs], len(issues))
    rows = np.tile(np.arange(len(issues)), len(pairs))
    span = np.array([spans[i] or np.nan for i in issues], dtype=float)[rows]
    weight = np.array([(weights or {}).get(i, 1.0) for i in issues], dtype=float)[rows]
    sa, sb = stance[rows, a_idx], stance[rows, b_idx]
    return pd.DataFrame(
        {
            "a": np.repeat([a for a, _ in pairs], len(issues)),
            "b": np.repeat([b for _, b in pairs], len(issues)),
            "issue": np.tile(issues, len(pairs)),
            "stance_a": sa,
            "stance_b": sb,
            "label_a": labels[rows, a_idx],
            "label_b": labels[rows, b_idx],
            "position_a": ids[rows, a_idx],
            "position_b": ids[rows, b_idx],
            "distance": distance(sa, sb, span),
            "weight": weight,
        }
    )


def _weighted(detail: pd.DataFrame, keys: Sequence[str] = ("a", "b")) -> pd.DataFrame:
    """Per pair: the weighted mean distance over the issues with a distance and a weight above 0."""
    known = detail["distance"].notna() & (detail["weight"] > 0)
    parts = detail[list(keys)].assign(
        num=(detail["distance"] * detail["weight"]).where(known, 0.0),
        den=detail["weight"].where(known, 0.0),
        issues=known.astype(int),
    )
    summary = parts.groupby(list(keys), sort=False)[["num", "den", "issues"]].sum().reset_index()
    summary["distance"] = (summary["num"] / summary["den"]).where(summary["den"] > 0)
    return summary[[*keys, "distance", "issues"]]


def agreement_matrix(
    latest_positions: pd.DataFrame,
    side_ids: Sequence[str],
    spans: dict[str, int],
    weights: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Sides × sides: the (weighted) mean distance over the issues both sides have a stance on.

    Long format, one row per ordered pair, with the number of issues behind each cell; the diagonal
    is 0 over the side's own coded issues. A pair with no issue in common has NaN.
    """
    return agreement_pairs(latest_positions, [(a, b) for a in side_ids for b in side_ids], spans, weights)


def convergence(
    evidence: pd.DataFrame,
    pairs: Sequence[tuple[str, str]],
    spans: dict[str, int],
    end: dt.date,
    weights: dict[str, float] | None = None,
    start: dt.date | None = None,
) -> pd.DataFrame:
    """Each pair's weighted mean distance at the end of every month, from the engine's held stances.

    A month where a pair shares no coded issue has no row for that pair.
    """
    empty = pd.DataFrame(columns=["month", "a", "b", "distance", "issues"])
    sides = sorted({s for pair in pairs for s in pair})
    issues = list(spans)
    coded = engine.in_view(evidence, sides, issues, as_of=end)
    coded = coded[coded["stance"].notna()]
    if coded.empty or not pairs:
        return empty
    months = engine.month_ends(coded, end, start)
    stances = engine.held(evidence, months, sides, issues)
    span = pd.Series(spans, dtype=float).replace(0, float("nan"))
    weight = pd.Series({i: (weights or {}).get(i, 1.0) for i in issues}, dtype=float)
    frames = []
    for a, b in pairs:
        dist = distance(stances[a], stances[b], span)
        long = (
            dist.rename_axis("month")
            .reset_index()
            .melt(id_vars="month", var_name="issue", value_name="distance")
        )
        frames.append(long.assign(a=a, b=b, weight=long["issue"].map(weight)))
    out = _weighted(pd.concat(frames, ignore_index=True), ("month", "a", "b"))
    return out[out["issues"] > 0].reset_index(drop=True)


def agreement_pairs(
    latest_positions: pd.DataFrame,
    pairs: Sequence[tuple[str, str]],
    spans: dict[str, int],
    weights: dict[str, float] | None = None,
) -> pd.DataFrame:
    """The weighted mean distance of each given pair (see `agreement_matrix`)."""
    detail = pair_distances(latest_positions, pairs, spans, weights)
    if detail.empty:
        return pd.DataFrame(columns=["a", "b", "distance", "issues"])
    return _weighted(detail)


def closeness(gap: float) -> str:
    """Words for a gap on the 0–1 scale."""
    if pd.isna(gap):
        return "not comparable"
    if gap == 0:
        return "agree"
    return "close" if gap <= 0.25 else "far apart"


PROPOSAL_BASES = (
    "proposed-cap",
    "offered",
    "requested",
    "target",
    "pledged",
    "committed",
    "expected",
    "agreed",
)


def numeric_gaps(figures: pd.DataFrame, metric: str) -> pd.DataFrame:
    """For one metric: the latest proposal of each proposer, and the gap between every two of them.

    A proposer is a side within a plan text (or a side on its own); actual values are not proposals.
    Values are compared only within the same unit. The share is the gap over the larger value.
    """
    values = figures[(figures["metric"] == metric) & figures["basis"].isin(PROPOSAL_BASES)].copy()
    if values.empty:
        return pd.DataFrame(columns=["unit", "a", "b", "value_a", "value_b", "gap", "share"])
    latest = (
        values.sort_values("day", kind="stable").groupby(["unit", "document", "side"], sort=False).tail(1)
    )
    latest = latest.assign(proposer=latest["label"])
    rows = []
    for unit, group in latest.groupby("unit", sort=False):
        ordered = group.sort_values("value", kind="stable").to_dict("records")
        for i, low in enumerate(ordered):
            for high in ordered[i + 1 :]:
                gap = high["value"] - low["value"]
                rows.append(
                    {
                        "unit": unit,
                        "a": low["proposer"],
                        "b": high["proposer"],
                        "value_a": low["value"],
                        "value_b": high["value"],
                        "date_a": low["date"],
                        "date_b": high["date"],
                        "gap": gap,
                        "share": gap / high["value"] if high["value"] else float("nan"),
                        "sources": [*low["source_titles"], *high["source_titles"]],
                    }
                )
    return pd.DataFrame(rows)
