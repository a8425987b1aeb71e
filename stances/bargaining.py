"""Bargaining models: where a deal could land, given each side's stances, salience and red lines.

Levels are placed on 0–100 by `stances.scores`. A side's **utility** from a package is
1 − Σ s_i |score(level_i) − score(stance_i)| / 100 / Σ s_i over the issues the package sets and the side
holds a stance on, s_i its salience (1 = ideal package, 0 = the opposite end on every issue).

* **Compromise** (the salience-weighted compromise model of the DEU project, Thomson et al. 2006): per
  issue, the mean of the sides' stance scores weighted by salience × capability, then the level nearest
  that mean. It ignores red lines; the page lists those it crosses.
* **Nash bargaining solution**: the complete package (every issue some side holds) within the red lines
  that maximises Π_s (u_s − d_s), d_s the side's utility at its no-deal reference. Only packages that
  leave no side below its reference count. Exact by enumeration up to `ENUMERATE` packages; beyond, a
  mixed-integer program maximising Σ log-gain under tangent cuts (HiGHS, with a time limit), then
  coordinate ascent on the exact product, seeded with every candidate passed in (plan texts, stance
  profiles), so the answer is never worse than any of them.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from stances.scores import Scores, nearest
from stances.settlement import RedLine

ENUMERATE = 60_000
"""Largest number of complete packages searched by enumeration; more goes to the integer program."""
NASH_SECONDS = 8.0
_GRID = np.geomspace(1e-4, 1.0, 48)
"""Tangent points of log(gain) in the integer program."""


@dataclass(frozen=True)
class BargainingProblem:
    """What the models need: issues with their level scores, the sides, their stances and salience, and
    the red lines. `salience[side][issue]` defaults to 1."""

    scores: Scores
    sides: tuple[str, ...]
    ideals: Mapping[str, Mapping[str, int]]
    salience: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    red_lines: tuple[RedLine, ...] = ()

    def weight(self, side: str, issue: str) -> float:
        return float(self.salience.get(side, {}).get(issue, 1.0))

    def held(self, side: str) -> dict[str, int]:
        return {
            i: v
            for i, v in self.ideals.get(side, {}).items()
            if i in self.scores and self.weight(side, i) > 0
        }

    @property
    def decided(self) -> list[str]:
        """Issues some side holds with salience > 0, in score order."""
        return [i for i in self.scores if any(i in self.held(s) for s in self.sides)]


def utility(problem: BargainingProblem, package: Mapping[str, int | None], side: str) -> float:
    """The side's utility from `package` (NaN when the package sets no issue it holds)."""
    num = den = 0.0
    for issue, stance in problem.held(side).items():
        level = package.get(issue)
        if level is None:
            continue
        w = problem.weight(side, issue)
        num += w * abs(problem.scores[issue][level] - problem.scores[issue][stance]) / 100.0
        den += w
    return 1.0 - num / den if den else math.nan


def utilities(problem: BargainingProblem, package: Mapping[str, int | None]) -> dict[str, float]:
    return {s: utility(problem, package, s) for s in problem.sides}


def crossed(problem: BargainingProblem, package: Mapping[str, int | None]) -> list[RedLine]:
    return [r for r in problem.red_lines if package.get(r.issue) in r.rejects]


def reference(problem: BargainingProblem) -> dict[str, float]:
    """The default no-deal reference: each side's utility at the least favourable of the chosen sides'
    current stance profiles (what it gets if another side's stances were imposed)."""
    out = {}
    for side in problem.sides:
        values = [utility(problem, problem.held(t), side) for t in problem.sides]
        known = [v for v in values if not math.isnan(v)]
        out[side] = min(known) if known else math.nan
    return out


def nash_product(
    problem: BargainingProblem, package: Mapping[str, int | None], ref: Mapping[str, float]
) -> float:
    """Π (u_s − d_s) over the sides with a utility; −inf when a side is below its reference or the package
    crosses a red line."""
    if crossed(problem, package):
        return -math.inf
    product, any_side = 1.0, False
    for side, u in utilities(problem, package).items():
        if math.isnan(u) or math.isnan(ref.get(side, math.nan)):
            continue
        gain = u - ref[side]
        if gain < -1e-12:
            return -math.inf
        product *= max(gain, 0.0)
        any_side = True
    return product if any_side else -math.inf


