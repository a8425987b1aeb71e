"""What would it take: the salience weights under which a side prefers a package to its no-deal reference.

A side's reference is the chosen sides' stance profile least favourable to it at the salience in use (as in
`bargaining.reference`). On the issues the side holds and both the package and that profile set, let
c_i = (distance of the profile − distance of the package) / 100 on issue i (c_i > 0: the package serves the
side better there). With weights w ≥ 0 summing to 1 the side prefers the package when Σ w_i c_i ≥ 0. Linear
programs (scipy `linprog`) find the least and greatest Σ w_i c_i over all weights: acceptable for any
weights when the least is ≥ 0, for none when the greatest is < 0. Otherwise the binding ratio is the least
w_i / w_j over the acceptable weights for i the issue the package serves best and j the one it serves worst
(a linear-fractional program, made linear by fixing w_j = 1); when the other issues could carry the package
alone that least ratio is 0, and the ratio is given with the other issues at zero weight.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from stances.bargaining import BargainingProblem, utility

TOL = 1e-9


@dataclass(frozen=True)
class Range:
    side: str
    status: str  # "any", "some", "none" or "unknown"
    gains: dict[str, float]  # issue → c_i
    best: str | None = None  # the issue the package serves best
    worst: str | None = None  # and worst
    ratio: float = math.nan  # least w_best / w_worst that makes it acceptable
    alone: bool = False  # the ratio holds with the other issues at zero weight
    now: bool | None = None  # acceptable at the salience in use


def _reference_profile(prob: BargainingProblem, side: str) -> dict[str, int]:
    profiles = [prob.held(t) for t in prob.sides]
    values = [(utility(prob, p, side), k) for k, p in enumerate(profiles)]
    known = [v for v in values if not math.isnan(v[0])]
    return profiles[min(known)[1]] if known else {}


def gains(prob: BargainingProblem, package: Mapping[str, int | None], side: str) -> dict[str, float]:
    """c_i per issue the side holds and both the package and its reference profile set."""
    ref = _reference_profile(prob, side)
    out = {}
    for issue, stance in prob.held(side).items():
        level, base = package.get(issue), ref.get(issue)
        if level is None or base is None:
            continue
        sc = prob.scores[issue]
        out[issue] = (abs(sc[base] - sc[stance]) - abs(sc[level] - sc[stance])) / 100
    return out


def _extreme(c: np.ndarray, sign: float) -> float:
    """min (sign=1) or max (sign=−1) of c·w over w ≥ 0, Σw = 1."""
    res = linprog(sign * c, A_eq=np.ones((1, len(c))), b_eq=[1.0], bounds=(0, None), method="highs")
    return sign * float(res.fun)


def _least_ratio(c: np.ndarray, i: int, j: int, only_pair: bool) -> float:
    """min w_i subject to w_j = 1, c·w ≥ 0, w ≥ 0 (others 0 when `only_pair`)."""
    bounds = [(0, 0) if only_pair and k not in (i, j) else (0, None) for k in range(len(c))]
    bounds[j] = (1, 1)
    goal = np.zeros(len(c))
    goal[i] = 1.0
    res = linprog(goal, A_ub=-c.reshape(1, -1), b_ub=[0.0], bounds=bounds, method="highs")
    return float(res.fun) if res.status == 0 else math.inf


def acceptable(prob: BargainingProblem, package: Mapping[str, int | None], side: str) -> Range:
    """The range of weights under which `side` prefers `package` to its reference (module docstring)."""
    g = gains(prob, package, side)
    if not g:
        return Range(side, "unknown", g)
    issues = list(g)
    c = np.array([g[i] for i in issues])
    current = np.array([prob.weight(side, i) for i in issues])
    now = bool(c @ current >= -TOL) if current.sum() > 0 else None
    if _extreme(c, 1.0) >= -TOL:
        return Range(side, "any", g, now=now)
    if _extreme(c, -1.0) < -TOL or c.max() <= TOL:
        return Range(side, "none", g, now=now)
    i, j = int(np.argmax(c)), int(np.argmin(c))
    ratio, alone = _least_ratio(c, i, j, only_pair=False), False
    if ratio <= TOL:
        ratio, alone = _least_ratio(c, i, j, only_pair=True), True
    return Range(side, "some", g, issues[i], issues[j], ratio, alone, now)


def words(r: Range, name: str, titles: Mapping[str, str]) -> str:
    """The range in a sentence."""
    if r.status == "unknown":
        return f"{name}: cannot say — the package sets no issue it holds a stance on that its reference sets."
    if r.status == "any":
        text = f"Acceptable to {name} for any weights."
    elif r.status == "none":
        text = f"No weights make it acceptable to {name}."
    else:
        best, worst = titles.get(r.best, r.best), titles.get(r.worst, r.worst)
        text = f"Acceptable to {name} only if it weighs {best} at least {_times(r.ratio)} {worst}"
        text += " (with every other issue weighing nothing)." if r.alone else "."
    if r.now is not None and r.status == "some":
        text += " At the salience used here it " + ("does." if r.now else "does not.")
    return text


def _times(ratio: float) -> str:
    if abs(ratio - 1) < 0.005:
        return "as much as"
    if abs(ratio - 2) < 0.005:
        return "twice"
    return f"{ratio:.2f} times" if ratio >= 0.005 else "a little more than"
