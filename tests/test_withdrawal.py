"""Withdrawn levels, restated levels, the age of a stance and the strength of its sources, on fixtures
whose answers are known by hand."""

import datetime as dt

import pandas as pd
import pytest

from stances import analysis, engine, tables
from stances.loader import load_dataset

from .conftest import with_withdrawal

END = dt.date(2024, 6, 30)
BEFORE = dt.date(2024, 6, 19)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return load_dataset(with_withdrawal(tmp_path_factory.mktemp("w") / "data"))


@pytest.fixture(scope="module")
def evidence(data):
    return tables.build(data).evidence


def _cell(evidence, as_of, issue="border", side="southland"):
    cells = engine.current(evidence, as_of=as_of)
    return cells[(cells["issue"] == issue) & (cells["side"] == side)].iloc[0]


def test_a_withdrawal_ends_the_level_until_a_later_record_sets_one(evidence):
    before = _cell(evidence, BEFORE)
    assert (before["state"], int(before["stance"]), before["level_date"]) == ("coded", 0, "2024-02-15")
    after = _cell(evidence, END)
    assert after["state"] == "withdrawn" and not after["coded"] and pd.isna(after["stance"])
    assert after["id"] == "s-border-2" and after["level_date"] == "2024-06-20"
    assert after["stance_label"] == "no current level — withdrawn on 2024-06-20"
    assert int(after["withdrawn_level"]) == 0


def test_a_withdrawn_cell_is_open_in_gaps_and_trajectories(data, evidence):
    cells = engine.current(evidence, as_of=END)
    gaps = analysis.gaps(cells, {"border": 2}, ["northland", "southland"]).set_index("issue")
    assert pd.isna(gaps.loc["border", "gap"]) and gaps.loc["border", "coded_sides"] == 1
    days = [pd.Timestamp(BEFORE), pd.Timestamp(END)]
    held = engine.held(evidence, days, ["southland"], ["border"])
    assert held[("southland", "border")].tolist()[0] == 0 and pd.isna(held[("southland", "border")].iloc[1])


def test_a_withdrawal_is_a_change_and_shows_in_the_history(evidence):
    moves = engine.changes(evidence, as_of=END)
    row = moves[moves["id"] == "s-border-2"].iloc[0]
    assert (row["change"], int(row["stance_before"]), row["label_before"]) == ("withdrawn", 0, "North line")
    history = engine.history(evidence, "southland", "border", as_of=END).set_index("id")["status"]
    assert history.to_dict() == {"s-border-1": "superseded", "s-border-2": "current: withdrawn"}


def test_age_and_stale_mark_follow_the_threshold(evidence):
    cell = _cell(evidence, END, "quota", "northland")
    assert (cell["level_date"], int(cell["age_days"])) == ("2024-05-02", 59)
    assert not cell["stale"]
    cells = engine.current(evidence, as_of=END, stale_days=30)
    stale = cells.set_index(["side", "issue"])["stale"]
    assert stale[("northland", "quota")] and not stale[("southland", "border")]  # withdrawn: not a level


def test_strength_from_the_sources(data, evidence):
    by_id = evidence.drop_duplicates("id").set_index("id")["strength"]
    assert by_id["m-quota-1"] == "primary"  # the mediator's own text
    assert by_id["s-border-1"] == "reported"  # a wire report, seen
    assert by_id["l-patrols-1"] == "thin"  # an aggregator only
    assert by_id["s-border-2"] == "thin"  # a wire report known only through a relay
    assert data.sources["relay-6"].thin and not data.sources["wire-2"].thin


RESTATED = """
- {id: n-border-2, actor: northland, issue: border, date: "2024-03-01", kind: statement, summary: Middle.,
   stance: 1, sources: [gazette-5]}
- {id: n-border-3, actor: northland, issue: border, date: "2024-03-05", kind: statement, summary: South.,
   stance: 2, sources: [gazette-5]}
- {id: n-border-4, actor: northland, issue: border, date: "2024-03-20", kind: statement, summary: Middle.,
   stance: 1, sources: [gazette-5]}
"""


@pytest.fixture(scope="module")
def alternating(tmp_path_factory):
    folder = with_withdrawal(tmp_path_factory.mktemp("r") / "data")
    with (folder / "positions.yaml").open("a") as out:
        out.write(RESTATED)
    data = load_dataset(folder)
    assert data.ok, data.problems
    return tables.build(data).evidence


def test_alternating_between_two_levels_is_restated(alternating):
    moves = engine.changes(alternating, as_of=END).set_index("id")["change"]
    assert moves[["n-border-2", "n-border-3", "n-border-4"]].tolist() == ["moved", "restated", "restated"]
    narrow = engine.changes(alternating, as_of=END, restated_days=2).set_index("id")["change"]
    assert narrow[["n-border-3", "n-border-4"]].tolist() == ["moved", "moved"]


def _problems(folder):
    return [p.message for p in load_dataset(folder).problems]


def test_a_withdrawal_must_end_the_level_held(tmp_path):
    folder = with_withdrawal(tmp_path / "data")
    text = (folder / "positions.yaml").read_text()
    (folder / "positions.yaml").write_text(text.replace("  withdraws: 0\n", "  withdraws: 2\n"))
    assert any("withdraws level 2, but southland held level 0 (North line)" in p for p in _problems(folder))


def test_a_withdrawal_of_nothing_held_and_a_record_that_sets_and_ends_are_refused(tmp_path):
    folder = with_withdrawal(tmp_path / "data")
    text = (folder / "positions.yaml").read_text()
    text = text.replace('  issue: border\n  date: "2024-06-20"', '  issue: patrols\n  date: "2024-06-20"')
    (folder / "positions.yaml").write_text(text)
    assert any("withdraws level 0, but southland held no level on 'patrols'" in p for p in _problems(folder))
    (folder / "positions.yaml").write_text(text.replace("  withdraws: 0\n", "  withdraws: 0\n  stance: 1\n"))
    problems = _problems(folder)
    assert any("sets a level (stance) or withdraws one (withdraws), not both" in p for p in problems)


def test_a_relay_must_be_named(tmp_path):
    folder = with_withdrawal(tmp_path / "data")
    text = (folder / "sources.yaml").read_text()
    (folder / "sources.yaml").write_text(
        text.replace("  relay: a harbour newsletter that quotes the wire\n", "")
    )
    assert any("seen: relay needs `relay`" in p for p in _problems(folder))
