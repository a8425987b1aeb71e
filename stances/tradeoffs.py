"""Trade-offs: pairs of issues on which two sides could each give on what it weighs less and gain on what it
weighs more (a logroll).

For sides A and B holding different stances on issues X and Y, A weighing X less than Y and B weighing Y
less than X: A concedes on X (X at the level nearest B's stance that no red line rejects, short of A's own)
and gains on Y (Y at the level nearest A's stance no red line rejects, short of B's). Each side's **effect**
is its utility change (as in `stances.bargaining`: salience-weighted score distance over all issues it
holds) against splitting the difference on both issues (each at the score midpoint of the two stances).
A trade is listed when it leaves both sides better off than the split. A plan text **contains** the trade
when its points set both issues on the trade's sides: X moved from A's stance towards B's, Y moved from
B's stance towards A's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stances.bargaining import BargainingProblem

PlanPoints = Mapping[str, Mapping[str, tuple[int, int]]]
"""plan text title → issue → (point number, level it sets)."""


@dataclass(frozen=True)
class Trade:
    gives: str  # side A: concedes on `concedes`, gains on `gains`
    takes: str  # side B: the reverse
    concedes: str  # issue X
    gains: str  # issue Y
    levels: tuple[int, int]  # the trade's levels on X and Y
    effects: tuple[float, float]  # utility change for A and B against splitting the difference
    points: tuple[str, ...]  # plan points that contain the trade, in words


def _sign(x: float) -> int:
    return (x > 1e-9) - (x < -1e-9)


def _toward(prob: BargainingProblem, issue: str, frm: int, to: int) -> int | None:
    """The level nearest `to` (on the way from `frm`, excluding `frm`) that no red line rejects."""
    sc = prob.scores[issue]
    low, high = sorted((sc[frm], sc[to]))
    banned = {lv for r in prob.red_lines if r.issue == issue for lv in r.rejects}
    ok = [lv for lv, v in sc.items() if low <= v <= high and v != sc[frm] and lv not in banned]
    return min(ok, key=lambda lv: (abs(sc[lv] - sc[to]), lv)) if ok else None


def _effect(prob: BargainingProblem, side: str, moved: Mapping[str, tuple[float, float]]) -> float:
    """Utility change for `side` when each issue goes from the first score to the second."""
    held = prob.held(side)
    den = sum(prob.weight(side, i) for i in held)
    change = 0.0
    for issue, (before, after) in moved.items():
        own = prob.scores[issue][held[issue]]
        change += prob.weight(side, issue) * (abs(before - own) - abs(after - own)) / 100
    return change / den if den else 0.0


def _contains(prob: BargainingProblem, a: str, b: str, x: str, y: str, plans: PlanPoints) -> tuple[str, ...]:
    sa, sb = prob.held(a), prob.held(b)
    sc = prob.scores
    out = []
    for title, points in plans.items():
        if x not in points or y not in points:
            continue
        (px, lx), (py, ly) = points[x], points[y]
        on_x = _sign(sc[x][lx] - sc[x][sa[x]]) == _sign(sc[x][sb[x]] - sc[x][sa[x]]) != 0
        on_y = _sign(sc[y][ly] - sc[y][sb[y]]) == _sign(sc[y][sa[y]] - sc[y][sb[y]]) != 0
        if on_x and on_y:
            out.append(f"{title}: points {px} and {py}")
    return tuple(out)


def trades(prob: BargainingProblem, a: str, b: str, plans: PlanPoints = {}) -> list[Trade]:  # noqa: B006
    """Every trade in which `a` concedes and `b` gains on one issue and the reverse on another (see the
    module docstring), best first (largest smaller effect)."""
    sa, sb = prob.held(a), prob.held(b)
    sc = prob.scores
    shared = [i for i in sc if i in sa and i in sb and sc[i][sa[i]] != sc[i][sb[i]]]
    out = []
    for x in shared:
        for y in shared:
            w = prob.weight
            if x == y or not (w(a, x) < w(a, y) and w(b, y) < w(b, x)):
                continue
            lx, ly = _toward(prob, x, sa[x], sb[x]), _toward(prob, y, sb[y], sa[y])
            if lx is None or ly is None:
                continue
            moved = {
                x: ((sc[x][sa[x]] + sc[x][sb[x]]) / 2, sc[x][lx]),
                y: ((sc[y][sa[y]] + sc[y][sb[y]]) / 2, sc[y][ly]),
            }
            effects = (_effect(prob, a, moved), _effect(prob, b, moved))
            if min(effects) > 1e-9:
                out.append(Trade(a, b, x, y, (lx, ly), effects, _contains(prob, a, b, x, y, plans)))
    return sorted(out, key=lambda t: (-min(t.effects), t.concedes, t.gains))


def all_trades(prob: BargainingProblem, plans: PlanPoints = {}) -> list[Trade]:  # noqa: B006
    """Trades between every pair of the chosen sides (each trade once: the first side named concedes on
    the first issue)."""
    sides: Sequence[str] = prob.sides
    return [t for k, a in enumerate(sides) for b in sides[k + 1 :] for t in trades(prob, a, b, plans)]
