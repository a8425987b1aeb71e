"""Where a deal could land: the bargaining models on the explorer's setting, the packages side by side, the
summary in plain words, and the back-test against the dated plan texts."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from stances import bargaining, explorer, salience, scores, tradeoffs
from stances import what_it_takes as what_it_takes_
from stances.bargaining import BargainingProblem
from stances.dataset import Data
from stances.dates import parse_partial
from stances.explorer import Setting
from stances.tables import Tables, actor_name


def salience_frame(data: Data, tables: Tables, s: Setting, mapping: str, restated_days: int) -> pd.DataFrame:
    sc = scores.scores(data, s.issue_ids, mapping)
    return salience.table(data, tables, s.sides, s.issue_ids, s.stances, sc, restated_days, as_of=s.as_of)


def problem(data: Data, s: Setting, frame: pd.DataFrame, mapping: str, source: str) -> BargainingProblem:
    """The bargaining problem: salience from `source` times the issue weights the reader set."""
    sal = salience.weights(frame, source)
    sal = {side: {i: w * s.weights.get(i, 1.0) for i, w in row.items()} for side, row in sal.items()}
    return BargainingProblem(
        scores.scores(data, s.issue_ids, mapping), tuple(s.sides), s.stances, sal, tuple(s.red_lines)
    )


@dataclass(frozen=True)
class Deal:
    """The models' packages on one setting, and the Nash package under even scores and equal salience
    (to say how robust it is)."""

    compromise: bargaining.Compromise
    nash: bargaining.Nash
    plain_nash: bargaining.Nash


def deal(data: Data, s: Setting, frame: pd.DataFrame, mapping: str, source: str,
         capability: Mapping[str, float]) -> Deal:  # fmt: skip
    prob = problem(data, s, frame, mapping, source)
    seeds = [explorer.start_package(data, None, f"{explorer.PLAN_START}{d}", s.issue_ids, as_of=s.as_of)
             for d in explorer.plans(data, as_of=s.as_of)]  # fmt: skip
    seeds += [dict(prob.held(side)) for side in prob.sides]
    plain = problem(data, s, frame, "even", "equal")
    each = explorer.SEARCH_SECONDS / 3  # both Nash searches and the rest share the explorer's budget
    return Deal(
        bargaining.compromise(prob, capability),
        bargaining.nash(prob, seeds=seeds, seconds=each),
        bargaining.nash(plain, seeds=seeds, seconds=each),
    )


def _label(data: Data, issue: str, level: int | None) -> str:
    return "left open" if level is None else f"{level}: {data.issues[issue].label(level)}"


def comparison(
    data: Data, prob: BargainingProblem, packages: Mapping[str, Mapping[str, int | None] | None]
) -> pd.DataFrame:
    """Issues as rows, one column per package (its level in words), then a row per side's utility and a
    row naming the red lines each package crosses."""
    shown = {name: p for name, p in packages.items() if p is not None}
    rows = [{"row": data.issues[i].title} | {n: _label(data, i, p.get(i)) for n, p in shown.items()}
            for i in prob.scores]  # fmt: skip
    for side in prob.sides:
        values = {n: bargaining.utility(prob, p, side) for n, p in shown.items()}
        rows.append({"row": f"Utility for {actor_name(data, side)} (1 = its stances)"}
                    | {n: "—" if math.isnan(v) else f"{v:.2f}" for n, v in values.items()})  # fmt: skip
    rows.append({"row": "Red lines crossed"} | {n: _crossed_words(data, prob, p) for n, p in shown.items()})
    return pd.DataFrame(rows, columns=["row", *shown])


def _crossed_words(data: Data, prob: BargainingProblem, package: Mapping[str, int | None]) -> str:
    lines = bargaining.crossed(prob, package)
    if not lines:
        return "none of those on record"
    return "; ".join(f"{actor_name(data, r.side)} on {data.issues[r.issue].title}" for r in lines)


def _who_gets(data: Data, prob: BargainingProblem, package: Mapping[str, int | None]) -> list[str]:
    """Per side, the issues where the package is at its stance."""
    out = []
    for side in prob.sides:
        own = [data.issues[i].title for i, v in prob.held(side).items() if package.get(i) == v]
        if own:
            out.append(f"{actor_name(data, side)} gets its stance on {_join(own)}")
    return out


def _join(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def summary(data: Data, prob: BargainingProblem, d: Deal) -> list[str]:
    """A few sentences a non-specialist can read aloud: who gets what, the red lines it rests on, how many
    are on record, and how robust the package is."""
    n = d.nash
    if n.package is None:
        return [
            "No package within the red lines on record leaves every side at least as well off as if the "
            "terms of the side least favourable to it were imposed: on these records, the models find no "
            "deal both could prefer."
        ]
    util = bargaining.utilities(prob, n.package)
    shares = [f"{actor_name(data, s)} {u:.0%}" for s, u in util.items() if not math.isnan(u)]
    words = [
        "The Nash bargaining package — the one that makes the product of both sides' gains largest — "
        f"would give each side this share of what it asks for: {_join(shares)}."
    ]
    gets = _who_gets(data, prob, n.package)
    if gets:
        words.append("; ".join(gets) + "; on the other issues they meet in between.")
    counts = [f"{actor_name(data, s)} {len([r for r in prob.red_lines if r.side == s])}" for s in prob.sides]
    rest = f"It rests on the red lines on record — {_join(counts)} — and crosses none of them"
    words.append(f"{rest}; red lines no record states are not checked.")
    if d.plain_nash.package is not None:
        moved = [i for i in prob.scores if n.package.get(i) != d.plain_nash.package.get(i)]
        elsewhere = _join([data.issues[i].title for i in moved]) if moved else ""
        words.append(
            "With evenly spaced levels and every issue weighted the same, the package is the same."
            if not moved
            else f"With evenly spaced levels and every issue weighted the same, {len(moved)} of "
            f"{len(prob.scores)} issues would land elsewhere ({elsewhere}): "
            "read it as one plausible landing zone, not a forecast."
        )
    return words


CAVEATS = (
    "Salience is estimated from what the data records (plans, moves, how often a side speaks), not asked "
    "of the sides; level scores are evenly spaced unless an issue records them. Utilities are linear in "
    "score distance. The models know only the red lines on record and the chosen sides; they ignore "
    "issue links, domestic politics and the battlefield. A model package is a reference point for "
    "discussion, not a prediction."
)


def backtest(
    data: Data, tables: Tables, sides: Sequence[str], mapping: str, source: str, restated_days: int,
    capability: Mapping[str, float], texts: Sequence[str] | None = None,
) -> pd.DataFrame:  # fmt: skip
    """For each dated plan text with coded points (`texts`, default all, oldest first): what each model
    predicted from the stances, salience and red lines recorded the day before, on the issues the text
    codes, against the text's coded levels. Distance = mean |score difference| / 100 over those issues
    (0 = the text exactly)."""
    rows = []
    texts = explorer.plans(data, as_of=data.dataset.as_of_date) if texts is None else texts
    for doc_id in (t for t in texts if t in data.documents):
        doc = data.documents[doc_id]
        coded = salience.text_package(data, doc_id, list(data.issues))
        issue_ids = [i for i in data.issues if i in coded]
        day = parse_partial(doc.date) - dt.timedelta(days=1)
        if not issue_ids:
            continue
        s = explorer.setting(data, tables, sides, issue_ids, as_of=day)
        frame = salience_frame(data, tables, s, mapping, restated_days)
        prob = problem(data, s, frame, mapping, source)
        comp = bargaining.compromise(prob, capability).package
        nash = bargaining.nash(prob).package
        sc = prob.scores
        for model, package in (("compromise", comp), ("Nash", nash)):
            dist = _distance(sc, package or {}, coded, issue_ids)
            rows.append({"text": doc.title, "date": doc.date, "model": model, "issues": len(issue_ids),
                         "predicted": sum(1 for i in issue_ids if (package or {}).get(i) is not None),
                         "distance": dist})  # fmt: skip
    return pd.DataFrame(rows, columns=["text", "date", "model", "issues", "predicted", "distance"])


def _distance(sc: Mapping[str, Mapping[int, float]], package: Mapping[str, int | None],
              coded: Mapping[str, int], issue_ids: Sequence[str]) -> float:  # fmt: skip
    gaps = [abs(sc[i][package[i]] - sc[i][coded[i]]) / 100 for i in issue_ids if package.get(i) is not None]
    return sum(gaps) / len(gaps) if gaps else math.nan


def plan_points(data: Data, issue_ids: Sequence[str], *, as_of: dt.date) -> tradeoffs.PlanPoints:
    """Each dated plan text's coded points on `issue_ids`: title → issue → (point number, level)."""
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for doc_id in explorer.plans(data, as_of=as_of):
        doc = data.documents[doc_id]
        coded = [p for p in doc.points if p.issue in issue_ids and p.stance is not None]
        out[doc.title] = {p.issue: (p.number, p.stance) for p in reversed(coded)}  # the first point wins
    return out


