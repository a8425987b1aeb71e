"""One answer everywhere: for every core side, issue and month-end of the bundled data, every view
reports the stance and the record the stance engine gives."""

import datetime as dt

import pandas as pd
import pytest

from stances import analysis, engine, export, tables, views
from stances.loader import load_dataset
from stances.memo import Memo
from stances.view_filters import Filters

from .conftest import DATA

CORE = ("ukraine", "russia", "united-states", "nato", "european-union")


@pytest.fixture(scope="module")
def bundle():
    data = load_dataset(DATA)
    assert data.ok, data.problems[:5]
    return data, tables.build(data)


def _months(t) -> list[dt.date]:
    return [d.date() for d in engine.month_ends(t.evidence, t.evidence["day"].max().date())]


def _answer(cells: pd.DataFrame) -> dict:
    coded = cells[cells["coded"]]
    return {(r.side, r.issue): (int(r.stance), r.id) for r in coded.itertuples()}


@pytest.mark.slow
def test_every_view_reports_the_engines_stance_every_month(bundle):
    data, t = bundle
    issues = list(data.issues)
    pairs = views.pairs_of(list(CORE))
    spans = {i: data.issues[i].span for i in issues}
    months = _months(t)
    assert len(months) > 12
    convergence = analysis.convergence(t.evidence, pairs, spans, months[-1], start=months[0])
    by_month = convergence.set_index(["month", "a", "b"])["distance"]
    for day in months:
        truth = _answer(engine.current(t.evidence, CORE, issues, as_of=day))
        f = Filters(sides=CORE, issues=(), categories=(), as_of=day, kinds=())
        # stance matrix, overview matrix (the same cells) and the cells Compare is built from
        m = Memo(data, t)
        cells = m(views.matrix_cells, f)
        matrix = {(r.side, r.issue): (int(r.stance), r.id) for r in cells[cells["coded"]].itertuples()}
        assert matrix == truth, day
        # the kind filter narrows evidence lists, never the stance
        narrowed = m(views.matrix_cells, Filters(CORE, (), (), day, ("statement",)))
        assert narrowed["stance_label"].tolist() == cells["stance_label"].tolist(), day
        # compare: the label shown for each side
        rows = views.compare_rows(cells, data, list(CORE)).set_index("issue")
        for (side, issue), (stance, _) in truth.items():
            short = data.actors[side].short or data.actors[side].name
            assert rows.at[issue, f"{short}: stance"] == data.issues[issue].label(stance), (day, side, issue)
        # how far apart: the stances and records behind every distance
        detail = analysis.pair_distances(m(views.held, f), pairs, spans)
        for r in detail.itertuples():
            for side, stance, record in ((r.a, r.stance_a, r.position_a), (r.b, r.stance_b, r.position_b)):
                expected = truth.get((side, r.issue))
                got = None if pd.isna(stance) else (int(stance), record)
                assert got == expected, (day, side, r.issue)
        # convergence: each month's distance equals the mean over the engine's stances that month
        for a, b in pairs:
            shared = [i for i in issues if (a, i) in truth and (b, i) in truth]
            if not shared:
                continue
            mean = sum(abs(truth[(a, i)][0] - truth[(b, i)][0]) / spans[i] for i in shared) / len(shared)
            assert by_month[(pd.Timestamp(day), a, b)] == pytest.approx(mean), (day, a, b)
        # export: the stances table
        exported = {
            (r["side"], r["issue"]): r["stance"]
            for r in export.stance_rows(data, as_of=day, built=t)
            if r["side"] in CORE and r["stance"] is not None
        }
        assert exported == {k: v[0] for k, v in truth.items()}, day


def test_timeline_trajectories_end_on_the_engines_stance(bundle):
    data, t = bundle
    as_of = data.dataset.as_of_date
    cells = engine.current(t.evidence, CORE, as_of=as_of)
    truth = _answer(cells)
    withdrawn = {(r.side, r.issue): r.id for r in cells[cells["state"] == "withdrawn"].itertuples()}
    assert withdrawn, "the bundled data records at least one withdrawn level"
    for issue in data.issues:
        path = analysis.trajectory(t.evidence, issue, CORE, as_of=as_of)
        for side, group in path.groupby("side"):
            records = [r for r in group["id"] if r]  # the last row may be the stance carried to as_of
            if (side, issue) in withdrawn:  # the line ends at the withdrawal, with no level after it
                assert records[-1] == withdrawn[(side, issue)] and pd.isna(group["stance"].iloc[-1])
                continue
            assert (int(group["stance"].iloc[-1]), records[-1]) == truth[(side, issue)], (side, issue)
        held = {s for s, i in [*truth, *withdrawn] if i == issue}
        assert set(path["side"]) == held, issue
