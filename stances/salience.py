"""Revealed salience: how much each side appears to care about each issue, from what the data records.

Three estimates, each on one scale (1 = an average issue for the side, 2 = twice that), side by side:

* **choices** — the plan texts a side wrote, co-wrote or endorsed against those it rejected (a position
  of kind `rejection` naming the `document`): the issue weights under which every endorsed text is closer
  to the side's stances than every rejected one, by linear programming (maximise the smallest margin).
  With no rejected text on record there is no choice to read; with no such weights, the choices are
  inconsistent with any weighting of distances.
* **rigidity** — among the issues the side holds a stance on, those it never moved on while it moved on
  others weigh more: weight ∝ 1 / (1 + moves). A side that never moved reveals nothing this way.
* **emphasis** — its share of statements on the issue (positions of any kind), against an even share.

A curator record (`salience` on the side in `data/actors.yaml`, with sources) overrides the estimates.
The models use the curated weight where there is one, otherwise the mean of the estimates available.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from stances import engine
from stances.dataset import Data
from stances.dates import parse_partial
from stances.scores import Scores
from stances.tables import Tables, actor_name

ESTIMATES = ("choices", "rigidity", "emphasis")
SOURCES: dict[str, str] = {
    "combined": "curated, else the mean of the estimates",
    "choices": "choices among plan texts",
    "rigidity": "rigidity",
    "emphasis": "emphasis",
    "equal": "every issue equal",
}
HIGH, LOW = 1.5, 2 / 3
"""Estimates disagree on an issue when one puts it at half again the side's average issue or more and
another at two thirds of it or less."""


def text_package(data: Data, doc_id: str, issue_ids: Sequence[str]) -> dict[str, int]:
    """The levels a plan text sets: its coded points, and where a point is missing, the stance its
    authors' positions citing the text record."""
    doc = data.documents[doc_id]
    out = {p.issue: p.stance for p in doc.points if p.issue in issue_ids and p.stance is not None}
    authors = {data.side_of(a) for a in (doc.author, *doc.coauthors)}
    for p in sorted(data.positions.values(), key=lambda p: (parse_partial(p.date), p.id)):
        cites = p.document == doc_id and p.kind != "rejection" and data.side_of(p.actor) in authors
        if cites and p.issue in issue_ids and p.stance is not None and p.issue not in out:
            out[p.issue] = p.stance
    return out


@dataclass(frozen=True)
class Choices:
    """What a side's choices among plan texts reveal: the texts, the weights (None when there is nothing
    to read or no weights fit) and the best smallest margin (score points on 0–100)."""

    endorsed: tuple[str, ...]
    rejected: tuple[str, ...]
    weights: dict[str, float] | None
    margin: float
    status: str


def held_texts(data: Data, side: str, *, as_of: dt.date) -> list[str]:
    """Texts the side wrote, co-wrote or endorsed on or before `as_of`."""
    out = []
    for doc in data.documents.values():
        if any(s == side and parse_partial(day) <= as_of for s, day, _ in data.holders(doc)):
            out.append(doc.id)
    return out


def rejected_texts(data: Data, side: str, *, as_of: dt.date) -> list[str]:
    """Texts a position of the side of kind `rejection` names in its `document`, on or before `as_of`."""
    found = [
        p.document
        for p in data.positions.values()
        if p.kind == "rejection" and p.document and data.side_of(p.actor) == side
        and parse_partial(p.date) <= as_of
    ]  # fmt: skip
    return list(dict.fromkeys(found))


