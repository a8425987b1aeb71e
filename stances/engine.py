"""The stance engine: where a side stands on an issue at a date, and on what evidence.

One rule, used by every page, chart and export:

* The evidence is the side's positions plus the coded points of every plan text the side wrote,
  co-wrote or endorsed (from the text's date, or the endorsement's date).
* The side's stance at a date is its latest *coded* record on or before that date. A newer record
  without a stance does not blank the cell; it is counted as newer evidence.
* Records are ordered by day, then an explicit position before a plan point of the same day (so a
  side's own words that day win), then id, so the answer never depends on file order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

ORDER = ["day", "rank", "id"]


def _ts(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day)


def in_view(
    evidence: pd.DataFrame,
    as_of: dt.date | None = None,
    sides: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The evidence on or before `as_of` for the given sides and issues, in the engine's order."""
    mask = pd.Series(True, index=evidence.index)
    if as_of is not None:
        mask &= evidence["day"] <= _ts(as_of)
    if sides is not None:
        mask &= evidence["side"].isin(list(sides))
    if issues is not None:
        mask &= evidence["issue"].isin(list(issues))
    return evidence[mask].sort_values(ORDER, kind="stable")


def current(
    evidence: pd.DataFrame,
    as_of: dt.date | None = None,
    sides: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per side × issue with any record: the stance held at `as_of` and the record behind it.

    The row is the latest coded record, or the latest record when none is coded. Added columns:
    `coded` (a stance is held), `newer_uncoded` (records after the coded one, none of them coded),
    `latest_date` (the newest record of any kind).
    """
    ordered = in_view(evidence, as_of, sides, issues).reset_index(drop=True)
    if ordered.empty:
        return ordered.assign(coded=pd.Series(dtype=bool), newer_uncoded=pd.Series(dtype=int),
                              latest_date=pd.Series(dtype=object))  # fmt: skip
    keys = ["issue", "side"]
    seq = pd.Series(range(len(ordered)), index=ordered.index)
    coded = ordered["stance"].notna()
    last_any = seq.groupby([ordered["issue"], ordered["side"]]).transform("max")
    last_coded = seq.where(coded).groupby([ordered["issue"], ordered["side"]]).transform("max")
    chosen = last_coded.fillna(last_any).astype(int)
    newer = (seq > chosen).groupby([ordered["issue"], ordered["side"]]).transform("sum")
    latest_date = ordered["date"].groupby([ordered["issue"], ordered["side"]]).transform("last")
    picked = seq == chosen
    out = ordered[picked].assign(
        coded=coded[picked],
        newer_uncoded=newer[picked].where(coded[picked], 0).astype(int),
        latest_date=latest_date[picked],
    )
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


def held(
    evidence: pd.DataFrame,
    days: Sequence[pd.Timestamp],
    sides: Sequence[str],
    issues: Sequence[str],
) -> pd.DataFrame:
    """The coded stance each side holds on each issue at each of `days`: days × (side, issue)."""
    coded = in_view(evidence, max(days).date() if len(days) else None, sides, issues)
    coded = coded[coded["stance"].notna()]
    columns = pd.MultiIndex.from_product([list(sides), list(issues)], names=["side", "issue"])
    index = pd.DatetimeIndex(days)
    if coded.empty:
        return pd.DataFrame(index=index, columns=columns, dtype=float)
    last = coded.groupby(["day", "side", "issue"], sort=False)["stance"].last()
    wide = last.astype(float).unstack(["side", "issue"]).sort_index()
    wide = wide.reindex(wide.index.union(index)).ffill().loc[index]
    return wide.reindex(columns=columns)


def history(evidence: pd.DataFrame, side: str, issue: str, as_of: dt.date) -> pd.DataFrame:
    """Every record of one side on one issue up to `as_of`, oldest first, each with its `status`.

    Status: "current" (the stance held at `as_of`), "superseded" (an earlier coded stance),
    "newer, not coded" (after the current stance, no level), "earlier, not coded".
    """
    rows = in_view(evidence, as_of, [side], [issue]).reset_index(drop=True)
    if rows.empty:
        return rows.assign(status=pd.Series(dtype=object))
    coded = rows["stance"].notna()
    last = coded[coded].index.max() if coded.any() else -1
    status = [
        "current" if i == last else
        ("superseded" if c else ("newer, not coded" if i > last else "earlier, not coded"))
        for i, c in zip(rows.index, coded, strict=True)
    ]  # fmt: skip
    return rows.assign(status=status)


def changes(evidence: pd.DataFrame, as_of: dt.date | None = None) -> pd.DataFrame:
    """Coded records that moved a side's stance on an issue from its previous coded level, newest first.

    A side's first coded stance on an issue is not a change.
    """
    coded = in_view(evidence, as_of)
    coded = coded[coded["stance"].notna()]
    groups = coded.groupby(["side", "issue"])
    result = coded.assign(stance_before=groups["stance"].shift(), label_before=groups["stance_label"].shift())
    result = result[result["stance_before"].notna() & (result["stance_before"] != result["stance"])]
    return result.sort_values(ORDER, ascending=False, kind="stable")


def month_ends(evidence: pd.DataFrame, end: dt.date, start: dt.date | None = None) -> list[pd.Timestamp]:
    """The last day of every month from the first record (or `start`) to `end`, and `end` itself."""
    if evidence.empty:
        return [_ts(end)]
    first = _ts(start) if start else evidence["day"].min()
    months = list(pd.date_range(first, _ts(end), freq="ME"))
    if not months or months[-1] < _ts(end):
        months.append(_ts(end))
    return months
