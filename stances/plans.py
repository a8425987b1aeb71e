"""Peace-plan texts compared: point by point per issue, lineage, and what changed between versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from stances.dataset import Data
from stances.dates import parse_partial
from stances.text import present

ADDED, REMOVED, CHANGED, REWORDED, SAME = "added", "removed", "changed", "reworded", "same"
NOT_REPORTED = "not reported"


def latest_lineage(data: Data, doc_ids: Sequence[str], limit: int = 6) -> list[str]:
    """A default selection: the newest text with points and the texts it descends from, up to `limit`.

    Texts that revise the same parent (siblings, such as a counter-proposal) are included while there
    is room, so the default view shows one family of versions rather than every text on record.
    """
    if not doc_ids:
        return []
    chain, current = [], doc_ids[-1]
    while current in data.documents and current not in chain:
        chain.append(current)
        current = data.documents[current].based_on
    family = set(chain)
    siblings = [d for d in doc_ids if d not in family and data.documents[d].based_on in family]
    chosen = set(chain[:limit]) | set(siblings[: max(0, limit - len(chain))])
    return [d for d in doc_ids if d in chosen]


def with_points(data: Data, *, as_of: dt.date | None = None) -> list[str]:
    """Documents published by `as_of` that have points mapped to issues, oldest first."""
    docs = [
        d
        for d in data.documents.values()
        if any(p.issue for p in d.points) and (as_of is None or parse_partial(d.date) <= as_of)
    ]
    return [d.id for d in sorted(docs, key=lambda d: d.date)]


def lineage(data: Data, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per document: its date, author and the text it is based on."""
    chosen = data.documents if doc_ids is None else {i: data.documents[i] for i in doc_ids}
    rows = [
        {
            "document": d.id,
            "title": d.title,
            "date": d.date,
            "author": data.actors[d.author].name if d.author in data.actors else d.author,
            "based_on": d.based_on or "",
            "based_on_title": data.documents[d.based_on].title if d.based_on in data.documents else "",
            "points": len(d.points),
            "partial": d.partial,
        }
        for d in chosen.values()
    ]
    return pd.DataFrame(rows).sort_values("date", kind="stable").reset_index(drop=True)


def _cited(group: pd.DataFrame) -> dict[str, list[str]]:
    """The distinct sources of a group of points, titles and URLs kept in step."""
    pairs = dict.fromkeys(
        (t, u) for ts, us in zip(group["source_titles"], group["source_urls"], strict=True)
        for t, u in zip(ts, us, strict=True)
    )  # fmt: skip
    return {"sources": [t for t, _ in pairs], "urls": [u for _, u in pairs]}


def _by_issue(points: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """A document's points grouped per issue: point numbers, the coded stance, summaries, sources."""
    mine = points[points["document"].to_numpy() == doc_id]
    mine = mine[mine["issue"] != ""]
    rows = []
    for issue, group in mine.groupby("issue", sort=False):
        coded = group[group["stance"].notna()]
        last = coded.iloc[-1] if not coded.empty else None
        rows.append(
            {
                "issue": issue,
                "points": ", ".join(str(n) for n in group["number"]),
                "stance": None if last is None else int(last["stance"]),
                "stance_label": None if last is None else last["stance_label"],
                "summary": " / ".join(group["summary"]),
                **_cited(group),
            }
        )
    return pd.DataFrame(
        rows, columns=["issue", "points", "stance", "stance_label", "summary", "sources", "urls"]
    ).set_index("issue")


def grid(
    data: Data, points: pd.DataFrame, doc_ids: Sequence[str], issue_ids: Sequence[str] | None = None
) -> pd.DataFrame:
    """Issues × documents: what each text says on each issue ('—' where it says nothing known)."""
    per_doc = {d: _by_issue(points, d) for d in doc_ids}
    rows = []
    for issue in _issues(data, issue_ids):
        if not any(issue.id in frame.index for frame in per_doc.values()):
            continue
        row: dict[str, object] = {"issue": issue.id, "issue_title": issue.title}
        for doc_id, frame in per_doc.items():
            title = data.documents[doc_id].title
            if issue.id in frame.index:
                cell = frame.loc[issue.id]
                label = f"[{cell['stance_label']}] " if present(cell["stance_label"]) else ""
                row[title] = f"{label}pt {cell['points']}: {cell['summary']}"
            else:
                row[title] = NOT_REPORTED if data.documents[doc_id].partial else "—"
        rows.append(row)
    return pd.DataFrame(rows)


def _status(old: pd.Series | None, new: pd.Series | None, old_partial: bool, new_partial: bool) -> str:
    if old is None:
        return NOT_REPORTED if old_partial else ADDED
    if new is None:
        return NOT_REPORTED if new_partial else REMOVED
    if old["stance"] != new["stance"] and not (pd.isna(old["stance"]) and pd.isna(new["stance"])):
        return CHANGED
    return SAME if old["summary"] == new["summary"] else REWORDED


def _issues(data: Data, issue_ids: Sequence[str] | None):
    return [i for i in data.issues.values() if issue_ids is None or i.id in issue_ids]


def diff(
    data: Data, points: pd.DataFrame, old_id: str, new_id: str, issue_ids: Sequence[str] | None = None
) -> pd.DataFrame:
    """What changed on each issue from one text to another.

    added / removed: the issue appears in only one text; changed: the coded stance differs;
    reworded: same stance, different wording. Where a text is known only in part (`partial`), an
    issue missing from it is 'not reported' rather than added or removed.
    """
    old_doc, new_doc = data.documents[old_id], data.documents[new_id]
    old, new = _by_issue(points, old_id), _by_issue(points, new_id)
    rows = []
    for issue in _issues(data, issue_ids):
        a = old.loc[issue.id] if issue.id in old.index else None
        b = new.loc[issue.id] if issue.id in new.index else None
        if a is None and b is None:
            continue
        rows.append(
            {
                "issue": issue.id,
                "issue_title": issue.title,
                "change": _status(a, b, old_doc.partial, new_doc.partial),
                "before": "" if a is None else f"pt {a['points']}: {a['summary']}",
                "before_stance": a["stance_label"] if a is not None and present(a["stance_label"]) else "",
                "after": "" if b is None else f"pt {b['points']}: {b['summary']}",
                "after_stance": b["stance_label"] if b is not None and present(b["stance_label"]) else "",
                "sources": [*([] if a is None else a["sources"]), *([] if b is None else b["sources"])],
                "source_urls": [*([] if a is None else a["urls"]), *([] if b is None else b["urls"])],
            }
        )
    return pd.DataFrame(rows)