@dataclass(frozen=True)
class Compromise:
    package: dict[str, int | None]
    means: dict[str, float]  # issue → weighted mean score


def compromise(problem: BargainingProblem, capability: Mapping[str, float] | None = None) -> Compromise:
    """Per issue, Σ salience × capability × score / Σ salience × capability over the sides holding it,
    and the level nearest that mean; an issue no side holds stays open."""
    cap = capability or {}
    package: dict[str, int | None] = dict.fromkeys(problem.scores)
    means: dict[str, float] = {}
    for issue, levels in problem.scores.items():
        num = den = 0.0
        for side in problem.sides:
            held = problem.held(side)
            if issue in held:
                w = problem.weight(side, issue) * float(cap.get(side, 1.0))
                num += w * levels[held[issue]]
                den += w
        if den > 0:
            means[issue] = num / den
            package[issue] = nearest(levels, means[issue])
    return Compromise(package, means)


@dataclass(frozen=True)
class Nash:
    """The Nash package (None when no complete package within the red lines leaves every side at or above
    its reference), its product, how it was found, and the references used."""

    package: dict[str, int | None] | None
    product: float
    method: str
    reference: dict[str, float]


def _costs(problem: BargainingProblem, issues: Sequence[str]) -> dict[str, list[np.ndarray]]:
    """side → per issue, the utility lost at each level (a complete package has a fixed denominator)."""
    out = {}
    for side in problem.sides:
        held = {i: v for i, v in problem.held(side).items() if i in issues}
        den = sum(problem.weight(side, i) for i in held)
        if not den:
            continue
        out[side] = [_loss(problem, side, i, held.get(i), den) for i in issues]
    return out


def _loss(problem: BargainingProblem, side: str, issue: str, stance: int | None, den: float) -> np.ndarray:
    levels = problem.scores[issue]
    if stance is None:
        return np.zeros(len(levels))
    w = problem.weight(side, issue) / 100 / den
    return np.array([w * abs(levels[lv] - levels[stance]) for lv in levels])


def _allowed(problem: BargainingProblem, issues: Sequence[str]) -> list[np.ndarray]:
    return [
        np.array(
            [not any(r.issue == i and lv in r.rejects for r in problem.red_lines) for lv in problem.scores[i]]
        )
        for i in issues
    ]


def _enumerate(
    problem: BargainingProblem, issues: list[str], ref: Mapping[str, float]
) -> tuple[dict | None, float]:
    levels = [list(problem.scores[i]) for i in issues]
    shape = tuple(len(lv) for lv in levels)

    def along(k: int, values: np.ndarray) -> np.ndarray:
        return values.reshape([-1 if j == k else 1 for j in range(len(shape))])

    product = np.ones(shape)
    for side, costs in _costs(problem, issues).items():
        loss = sum((along(k, c) for k, c in enumerate(costs)), np.zeros(shape))
        gain = (1.0 - loss) - ref[side]
        out = (gain < -1e-12) | np.isneginf(product)
        product = np.where(out, -np.inf, np.where(out, 1.0, product) * np.maximum(gain, 0.0))
    for k, ok in enumerate(_allowed(problem, issues)):
        product = np.where(along(k, ok), product, -np.inf)
    flat = product.ravel()
    best = int(np.argmax(flat))
    if flat[best] == -np.inf:
        return None, -math.inf
    index = np.unravel_index(best, shape)
    package = {i: levels[k][index[k]] for k, i in enumerate(issues)}
    return package, nash_product(problem, package, ref)


