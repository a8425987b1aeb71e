"""Level scores, revealed salience and the bargaining models, on hand-computed fixtures."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from stances import bargaining as b
from stances import salience, scores, urlstate
from stances.models import Actor, Issue
from stances.settlement import RedLine

TWO_LEVELS = {0: 0.0, 1: 100.0}
THREE_LEVELS = {0: 0.0, 1: 50.0, 2: 100.0}


def _issue(*levels: dict) -> Issue:
    return Issue(id="x", title="X", category="security", question="Q?", scale=list(levels))


# Level scores ------------------------------------------------------------------------------------------


def test_even_spacing_by_value_and_curated_scores_when_recorded():
    plain = _issue({"value": 0, "label": "a"}, {"value": 1, "label": "b"}, {"value": 4, "label": "c"})
    assert scores.even(plain) == {0: 0.0, 1: 25.0, 4: 100.0}
    assert scores.curated(plain) == scores.even(plain)
    scored = _issue({"value": 0, "label": "a", "score": 0}, {"value": 1, "label": "b", "score": 90},
                    {"value": 2, "label": "c", "score": 100})  # fmt: skip
    assert scores.curated(scored) == {0: 0.0, 1: 90.0, 2: 100.0}
    assert scores.even(scored) == {0: 0.0, 1: 50.0, 2: 100.0}
    assert scores.nearest(THREE_LEVELS, 74) == 1 and scores.nearest(THREE_LEVELS, 75) == 1


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        (
            [{"value": 0, "label": "a", "score": 50}, {"value": 1, "label": "b", "score": 50}],
            "increase strictly",
        ),
        (
            [{"value": 0, "label": "a", "score": 60}, {"value": 1, "label": "b", "score": 10}],
            "increase strictly",
        ),
        ([{"value": 0, "label": "a", "score": 0}, {"value": 1, "label": "b"}], "every level a score"),
        (
            [{"value": 0, "label": "a", "score": 0}, {"value": 1, "label": "b", "score": 101}],
            "less than or equal",
        ),
    ],
)
def test_the_validator_refuses_bad_scores(levels, message):
    with pytest.raises(ValidationError, match=message):
        _issue(*levels)


def test_scores_recorded_in_the_data_are_read_and_checked(mini):
    from stances.loader import load_dataset

    issues = mini / "issues.yaml"
    text = issues.read_text(encoding="utf-8")
    scored = text.replace("{value: 0, label: North line}", "{value: 0, label: North line, score: 0}")
    scored = scored.replace("{value: 1, label: Middle line}", "{value: 1, label: Middle line, score: 80}")
    scored = scored.replace("{value: 2, label: South line}", "{value: 2, label: South line, score: 100}")
    issues.write_text(scored, encoding="utf-8")
    data = load_dataset(mini)
    assert data.ok, data.problems
    assert scores.scores(data, ["border"])["border"] == {0: 0, 1: 80, 2: 100}
    assert scores.scores(data, ["border"], "even")["border"][1] == 50
    issues.write_text(scored.replace("score: 80", "score: 100"), encoding="utf-8")
    assert any("increase strictly" in p.message for p in load_dataset(mini).problems)


def test_a_curated_salience_record_is_for_sides_and_names_each_issue_once():
    record = {"issue": "x", "weight": 2.0, "sources": ["s"]}
    Actor(id="a", name="A", kind="state", salience=[record])
    with pytest.raises(ValidationError, match="not a person"):
        Actor(id="p", name="P", kind="person", represents="a", salience=[record])
    with pytest.raises(ValidationError, match="twice"):
        Actor(id="a", name="A", kind="state", salience=[record, record])


# Revealed salience -------------------------------------------------------------------------------------


def test_choices_find_the_weights_that_make_the_endorsed_text_closer():
    ideal = {"a": 0, "b": 0}
    sc = {"a": TWO_LEVELS, "b": TWO_LEVELS}
    # endorsed gives way on a, rejected on b: only weight on b explains preferring the endorsed text
    weights, margin = salience.consistent_weights([({"a": 1, "b": 0}, {"a": 0, "b": 1})], ideal, sc)
    assert margin == pytest.approx(100) and weights == pytest.approx({"a": 0.0, "b": 2.0})


def test_choices_that_no_weights_explain_say_so():
    ideal = {"a": 0, "b": 0}
    sc = {"a": TWO_LEVELS, "b": TWO_LEVELS}
    weights, margin = salience.consistent_weights([({"a": 1, "b": 1}, {"a": 0, "b": 0})], ideal, sc)
    assert weights is None and margin == pytest.approx(-100)


def test_rigidity_weighs_the_issues_a_side_never_moved_on():
    assert salience.rigidity({"a": ["2024-01-01", "2024-02-01"]}, ["a", "b"]) == pytest.approx(
        {"a": 0.5, "b": 1.5}
    )
    assert salience.rigidity({}, ["a", "b"]) == {}  # never moved anywhere: no signal


def test_emphasis_is_the_share_of_statements_against_an_even_share():
    assert salience.emphasis({"a": 3, "b": 1}, ["a", "b"]) == {"a": 1.5, "b": 0.5}
    assert salience.emphasis({}, ["a", "b"]) == {}


def test_estimates_disagree_when_one_reads_high_and_another_low():
    assert salience.disagree([2.0, 0.5, math.nan])
    assert not salience.disagree([1.2, 0.9, math.nan])


def test_salience_on_the_fixture_data(mini_config):
    from stances import explorer
    from stances.loader import load_dataset
    from stances.tables import build

    from .conftest import MINI

    data = load_dataset(MINI)
    tables = build(data)
    s = explorer.setting(
        data, tables, ["northland", "southland"], list(data.issues), as_of=data.dataset.as_of_date
    )
    frame = salience.table(
        data, tables, s.sides, s.issue_ids, s.stances, scores.scores(data, s.issue_ids), as_of=s.as_of
    )
    assert len(frame) == 2 * len(data.issues)
    counts = frame.set_index(["side", "issue"])["emphasis_evidence"]
    assert all(text.endswith("statements") for text in counts)
    assert set(salience.weights(frame, "equal")["northland"].values()) == {1.0}


# Bargaining models -------------------------------------------------------------------------------------


def test_utility_weighs_score_distances_by_salience():
    p = b.BargainingProblem(
        {"x": THREE_LEVELS, "y": THREE_LEVELS}, ("A",), {"A": {"x": 0, "y": 0}}, {"A": {"x": 3, "y": 1}}
    )
    assert b.utility(p, {"x": 1, "y": 2}, "A") == pytest.approx(1 - (3 * 0.5 + 1 * 1) / 4)
    assert math.isnan(b.utility(p, {"x": None, "y": None}, "A"))


def test_the_compromise_is_the_salience_and_capability_weighted_mean():
    p = b.BargainingProblem(
        {"x": THREE_LEVELS}, ("A", "B"), {"A": {"x": 0}, "B": {"x": 2}}, {"A": {"x": 1}, "B": {"x": 4}}
    )
    c = b.compromise(p)
    assert c.means["x"] == pytest.approx(80) and c.package == {"x": 2}
    c = b.compromise(p, {"A": 3})  # 4·100 / (3 + 4) = 57.1
    assert c.means["x"] == pytest.approx(400 / 7) and c.package == {"x": 1}


TRADE = b.BargainingProblem(
    {"x": TWO_LEVELS, "y": TWO_LEVELS},
    ("A", "B"),
    {"A": {"x": 0, "y": 0}, "B": {"x": 1, "y": 1}},
    {"A": {"x": 3, "y": 1}, "B": {"x": 1, "y": 3}},
)


@pytest.mark.parametrize("limit", [b.ENUMERATE, 0])
def test_nash_gives_each_side_what_it_weighs_more(limit):
    found = b.nash(TRADE, enumerate_up_to=limit)
    assert found.package == {"x": 0, "y": 1}
    assert found.reference == {"A": 0.0, "B": 0.0}
    assert found.product == pytest.approx(0.75 * 0.75)


def test_nash_stays_within_red_lines():
    p = b.BargainingProblem({"x": THREE_LEVELS}, ("A", "B"), {"A": {"x": 0}, "B": {"x": 2}})
    assert b.nash(p).package == {"x": 1}
    lined = b.BargainingProblem(
        p.scores, p.sides, p.ideals, red_lines=(RedLine("B", "x", frozenset({1}), "r"),)
    )
    found = b.nash(lined)
    assert found.package["x"] != 1 and not b.crossed(lined, found.package)


def test_nash_finds_no_package_when_every_level_is_rejected():
    lines = (RedLine("A", "x", frozenset({0, 1}), "r1"), RedLine("B", "x", frozenset({2}), "r2"))
    p = b.BargainingProblem({"x": THREE_LEVELS}, ("A", "B"), {"A": {"x": 0}, "B": {"x": 2}}, red_lines=lines)
    assert b.nash(p).package is None


@st.composite
def _problems(draw):
    n_issues = draw(st.integers(1, 4))
    issues = {f"i{k}": {v: 100.0 * v / (n - 1) for v in range(n)} for k, n in
              enumerate(draw(st.lists(st.integers(2, 4), min_size=n_issues, max_size=n_issues)))}  # fmt: skip
    sides = tuple(f"s{k}" for k in range(draw(st.integers(2, 3))))
    ideals = {s: {i: draw(st.sampled_from(list(lv))) for i, lv in issues.items()} for s in sides}
    sal = {s: {i: draw(st.floats(0.1, 5)) for i in issues} for s in sides}
    lines = tuple(
        RedLine(s, i, frozenset({draw(st.sampled_from(list(issues[i])))}), f"r{k}")
        for k, (s, i) in enumerate(draw(st.lists(st.tuples(st.sampled_from(sides), st.sampled_from(list(issues))),
                                                 max_size=3)))
    )  # fmt: skip
    lines = tuple(r for r in lines if ideals[r.side][r.issue] not in r.rejects)
    texts = draw(st.lists(st.fixed_dictionaries({i: st.sampled_from(list(lv)) for i, lv in issues.items()}),
                          max_size=4))  # fmt: skip
    return b.BargainingProblem(issues, sides, ideals, sal, lines), texts


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_problems(), st.booleans())
def test_the_nash_package_is_never_worse_than_a_plan_text_or_a_stance_profile(case, search):
    problem, texts = case
    candidates = [*texts, *(dict(problem.ideals[s]) for s in problem.sides)]
    found = b.nash(problem, seeds=candidates, enumerate_up_to=0 if search else b.ENUMERATE)
    ref = found.reference
    for package in candidates:
        if not b.crossed(problem, package):
            assert found.product >= b.nash_product(problem, package, ref) - 1e-9
    if found.package is not None:
        assert not b.crossed(problem, found.package)


def test_weights_name_issues_by_title_or_id():
    titles = {"quota": "Catch quota", "border": "Sea border"}
    found, ignored = urlstate.parse_weights("Catch quota:2, border:3, Nowhere:1", ["quota", "border"], titles)
    assert found == {"quota": 2.0, "border": 3.0} and ignored == ["Nowhere:1"]
