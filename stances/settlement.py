"""Closest settlement: the package of issue levels that leaves the worst-off side least far from its stance.

Each issue has an ordered integer scale. A *package* sets one level per issue or leaves it open (`None`):
an open issue counts for no one and crosses no red line. A side's distance to a package is the weighted
mean, over the issues the package sets and the side holds a stance on, of |level − stance| / span.

`closest` finds the package minimising the largest distance over the chosen sides (minimax), crossing
none of their red lines, exactly, as a mixed-integer linear program solved by HiGHS (`scipy.optimize.milp`).
The program is solved lexicographically, one objective after another, each optimum then held (within
`TOL`) while the next is minimised:

1. the number of red lines relaxed (only when there are red lines; 0 means feasible);
2. the largest distance over the chosen sides;
3. the sum of their distances (among minimax packages, the one better for everyone together);
4. issue by issue in scale order, the lowest level: a canonical choice among packages still tied, so the
   answer does not depend on the solver's path.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

TOL = 1e-6
"""Packages whose largest (or summed) distance is within this of the optimum count as tied."""
_GAP_SCALE = 1e3
"""Distance objectives are multiplied by this, so HiGHS's fixed absolute MIP gap (1e-6, not settable through
`scipy.optimize.milp`) is 1e-9 in distance units, well below `TOL`."""

Package = dict[str, int | None]
"""A level for each issue; None leaves the issue open."""


class TimeLimitReached(Exception):
    """The solver used up its time budget before proving an answer: no package is returned, since one
    found so far need not be the closest."""


Stances = Mapping[str, Mapping[str, int | None]]


@dataclass(frozen=True)
class IssueScale:
    """An issue's ordered levels (stored sorted and unique)."""

    id: str
    levels: tuple[int, ...]

    def __post_init__(self) -> None:
        levels = tuple(sorted(set(self.levels)))
        if not levels:
            raise ValueError(f"issue {self.id!r} has no levels")
        if not all(isinstance(v, int | np.integer) and not isinstance(v, bool) for v in levels):
            raise ValueError(f"issue {self.id!r}: levels must be integers, got {self.levels!r}")
        object.__setattr__(self, "levels", tuple(int(v) for v in levels))

    @property
    def span(self) -> int:
        return self.levels[-1] - self.levels[0]

    def distance(self, a: int, b: int) -> float:
        """|a − b| / span, 0..1 (0 on a one-level scale)."""
        return abs(a - b) / self.span if self.span else 0.0


@dataclass(frozen=True)
class RedLine:
    """Levels of `issue` that `side` rejects, as stated by the position with id `record`."""

    side: str
    issue: str
    rejects: frozenset[int]
    record: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "rejects", frozenset(self.rejects))


@dataclass(frozen=True)
class Evaluation:
    """How far a package is from each side, and which of their red lines it crosses."""

    distances: dict[str, float]  # side → weighted distance, NaN when no issue counts
    counted: dict[str, int]  # side → issues counted (set by the package, held by the side, weight > 0)
    crossed: list[RedLine]

    @property
    def max_distance(self) -> float:
        known = [d for d in self.distances.values() if not math.isnan(d)]
        return max(known) if known else math.nan


@dataclass(frozen=True)
class Result:
    """The closest package. When no package avoids every red line, `feasible` is False, `conflict` is a
    smallest set of red lines that must be relaxed, and `package` is the best package with exactly those
    relaxed (it crosses no other red line)."""

    package: dict[str, int | None]
    max_distance: float
    distances: dict[str, float]
    counted: dict[str, int]
    feasible: bool
    conflict: list[RedLine]


@dataclass(frozen=True)
class _Inputs:
    """Validated inputs, restricted to the chosen sides."""

    scales: dict[str, IssueScale]
    sides: tuple[str, ...]
    stances: dict[str, dict[str, int]]
    weights: dict[str, float]
    red_lines: tuple[RedLine, ...]


def _unknown(level: object) -> bool:
    """A stance of None or NaN (as read from a table) is unknown."""
    return level is None or (isinstance(level, float) and math.isnan(level))