def trade_table(data: Data, prob: BargainingProblem, *, as_of: dt.date) -> pd.DataFrame:
    """The trade-offs between the chosen sides (`stances.tradeoffs`), in words, best first."""
    plans = plan_points(data, list(prob.scores), as_of=as_of)
    title = {i: data.issues[i].title for i in prob.scores}
    rows = [
        {"gives": actor_name(data, t.gives), "concedes": title[t.concedes],
         "concedes_to": _label(data, t.concedes, t.levels[0]), "takes": actor_name(data, t.takes),
         "gains": title[t.gains], "gains_to": _label(data, t.gains, t.levels[1]),
         "effect_gives": t.effects[0], "effect_takes": t.effects[1],
         "plan_points": "; ".join(t.points) or "none"}
        for t in tradeoffs.all_trades(prob, plans)
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=TRADE_COLUMNS)


TRADE_COLUMNS = ["gives", "concedes", "concedes_to", "takes", "gains", "gains_to", "effect_gives",
                 "effect_takes", "plan_points"]  # fmt: skip


def what_it_takes(data: Data, prob: BargainingProblem, package: Mapping[str, int | None]) -> list[str]:
    """Per chosen side, the weights under which it prefers `package` to its no-deal reference, in words."""
    title = {i: data.issues[i].title for i in prob.scores}
    return [
        what_it_takes_.words(what_it_takes_.acceptable(prob, package, side), actor_name(data, side), title)
        for side in prob.sides
    ]