def consistent_weights(
    pairs: Sequence[tuple[Mapping[str, int], Mapping[str, int]]],
    ideal: Mapping[str, int],
    scores: Scores,
) -> tuple[dict[str, float] | None, float]:
    """Weights w ≥ 0, Σw = 1, maximising the smallest margin m with, for each (endorsed, rejected) pair,
    Σ w_i (|rejected_i − ideal_i| − |endorsed_i − ideal_i|) ≥ m on the issues both texts set and the side
    holds. Returns (weights scaled to mean 1 over the issues in any pair, m); (None, m) when m < 0."""
    from scipy.optimize import linprog

    issues = sorted({i for e, r in pairs for i in e if i in r and i in ideal})
    if not issues:
        return None, math.nan

    def far(package: Mapping[str, int], i: str) -> float:
        return abs(scores[i][package[i]] - scores[i][ideal[i]])

    rows = [
        [-(far(r, i) - far(e, i)) if i in e and i in r else 0.0 for i in issues] + [1.0] for e, r in pairs
    ]
    n = len(issues)
    res = linprog(
        c=[0.0] * n + [-1.0],
        A_ub=rows,
        b_ub=[0.0] * len(rows),
        A_eq=[[1.0] * n + [0.0]],
        b_eq=[1.0],
        bounds=[(0, None)] * n + [(None, 100.0)],
        method="highs",
    )
    margin = float(-res.fun)
    if margin < -1e-9:
        return None, margin
    return {i: float(w) * n for i, w in zip(issues, res.x[:n], strict=True)}, margin


def choices(
    data: Data,
    side: str,
    ideal: Mapping[str, int],
    issue_ids: Sequence[str],
    scores: Scores,
    *,
    as_of: dt.date,
) -> Choices:
    endorsed = tuple(held_texts(data, side, as_of=as_of))
    rejected = tuple(d for d in rejected_texts(data, side, as_of=as_of) if d not in endorsed)
    if not rejected:
        return Choices(endorsed, rejected, None, math.nan, "no rejected plan text on record")
    if not endorsed:
        return Choices(endorsed, rejected, None, math.nan, "no plan text of its own on record")
    packages = {d: text_package(data, d, issue_ids) for d in (*endorsed, *rejected)}
    pairs = [(packages[e], packages[r]) for e in endorsed for r in rejected]
    weights, margin = consistent_weights(pairs, ideal, scores)
    if math.isnan(margin):
        return Choices(endorsed, rejected, None, margin, "its texts share no issue it holds a stance on")
    if weights is None:
        return Choices(endorsed, rejected, None, margin, "no consistent weights")
    status = "consistent" if margin > 1e-9 else "consistent only with ties"
    return Choices(endorsed, rejected, weights, margin, status)


def moves(evidence: pd.DataFrame, side: str, restated_days: int, *, as_of: dt.date) -> dict[str, list[str]]:
    """Issue → dates the side's stance moved or was withdrawn (restatements do not count)."""
    changed = engine.changes(evidence[evidence["side"] == side], as_of=as_of, restated_days=restated_days)
    changed = changed[changed["change"] != "restated"]
    out: dict[str, list[str]] = {}
    for row in changed.itertuples():
        out.setdefault(row.issue, []).append(row.date)
    return out


def rigidity(moved: Mapping[str, Sequence[str]], held: Sequence[str]) -> dict[str, float]:
    """Weights ∝ 1 / (1 + moves) over the issues held, scaled to mean 1; empty when it never moved."""
    if not held or not any(moved.get(i) for i in held):
        return {}
    raw = {i: 1.0 / (1 + len(moved.get(i, []))) for i in held}
    mean = sum(raw.values()) / len(raw)
    return {i: w / mean for i, w in raw.items()}


def emphasis(counts: Mapping[str, int], issue_ids: Sequence[str]) -> dict[str, float]:
    """Each issue's share of the side's statements against an even share (1 = even); empty with none."""
    total = sum(counts.get(i, 0) for i in issue_ids)
    if not total:
        return {}
    return {i: counts.get(i, 0) * len(issue_ids) / total for i in issue_ids}


def statement_counts(
    tables: Tables, side: str, issue_ids: Sequence[str], *, as_of: dt.date
) -> dict[str, int]:
    p = tables.positions
    mine = p[(p["side"] == side) & (p["day"] <= pd.Timestamp(as_of)) & p["issue"].isin(list(issue_ids))]
    return {str(k): int(v) for k, v in mine.drop_duplicates("id")["issue"].value_counts().items()}


