"""Which key figures and events a choice of issues reaches.

A metric follows the issue it declares (`Metric.issue`); a metric tied to no issue is kept. Events carry no
issue, so an event is tied to an issue when it names a plan text with a point on that issue, or when one of
its sources is also cited by a position on that issue (a report of the talks that states a side's terms). An
event tied to no issue this way (talks or statements whose reports carry no coded position) is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from stances.dataset import Data

METRIC_RULE = (
    "A metric tied to an issue is shown only when that issue is chosen; metrics tied to none are kept."
)
EVENT_RULE = (
    "An event counts for an issue when it names a plan text with a point on that issue, or shares a source "
    "with a position on that issue; events tied to no issue this way are kept."
)


def metric_issues(data: Data) -> dict[str, str | None]:
    return {m.id: m.issue for m in data.metrics.values()}


def metrics_on(data: Data, metric_ids: Sequence[str], issues: Sequence[str] | None) -> list[str]:
    """The metrics among `metric_ids` that the chosen issues reach (all when `issues` is None)."""
    if issues is None:
        return list(metric_ids)
    tied, chosen = metric_issues(data), set(issues)
    return [m for m in metric_ids if tied.get(m) is None or tied[m] in chosen]


def event_issues(data: Data) -> dict[str, set[str]]:
    """Each event's issues: those of the plan texts it names and of the positions it shares a source with."""
    by_source: dict[str, set[str]] = {}
    for position in data.positions.values():
        for source in position.sources:
            by_source.setdefault(source, set()).add(position.issue)
    by_document = {d.id: {p.issue for p in d.points if p.issue is not None} for d in data.documents.values()}
    return {
        e.id: set().union(*(by_document.get(d, set()) for d in e.documents),
                          *(by_source.get(s, set()) for s in e.sources))
        for e in data.events.values()
    }  # fmt: skip


def events_on(events: pd.DataFrame, data: Data, issues: Sequence[str] | None) -> pd.DataFrame:
    """The events the chosen issues reach (all when `issues` is None), each with its `issues` (ids, in
    dataset order; empty for an event tied to no issue)."""
    tied = event_issues(data)
    order = list(data.issues)
    frame = events.assign(issues=[[i for i in order if i in tied.get(e, set())] for e in events["id"]])
    if issues is None:
        return frame
    chosen = set(issues)
    keep = [not found or bool(chosen.intersection(found)) for found in frame["issues"]]
    return frame[pd.Series(keep, index=frame.index, dtype=bool)]
