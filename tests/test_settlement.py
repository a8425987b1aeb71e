import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stances.settlement import IssueScale, RedLine, closest, evaluate

# Hand fixture. Three issues; kyiv sits at the bottom of every scale and moscow at the top, so any level
# lies between them and, per issue, d(level, kyiv) + d(level, moscow) = 1. With equal weights,
# D_kyiv + D_moscow = 1 for every package: the largest distance is at least 1/2.
#   territory 0..4 (span 4), guarantees 0..2 (span 2), sanctions 0..1 (span 1)
#   kyiv     = (0, 0, 0)    moscow = (4, 2, 1)    mediator = (1, 1, 1)
# Writing a package (a, b, c):
#   D_kyiv = (a/4 + b/2 + c)/3 = (a + 2b + 4c)/12 =: u/12,  D_moscow = (12 − u)/12,
#   D_mediator = (|a − 1| + 2|b − 1| + 4(1 − c))/12 =: m/12.
# Every distance is a multiple of 1/12.
SCALES = [
    IssueScale("territory", (0, 1, 2, 3, 4)),
    IssueScale("guarantees", (0, 1, 2)),
    IssueScale("sanctions", (0, 1)),
]
STANCES = {
    "kyiv": {"territory": 0, "guarantees": 0, "sanctions": 0},
    "moscow": {"territory": 4, "guarantees": 2, "sanctions": 1},
    "mediator": {"territory": 1, "guarantees": 1, "sanctions": 1},
}
SIDES = ["kyiv", "moscow", "mediator"]


def test_hand_fixture_optimum():
    # Max = 1/2 needs u = 6: (a, b, c) ∈ {(2,0,1), (0,1,1), (4,1,0), (2,2,0)} with m = 3, 1, 7, 7.
    # (4,1,0) and (2,2,0) have D_mediator = 7/12 > 1/2, so the minimax value is 1/2, reached by (2,0,1)
    # and (0,1,1); the sum of distances, 1 + m/12, breaks the tie: (0,1,1), sum 13/12.
    r = closest(SCALES, STANCES, SIDES)
    assert r.package == {"territory": 0, "guarantees": 1, "sanctions": 1}
    assert r.max_distance == pytest.approx(1 / 2)
    assert r.distances == pytest.approx({"kyiv": 1 / 2, "moscow": 1 / 2, "mediator": 1 / 12})
    assert r.counted == {"kyiv": 3, "moscow": 3, "mediator": 3}
    assert r.feasible and r.conflict == []


def test_a_binding_red_line_moves_the_package_and_raises_the_max():
    # Moscow rejects territory ≤ 2, so a ≥ 3. Max 1/2 would need u = 6: only (4,1,0), where
    # D_mediator = 7/12. So the max is at least 7/12; it is 7/12 when u ∈ {5, 6, 7} and m ≤ 7:
    # (3,1,0) u=5 m=6; (3,0,1) u=7 m=4; (4,1,0) u=6 m=7. Smallest sum (m = 4): (3,0,1).
    # The max rises by 7/12 − 1/2 = 1/12; kyiv 7/12, moscow 5/12, mediator 4/12.
    line = RedLine("moscow", "territory", frozenset({0, 1, 2}), "pos-ru-territory")
    r = closest(SCALES, STANCES, SIDES, red_lines=[line])
    assert r.package == {"territory": 3, "guarantees": 0, "sanctions": 1}
    assert r.max_distance - closest(SCALES, STANCES, SIDES).max_distance == pytest.approx(1 / 12)
    assert r.distances == pytest.approx({"kyiv": 7 / 12, "moscow": 5 / 12, "mediator": 1 / 3})
    assert r.feasible and r.conflict == []


def test_ties_on_max_and_sum_go_to_the_lowest_levels_in_scale_order():
    # Kyiv rejects sanctions relief: c = 0, u = a + 2b ≤ 8, m = |a−1| + 2|b−1| + 4. Max 1/2 needs u = 6:
    # (4,1) or (2,2), both m = 7. Max 7/12: u ∈ {5,6,7}, m ≤ 7: (1,2) m=6, (3,1) m=6, (4,1) m=7, (2,2) m=7.
    # (1,2,0) and (3,1,0) tie on max (7/12) and sum (18/12); the lower territory level wins.
    line = RedLine("kyiv", "sanctions", frozenset({1}), "pos-ua-sanctions")
    r = closest(SCALES, STANCES, SIDES, red_lines=[line])
    assert r.package == {"territory": 1, "guarantees": 2, "sanctions": 0}
    assert r.max_distance == pytest.approx(7 / 12)
    assert r.distances == pytest.approx({"kyiv": 5 / 12, "moscow": 7 / 12, "mediator": 1 / 2})
    reordered = closest(SCALES, STANCES, SIDES[::-1], red_lines=[line])
    assert reordered.package == r.package


