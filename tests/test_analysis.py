import datetime as dt

import pandas as pd
import pytest

from stances import analysis, tables
from stances.validate import load_dataset

from .conftest import MINI


@pytest.fixture(scope="module")
def data():
    return load_dataset(MINI)


@pytest.fixture(scope="module")
def positions(data):
    return tables.positions(data)


def _cell(frame, issue, side):
    rows = frame[(frame["issue"] == issue) & (frame["side"] == side)]
    return rows.iloc[0] if len(rows) else None


def test_person_counts_for_the_side_they_represent(positions):
    row = positions.set_index("id").loc["n-quota-1"]
    assert (row["side"], row["speaker"], row["speaker_name"]) == ("northland", "ana", "Ana North")
    assert row["stance_label"] == "Large"
    assert row["source_urls"] == "https://example.org/gazette/1"


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2024, 1, 9), None),  # before any position
        (dt.date(2024, 1, 10), ("n-quota-1", 3)),  # on the day
        (dt.date(2024, 5, 1), ("n-quota-1", 3)),  # the day before the concession
        (dt.date(2024, 5, 2), ("n-quota-2", 2)),  # the concession
        (dt.date(2024, 6, 30), ("n-quota-2", 2)),
    ],
)
def test_latest_stance_as_of(positions, as_of, expected):
    cell = _cell(analysis.latest(positions, as_of), "quota", "northland")
    assert (None if cell is None else (cell["id"], cell["stance"])) == expected


def test_month_only_date_counts_from_the_first_of_the_month(positions):
    assert _cell(analysis.latest(positions, dt.date(2024, 2, 1)), "quota", "southland")["id"] == "s-quota-1"
    assert _cell(analysis.latest(positions, dt.date(2024, 1, 31)), "quota", "southland") is None


def test_matrix_has_every_cell_and_marks_missing(positions):
    latest = analysis.latest(positions, dt.date(2024, 6, 30))
    cells = analysis.matrix(latest, ["quota", "border", "patrols"], ["northland", "southland", "league"])
    assert len(cells) == 9
    assert cells["recorded"].sum() == 6
    missing = _cell(cells, "patrols", "northland")
    assert not missing["recorded"] and pd.isna(missing["id"])
    uncoded = _cell(cells, "patrols", "southland")
    assert uncoded["recorded"] and pd.isna(uncoded["stance"])


def test_changes_skip_first_stance_and_report_from_to(positions):
    changes = analysis.changes(positions, dt.date(2024, 6, 30))
    assert list(changes["id"]) == ["n-quota-2"]
    row = changes.iloc[0]
    assert (row["stance_before"], row["stance"], row["label_before"], row["stance_label"]) == (
        3,
        2,
        "Large",
        "Medium",
    )
    assert analysis.changes(positions, dt.date(2024, 5, 1)).empty


def test_gaps_are_shares_of_the_scale_and_undefined_without_two_stances(positions):
    latest = analysis.latest(positions, dt.date(2024, 6, 30))
    gaps = analysis.gaps(
        latest, {"quota": 4, "border": 2, "patrols": 1}, ["northland", "southland"]
    ).set_index("issue")
    assert gaps.loc["quota", "gap"] == pytest.approx((2 - 1) / 4)
    assert gaps.loc["border", "gap"] == pytest.approx(1.0)
    assert pd.isna(gaps.loc["patrols", "gap"]) and gaps.loc["patrols", "coded_sides"] == 0


def test_trajectory_carries_the_last_stance_to_the_as_of_date(positions):
    path = analysis.trajectory(positions, "quota", ["northland"], dt.date(2024, 6, 30))
    assert list(path["stance"]) == [3, 2, 2]
    assert path["day"].iloc[-1] == pd.Timestamp("2024-06-30")


def test_kind_and_side_filters(positions):
    only = analysis.filter_positions(positions, sides=["southland"], kinds=["demand"])
    assert list(only["id"]) == ["s-border-1"]
