"""Trade-offs and what it would take, on hand-computed two- and three-issue cases."""

from __future__ import annotations

import pytest

from stances import tradeoffs, what_it_takes
from stances.bargaining import BargainingProblem
from stances.settlement import RedLine

THREE_LEVELS = {0: 0.0, 1: 50.0, 2: 100.0}


def _logroll(red_lines: tuple[RedLine, ...] = (), x_scores=THREE_LEVELS) -> BargainingProblem:
    """A holds 0 on both issues and weighs y three times x; B holds 2 on both and weighs x three times y."""
    return BargainingProblem(
        {"x": dict(x_scores), "y": dict(THREE_LEVELS)},
        ("a", "b"),
        {"a": {"x": 0, "y": 0}, "b": {"x": 2, "y": 2}},
        {"a": {"x": 1.0, "y": 3.0}, "b": {"x": 3.0, "y": 1.0}},
        red_lines,
    )


def test_each_side_gives_on_what_it_weighs_less_and_both_gain_against_splitting_the_difference():
    # A: x goes from the midpoint 50 to 100 (−1 × 0.5), y from 50 to 0 (+3 × 0.5): +1.0 / 4 = 0.25; B alike.
    found = tradeoffs.all_trades(_logroll())
    assert found == [tradeoffs.Trade("a", "b", "x", "y", (2, 0), (0.25, 0.25), ())]


def test_red_lines_hold_the_trade_short_of_the_other_side():
    # A rejects x = 2, so x stops at level 1 (score 90): A −0.4 + 1.5 = 1.1 / 4; B 3 × 0.4 − 0.5 = 0.7 / 4.
    lines = (RedLine("a", "x", frozenset({2}), "r1"),)
    (trade,) = tradeoffs.all_trades(_logroll(lines, {0: 0.0, 1: 90.0, 2: 100.0}))
    assert trade.levels == (1, 0)
    assert trade.effects == pytest.approx((0.275, 0.175))


def test_no_trade_when_a_red_line_leaves_one_side_worse_than_the_split_or_the_weights_are_even():
    # B rejects y = 0: y stops at 50, the midpoint, and A only loses on x.
    assert tradeoffs.all_trades(_logroll((RedLine("b", "y", frozenset({0}), "r2"),))) == []
    even = _logroll()
    even = BargainingProblem(
        even.scores, even.sides, even.ideals, {"a": {"x": 1, "y": 1}, "b": {"x": 3, "y": 1}}
    )
    assert tradeoffs.all_trades(even) == []


def test_plan_points_that_move_both_issues_the_trades_way():
    plans = {
        "P": {"x": (3, 2), "y": (4, 1)},  # x towards B, y towards A: contains it
        "Q": {"x": (1, 0), "y": (2, 0)},  # x at A's stance: A gives nothing
        "R": {"x": (5, 2)},  # sets only one of the two issues
    }
    (trade,) = tradeoffs.all_trades(_logroll(), plans)
    assert trade.points == ("P: points 3 and 4",)


# What would it take ---------------------------------------------------------------------------------------


def _two_sides(b: dict[str, int]) -> BargainingProblem:
    scores = {i: dict(THREE_LEVELS) for i in b}
    return BargainingProblem(scores, ("a", "b"), {"a": dict.fromkeys(b, 0), "b": b})


def test_acceptable_for_any_weights_when_the_package_is_no_worse_on_any_issue():
    r = what_it_takes.acceptable(_two_sides({"x": 2, "y": 2}), {"x": 1, "y": 1}, "a")
    assert r.status == "any" and r.gains == {"x": 0.5, "y": 0.5}
    assert what_it_takes.words(r, "A", {}) == "Acceptable to A for any weights."


def test_acceptable_only_if_one_issue_weighs_at_least_twice_the_other():
    # Reference for A: B's stances (x 0, y 100). Package x 100, y 50: c = (−1, 0.5), so w_y ≥ 2 w_x.
    r = what_it_takes.acceptable(_two_sides({"x": 0, "y": 2}), {"x": 2, "y": 1}, "a")
    assert (r.status, r.best, r.worst, r.alone, r.now) == ("some", "y", "x", False, False)
    assert r.ratio == pytest.approx(2.0)
    words = what_it_takes.words(r, "A", {"x": "Territory", "y": "Guarantees"})
    assert words == "Acceptable to A only if it weighs Guarantees at least twice Territory. At the salience " \
        "used here it does not."  # fmt: skip


def test_the_ratio_is_given_with_the_other_issues_at_zero_when_they_could_carry_it():
    r = what_it_takes.acceptable(_two_sides({"x": 0, "y": 2, "z": 2}), {"x": 2, "y": 1, "z": 1}, "a")
    assert r.status == "some" and r.alone and r.ratio == pytest.approx(2.0)
    assert "(with every other issue weighing nothing)" in what_it_takes.words(r, "A", {})
    assert r.now is True  # c·(1, 1, 1) = 0: indifferent counts as acceptable


def test_no_weights_when_the_package_is_worse_on_every_issue():
    r = what_it_takes.acceptable(_two_sides({"x": 1, "y": 1}), {"x": 2, "y": 2}, "a")
    assert r.status == "none" and r.gains == {"x": -0.5, "y": -0.5}
    assert what_it_takes.words(r, "A", {}) == "No weights make it acceptable to A."


def test_cannot_say_when_the_package_leaves_the_sides_issues_open():
    r = what_it_takes.acceptable(_two_sides({"x": 2}), {"x": None}, "a")
    assert r.status == "unknown" and "cannot say" in what_it_takes.words(r, "A", {})