def test_infeasible_reports_the_smallest_conflict_and_the_relaxed_package():
    # Sanctions: kyiv rejects 1; moscow and the mediator both reject 0. Relaxing kyiv's red line (one) is
    # smaller than relaxing both others (two). With it relaxed, the unconstrained optimum (0,1,1) is allowed.
    ua = RedLine("kyiv", "sanctions", frozenset({1}), "ua")
    ru = RedLine("moscow", "sanctions", frozenset({0}), "ru")
    med = RedLine("mediator", "sanctions", frozenset({0}), "med")
    r = closest(SCALES, STANCES, SIDES, red_lines=[ru, ua, med])
    assert not r.feasible
    assert r.conflict == [ua]
    assert r.package == {"territory": 0, "guarantees": 1, "sanctions": 1}
    assert r.max_distance == pytest.approx(1 / 2)


def test_between_equally_small_conflicts_the_one_allowing_the_better_package_is_chosen():
    # Relaxing kyiv's red line allows (0,1,1) at 1/2; relaxing moscow's forces c = 0, at best 7/12.
    ua = RedLine("kyiv", "sanctions", frozenset({1}), "ua")
    ru = RedLine("moscow", "sanctions", frozenset({0}), "ru")
    r = closest(SCALES, STANCES, SIDES, red_lines=[ru, ua])
    assert (r.feasible, r.conflict, r.max_distance) == (False, [ua], pytest.approx(1 / 2))
    # Two conflicts on two issues need two red lines relaxed, one per issue; the rest still hold.
    terr = [RedLine("kyiv", "territory", {3, 4}, "ua-t"), RedLine("moscow", "territory", {0, 1, 2}, "ru-t")]
    r2 = closest(SCALES, STANCES, SIDES, red_lines=[ru, ua, *terr])
    assert not r2.feasible and len(r2.conflict) == 2
    assert {x.issue for x in r2.conflict} == {"territory", "sanctions"}
    crossed = evaluate(r2.package, SCALES, STANCES, SIDES, red_lines=[ru, ua, *terr]).crossed
    assert crossed == r2.conflict


def test_weights_change_the_answer():
    # Territory weighs 3: D_kyiv = (3a/4 + b/2 + c)/5 = (3a + 2b + 4c)/20 and D_moscow = 1 − D_kyiv.
    # Max 1/2 needs 3a + 2b + 4c = 10: (2,0,1) or (2,2,0); D_mediator = (3|a−1|/4 + |b−1|/2 + 1 − c)/5
    # = 1/4 and 9/20, both ≤ 1/2. Smaller sum: (2,0,1), where the unweighted optimum was (0,1,1).
    r = closest(SCALES, STANCES, SIDES, weights={"territory": 3})
    assert r.package == {"territory": 2, "guarantees": 0, "sanctions": 1}
    assert r.distances == pytest.approx({"kyiv": 1 / 2, "moscow": 1 / 2, "mediator": 1 / 4})


def test_weight_zero_ignores_the_issue_and_an_open_fixed_issue_counts_for_nobody():
    # Without sanctions: D_kyiv = (a/4 + b/2)/2, D_moscow = 1 − D_kyiv; max 1/2 needs a + 2b = 4: (0,2),
    # (2,1), (4,0) with D_mediator = (|a−1|/4 + |b−1|/2)/2 = 3/8, 1/8, 5/8. So (2,1), mediator 1/8.
    expected = {"territory": 2, "guarantees": 1, "sanctions": None}
    for r in (
        closest(SCALES, STANCES, SIDES, weights={"sanctions": 0}),
        closest(SCALES, STANCES, SIDES, fixed={"sanctions": None}),
        closest(
            SCALES,
            STANCES,
            SIDES,
            red_lines=[RedLine("kyiv", "sanctions", {0, 1}, "x")],
            fixed={"sanctions": None},
        ),
    ):
        assert r.package == expected
        assert r.distances == pytest.approx({"kyiv": 1 / 2, "moscow": 1 / 2, "mediator": 1 / 8})
        assert r.counted == {"kyiv": 2, "moscow": 2, "mediator": 2}
        assert r.feasible


def test_fixed_levels_are_respected():
    # a = 4: u = 4 + 2b + 4c. Max 1/2 needs u = 6 → (4,1,0), D_mediator = 7/12. Max 7/12 needs
    # u ∈ {5,6,7}: again only (4,1,0). So (4,1,0), distances 1/2, 1/2, 7/12.
    r = closest(SCALES, STANCES, SIDES, fixed={"territory": 4})
    assert r.package == {"territory": 4, "guarantees": 1, "sanctions": 0}
    assert r.distances == pytest.approx({"kyiv": 1 / 2, "moscow": 1 / 2, "mediator": 7 / 12})
    # A fixed level on a red line is a conflict that can only be resolved by relaxing that red line.
    line = RedLine("kyiv", "territory", {4}, "ua-t")
    r2 = closest(SCALES, STANCES, SIDES, red_lines=[line], fixed={"territory": 4})
    assert (r2.feasible, r2.conflict, r2.package) == (False, [line], r.package)


