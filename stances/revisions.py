"""What changed between two data versions: records added and removed, stances recoded, levels withdrawn,
figures changed. The curators' stated reason for a recoding is the new record's stance note."""

from __future__ import annotations

import pandas as pd

from stances.dataset import Data

COLUMNS = ["kind", "id", "change", "what", "side", "issue", "date", "before", "after", "reason"]
KINDS = ["positions", "documents", "figures", "events", "sources", "actors", "metrics", "issues"]


def _level(data: Data, issue: str | None, stance: int | None, withdraws: int | None = None) -> str:
    """A level in words: "3: 800,000 in peacetime", "withdraws 0: …", or "no level"."""
    scale = data.issues.get(issue) if issue else None
    if withdraws is not None:
        return f"withdraws {withdraws}: {scale.label(withdraws) if scale else ''}".strip()
    if stance is None:
        return "no level"
    return f"{stance}: {scale.label(stance) if scale else ''}".strip()


def _row(kind: str, rid: str, change: str, **fields) -> dict:
    return {"kind": kind, "id": rid, "change": change, **{c: fields.get(c, "") for c in COLUMNS[3:]}}


def _position_row(data: Data, p, change: str, **levels: str) -> dict:
    """One position's revision: what it says, whose and when, with the level(s) before and after."""
    side = data.side_of(p.actor)
    return _row("positions", p.id, change, what=p.summary, side=side, issue=p.issue, date=p.date, **levels)


def _positions(old: Data, new: Data) -> list[dict]:
    rows = []
    for rid, p in new.positions.items():
        was = old.positions.get(rid)
        after = _level(new, p.issue, p.stance, p.withdraws)
        reason = p.stance_note or ""
        if was is None:
            change = "withdrawn" if p.withdraws is not None else "added"
            rows.append(_position_row(new, p, change, after=after, reason=reason))
        elif (was.stance, was.withdraws) != (p.stance, p.withdraws):
            change = "withdrawn" if p.withdraws is not None and was.withdraws is None else "recoded"
            before = _level(old, was.issue, was.stance, was.withdraws)
            rows.append(_position_row(new, p, change, before=before, after=after, reason=reason))
    for rid, p in old.positions.items():
        if rid not in new.positions:
            before = _level(old, p.issue, p.stance, p.withdraws)
            rows.append(_position_row(old, p, "removed", before=before))
    return rows


def _points(old: Data, new: Data) -> list[dict]:
    rows = []
    for doc_id, doc in new.documents.items():
        was = {pt.number: pt for pt in old.documents[doc_id].points} if doc_id in old.documents else {}
        for pt in doc.points:
            before = was.get(pt.number)
            if before is None or (before.stance, before.withdraws, before.issue) == (
                pt.stance,
                pt.withdraws,
                pt.issue,
            ):
                continue
            change = "withdrawn" if pt.withdraws is not None and before.withdraws is None else "recoded"
            rows.append(
                _row(
                    "documents",
                    f"{doc_id}#{pt.number}",
                    change,
                    what=f"{doc.title}, point {pt.number}: {pt.summary}",
                    side=new.side_of(doc.author),
                    issue=pt.issue or "",
                    date=doc.date,
                    before=_level(old, before.issue, before.stance, before.withdraws),
                    after=_level(new, pt.issue, pt.stance, pt.withdraws),
                    reason=pt.stance_note or "",
                )
            )
    return rows


def _figures(old: Data, new: Data) -> list[dict]:
    def amount(f) -> str:
        top = f"–{f.value_max:g}" if f.value_max is not None else ""
        return f"{f.value:g}{top} {f.unit} ({f.basis}, {f.date})"

    rows = []
    for rid, f in new.figures.items():
        was = old.figures.get(rid)
        if was is not None and amount(was) != amount(f):
            rows.append(
                _row(
                    "figures",
                    rid,
                    "changed",
                    what=f.label or (new.metrics[f.metric].title if f.metric in new.metrics else f.metric),
                    side=f.actor or "",
                    date=f.date,
                    before=amount(was),
                    after=amount(f),
                    reason=f.note or "",
                )
            )
    return rows


def _added_removed(kind: str, old: Data, new: Data) -> list[dict]:
    before, after = getattr(old, kind), getattr(new, kind)
    label = {
        "sources": "title",
        "events": "title",
        "documents": "title",
        "actors": "name",
        "metrics": "title",
        "issues": "title",
        "figures": "metric",
    }.get(kind, "id")
    rows = [
        _row(
            kind,
            rid,
            "added",
            what=str(getattr(r, label)),
            date=getattr(r, "date", "") or getattr(r, "published", ""),
        )
        for rid, r in after.items()
        if rid not in before
    ]
    rows += [
        _row(
            kind,
            rid,
            "removed",
            what=str(getattr(r, label)),
            date=getattr(r, "date", "") or getattr(r, "published", ""),
        )
        for rid, r in before.items()
        if rid not in after
    ]
    return rows


def between(old: Data, new: Data) -> pd.DataFrame:
    """Every revision from `old` to `new`, one row each: positions (added, removed, recoded, withdrawn), plan
    points recoded or withdrawn, figure values changed, and other records added or removed."""
    rows = _positions(old, new) + _points(old, new) + _figures(old, new)
    for kind in ("documents", "figures", "events", "sources", "actors", "metrics", "issues"):
        rows += _added_removed(kind, old, new)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    order = {k: i for i, k in enumerate(KINDS)}
    changes = {"withdrawn": 0, "recoded": 1, "changed": 2, "removed": 3, "added": 4}
    return (
        frame.assign(_k=frame["kind"].map(order), _c=frame["change"].map(changes))
        .sort_values(["_k", "_c", "date", "id"], kind="stable")
        .drop(columns=["_k", "_c"])
        .reset_index(drop=True)
    )


def summary(frame: pd.DataFrame) -> dict[str, int]:
    """Counts by change kind, e.g. {"positions added": 24, "positions recoded": 9, ...}."""
    counts = frame.groupby(["kind", "change"]).size()
    return {f"{kind} {change}": int(n) for (kind, change), n in counts.items()}