def _milp(
    problem: BargainingProblem, issues: list[str], ref: Mapping[str, float], seconds: float
) -> dict | None:
    """Maximise Σ_s z_s with z_s ≤ log g + (gain_s − g)/g at every tangent point g, gain_s ≥ 1e-4."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    cols = [(i, lv) for i in issues for lv in problem.scores[i]]
    costs = _costs(problem, issues)
    sides = list(costs)
    nx, ns = len(cols), len(sides)
    n = nx + ns
    rows, lo, hi = [], [], []
    for i in issues:
        row = np.zeros(n)
        row[[k for k, (j, _) in enumerate(cols) if j == i]] = 1
        rows.append(row), lo.append(1), hi.append(1)
    ub = np.ones(n)
    ub[nx:] = np.inf
    for k, ok in enumerate(_allowed(problem, issues)):
        for lv_k, good in enumerate(ok):
            if not good:
                ub[[c for c, (j, _) in enumerate(cols) if j == issues[k]][lv_k]] = 0
    for s, side in enumerate(sides):
        loss = np.concatenate([c for c in costs[side]])
        base = 1.0 - ref[side]  # gain = base − loss·x
        row = np.zeros(n)
        row[:nx] = -loss
        rows.append(row), lo.append(1e-4 - base), hi.append(np.inf)
        for g in _GRID:  # z − (base − loss·x)/g ≤ log g − 1
            row = np.zeros(n)
            row[:nx] = loss / g
            row[nx + s] = 1.0
            rows.append(row), lo.append(-np.inf), hi.append(math.log(g) - 1 + base / g)
    lb = np.zeros(n)
    lb[nx:] = -np.inf
    c = np.zeros(n)
    c[nx:] = -1.0
    integrality = np.concatenate([np.ones(nx), np.zeros(ns)])
    res = milp(c, constraints=LinearConstraint(np.array(rows), lo, hi), integrality=integrality,
               bounds=Bounds(lb, ub), options={"time_limit": max(seconds, 0.1)})  # fmt: skip
    if res.x is None:
        return None
    package = {}
    for i in issues:
        ks = [k for k, (j, _) in enumerate(cols) if j == i]
        package[i] = cols[ks[int(np.argmax(res.x[ks]))]][1]
    return package


def _ascend(
    problem: BargainingProblem, package: dict, issues: list[str], ref: Mapping[str, float], deadline: float
) -> dict:
    """Change one issue at a time while the exact product improves."""
    best = nash_product(problem, package, ref)
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for i in issues:
            for lv in problem.scores[i]:
                trial = {**package, i: lv}
                value = nash_product(problem, trial, ref)
                if value > best + 1e-12:
                    package, best, improved = trial, value, True
    return package


def nash(
    problem: BargainingProblem,
    ref: Mapping[str, float] | None = None,
    seeds: Iterable[Mapping[str, int | None]] = (),
    seconds: float = NASH_SECONDS,
    enumerate_up_to: int = ENUMERATE,
) -> Nash:
    """The Nash bargaining package over the decided issues (others open); see the module docstring."""
    ref = dict(reference(problem) if ref is None else ref)
    issues = problem.decided
    if not issues:
        return Nash(None, -math.inf, "no issue is held by these sides", ref)
    size = math.prod(len(problem.scores[i]) for i in issues)
    open_ = {i: None for i in problem.scores if i not in issues}
    if size <= enumerate_up_to:
        package, product = _enumerate(problem, issues, ref)
        full = None if package is None else open_ | package
        return Nash(full, product, f"exact: all {size:,} packages compared", ref)
    deadline = time.monotonic() + seconds
    candidates = [_milp(problem, issues, ref, seconds / 2)]
    allowed = _allowed(problem, issues)
    first = {i: list(problem.scores[i])[int(np.argmax(allowed[k]))] for k, i in enumerate(issues)}
    for seed in seeds:  # a seed's open issues start at their lowest allowed level
        candidates.append({i: first[i] if seed.get(i) is None else seed[i] for i in issues})
    best, value = None, -math.inf
    for cand in (c for c in candidates if c is not None):
        cand = _ascend(problem, dict(cand), issues, ref, deadline)
        product = nash_product(problem, cand, ref)
        if product > value:
            best, value = cand, product
    method = f"search: integer program and local improvement among {size:,} packages (not proven optimal)"
    return Nash(None if best is None else open_ | best, value, method, ref)


def level_grid(problem: BargainingProblem) -> Iterable[dict[str, int]]:
    """Every complete package over the decided issues (for tests and small checks)."""
    issues = problem.decided
    for combo in itertools.product(*(list(problem.scores[i]) for i in issues)):
        yield dict(zip(issues, combo, strict=True))
