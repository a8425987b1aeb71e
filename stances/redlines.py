"""Red lines as recorded: the levels of an issue a side says it will not accept, at a date.

A position's `rejects` lists levels of its issue's scale the side refuses. A side's red line on an issue at
a date is its latest position on or before that date that carries `rejects` (a person's words count for the
side they speak for). It no longer stands when the side's own stance at that date, from the stance engine,
is one of the levels it rejected: a later position has moved past it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from stances import engine
from stances.dataset import Data
from stances.dates import parse_partial
from stances.settlement import RedLine
from stances.tables import Tables, actor_name

COLUMNS = ["side", "side_name", "issue", "issue_title", "rejects", "rejected", "date", "kind", "speaker_name",
           "summary", "quote", "source_titles", "source_urls", "first_url", "id"]  # fmt: skip


def as_list(value: object) -> list[str]:
    """A table cell's source titles, URLs or ids as a list of text (a missing cell, NaN: none)."""
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def red_lines(
    data: Data,
    tables: Tables,
    sides: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    *,
    as_of: dt.date,
) -> list[RedLine]:
    """The red lines standing at `as_of` for the given sides and issues (all when None), ordered by side
    (in the order given, else by id) and then by issue in dataset order."""
    latest: dict[tuple[str, str], object] = {}
    dated = [(parse_partial(p.date), p.id, p) for p in data.positions.values() if p.rejects]
    for day, _, position in sorted(dated, key=lambda t: (t[0], t[1])):
        if day > as_of:
            continue
        side = data.side_of(position.actor)
        if (sides is None or side in sides) and (issues is None or position.issue in issues):
            latest[(side, position.issue)] = position
    if not latest:
        return []
    held = engine.current(
        tables.evidence, sorted({s for s, _ in latest}), sorted({i for _, i in latest}), as_of=as_of
    )
    held = held[held["coded"]]
    stance = {(r.side, r.issue): int(r.stance) for r in held.itertuples()}
    side_order = list(sides) if sides is not None else sorted({s for s, _ in latest})
    issue_order = {issue: k for k, issue in enumerate(data.issues)}
    lines = [
        RedLine(side, issue, frozenset(p.rejects), p.id)
        for (side, issue), p in latest.items()
        if stance.get((side, issue)) not in set(p.rejects)
    ]
    return sorted(lines, key=lambda r: (side_order.index(r.side), issue_order.get(r.issue, len(issue_order))))


def rejected_labels(data: Data, line: RedLine) -> list[str]:
    """The rejected levels' labels, lowest level first."""
    issue = data.issues.get(line.issue)
    return [(issue.label(v) if issue else None) or str(v) for v in sorted(line.rejects)]


def describe(data: Data, tables: Tables, lines: Sequence[RedLine]) -> pd.DataFrame:
    """One row per red line: the side, the issue, the rejected levels, and the position that states it
    (date, kind, speaker, summary, quote, source titles and URLs). `id` is the position's id (internal)."""
    by_id = tables.positions.drop_duplicates("id").set_index("id")
    rows = []
    for line in lines:
        p = by_id.loc[line.record] if line.record in by_id.index else None
        issue = data.issues.get(line.issue)
        rows.append(
            {
                "side": line.side,
                "side_name": actor_name(data, line.side),
                "issue": line.issue,
                "issue_title": issue.title if issue else line.issue,
                "rejects": sorted(line.rejects),
                "rejected": "; ".join(rejected_labels(data, line)),
                "date": p["date"] if p is not None else "",
                "kind": p["kind"] if p is not None else "",
                "speaker_name": p["speaker_name"] if p is not None else "",
                "summary": p["summary"] if p is not None else "",
                "quote": p["quote"] if p is not None else "",
                "source_titles": as_list(p["source_titles"]) if p is not None else [],
                "source_urls": as_list(p["source_urls"]) if p is not None else [],
                "first_url": p["first_url"] if p is not None else "",
                "id": line.record,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
