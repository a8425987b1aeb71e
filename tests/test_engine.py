"""The stance engine on the fishing-rights fixture, where every answer is known by hand."""

import datetime as dt

import pandas as pd
import pytest

from stances import analysis, engine, tables, views
from stances.loader import load_dataset
from stances.memo import Memo

from .conftest import MINI, ROOT

END = dt.date(2024, 6, 30)


@pytest.fixture(scope="module")
def data():
    return load_dataset(MINI)


@pytest.fixture(scope="module")
def evidence(data):
    return tables.build(data).evidence


def _cell(frame, issue, side):
    rows = frame[(frame["issue"] == issue) & (frame["side"] == side)]
    return rows.iloc[0] if len(rows) else None


def _held(evidence, as_of, issue, side):
    cell = _cell(engine.current(evidence, as_of=as_of), issue, side)
    return None if cell is None else (cell["id"], None if pd.isna(cell["stance"]) else int(cell["stance"]))


def test_person_counts_for_the_side_they_represent(evidence):
    row = evidence.set_index("id").loc["n-quota-1"]
    assert (row["side"], row["speaker"], row["speaker_name"]) == ("northland", "ana", "Ana North")
    assert row["stance_label"] == "Large"
    assert row["source_urls"] == ["https://example.org/gazette/1"]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2024, 1, 9), None),  # before any record
        (dt.date(2024, 1, 10), ("n-quota-1", 3)),  # on the day
        (dt.date(2024, 4, 30), ("n-quota-1", 3)),
        (dt.date(2024, 5, 1), ("draft-b#1@northland", 3)),  # the co-written draft B, same level
        (dt.date(2024, 5, 2), ("n-quota-2", 2)),  # its own later concession overrides the plan text
        (dt.date(2024, 6, 10), ("n-quota-2", 2)),  # a newer statement without a level does not blank it
        (END, ("n-quota-2", 2)),
    ],
)
def test_stance_is_the_latest_coded_record(evidence, as_of, expected):
    assert _held(evidence, as_of, "quota", "northland") == expected


def test_newer_uncoded_statements_are_counted_as_evidence(evidence):
    cell = _cell(engine.current(evidence, as_of=END), "quota", "northland")
    assert (cell["coded"], cell["newer_uncoded"], cell["latest_date"]) == (True, 1, "2024-06-10")


def test_plan_text_counts_for_author_coauthor_and_endorser(evidence):
    # draft B is co-written by Northland: its patrols point is Northland's only record on patrols
    assert _held(evidence, END, "patrols", "northland") == ("draft-b#2@northland", 1)
    # the League endorsed draft A on 2 April: it holds draft A's border point from then, not before
    assert _held(evidence, dt.date(2024, 4, 1), "border", "league") is None
    assert _held(evidence, dt.date(2024, 4, 2), "border", "league") == ("draft-a#2@league", 1)
    endorsed = evidence.set_index("id").loc["draft-a#2@league"]
    assert "endorsed" in endorsed["summary"] and "blog-4" in list(endorsed["source_ids"])


def test_same_day_own_position_wins_over_plan_point(evidence):
    # the mediator's own proposal and its draft A point 1 share a day: the position is shown
    assert _held(evidence, dt.date(2024, 3, 1), "quota", "mediator") == ("m-quota-1", 2)
    assert _held(evidence, END, "quota", "mediator") == ("draft-b#1@mediator", 3)


def test_side_with_only_uncoded_records_is_recorded_but_not_coded(evidence):
    cell = _cell(engine.current(evidence, as_of=END), "patrols", "southland")
    assert cell["id"] == "s-patrols-1" and not cell["coded"] and pd.isna(cell["stance"])


def test_month_only_date_counts_from_the_first_of_the_month(evidence):
    assert _held(evidence, dt.date(2024, 2, 1), "quota", "southland") == ("s-quota-1", 1)
    assert _held(evidence, dt.date(2024, 1, 31), "quota", "southland") is None


def test_history_marks_current_superseded_and_newer(evidence):
    rows = engine.history(evidence, "northland", "quota", as_of=END)
    assert list(zip(rows["id"], rows["status"], strict=True)) == [
        ("n-quota-1", "superseded"),
        ("draft-b#1@northland", "superseded"),
        ("n-quota-2", "current"),
        ("n-quota-3", "newer, not coded"),
    ]


