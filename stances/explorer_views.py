"""The settlement explorer's views: every table, model and search built from a recipe of plain values
(the sides, issues, date and weights it settles on; the package on screen; the model choices) through the
memo, so sessions and reruns with the same recipe share one answer, the closest-package search included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from stances import deal, explorer, scores, settlement_charts
from stances.bargaining import BargainingProblem
from stances.memo import Memo
from stances.settlement import Evaluation, Package
from stances.tables import actor_name


@dataclass(frozen=True)
class Recipe:
    """What a settlement is measured against: the sides, the issues, the date and the issue weights."""

    sides: tuple[str, ...]
    issues: tuple[str, ...]
    as_of: dt.date
    weights: tuple[tuple[str, float], ...] = ()
    hide_thin: bool = False


@dataclass(frozen=True)
class Models:
    """How the bargaining models read the setting: level scores, salience source, restatement window and
    each side's capability in the compromise."""

    mapping: str = "curated"
    source: str = "combined"
    restated_days: int = 30
    capability: tuple[tuple[str, float], ...] = ()


def setting(m: Memo, r: Recipe) -> explorer.Setting:
    return explorer.setting(m.data, m.tables, r.sides, r.issues, dict(r.weights), r.hide_thin, as_of=r.as_of)


def salience(m: Memo, r: Recipe, md: Models) -> pd.DataFrame:
    return deal.salience_frame(m.data, m.tables, m(setting, r), md.mapping, md.restated_days)


def problem(m: Memo, r: Recipe, md: Models) -> BargainingProblem:
    return deal.problem(m.data, m(setting, r), m(salience, r, md), md.mapping, md.source)


def models(m: Memo, r: Recipe, md: Models) -> deal.Deal:
    return deal.deal(m.data, m(setting, r), m(salience, r, md), md.mapping, md.source, dict(md.capability))


def summary(m: Memo, r: Recipe, md: Models) -> list[str]:
    return deal.summary(m.data, m(problem, r, md), m(models, r, md))


def what_it_takes(m: Memo, r: Recipe, md: Models, package: Package) -> list[str]:
    return deal.what_it_takes(m.data, m(problem, r, md), package)


def comparison(m: Memo, r: Recipe, md: Models, with_closest: bool) -> pd.DataFrame:
    """The closest package (when asked for), the compromise and the Nash package side by side."""
    found = m(closest, r) if with_closest else None
    d = m(models, r, md)
    packages = {
        "Closest": found.result.package if isinstance(found, explorer.Search) else None,
        "Compromise": d.compromise.package,
        "Nash": d.nash.package,
    }
    return deal.comparison(m.data, m(problem, r, md), packages)


def trades(m: Memo, r: Recipe, md: Models) -> pd.DataFrame:
    return deal.trade_table(m.data, m(problem, r, md), as_of=r.as_of)


def backtest(m: Memo, sides: Sequence[str], md: Models) -> pd.DataFrame:
    args = (md.mapping, md.source, md.restated_days, dict(md.capability))
    return deal.backtest(m.data, m.tables, list(sides), *args)


def score_table(m: Memo, issues: Sequence[str]) -> pd.DataFrame:
    return scores.score_table(m.data, list(issues))


def evaluate(m: Memo, r: Recipe, package: Package) -> Evaluation:
    return explorer.evaluate(m.data, m(setting, r), package)


def side_table(m: Memo, r: Recipe, package: Package) -> pd.DataFrame:
    return explorer.side_table(m.data, m(setting, r), m(evaluate, r, package))


def issue_table(m: Memo, r: Recipe, package: Package, names: Mapping[str, str]) -> pd.DataFrame:
    return explorer.issue_table(m.data, m(setting, r), package, names)


def acceptance(m: Memo, package: Package, *, as_of: dt.date) -> pd.DataFrame:
    return explorer.acceptance(m.data, m.tables, package, as_of=as_of)


def crossed(m: Memo, r: Recipe, package: Package) -> pd.DataFrame:
    """The red lines the package crosses, each with its record."""
    return explorer.crossed_table(m.data, m.tables, m(evaluate, r, package).crossed, package)


def closest(m: Memo, r: Recipe) -> explorer.Search | explorer.OutOfTime:
    """The closest package within the red lines: one search per recipe and data version, shared by every
    session (a search that ran out of time too, so the next reader does not wait for it again)."""
    return explorer.search(m.data, m(setting, r), explorer.SEARCH_SECONDS)


def binding(m: Memo, r: Recipe) -> pd.DataFrame:
    """The red lines the closest package without red lines would cross (they bind), or, when none fits,
    the smallest set that conflicts."""
    found = m(closest, r)
    if found.result.feasible:
        return explorer.crossed_table(m.data, m.tables, found.binding, found.unconstrained.package)
    return explorer.crossed_table(m.data, m.tables, found.conflict, found.result.package)


def package_chart(m: Memo, r: Recipe, package: Package, colours: Mapping[str, str]) -> go.Figure:
    s = m(setting, r)
    issues = [m.data.issues[i] for i in r.issues]
    names = {side: actor_name(m.data, side) for side in r.sides}
    return settlement_charts.package_dots(issues, package, s.stances, s.red_lines, names, colours)
