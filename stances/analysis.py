"""Stances at a date, changes over time and gaps between sides: pure functions over the tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd


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


def latest(positions: pd.DataFrame, as_of: dt.date | None = None) -> pd.DataFrame:
    """Each side's latest position on each issue, on or before `as_of`.

    On the same day a position that codes a stance wins over one that does not, so a cell is coloured
    whenever that day's record allows it.
    """
    frame = filter_positions(positions, as_of=as_of)
    if frame.empty:
        return frame.copy()
    ordered = frame.assign(_has=frame["stance"].notna()).sort_values(["day", "_has", "id"], kind="stable")
    last = ordered.groupby(["issue", "side"], sort=False).tail(1)
    return last.drop(columns="_has").reset_index(drop=True)


def matrix(latest_positions: pd.DataFrame, issue_ids: Sequence[str], side_ids: Sequence[str]) -> pd.DataFrame:
    """Issues × sides in the given order, one row per cell; cells without a position have no id."""
    grid = pd.MultiIndex.from_product([list(issue_ids), list(side_ids)], names=["issue", "side"])
    cells = latest_positions.set_index(["issue", "side"]).reindex(grid).reset_index()
    cells["recorded"] = cells["id"].notna()
    return cells


def changes(positions: pd.DataFrame, as_of: dt.date | None = None, limit: int | None = None):
    """Stance changes: positions whose stance differs from the same side's previous stance on the issue.

    A side's first coded stance on an issue is not a change. Newest first.
    """
    coded = filter_positions(positions, as_of=as_of)
    coded = coded[coded["stance"].notna()].sort_values(["day", "id"], kind="stable")
    previous = coded.groupby(["side", "issue"])["stance"].shift()
    label_before = coded.groupby(["side", "issue"])["stance_label"].shift()
    result = coded.assign(stance_before=previous, label_before=label_before)
    result = result[result["stance_before"].notna() & (result["stance_before"] != result["stance"])]
    result = result.sort_values(["day", "id"], ascending=[False, False], kind="stable")
    return result.head(limit) if limit else result


def gaps(
    latest_positions: pd.DataFrame, issue_spans: dict[str, int], side_ids: Sequence[str]
) -> pd.DataFrame:
    """Per issue, the spread between the chosen sides' stances as a share of the scale (0–1).

    The gap is undefined (NaN) where fewer than two of the sides have a coded stance.
    """
    chosen = latest_positions[latest_positions["side"].isin(list(side_ids))]
    coded = chosen[chosen["stance"].notna()]
    rows = []
    for issue_id, span in issue_spans.items():
        stances = coded.loc[coded["issue"] == issue_id, "stance"].astype(float)
        gap = (stances.max() - stances.min()) / span if len(stances) >= 2 and span else float("nan")
        rows.append({"issue": issue_id, "gap": gap, "coded_sides": len(stances)})
    return pd.DataFrame(rows, columns=["issue", "gap", "coded_sides"])


def trajectory(positions: pd.DataFrame, issue_id: str, side_ids: Sequence[str], as_of: dt.date):
    """Each side's coded stance on one issue over time, ending with the stance still held at `as_of`."""
    coded = filter_positions(positions, sides=side_ids, issues=[issue_id], as_of=as_of)
    coded = coded[coded["stance"].notna()].sort_values(["day", "id"], kind="stable")
    rows = []
    for _, group in coded.groupby("side", sort=False):
        rows.extend(group.to_dict("records"))
        last = group.iloc[-1].to_dict()
        if last["day"] < _ts(as_of):
            rows.append({**last, "day": _ts(as_of), "id": "", "summary": "(held to the as-of date)"})
    columns = [*positions.columns]
    return pd.DataFrame(rows, columns=columns)


def latest_coded(positions: pd.DataFrame, as_of: dt.date | None = None) -> pd.DataFrame:
    """Each side's latest *coded* stance per issue on or before `as_of`: what distances compare."""
    return latest(positions[positions["stance"].notna()], as_of)


