"""The bundled dataset validates and holds what the project promises."""

import datetime as dt

import pytest

from stances import engine, tables
from stances.export import dataset_dict
from stances.loader import load_dataset

from .conftest import DATA

CORE = ["ukraine", "russia", "united-states", "nato", "european-union"]


@pytest.fixture(scope="module")
def data():
    return load_dataset(DATA)


def test_bundled_data_validates(data):
    assert [str(p) for p in data.problems] == []


def test_counts(data):
    payload = dataset_dict(data)
    assert len(payload["issues"]) >= 14
    assert len(payload["positions"]) >= 80
    assert len(payload["metrics"]) >= 6 and len(payload["figures"]) >= 20
    assert len(payload["events"]) >= 30
    assert payload["dataset"]["as_of"] >= "2026-10-10"


def test_withdrawn_levels_do_not_come_back(data):
    """Russia set its 2022 army cap aside on 11 March 2026; Ukraine's 2022 offer of 250,000 was overtaken
    by the 800,000 of the Geneva framework in November 2025."""
    evidence = tables.build(data).evidence
    cells = engine.current(evidence, CORE, as_of=data.dataset.as_of_date).set_index(["side", "issue"])
    assert cells.loc[("russia", "army-size"), "state"] == "withdrawn"
    late_2025 = engine.current(evidence, CORE, as_of=dt.date(2025, 11, 30)).set_index(["side", "issue"])
    assert int(late_2025.loc[("ukraine", "army-size"), "stance"]) != 1


def test_every_core_side_holds_coded_stances_on_eight_issues(data):
    """What the stance engine reports at the as-of date: each core side coded on ≥ 8 of the 16 issues,
    and at least 62 of the 80 side × issue cells coded."""
    cells = engine.current(
        tables.build(data).evidence, CORE, list(data.issues), as_of=data.dataset.as_of_date
    )
    coded = cells[cells["coded"]]
    per_side = coded.groupby("side")["issue"].nunique().to_dict()
    assert all(per_side.get(side, 0) >= 8 for side in CORE), per_side
    assert len(coded) >= 62, len(coded)


def test_every_army_size_number_is_there(data):
    caps = {f.value for f in data.figures.values() if f.metric == "army-size-cap"}
    assert {50_000, 85_000, 250_000, 600_000, 800_000, 880_000} <= caps


def test_plans_and_lineage(data):
    docs = data.documents
    for doc_id in [
        "us-28-point-plan",
        "e3-counter-proposal",
        "geneva-framework",
        "20-point-framework",
        "russia-memorandum-2025-06",
        "istanbul-draft-2022",
    ]:
        assert doc_id in docs
    assert docs["e3-counter-proposal"].based_on == "us-28-point-plan"
    assert docs["20-point-framework"].based_on == "geneva-framework"
    assert len(docs["us-28-point-plan"].points) == 28 and len(docs["20-point-framework"].points) == 20
    army = {
        d: next(p.summary for p in docs[d].points if p.issue == "army-size")
        for d in ["us-28-point-plan", "e3-counter-proposal", "20-point-framework"]
    }
    assert "600,000" in army["us-28-point-plan"] and "800,000" in army["20-point-framework"]


def test_contested_records_keep_each_version_with_its_sources(data):
    contested = {
        r.id: r.contested
        for kind in ("positions", "figures", "events")
        for r in getattr(data, kind).values()
        if r.contested
    }
    for rid in [
        "ua-2025-12-14-nato-membership",
        "us-army-cap-28-point",
        "purl-2026-15bn",
        "berlin-talks-2025-12",
        "constitution-amendment-adopted-2019",
    ]:
        assert rid in contested


def test_quotes(data):
    assert sum(1 for p in data.positions.values() if p.quote) >= 40