def _level(scales: Mapping[str, IssueScale], issue: str, level: int | None, what: str) -> None:
    if issue not in scales:
        raise ValueError(f"{what}: unknown issue {issue!r}")
    if level is not None and level not in scales[issue].levels:
        raise ValueError(f"{what}: level {level!r} is not on the scale of {issue!r} {scales[issue].levels}")


def _scales(scales: Iterable[IssueScale]) -> dict[str, IssueScale]:
    out: dict[str, IssueScale] = {}
    for scale in scales:
        if scale.id in out:
            raise ValueError(f"duplicate issue scale {scale.id!r}")
        out[scale.id] = scale
    return out


def _weights(weights: Mapping[str, float] | None, scales: Mapping[str, IssueScale]) -> dict[str, float]:
    given = dict(weights or {})
    for issue, w in given.items():
        _level(scales, issue, None, "weights")
        if not math.isfinite(w) or w < 0:
            raise ValueError(f"weights: weight of {issue!r} must be finite and ≥ 0, got {w!r}")
    return {issue: float(given.get(issue, 1.0)) for issue in scales}


def _stances(stances: Stances, scales: Mapping[str, IssueScale]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for side, held in stances.items():
        for issue, level in held.items():
            _level(scales, issue, None if _unknown(level) else level, f"stances of {side!r}")
        out[side] = {i: int(v) for i, v in held.items() if not _unknown(v)}
    return out


def _red_lines(red_lines: Iterable[RedLine], scales: Mapping[str, IssueScale], known: set[str]) -> None:
    for r in red_lines:
        if r.side not in known:
            raise ValueError(f"red line {r.record!r}: unknown side {r.side!r}")
        _level(scales, r.issue, None, f"red line {r.record!r}")
        for level in r.rejects:
            _level(scales, r.issue, level, f"red line {r.record!r}")


def _inputs(
    scales: Iterable[IssueScale],
    stances: Stances,
    sides: Sequence[str],
    weights: Mapping[str, float] | None,
    red_lines: Iterable[RedLine],
) -> _Inputs:
    """Check every side, issue and level against the scales; keep what concerns the chosen sides."""
    by_id = _scales(scales)
    held = _stances(stances, by_id)
    chosen = tuple(dict.fromkeys(sides))
    if not chosen:
        raise ValueError("no sides chosen")
    unknown = [s for s in chosen if s not in held]
    if unknown:
        raise ValueError(f"unknown side(s) {unknown}: not in stances (known: {sorted(held)})")
    lines = tuple(red_lines)
    _red_lines(lines, by_id, set(held))
    ours = tuple(r for r in lines if r.side in chosen)
    return _Inputs(by_id, chosen, {s: held[s] for s in chosen}, _weights(weights, by_id), ours)


def _package(package: Package, scales: Mapping[str, IssueScale], what: str) -> dict[str, int | None]:
    for issue, level in package.items():
        _level(scales, issue, level, what)
    return {issue: (None if level is None else int(level)) for issue, level in package.items()}


def _evaluate(package: Mapping[str, int | None], inp: _Inputs) -> Evaluation:
    distances, counted = {}, {}
    for side in inp.sides:
        num = den = 0.0
        n = 0
        for issue, stance in inp.stances[side].items():
            level, w = package.get(issue), inp.weights[issue]
            if level is None or w == 0:
                continue
            num += w * inp.scales[issue].distance(level, stance)
            den += w
            n += 1
        distances[side] = num / den if den else math.nan
        counted[side] = n
    crossed = [r for r in inp.red_lines if package.get(r.issue) in r.rejects]
    return Evaluation(distances, counted, crossed)


def evaluate(
    package: Package,
    scales: Iterable[IssueScale],
    stances: Stances,
    sides: Sequence[str],
    weights: Mapping[str, float] | None = None,
    red_lines: Iterable[RedLine] = (),
) -> Evaluation:
    """Distances of `sides` to `package` and the red lines of those sides it crosses.

    Issues missing from `package` are open. Weights default to 1; an issue with weight 0 counts for no one.
    """
    inp = _inputs(scales, stances, sides, weights, red_lines)
    return _evaluate(_package(package, inp.scales, "package"), inp)


def _decided(inp: _Inputs, pins: Mapping[str, int | None]) -> list[str]:
    """Issues the package sets: those pinned to a level, and those a chosen side holds with weight > 0
    unless pinned open. Any other issue changes no distance, so it stays open (crossing no red line)."""

    def held(issue: str) -> bool:
        return inp.weights[issue] > 0 and any(issue in inp.stances[s] for s in inp.sides)

    return [i for i in inp.scales if (pins[i] is not None if i in pins else held(i))]


class _Program:
    """The MILP over binaries x[issue, level] (one level per decided issue), t ≥ every side's distance,
    and one binary r per red line (1 = relaxed). Stages tighten it one objective at a time."""

    def __init__(
        self, inp: _Inputs, issues: list[str], pins: Mapping[str, int | None], deadline: float | None = None
    ) -> None:
        self.deadline = deadline  # time.monotonic() by which every stage must be solved
        self.cols = [(i, v) for i in issues for v in inp.scales[i].levels]
        self.lines = [r for r in inp.red_lines if r.issue in issues]
        self.nx, self.t = len(self.cols), len(self.cols)
        self.n = self.nx + 1 + len(self.lines)
        self.dist = self._distance_rows(inp)
        self.rows: list[np.ndarray] = []
        self.lo: list[float] = []
        self.hi: list[float] = []
        self.ub = np.ones(self.n)
        self.ub[self.t] = np.inf
        for issue in issues:
            self._add(self._on(lambda i, _, issue=issue: i == issue), 1, 1)
            if pins.get(issue) is not None:
                self._pin(issue, pins[issue])
        for row in self.dist:  # distance_s − t ≤ 0
            self._add(np.concatenate([row, [-1.0], np.zeros(len(self.lines))]), -np.inf, 0)
        for k, r in enumerate(self.lines):  # Σ rejected x − r_k ≤ 0
            row = self._on(lambda i, v, r=r: i == r.issue and v in r.rejects)
            row[self.nx + 1 + k] = -1
            self._add(row, -np.inf, 0)

    def _on(self, pick) -> np.ndarray:
        row = np.zeros(self.n)
        row[: self.nx] = [1.0 if pick(i, v) else 0.0 for i, v in self.cols]
        return row

    def _distance_rows(self, inp: _Inputs) -> np.ndarray:
        """Per side with at least one counted issue: coefficients on x giving its distance. The package sets
        every decided issue, so the denominator (weights of decided issues it holds) is a constant."""
        rows = []
        issues = {i for i, _ in self.cols}
        for side in inp.sides:
            held = {i: s for i, s in inp.stances[side].items() if i in issues and inp.weights[i] > 0}
            total = sum(inp.weights[i] for i in held)
            if total > 0:
                rows.append([self._share(inp, i, v, held, total) for i, v in self.cols])
        return np.array(rows).reshape(len(rows), self.nx)

    @staticmethod
    def _share(inp: _Inputs, issue: str, level: int, held: Mapping[str, int], total: float) -> float:
        """What setting `issue` to `level` adds to the distance of a side holding `held` (weights `total`)."""
        if issue not in held:
            return 0.0
        return inp.weights[issue] * inp.scales[issue].distance(level, held[issue]) / total

    def _add(self, row: np.ndarray, lo: float, hi: float) -> None:
        self.rows.append(row)
        self.lo.append(lo)
        self.hi.append(hi)

    def _pin(self, issue: str, level: int) -> None:
        for k, (i, v) in enumerate(self.cols):
            if i == issue and v != level:
                self.ub[k] = 0

    def _minimise(self, c: np.ndarray) -> np.ndarray:
        # Imported on the first search: the solver adds about 35 MB that the other pages never need.
        from scipy.optimize import Bounds, LinearConstraint, milp

        integrality = np.ones(self.n)
        integrality[self.t] = 0
        options: dict[str, float] = {"mip_rel_gap": 0.0}
        if self.deadline is not None:
            options["time_limit"] = self.deadline - time.monotonic()
            if options["time_limit"] <= 0:
                raise TimeLimitReached
        res = milp(
            c,
            constraints=LinearConstraint(np.array(self.rows), self.lo, self.hi),
            integrality=integrality,
            bounds=Bounds(np.zeros(self.n), self.ub),
            options=options,
        )
        if res.status == 1:  # iteration or time limit reached
            raise TimeLimitReached
        if res.x is None:  # cannot happen: relaxing every red line always leaves a package
            raise RuntimeError(f"settlement MILP failed: {res.message}")
        return self._rounded(res.x)

    def _rounded(self, x: np.ndarray) -> np.ndarray:
        """Snap binaries to 0/1 (exactly one level per issue) so stage optima are computed exactly."""
        out = np.zeros(self.n)
        issues = [i for i, _ in self.cols]
        for issue in dict.fromkeys(issues):
            ks = [k for k, i in enumerate(issues) if i == issue]
            out[ks[int(np.argmax(x[ks]))]] = 1
        out[self.nx + 1 :] = np.round(x[self.nx + 1 :])
        return out

    def _cost(self, x: np.ndarray | None = None, t: float = 0.0, r: float = 0.0) -> np.ndarray:
        """An objective (or constraint row): coefficients `x` on the binaries, `t` on t, `r` on each r."""
        c = np.full(self.n, r)
        c[: self.nx] = 0.0 if x is None else x
        c[self.t] = t
        return c

    def solve(self) -> dict[str, int]:
        """Run the stages (module docstring) and return the chosen level of every decided issue."""
        x = None
        if self.lines:
            c = self._cost(r=1.0)
            x = self._minimise(c)
            self._add(c, -np.inf, float(c @ x))
        if len(self.dist):
            x = self._minimise(self._cost(t=_GAP_SCALE))
            self.ub[self.t] = float((self.dist @ x[: self.nx]).max()) + TOL
            c = self._cost(self.dist.sum(axis=0))
            x = self._minimise(_GAP_SCALE * c)
            self._add(c, -np.inf, float(c @ x) + TOL)
        return self._lowest_levels(x)

    def _lowest_levels(self, x: np.ndarray | None) -> dict[str, int]:
        """Issue by issue, pin the lowest level still compatible with the optima held so far."""
        chosen: dict[str, int] = {}
        for issue in dict.fromkeys(i for i, _ in self.cols):
            ks = [k for k, (i, _) in enumerate(self.cols) if i == issue and self.ub[k] > 0]
            if len(ks) > 1 and (x is None or x[ks[0]] != 1):  # the incumbent is not at the lowest level
                c = np.zeros(self.n)
                c[ks] = np.arange(len(ks))
                x = self._minimise(c)
            level = self.cols[ks[0] if len(ks) == 1 else next(k for k in ks if x[k] == 1)][1]
            self._pin(issue, level)
            chosen[issue] = level
        return chosen


def closest(
    scales: Iterable[IssueScale],
    stances: Stances,
    sides: Sequence[str],
    weights: Mapping[str, float] | None = None,
    red_lines: Iterable[RedLine] = (),
    fixed: Package | None = None,
    deadline: float | None = None,
) -> Result:
    """The package minimising the largest distance over `sides`, crossing none of their red lines.

    `fixed` pins issues to a level, or leaves them open with `None`. Issues no chosen side holds with a
    positive weight are left open. Ties: smallest sum of distances, then lowest levels in scale order.
    Only packages setting every decided issue are searched: leaving a contested issue open is a choice for
    the analyst (via `fixed`), not for the optimiser, since it would drop that issue from the comparison.
    With a `deadline` (a `time.monotonic()` value), raises `TimeLimitReached` when it passes first.
    """
    inp = _inputs(scales, stances, sides, weights, red_lines)
    pins = _package(fixed or {}, inp.scales, "fixed")
    issues = _decided(inp, pins)
    levels = _Program(inp, issues, pins, deadline).solve() if issues else {}
    package = {i: levels.get(i) for i in inp.scales}
    ev = _evaluate(package, inp)
    # Minimising the relaxed count first means the package crosses exactly the relaxed red lines.
    return Result(package, ev.max_distance, ev.distances, ev.counted, not ev.crossed, ev.crossed)
