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
