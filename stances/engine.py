"""The stance engine: where a side stands on an issue at a date, and on what evidence.

One rule, used by every page, chart and export:

* The evidence is the side's positions plus the coded points of every plan text the side wrote,
  co-wrote or endorsed (from the text's date, or the endorsement's date).
* A record *decides* a cell when it sets a level (`stance`) or ends one (`withdraws`: the side said its
  earlier terms no longer hold, or a text it holds dropped the point). The side's stance at a date is set
  by its latest deciding record on or before that date: a level, or "no current level — withdrawn on
  DATE". A newer record that decides nothing does not blank the cell; it is counted as newer evidence.
* Records are ordered by day, then an explicit position before a plan point of the same day (so a
  side's own words that day win), then id, so the answer never depends on file order.
* A change of stance is "withdrawn" when a record ends a level, "restated" when the side returns to a
  level it held within `RESTATED_DAYS` days or leaves a level it returns to within that window (speakers
  alternating between two levels), and "moved" otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

ORDER = ["day", "rank", "id"]
STALE_DAYS = 365
RESTATED_DAYS = 30
WITHDRAWN = "no current level — withdrawn on {date}"
CURRENT, WITHDRAWN_CURRENT = "current", "current: withdrawn"


def _ts(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day)


def in_view(
    evidence: pd.DataFrame,
    sides: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    *,
    as_of: dt.date | None = None,
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


def deciding(frame: pd.DataFrame) -> pd.Series:
    """Records that set or end a level."""
    return frame["stance"].notna() | frame["withdraws"].notna()


def withdrawn_label(date: str) -> str:
    return WITHDRAWN.format(date=date)


def current(
    evidence: pd.DataFrame,
    sides: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    *,
    as_of: dt.date | None = None,
    stale_days: int = STALE_DAYS,
) -> pd.DataFrame:
    """One row per side × issue with any record: the stance held at `as_of` and the record behind it.

    The row is the latest deciding record, or the latest record when none decides. Added columns:
    `state` ("coded", "withdrawn" or "uncoded"), `coded` (a level is held), `level_date` (the date of the
    record that set or ended the level), `latest_date` (the side's newest record of any kind),
    `newer_uncoded` (records after the deciding one), `age_days` (from `level_date` to `as_of`) and
    `stale` (a level resting on evidence older than `stale_days`). A withdrawn cell has no stance; its
    `stance_label` says when the level was withdrawn and `withdrawn_level` which level ended.
    """
    ordered = in_view(evidence, sides, issues, as_of=as_of).reset_index(drop=True)
    if ordered.empty:
        return ordered.assign(
            state=pd.Series(dtype=object), coded=pd.Series(dtype=bool), newer_uncoded=pd.Series(dtype=int),
            latest_date=pd.Series(dtype=object), level_date=pd.Series(dtype=object),
            withdrawn_level=pd.Series(dtype="Int64"), age_days=pd.Series(dtype="Int64"),
            stale=pd.Series(dtype=bool),
        )  # fmt: skip
    groups = [ordered["issue"], ordered["side"]]
    seq = pd.Series(range(len(ordered)), index=ordered.index)
    decides = deciding(ordered)
    last_any = seq.groupby(groups).transform("max")
    last_deciding = seq.where(decides).groupby(groups).transform("max")
    chosen = last_deciding.fillna(last_any).astype(int)
    newer = (seq > chosen).groupby(groups).transform("sum")
    latest_date = ordered["date"].groupby(groups).transform("last")
    picked = seq == chosen
    out = ordered[picked].copy()
    coded = out["stance"].notna()
    withdrawn = out["withdraws"].notna()
    out["state"] = np.select([coded, withdrawn], ["coded", "withdrawn"], "uncoded")
    out["coded"] = coded
    out["newer_uncoded"] = newer[picked].where(coded | withdrawn, 0).astype(int)
    out["latest_date"] = latest_date[picked]
    out["level_date"] = out["date"].where(coded | withdrawn, "")
    out["withdrawn_level"] = out["withdraws"].where(withdrawn).astype("Int64")
    out.loc[withdrawn, "stance_label"] = [withdrawn_label(d) for d in out.loc[withdrawn, "date"]]
    out.loc[withdrawn, "level_definition"] = ""
    end = _ts(as_of) if as_of is not None else ordered["day"].max()
    age = (end - out["day"]).dt.days
    out["age_days"] = age.where(coded | withdrawn).astype("Int64")
    out["stale"] = (coded & (age > stale_days)).astype(bool)
    return out.sort_values(["issue", "side"], kind="stable").reset_index(drop=True)


HIDDEN = "thinly sourced stance hidden"


def hide_thin(cells: pd.DataFrame) -> pd.DataFrame:
    """Cells whose deciding record rests only on thin sources, shown as hidden: no level, no withdrawal
    (an older, better-sourced level is not brought back: it is not the side's current stance)."""
    thin = cells["state"].isin(["coded", "withdrawn"]) & (cells["strength"] == "thin")
    if not thin.any():
        return cells
    out = cells.copy()
    out.loc[thin, "stance"] = pd.NA
    out.loc[thin, ["state", "stance_label", "level_definition"]] = ["hidden", HIDDEN, ""]
    out.loc[thin, "coded"] = False
    out.loc[thin, "stale"] = False
    return out


def held(
    evidence: pd.DataFrame,
    days: Sequence[pd.Timestamp],
    sides: Sequence[str],
    issues: Sequence[str],
) -> pd.DataFrame:
    """The coded stance each side holds on each issue at each of `days` (NaN when none or withdrawn)."""
    records = in_view(evidence, sides, issues, as_of=max(days).date() if len(days) else None)
    records = records[deciding(records)]
    columns = pd.MultiIndex.from_product([list(sides), list(issues)], names=["side", "issue"])
    index = pd.DatetimeIndex(days)
    if records.empty:
        return pd.DataFrame(index=index, columns=columns, dtype=float)
    level = records["stance"].astype(float).fillna(np.inf)  # a withdrawal holds "no level" forward
    last = level.groupby([records["day"], records["side"], records["issue"]], sort=False).last()
    wide = last.unstack(["side", "issue"]).sort_index()
    wide = wide.reindex(wide.index.union(index)).ffill().loc[index]
    return wide.replace(np.inf, np.nan).reindex(columns=columns)


def history(evidence: pd.DataFrame, side: str, issue: str, *, as_of: dt.date) -> pd.DataFrame:
    """Every record of one side on one issue up to `as_of`, oldest first, each with its `status`.

    Status: "current" (the level held at `as_of`), "current: withdrawn" (the record that ended the
    level, when no later record set one), "superseded" (an earlier deciding record), "newer, not coded"
    (after the deciding record, no level), "earlier, not coded".
    """
    rows = in_view(evidence, [side], [issue], as_of=as_of).reset_index(drop=True)
    if rows.empty:
        return rows.assign(status=pd.Series(dtype=object))
    decides = deciding(rows)
    last = decides[decides].index.max() if decides.any() else -1
    ends = rows["withdraws"].notna()

    def status(i: int) -> str:
        if i == last:
            return WITHDRAWN_CURRENT if ends[i] else CURRENT
        if decides[i]:
            return "superseded"
        return "newer, not coded" if i > last else "earlier, not coded"

    return rows.assign(status=[status(i) for i in rows.index])


def changes(
    evidence: pd.DataFrame, *, as_of: dt.date | None = None, restated_days: int = RESTATED_DAYS
) -> pd.DataFrame:
    """Records that changed a side's stance on an issue, newest first, each with its `change`:
    "withdrawn", "restated" or "moved" (see the module's rule). A side's first level is not a change."""
    records = in_view(evidence, as_of=as_of)
    records = records[deciding(records)]
    state = records["stance"].astype(float).fillna(-np.inf)  # -inf: no level (withdrawn)
    window = pd.Timedelta(days=restated_days)
    picked, before, labels, kinds = [], [], [], []
    columns = zip(records.index, records["side"], records["issue"], records["day"], state,
                  records["stance_label"], strict=True)  # fmt: skip
    held: dict[tuple, list[tuple[float, pd.Timestamp]]] = {}  # per cell: (level, last day held)
    now: dict[tuple, tuple[float, object]] = {}  # per cell: (level, label) held now
    for index, side, issue, day, level, label in columns:
        key = (side, issue)
        if key not in now or now[key][0] == level:
            now.setdefault(key, (level, label))
            continue
        old, old_label = now[key]
        earlier = held.setdefault(key, [])
        back = any(was == level and until >= day - window for was, until in earlier)
        earlier.append((old, day))
        kinds.append("withdrawn" if level == -np.inf else ("restated" if back else "moved"))
        picked.append(index)
        before.append(None if old == -np.inf else int(old))
        labels.append("withdrawn" if old == -np.inf else old_label)
        now[key] = (level, label)
    result = records.loc[picked].assign(
        stance_before=pd.array(before, dtype="Int64"), label_before=labels, change=kinds
    )
    ended = result["change"] == "withdrawn"
    result.loc[ended, "stance_label"] = [withdrawn_label(d) for d in result.loc[ended, "date"]]
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