def test_held_by_month_agrees_with_current(evidence):
    days = engine.month_ends(evidence, END)
    sides, issues = ["northland", "southland", "league", "mediator"], ["quota", "border", "patrols"]
    wide = engine.held(evidence, days, sides, issues)
    for day in days:
        now = engine.current(evidence, sides, issues, as_of=day.date())
        for side in sides:
            for issue in issues:
                cell = _cell(now, issue, side)
                expected = float(cell["stance"]) if cell is not None and cell["coded"] else None
                got = wide.at[day, (side, issue)]
                assert (None if pd.isna(got) else got) == expected, (day, side, issue)


def test_changes_include_plan_texts_and_skip_first_stances(evidence):
    moved = engine.changes(evidence, as_of=END)
    assert list(moved["id"]) == ["n-quota-2", "draft-b#1@mediator"]
    row = moved.iloc[0]
    assert (row["stance_before"], row["stance"], row["label_before"], row["stance_label"]) == (
        3,
        2,
        "Large",
        "Medium",
    )
    assert engine.changes(evidence, as_of=dt.date(2024, 4, 30)).empty


def test_matrix_has_every_cell_and_marks_missing(evidence):
    cells = analysis.matrix(
        engine.current(evidence, as_of=END),
        ["quota", "border", "patrols"],
        ["northland", "southland", "league"],
    )
    assert len(cells) == 9
    assert cells["recorded"].sum() == 9 and cells["coded"].sum() == 8
    assert _cell(cells, "quota", "league")["id"] == "draft-a#1@league"  # endorsed draft A, point 1
    empty = _cell(cells, "border", "league")
    assert empty["id"] == "draft-a#2@league"
    uncoded = _cell(cells, "patrols", "southland")
    assert uncoded["recorded"] and not uncoded["coded"]
    assert _cell(cells, "quota", "southland")["id"] == "s-quota-1"


def test_gaps_are_shares_of_the_scale_and_undefined_without_two_stances(evidence):
    held = engine.current(evidence, as_of=END)
    held = held[held["coded"]]
    gaps = analysis.gaps(held, {"quota": 4, "border": 2, "patrols": 1}, ["northland", "southland"])
    gaps = gaps.set_index("issue")
    assert gaps.loc["quota", "gap"] == pytest.approx((2 - 1) / 4)
    assert gaps.loc["border", "gap"] == pytest.approx(1.0)
    assert pd.isna(gaps.loc["patrols", "gap"]) and gaps.loc["patrols", "coded_sides"] == 1


def test_trajectory_carries_the_last_stance_to_the_as_of_date(evidence):
    path = analysis.trajectory(evidence, "quota", ["northland"], as_of=END)
    assert list(path["stance"]) == [3, 3, 2, 2]
    assert path["day"].iloc[-1] == pd.Timestamp(END)


def test_kind_and_side_filters(data):
    only = analysis.filter_positions(tables.positions(data), sides=["southland"], kinds=["demand"])
    assert list(only["id"]) == ["s-border-1"]


@pytest.mark.usefixtures("bundled_today")
@pytest.mark.parametrize("day", ["2025-06-30", "2025-11-30", "2026-10-10"])
def test_a_views_changes_are_every_change_narrowed_to_its_date_sides_and_issues(day):
    """What makes `views.every_change` valid: a record's change depends only on the earlier records of its
    side and issue, so computing on everything and narrowing equals narrowing first."""
    data = load_dataset(ROOT / "data")
    t = tables.build(data)
    m = Memo(data, t)
    as_of = dt.date.fromisoformat(day)
    for sides, issues in ((["ukraine", "russia"], ["army-size", "territory-line", "sanctions"]),
                          (list(data.actors), None)):  # fmt: skip
        scoped = engine.in_view(t.evidence, sides, issues, as_of=as_of)
        expected = engine.changes(scoped, restated_days=30)
        got = m(views.changes_in_view, sides, issues, as_of=as_of, restated_days=30)
        assert len(got) == len(expected) and (len(got) > 0 or issues is not None)
        pd.testing.assert_frame_equal(  # an empty result's column types may differ
            got.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=len(got) > 0
        )
