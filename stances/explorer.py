"""The settlement explorer: a package of issue levels, each side's distance to it, the red lines it
crosses, and the closest package that crosses none (see `settlement` for the method).

A package sets one level per issue or leaves the issue open. It starts from a plan text's coded points
or from a side's current stances (the stance engine at the as-of date), and is edited issue by issue.
In a link it is one compact parameter: ``army-size:3,territory-line:2,nato-membership:open``.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from stances import engine, redlines, settlement, views
from stances.dataset import Data
from stances.dates import parse_partial
from stances.settlement import IssueScale, Package, RedLine
from stances.tables import Tables, actor_name

OPEN = "open"
SIDE_START = "side:"
PLAN_START = "plan:"


def scales(data: Data, issue_ids: Sequence[str]) -> list[IssueScale]:
    return [IssueScale(i, tuple(lv.value for lv in data.issues[i].scale)) for i in issue_ids]


def stances_at(
    tables: Tables, sides: Sequence[str], issue_ids: Sequence[str], hide_thin: bool = False, *, as_of: dt.date
) -> dict[str, dict[str, int]]:
    """Each side's coded stance on each issue at `as_of`, from the stance engine (every side present). A
    withdrawn level, and with `hide_thin` a thinly sourced one, is open: not a position to measure from."""
    held = engine.current(tables.evidence, list(sides), list(issue_ids), as_of=as_of)
    held = engine.hide_thin(held) if hide_thin else held
    held = held[held["coded"]]
    out: dict[str, dict[str, int]] = {side: {} for side in sides}
    for row in held.itertuples():
        out[row.side][row.issue] = int(row.stance)
    return out


def plans(data: Data, *, as_of: dt.date) -> list[str]:
    """Plan texts with coded points published on or before `as_of`, oldest first."""
    docs = [d for d in data.documents.values() if any(p.issue and p.stance is not None for p in d.points)]
    docs = [d for d in docs if parse_partial(d.date) <= as_of]
    return [d.id for d in sorted(docs, key=lambda d: (parse_partial(d.date), d.id))]


def starts(data: Data, sides: Sequence[str], *, as_of: dt.date) -> dict[str, str]:
    """What a package can start from, key → label: every plan text with coded points (newest first), then
    each side's current stances."""
    options = {f"{PLAN_START}{d}": data.documents[d].title for d in reversed(plans(data, as_of=as_of))}
    return options | {f"{SIDE_START}{s}": f"{actor_name(data, s)}: current stances" for s in sides}


def start_package(
    data: Data,
    tables: Tables,
    start: str | None,
    issue_ids: Sequence[str],
    hide_thin: bool = False,
    *,
    as_of: dt.date,
) -> Package:
    """The package a start point gives: a plan text's coded points or a side's current stances; issues it
    does not speak to are left open."""
    package: Package = dict.fromkeys(issue_ids)
    if start and start.startswith(PLAN_START) and start[len(PLAN_START) :] in data.documents:
        for point in data.documents[start[len(PLAN_START) :]].points:
            if point.issue in package and point.stance is not None:
                package[point.issue] = point.stance
    elif start and start.startswith(SIDE_START):
        side = start[len(SIDE_START) :]
        package.update(stances_at(tables, [side], issue_ids, hide_thin, as_of=as_of)[side])
    return package


def parse_package(text: str, levels: Mapping[str, Sequence[int]]) -> tuple[Package, list[str]]:
    """Read ``issue-id:level`` parts separated by commas (``open`` leaves an issue open); issues not named
    are open. Returns the package over `levels`' issues and the parts ignored (unknown issue, a level not
    on the issue's scale, no colon), each cut to 40 characters. A later part for the same issue wins."""
    package: Package = dict.fromkeys(levels)
    ignored: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        issue, sep, value = (x.strip() for x in part.partition(":"))
        if not sep or issue not in levels:
            ignored.append(part[:40])
        elif value.casefold() == OPEN:
            package[issue] = None
        elif value.lstrip("-").isdigit() and int(value) in levels[issue]:
            package[issue] = int(value)
        else:
            ignored.append(part[:40])
    return package, ignored


def package_text(package: Mapping[str, int | None]) -> str:
    """The link form of a package: the issues it sets; every issue as open when it sets none."""
    set_ = [f"{i}:{v}" for i, v in package.items() if v is not None]
    return ",".join(set_ or [f"{i}:{OPEN}" for i in package])


