"""What changed between two dates: every side × issue cell whose stance moved, and new figures and events.

A cell changed when the stance engine gives the side a different stance at the end of `until` than at the
end of `since`: another level, a first level, or a withdrawn one. Figures and events are new when dated
after `since` and on or before `until`. Month-only dates count from the month's first day, as everywhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from stances import engine, urlstate
from stances.dataset import Data
from stances.redlines import as_list
from stances.tables import Tables, actor_name

NO_STANCE = "no coded stance"
SHORTCUTS = {"last 7 days": 7, "last 30 days": 30}
COLUMNS = ["side", "side_name", "issue", "issue_title", "change", "stance_before", "label_before",
           "date_before", "stance", "stance_label", "date", "kind", "speaker_name", "summary", "quote",
           "contested", "strength", "source_ids", "source_titles", "source_urls", "first_url",
           "id"]  # fmt: skip


def shortcut(days: int, *, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The last `days` days of the data: from `days` before its as-of date to the as-of date."""
    return as_of - dt.timedelta(days=days), as_of


def date_notice(raw: Sequence[str], what: str, earliest: dt.date, latest: dt.date) -> str | None:
    """A notice when a link's date is malformed, repeated or outside the data's range (plain text)."""
    return urlstate.date_notice(raw, earliest, latest, what, "the default")


def ordered(since: dt.date, until: dt.date) -> tuple[dt.date, dt.date, bool]:
    """The two dates in order, and whether they had to be swapped."""
    return (until, since, True) if since > until else (since, until, False)


def stance_changes(
    data: Data,
    tables: Tables,
    since: dt.date,
    until: dt.date,
    sides: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    *,
    restated_days: int = engine.RESTATED_DAYS,
) -> pd.DataFrame:
    """Every side × issue whose stance at `until` differs from the one at `since` (a new level, a first
    level, or a withdrawn one), with the record behind the new state (summary, quote, date, sources), the
    old level, and the kind of change the engine gives its record: "moved", "withdrawn", "restated" (the
    level returned to was held within `restated_days`) or "first stance". Sides in the order given, issues
    in dataset order."""
    before = engine.current(tables.evidence, sides, issues, as_of=since).set_index(["side", "issue"])
    after = engine.current(tables.evidence, sides, issues, as_of=until)
    after = after[after["state"] != "uncoded"]
    kinds = _kinds(tables, until, restated_days)
    rows = []
    for row in after.to_dict("records"):
        key = (row["side"], row["issue"])
        old = before.loc[key] if key in before.index else None
        old_state = old["state"] if old is not None else "none"
        if old_state == row["state"] and (row["state"] == "withdrawn" or old["stance"] == row["stance"]):
            continue
        if old_state in ("none", "uncoded") and row["state"] == "withdrawn":
            continue
        first = old_state in ("none", "uncoded")
        rows.append(
            {
                **{c: row.get(c) for c in COLUMNS},
                "side_name": actor_name(data, row["side"]),
                "stance": None if pd.isna(row["stance"]) else int(row["stance"]),
                "stance_before": None if first or pd.isna(old["stance"]) else int(old["stance"]),
                "label_before": NO_STANCE if first else old["stance_label"],
                "date_before": "" if first else old["date"],
                "change": "first stance" if first else kinds.get(row["id"], "moved"),
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    side_order = {s: k for k, s in enumerate(sides or sorted(frame["side"].unique()))}
    issue_order = {i: k for k, i in enumerate(data.issues)}
    keys = frame.assign(_s=frame["side"].map(side_order), _i=frame["issue"].map(issue_order))
    frame = frame.loc[keys.sort_values(["_s", "_i"], kind="stable").index].reset_index(drop=True)
    frame["stance_before"] = frame["stance_before"].astype("Int64")
    frame["stance"] = frame["stance"].astype("Int64")
    return frame


def _kinds(tables: Tables, until: dt.date, restated_days: int) -> dict[str, str]:
    moves = engine.changes(tables.evidence, as_of=until, restated_days=restated_days)
    return dict(zip(moves["id"], moves["change"], strict=True))


def restatements(
    data: Data,
    tables: Tables,
    since: dt.date,
    until: dt.date,
    sides: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    *,
    restated_days: int = engine.RESTATED_DAYS,
) -> pd.DataFrame:
    """Records in the interval that returned a side to a level it held within `restated_days`: speakers
    alternating between two levels. They are not changes of stance; this lists them, newest first."""
    moves = engine.changes(tables.evidence, as_of=until, restated_days=restated_days)
    moves = moves[(moves["change"] == "restated") & (moves["day"] > pd.Timestamp(since))]
    if sides is not None:
        moves = moves[moves["side"].isin(list(sides))]
    if issues is not None:
        moves = moves[moves["issue"].isin(list(issues))]
    return moves.assign(side_name=[actor_name(data, s) for s in moves["side"]])


def _between(frame: pd.DataFrame, since: dt.date, until: dt.date) -> pd.DataFrame:
    """Records dated after `since` and on or before `until`, newest first, with their first source's URL."""
    mask = (frame["day"] > pd.Timestamp(since)) & (frame["day"] <= pd.Timestamp(until))
    found = frame[mask].sort_values(["day", "id"], ascending=[False, True], kind="stable")
    first = [next(iter(as_list(urls)), "") for urls in found["source_urls"]]
    return found.assign(first_url=first)


def new_figures(
    tables: Tables, since: dt.date, until: dt.date, sides: Sequence[str] | None = None
) -> pd.DataFrame:
    """Figure values dated in the interval (newest first), of the given sides when given."""
    frame = _between(tables.figures, since, until)
    return frame if sides is None else frame[frame["side"].isin(list(sides))]


def new_events(tables: Tables, since: dt.date, until: dt.date) -> pd.DataFrame:
    """Events dated in the interval, newest first."""
    return _between(tables.events, since, until)