def curated(data: Data, side: str) -> dict[str, tuple[float, list[str]]]:
    actor = data.actors.get(side)
    return {s.issue: (s.weight, list(s.sources)) for s in (actor.salience if actor else [])}


def disagree(values: Sequence[float]) -> bool:
    known = [v for v in values if not math.isnan(v)]
    return bool(known) and max(known) >= HIGH and min(known) <= LOW


COLUMNS = ["side", "side_name", "issue", "issue_title", "choices", "choices_evidence", "rigidity",
           "rigidity_evidence", "emphasis", "emphasis_evidence", "curated", "curated_sources", "used",
           "disagree"]  # fmt: skip


def table(
    data: Data,
    tables: Tables,
    sides: Sequence[str],
    issue_ids: Sequence[str],
    stances: Mapping[str, Mapping[str, int]],
    scores: Scores,
    restated_days: int = engine.RESTATED_DAYS,
    *,
    as_of: dt.date,
) -> pd.DataFrame:
    """One row per side × issue: the three estimates with their evidence in words, the curated weight,
    the weight the models use, and whether the estimates disagree."""
    rows = []
    for side in sides:
        ideal = dict(stances.get(side, {}))
        chosen = choices(data, side, ideal, issue_ids, scores, as_of=as_of)
        moved = moves(tables.evidence, side, restated_days, as_of=as_of)
        rigid = rigidity(moved, [i for i in issue_ids if i in ideal])
        counts = statement_counts(tables, side, issue_ids, as_of=as_of)
        emph = emphasis(counts, issue_ids)
        cur = curated(data, side)
        total = sum(counts.values())
        for issue in issue_ids:
            c = (chosen.weights or {}).get(issue, math.nan)
            r, e = rigid.get(issue, math.nan), emph.get(issue, math.nan)
            cw = cur[issue][0] if issue in cur else math.nan
            known = [v for v in (c, r, e) if not math.isnan(v)]
            used = cw if not math.isnan(cw) else (float(np.mean(known)) if known else 1.0)
            rows.append(
                {
                    "side": side,
                    "side_name": actor_name(data, side),
                    "issue": issue,
                    "issue_title": data.issues[issue].title,
                    "choices": c,
                    "choices_evidence": _choice_words(data, chosen, issue),
                    "rigidity": r,
                    "rigidity_evidence": _rigid_words(moved, issue, issue in ideal, bool(rigid)),
                    "emphasis": e,
                    "emphasis_evidence": f"{counts.get(issue, 0)} of its {total} statements",
                    "curated": cw,
                    "curated_sources": ", ".join(cur[issue][1]) if issue in cur else "",
                    "used": used,
                    "disagree": disagree([c, r, e]),
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def _choice_words(data: Data, c: Choices, issue: str) -> str:
    texts = "; ".join(data.documents[d].title for d in c.endorsed) or "none"
    rejected = "; ".join(data.documents[d].title for d in c.rejected) or "none"
    head = f"{c.status} (own or endorsed: {texts}; rejected: {rejected})"
    if c.weights is not None and issue not in c.weights:
        return f"{head}; the texts compared do not both set this issue"
    return head


def _rigid_words(moved: Mapping[str, Sequence[str]], issue: str, holds: bool, signal: bool) -> str:
    if not holds:
        return "no current stance"
    if not signal:
        return "never moved on any issue: no signal"
    dates = moved.get(issue, [])
    return f"moved {len(dates)}× ({', '.join(dates)})" if dates else "never moved"


def weights(frame: pd.DataFrame, source: str = "combined") -> dict[str, dict[str, float]]:
    """side → issue → salience for the models. A single estimate's missing values count as 1."""
    out: dict[str, dict[str, float]] = {}
    for row in frame.itertuples():
        if source == "equal":
            w = 1.0
        elif source in ESTIMATES:
            value = getattr(row, source)
            w = 1.0 if math.isnan(value) else float(value)
        else:
            w = float(row.used)
        out.setdefault(row.side, {})[row.issue] = w
    return out
