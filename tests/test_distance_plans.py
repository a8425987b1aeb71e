import datetime as dt

import pandas as pd
import pytest

from stances import analysis, engine, plans, tables, urlstate
from stances.loader import load_dataset

from .conftest import DATA, MINI

END = dt.date(2024, 6, 30)
SPANS = {"quota": 4, "border": 2, "patrols": 1}


@pytest.fixture(scope="module")
def mini():
    data = load_dataset(MINI)
    return data, tables.build(data)


def test_distance_is_undefined_not_zero_when_a_stance_is_missing():
    assert analysis.distance(1, 3, 4) == 0.5
    assert pd.isna(analysis.distance(None, 3, 4))
    assert pd.isna(analysis.distance(float("nan"), 3, 4))


def test_agreement_matrix_averages_over_shared_issues_with_counts(mini):
    _, t = mini
    held = engine.current(t.evidence, as_of=END).query("coded")
    m = analysis.agreement_matrix(held, ["northland", "southland", "league"], SPANS).set_index(["a", "b"])
    # quota: |2-1|/4 = 0.25; border: |2-0|/2 = 1.0; patrols: southland not coded
    assert m.loc[("northland", "southland"), "distance"] == pytest.approx(0.625)
    assert m.loc[("northland", "southland"), "issues"] == 2
    # the League holds draft A (endorsed): quota 2 vs 2, border 2 vs 1, patrols 1 vs 1
    assert m.loc[("northland", "league"), "distance"] == pytest.approx(0.5 / 3)
    assert m.loc[("northland", "league"), "issues"] == 3
    assert m.loc[("southland", "southland"), "distance"] == 0


def test_weights_change_the_average_and_zero_leaves_an_issue_out(mini):
    _, t = mini
    held = engine.current(t.evidence, as_of=END).query("coded")
    pair = [("northland", "southland")]
    weighted = analysis.agreement_pairs(held, pair, SPANS, {"border": 3}).iloc[0]
    assert weighted["distance"] == pytest.approx((0.25 + 3 * 1.0) / 4)
    without = analysis.agreement_pairs(held, pair, SPANS, {"border": 0}).iloc[0]
    assert (without["distance"], without["issues"]) == (0.25, 1)


def test_convergence_carries_stances_forward_month_by_month(mini):
    _, t = mini
    series = analysis.convergence(t.evidence, [("northland", "southland")], SPANS, END)
    by_month = dict(zip(series["month"].dt.strftime("%Y-%m"), series["distance"].round(4), strict=True))
    assert "2024-01" not in by_month  # southland has no stance yet
    assert by_month["2024-02"] == pytest.approx((0.5 + 1.0) / 2)  # quota 3 vs 1, border 2 vs 0
    assert by_month["2024-05"] == pytest.approx((0.25 + 1.0) / 2)  # northland conceded a medium quota
    assert by_month["2024-06"] == by_month["2024-05"]


def test_numeric_gaps_between_proposals(mini):
    _, t = mini
    gaps = analysis.numeric_gaps(t.figures, "quota-size")
    row = gaps[(gaps["value_a"] == 30000) & (gaps["value_b"] == 90000)].iloc[0]
    assert row["gap"] == 60000 and row["share"] == pytest.approx(2 / 3)
    assert 75000 not in set(gaps["value_a"]) | set(gaps["value_b"])  # an actual value is not a proposal


def test_closeness_words():
    assert [analysis.closeness(g) for g in (0, 0.25, 0.5, float("nan"))] == [
        "agree",
        "close",
        "far apart",
        "not comparable",
    ]


def test_weights_grammar():
    weights, ignored = urlstate.parse_weights(
        "quota:2, border:0, nope:1, patrols:x,", ["quota", "border", "patrols"]
    )
    assert weights == {"quota": 2.0, "border": 0.0}
    assert ignored == ["nope:1", "patrols:x"]


def test_plan_diff_and_grid(mini):
    data, t = mini
    changes = plans.diff(data, t.points, "draft-a", "draft-b").set_index("issue")
    assert changes.loc["quota", "change"] == "changed"
    assert (changes.loc["quota", "before_stance"], changes.loc["quota", "after_stance"]) == (
        "Medium",
        "Large",
    )
    assert changes.loc["border", "change"] == "removed"
    assert changes.loc["patrols", "change"] == "added"
    grid = plans.grid(data, t.points, ["draft-a", "draft-b"]).set_index("issue")
    assert grid.loc["patrols", "Mediator draft A"] == "—"
    assert plans.lineage(data).set_index("document").loc["draft-b", "based_on"] == "draft-a"


def test_partial_texts_report_silence_not_removal():
    data = load_dataset(DATA)
    t = tables.build(data)
    geneva = plans.diff(data, t.points, "us-28-point-plan", "geneva-framework").set_index("issue")
    assert geneva.loc["nato-membership", "change"] == "not reported"
    assert geneva.loc["army-size", "change"] == "changed"
    final = plans.diff(data, t.points, "us-28-point-plan", "20-point-framework").set_index("issue")
    assert (final.loc["army-size", "before_stance"], final.loc["army-size", "after_stance"]) == (
        "600,000",
        "800,000 in peacetime",
    )
    assert final.loc["nato-membership", "change"] == "removed"
    assert final.loc["territory-line", "change"] == "changed"