def level_label(data: Data, issue: str, level: int | None) -> str:
    if level is None:
        return "left open"
    return f"{level}: {data.issues[issue].label(level)}"


@dataclass(frozen=True)
class Setting:
    """Everything a package is measured against: issues in view, chosen sides, their stances, weights
    and red lines at the as-of date."""

    issue_ids: list[str]
    sides: list[str]
    stances: dict[str, dict[str, int]]
    weights: dict[str, float]
    red_lines: list[RedLine]
    as_of: dt.date | None = None

    def scales(self, data: Data) -> list[IssueScale]:
        return scales(data, self.issue_ids)


def setting(
    data: Data,
    tables: Tables,
    sides: Sequence[str],
    issue_ids: Sequence[str],
    weights: Mapping[str, float] | None = None,
    hide_thin: bool = False,
    *,
    as_of: dt.date,
) -> Setting:
    return Setting(
        issue_ids=list(issue_ids),
        sides=list(sides),
        stances=stances_at(tables, sides, issue_ids, hide_thin, as_of=as_of),
        weights={i: float(w) for i, w in (weights or {}).items() if i in issue_ids},
        red_lines=redlines.red_lines(data, tables, sides, issue_ids, as_of=as_of),
        as_of=as_of,
    )


def evaluate(data: Data, s: Setting, package: Mapping[str, int | None]) -> settlement.Evaluation:
    return settlement.evaluate(package, s.scales(data), s.stances, s.sides, s.weights, s.red_lines)


def side_table(data: Data, s: Setting, ev: settlement.Evaluation) -> pd.DataFrame:
    """One row per chosen side: its weighted distance to the package, issues counted, red lines crossed."""
    crossed = [r.side for r in ev.crossed]
    rows = [
        {
            "side": side,
            "side_name": actor_name(data, side),
            "distance": ev.distances[side],
            "issues": ev.counted[side],
            "red_lines": len([r for r in s.red_lines if r.side == side]),
            "crossed": crossed.count(side),
        }
        for side in s.sides
    ]
    return pd.DataFrame(rows, columns=["side", "side_name", "distance", "issues", "red_lines", "crossed"])


def issue_table(data: Data, s: Setting, package: Mapping[str, int | None], names: Mapping[str, str]):
    """One row per issue in view: the package's level, each side's stance and distance to it, and whose red
    lines the level crosses. `names` gives each side's short column name."""
    rows = []
    for issue in s.issue_ids:
        level, scale = package.get(issue), data.issues[issue]
        row: dict[str, object] = {
            "issue": issue,
            "issue_title": scale.title,
            "weight": s.weights.get(issue, 1.0),
            "level": level,
            "level_label": level_label(data, issue, level),
        }
        for side in s.sides:
            held = s.stances[side].get(issue)
            row[f"{names[side]}: stance"] = (
                level_label(data, issue, held) if held is not None else "not coded"
            )
            row[f"{names[side]}: distance"] = (
                abs(level - held) / scale.span
                if level is not None and held is not None and scale.span
                else math.nan
            )
        row["crosses red line of"] = ", ".join(
            actor_name(data, r.side) for r in s.red_lines if r.issue == issue and level in r.rejects
        )
        rows.append(row)
    return pd.DataFrame(rows)


def crossed_table(data: Data, tables: Tables, lines: Sequence[RedLine], package: Mapping[str, int | None]):
    """The red lines with the position behind each (see `redlines.describe`) and the package's level."""
    frame = redlines.describe(data, tables, lines)
    return frame.assign(package_level=[level_label(data, r.issue, package.get(r.issue)) for r in lines])


@dataclass(frozen=True)
class Search:
    """The closest package with the chosen sides' red lines, and without them (to see which ones bind)."""

    result: settlement.Result
    unconstrained: settlement.Result
    binding: list[RedLine]

    @property
    def conflict(self) -> list[RedLine]:
        return [] if self.result.feasible else self.result.conflict


@dataclass(frozen=True)
class OutOfTime:
    """The search used up its time budget (`SEARCH_SECONDS`) before proving the closest package."""

    seconds: float


SEARCH_SECONDS = 15.0
"""The time budget of one search (both solves): at 100× the bundled data with 15 sides, an unbounded
search took four minutes."""