def test_issues_no_chosen_side_holds_stay_open():
    stances = {"kyiv": {"territory": 0}, "moscow": {"territory": 4, "sanctions": 1}}
    lines = [RedLine("kyiv", "guarantees", {0}, "g")]
    r = closest(SCALES, stances, ["kyiv"], red_lines=lines)
    assert r.package == {"territory": 0, "guarantees": None, "sanctions": None}
    assert r.max_distance == 0 and r.counted == {"kyiv": 1}
    # Only moscow holds sanctions: it gets its level 1. Then D_kyiv = a/4 and D_moscow = ((4 − a)/4 + 0)/2:
    # a = 0: max(0, 1/2); a = 1: max(1/4, 3/8); a = 2: max(1/2, 1/4). So a = 1, max 3/8.
    r2 = closest(SCALES, stances, ["kyiv", "moscow"])
    assert r2.package == {"territory": 1, "guarantees": None, "sanctions": 1}
    assert r2.distances == pytest.approx({"kyiv": 1 / 4, "moscow": 3 / 8})


def test_no_side_with_a_counted_issue_gives_nan():
    r = closest(SCALES, {"a": {}, "b": {"territory": None}}, ["a", "b"])
    assert r.package == dict.fromkeys(["territory", "guarantees", "sanctions"])
    assert math.isnan(r.max_distance) and r.feasible


def test_evaluate_known_package():
    # (4, 2, 0), territory weighing 2 (sum of weights 4):
    #   kyiv (2·1 + 1 + 0)/4 = 3/4, moscow (0 + 0 + 1)/4 = 1/4, mediator (2·3/4 + 1/2 + 1)/4 = 3/4.
    lines = [
        RedLine("kyiv", "territory", {4}, "ua-t"),
        RedLine("kyiv", "sanctions", {1}, "ua-s"),
        RedLine("moscow", "territory", {0, 1, 2}, "ru-t"),
        RedLine("mediator", "guarantees", {2}, "med-g"),
    ]
    package = {"territory": 4, "guarantees": 2, "sanctions": 0}
    ev = evaluate(package, SCALES, STANCES, SIDES, weights={"territory": 2}, red_lines=lines)
    assert ev.distances == pytest.approx({"kyiv": 3 / 4, "moscow": 1 / 4, "mediator": 3 / 4})
    assert ev.counted == {"kyiv": 3, "moscow": 3, "mediator": 3}
    assert ev.max_distance == pytest.approx(3 / 4)
    assert [r.record for r in ev.crossed] == ["ua-t", "med-g"]
    # Only the chosen sides' red lines are checked; an open issue counts for no one and crosses nothing.
    ev2 = evaluate({"territory": 4, "guarantees": None}, SCALES, STANCES, ["moscow"], red_lines=lines)
    assert ev2.distances == {"moscow": 0.0} and ev2.counted == {"moscow": 1} and ev2.crossed == []
    ev3 = evaluate({"territory": 2}, SCALES, STANCES, SIDES)
    assert ev3.distances == pytest.approx({"kyiv": 1 / 2, "moscow": 1 / 2, "mediator": 1 / 4})
    assert ev3.counted == {"kyiv": 1, "moscow": 1, "mediator": 1}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sides": ["kyiv", "minsk"]}, "unknown side"),
        ({"sides": []}, "no sides"),
        ({"stances": {**STANCES, "kyiv": {"crimea": 0}}}, "unknown issue 'crimea'"),
        ({"stances": {**STANCES, "kyiv": {"territory": 7}}}, "level 7 is not on the scale"),
        ({"weights": {"territory": -1}}, "must be finite and ≥ 0"),
        ({"weights": {"crimea": 1}}, "unknown issue"),
        ({"fixed": {"sanctions": 2}}, "level 2 is not on the scale"),
        ({"fixed": {"crimea": 1}}, "unknown issue"),
        ({"red_lines": [RedLine("minsk", "territory", {0}, "x")]}, "unknown side 'minsk'"),
        ({"red_lines": [RedLine("kyiv", "territory", {9}, "x")]}, "level 9 is not on the scale"),
        ({"scales": [*SCALES, IssueScale("territory", (0, 1))]}, "duplicate issue scale"),
    ],
)
def test_invalid_inputs_raise(kwargs, message):
    args = {"scales": SCALES, "stances": STANCES, "sides": SIDES} | kwargs
    with pytest.raises(ValueError, match=message):
        closest(**args)


