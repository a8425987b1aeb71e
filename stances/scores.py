"""Level scores: where each level of an issue's scale sits on 0–100, so the bargaining models can average
and weigh distances.

An issue's scale is ordered, not measured. The default (`even`) spaces its levels evenly by value: the
lowest is 0, the highest 100. Where the curators know better (an army cap in troops), a level's `score` in
`data/issues.yaml` places it, and the issue's description says why (`curated`); an issue without scores
keeps even spacing under both mappings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import pandas as pd

from stances.dataset import Data
from stances.models import Issue

Mapping_ = Literal["curated", "even"]
MAPPINGS: dict[str, str] = {"curated": "curated where recorded", "even": "evenly spaced"}

Scores = dict[str, dict[int, float]]
"""issue id → level value → score (0–100)."""


def even(issue: Issue) -> dict[int, float]:
    low, span = issue.scale[0].value, issue.span
    return {lv.value: (100.0 * (lv.value - low) / span if span else 0.0) for lv in issue.scale}


def curated(issue: Issue) -> dict[int, float]:
    """The recorded scores, or even spacing when the issue has none."""
    if all(lv.score is not None for lv in issue.scale):
        return {lv.value: float(lv.score) for lv in issue.scale}
    return even(issue)


def scores(data: Data, issue_ids: Sequence[str], mapping: str = "curated") -> Scores:
    """Each issue's level scores under `mapping` ("curated" or "even")."""
    pick = curated if mapping == "curated" else even
    return {i: pick(data.issues[i]) for i in issue_ids}


def has_curated(issue: Issue) -> bool:
    return all(lv.score is not None for lv in issue.scale)


def score_table(data: Data, issue_ids: Sequence[str]) -> pd.DataFrame:
    """One row per level: the issue, the level, its score evenly spaced and as curated."""
    rows = []
    for i in issue_ids:
        issue = data.issues[i]
        ev, cu = even(issue), curated(issue)
        rows += [
            {"issue": i, "issue_title": issue.title, "level": f"{lv.value}: {lv.label}",
             "even": ev[lv.value], "curated": cu[lv.value],
             "why": (issue.description or "") if has_curated(issue) else "no scores recorded: evenly spaced"}
            for lv in issue.scale
        ]  # fmt: skip
    return pd.DataFrame(rows, columns=["issue", "issue_title", "level", "even", "curated", "why"])


def nearest(levels: Mapping[int, float], score: float) -> int:
    """The level whose score is nearest `score` (the lower one on a tie)."""
    return min(levels, key=lambda v: (abs(levels[v] - score), v))