SearchKey = tuple
"""Everything a search depends on, as plain values (see `search_key`): equal keys, equal results."""


def search_key(data: Data, s: Setting) -> SearchKey:
    """The search's inputs as nested tuples of plain values: issue scales, sides, stances, weights and
    red lines. Sessions share a result through it, whatever data version or page state led to it."""
    return (
        tuple((sc.id, sc.levels) for sc in s.scales(data)),
        tuple(s.sides),
        tuple((side, tuple(sorted(s.stances[side].items()))) for side in s.sides),
        tuple(sorted(s.weights.items())),
        tuple((r.side, r.issue, tuple(sorted(r.rejects)), r.record) for r in s.red_lines),
    )


def search_by_key(key: SearchKey, seconds: float | None = SEARCH_SECONDS) -> Search | OutOfTime:
    """Solve with and without the red lines, within `seconds` in all: a red line binds when the optimum
    without them crosses it."""
    scale_rows, sides, held, weights, line_rows = key
    scales_ = [IssueScale(i, levels) for i, levels in scale_rows]
    stances = {side: dict(items) for side, items in held}
    lines = [RedLine(side, issue, frozenset(rejects), record) for side, issue, rejects, record in line_rows]
    deadline = None if seconds is None else time.monotonic() + seconds
    try:
        result = settlement.closest(scales_, stances, sides, dict(weights), lines, deadline=deadline)
        free = settlement.closest(scales_, stances, sides, dict(weights), deadline=deadline)
    except settlement.TimeLimitReached:
        return OutOfTime(seconds or 0.0)
    binding = [r for r in lines if free.package.get(r.issue) in r.rejects]
    return Search(result, free, binding)


def search(data: Data, s: Setting, seconds: float | None = SEARCH_SECONDS) -> Search | OutOfTime:
    return search_by_key(search_key(data, s), seconds)


ANSWERS = {"accept": "would accept", "reject": "would not accept", "": "—"}


def acceptance(
    data: Data, tables: Tables, package: Mapping[str, int | None], *, as_of: dt.date
) -> pd.DataFrame:
    """For each level the package sets, the latest public-acceptance values tied to it (`maps_to`): per
    pollster and answer, the newest value on or before `as_of`. `majority_rejects` marks a "would not
    accept" share above 50%: a plain warning, never a forecast of a vote."""
    frame = tables.figures[tables.figures["day"] <= pd.Timestamp(as_of)]
    frame = frame[frame["maps_issue"] != ""]
    rows = []
    for issue, level in package.items():
        if level is None:
            continue
        tied = frame[(frame["maps_issue"] == issue) & (frame["maps_level"] == level)]
        if tied.empty:
            continue
        latest = tied.sort_values(["day", "id"]).groupby(["by", "answer", "label"], sort=False).tail(1)
        for r in latest.sort_values(["day", "id"], ascending=[False, True]).to_dict("records"):
            rows.append(
                {
                    "issue": issue,
                    "issue_title": data.issues[issue].title,
                    "level": level,
                    "level_label": data.issues[issue].label(level) or str(level),
                    "answer": r["answer"],
                    "answer_words": ANSWERS.get(r["answer"], "—"),
                    "label": r["label"],
                    "value": r["value"],
                    "unit": r["unit"],
                    "date": r["date"],
                    "fieldwork": views.fieldwork(r["fieldwork_start"], r["fieldwork_end"]),
                    "by": r["by"],
                    "question": r["question"],
                    "sample": r["sample"],
                    "side_name": r["side_name"],
                    "majority_rejects": bool(
                        r["answer"] == "reject" and is_percent(r["unit"]) and r["value"] > 50
                    ),
                    "source_titles": r["source_titles"],
                    "source_urls": r["source_urls"],
                    "source": r["first_url"] or None,
                }
            )
    return pd.DataFrame(rows, columns=ACCEPTANCE_COLUMNS)


def is_percent(unit: str) -> bool:
    """A share of respondents: 'percent', '%', 'per cent' or 'percent of respondents'."""
    word = unit.strip().casefold()
    return word.startswith(("percent", "%", "per cent"))


ACCEPTANCE_COLUMNS = [
    "issue", "issue_title", "level", "level_label", "answer", "answer_words", "label", "value", "unit",
    "date", "fieldwork", "by", "question", "sample", "side_name", "majority_rejects", "source_titles",
    "source_urls", "source",
]  # fmt: skip