def test_invalid_scales_and_packages_raise():
    with pytest.raises(ValueError, match="no levels"):
        IssueScale("x", ())
    with pytest.raises(ValueError, match="integers"):
        IssueScale("x", (0, 1.5))
    with pytest.raises(ValueError, match="level 5 is not on the scale"):
        evaluate({"guarantees": 5}, SCALES, STANCES, SIDES)
    assert IssueScale("x", (3, 1, 2, 1)).levels == (1, 2, 3) and IssueScale("x", (1, 2, 3)).span == 2


# ---- brute-force cross-check -------------------------------------------------------------------------

FREE, OPEN = "free", "open"


@st.composite
def instances(draw):
    n_issues = draw(st.integers(1, 4))
    scales = []
    for k in range(n_issues):
        low, n = draw(st.integers(-1, 1)), draw(st.integers(1, 4))
        scales.append(IssueScale(f"i{k}", tuple(range(low, low + n))))
    sides = ["a", "b", "c"][: draw(st.integers(2, 3))]
    stances = {s: {sc.id: draw(st.sampled_from([None, *sc.levels])) for sc in scales} for s in sides}
    weights = {sc.id: draw(st.sampled_from([0, 0.5, 1, 1, 2, 3])) for sc in scales}
    lines = []
    for k in range(draw(st.integers(0, 5))):
        sc = draw(st.sampled_from(scales))
        rejects = draw(st.frozensets(st.sampled_from(sc.levels), min_size=1))
        lines.append(RedLine(draw(st.sampled_from(sides)), sc.id, rejects, f"r{k}"))
    fixed = {}
    for sc in scales:
        pin = draw(st.sampled_from([FREE, FREE, FREE, OPEN, *sc.levels]))
        if pin != FREE:
            fixed[sc.id] = None if pin == OPEN else pin
    plans = [{sc.id: draw(st.sampled_from(sc.levels)) for sc in scales} for _ in range(3)]
    return scales, stances, sides, weights, lines, fixed, plans


def decided(scales, stances, sides, weights, fixed):
    """Issues the optimiser must set (worked out independently of the module)."""
    out = []
    for sc in scales:
        held = weights[sc.id] > 0 and any(stances[s][sc.id] is not None for s in sides)
        if (fixed[sc.id] is not None) if sc.id in fixed else held:
            out.append(sc.id)
    return out


def all_packages(scales, issues, fixed):
    choices = [
        [fixed[sc.id]] if fixed.get(sc.id) is not None else (sc.levels if sc.id in issues else [None])
        for sc in scales
    ]
    for levels in itertools.product(*choices):
        yield dict(zip([sc.id for sc in scales], levels, strict=True))


def worst(ev):
    return -math.inf if math.isnan(ev.max_distance) else ev.max_distance


def total(ev):
    return sum(d for d in ev.distances.values() if not math.isnan(d))


@settings(max_examples=250, deadline=None)
@given(instances())
def test_milp_matches_brute_force_and_beats_every_plan(inst):
    scales, stances, sides, weights, lines, fixed, plans = inst
    r = closest(scales, stances, sides, weights, lines, fixed)
    ev = lambda p: evaluate(p, scales, stances, sides, weights, lines)  # noqa: E731
    issues = decided(scales, stances, sides, weights, fixed)
    assert [i for i, v in r.package.items() if v is not None] == issues
    assert all(r.package[i] == v for i, v in fixed.items())

    scored = [(len(e.crossed), worst(e), total(e)) for e in map(ev, all_packages(scales, issues, fixed))]
    fewest = min(c for c, _, _ in scored)
    best = min(m for c, m, _ in scored if c == fewest)
    best_sum = min(s for c, m, s in scored if c == fewest and m <= best + 1e-6)
    mine = ev(r.package)
    assert r.feasible == (fewest == 0) and len(r.conflict) == fewest
    assert mine.crossed == r.conflict
    assert worst(mine) == pytest.approx(best, abs=1e-9)
    assert math.isnan(r.max_distance) or r.max_distance == pytest.approx(best, abs=1e-9)
    assert total(mine) <= best_sum + 1e-6

    # Plans and sides' own stances, as packages honouring the fixed issues, when they cross no red line.
    # An own-stance package is comparable only if it sets every decided issue: leaving an issue open
    # drops it from everyone's comparison, which is outside the packages the optimiser searches.
    candidates = [{**p, **fixed} for p in plans] + [{**stances[s], **fixed} for s in sides]
    for cand in candidates:
        e = ev(cand)
        if not e.crossed and all(cand.get(i) is not None for i in issues):
            assert r.feasible
            assert worst(mine) <= worst(e) + 1e-9

    again = closest(scales, stances, sides[::-1], weights, lines[::-1], fixed)
    assert again.package == r.package and set(again.conflict) == set(r.conflict)