def distance(a: float | None, b: float | None, span: float) -> float:
    """|a − b| / span: 0 = the same level, 1 = opposite ends; NaN (undefined) if either is missing."""
    if a is None or b is None or pd.isna(a) or pd.isna(b) or not span:
        return float("nan")
    return abs(float(a) - float(b)) / span


def _stance_table(latest_positions: pd.DataFrame) -> pd.DataFrame:
    """Issues × sides of coded stances (NaN where a side has none)."""
    coded = latest_positions[latest_positions["stance"].notna()]
    return coded.pivot_table(index="issue", columns="side", values="stance", aggfunc="last")


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
    coded = latest_positions[latest_positions["stance"].notna()].set_index(["issue", "side"])
    rows = []
    for a, b in pairs:
        for issue, span in spans.items():
            pa = coded.loc[(issue, a)] if (issue, a) in coded.index else None
            pb = coded.loc[(issue, b)] if (issue, b) in coded.index else None
            rows.append(
                {
                    "a": a,
                    "b": b,
                    "issue": issue,
                    "stance_a": None if pa is None else float(pa["stance"]),
                    "stance_b": None if pb is None else float(pb["stance"]),
                    "label_a": None if pa is None else pa["stance_label"],
                    "label_b": None if pb is None else pb["stance_label"],
                    "position_a": None if pa is None else pa["id"],
                    "position_b": None if pb is None else pb["id"],
                    "distance": distance(
                        None if pa is None else pa["stance"], None if pb is None else pb["stance"], span
                    ),
                    "weight": (weights or {}).get(issue, 1.0),
                }
            )
    return pd.DataFrame(
        rows,
        columns=["a", "b", "issue", "stance_a", "stance_b", "label_a", "label_b",
                 "position_a", "position_b", "distance", "weight"],
    )  # fmt: skip


def _weighted(group: pd.DataFrame) -> pd.Series:
    known = group[group["distance"].notna() & (group["weight"] > 0)]
    total = known["weight"].sum()
    mean = (known["distance"] * known["weight"]).sum() / total if total else float("nan")
    return pd.Series({"distance": mean, "issues": len(known)})


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
    positions: pd.DataFrame,
    pairs: Sequence[tuple[str, str]],
    spans: dict[str, int],
    end: dt.date,
    weights: dict[str, float] | None = None,
    start: dt.date | None = None,
) -> pd.DataFrame:
    """Each pair's weighted mean distance at the end of every month, stances carried forward.

    A month where a pair shares no coded issue has no row for that pair.
    """
    coded = positions[positions["stance"].notna() & positions["issue"].isin(list(spans))]
    coded = coded[coded["day"] <= _ts(end)].sort_values(["day", "id"], kind="stable")
    if coded.empty or not pairs:
        return pd.DataFrame(columns=["month", "a", "b", "distance", "issues"])
    first = _ts(start) if start else coded["day"].min()
    months = list(pd.date_range(first, _ts(end), freq="ME"))
    if not months or months[-1] < _ts(end):
        months.append(_ts(end))
    sides = {s for pair in pairs for s in pair}
    coded = coded[coded["side"].isin(sides)]
    frames = []
    for month in months:
        held = coded[coded["day"] <= month].groupby(["issue", "side"]).tail(1)
        if held.empty:
            continue
        result = agreement_pairs(held, pairs, spans, weights)
        frames.append(result.assign(month=month))
    if not frames:
        return pd.DataFrame(columns=["month", "a", "b", "distance", "issues"])
    out = pd.concat(frames, ignore_index=True)
    out = out[out["issues"] > 0]
    return out[["month", "a", "b", "distance", "issues"]].reset_index(drop=True)


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
    summary = detail.groupby(["a", "b"], sort=False)[["distance", "weight"]].apply(_weighted)
    summary["issues"] = summary["issues"].astype(int)
    return summary.reset_index()


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
                        "sources": f"{low['source_titles']} | {high['source_titles']}",
                    }
                )
    return pd.DataFrame(rows)
