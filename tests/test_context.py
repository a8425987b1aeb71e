"""Context beside the stances: polls, territory and forecasts with their wording (Key figures), as an overlay
(Timeline, How far apart), public acceptance beside a package (Settlement explorer), and who stands with
whom (Plans). On the fixture with context (`tests/conftest.py` `with_context`)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from stances import charts, explorer, network, tables, views
from stances.loader import load_dataset
from stances.memo import Memo
from stances.ui import display
from stances.view_filters import Filters

from .apptest import open_page

AS_OF = dt.date(2024, 6, 30)
POLL = "Northlanders on a middle-line border"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _load(folder: Path):
    data = load_dataset(folder)
    assert data.problems == [], data.problems
    return data, tables.build(data)


def test_context_fixture_is_valid(context):
    data, _ = _load(context)
    kinds = sorted(m.kind for m in data.metrics.values())
    assert kinds == ["figure", "forecast", "opinion", "territory"]
    assert data.counts()["positions"] == 10


CASES = [
    # (old text, new text, expected line, message fragment)
    (
        '    question: "Would you accept a sea border along the middle line?"\n    sample: 1001\n',
        "    sample: 1001\n",
        44,
        "figures 'poll-accept-1': question: an opinion value needs its exact question",
    ),
    (
        '     question: "Resolves yes if both sides sign a fishing agreement before 2025-01-01.", sources: [poll-1]',
        "     sources: [poll-1]",
        147,
        "figures 'deal-1': question: a forecast value needs its exact resolution wording",
    ),
    (
        "maps_to: {issue: border, level: 1}\n    answer: accept\n    sources: [poll-1]",
        "maps_to: {issue: border, level: 7}\n    answer: accept\n    sources: [poll-1]",
        56,
        "figures 'poll-accept-1': maps_to.level: 7 is not on the scale of 'border'",
    ),
    (
        "maps_to: {issue: border, level: 1}\n    answer: accept\n    sources: [poll-1]",
        "maps_to: {issue: seabed, level: 1}\n    answer: accept\n    sources: [poll-1]",
        56,
        "figures 'poll-accept-1': maps_to.issue: unknown issue 'seabed'",
    ),
    (
        'fieldwork_end: "2024-02-10"',
        'fieldwork_end: "2024-01-20"',
        43,
        "figures 'poll-accept-1': fieldwork_end is before fieldwork_start",
    ),
    (
        "    maps_to: {issue: border, level: 1}\n    answer: accept\n    sources: [poll-1]",
        "    answer: accept\n    sources: [poll-1]",
        43,
        "figures 'poll-accept-1': answer (accept or reject) needs maps_to",
    ),
    (
        "    answer: accept\n    sources: [poll-1]",
        "    answer: maybe\n    sources: [poll-1]",
        57,
        "figures 'poll-accept-1': answer: 'maybe': Input should be 'accept' or 'reject'",
    ),
    (
        "    kind: territory\n",
        "    kind: battlefield\n",
        14,
        "metrics 'sea-held': kind: 'battlefield': Input should be 'figure'",
    ),
]


@pytest.mark.parametrize(("old", "new", "line", "fragment"), CASES)
def test_context_fields_are_checked(context, old, new, line, fragment):
    _edit(context / "figures.yaml", old, new)
    problems = [str(p) for p in load_dataset(context).problems]
    found = [p for p in problems if fragment in p]
    assert found, problems
    assert re.search(rf"figures\.yaml:{line}: ", found[0]), found


def test_context_values_carry_their_wording_and_series(context):
    data, t = _load(context)
    values = Memo(data, t)(views.context_values, "accept-middle-line", as_of=AS_OF)
    assert list(dict.fromkeys(values["series"])) == [
        "Harbour Polls — Would accept",
        "Harbour Polls — Would not accept",
    ]
    first = values.iloc[0]
    assert first["question"] == "Would you accept a sea border along the middle line?"
    assert (first["sample"], first["fieldwork"], first["by"]) == (
        1001,
        "2024-02-01 to 2024-02-10",
        "Harbour Polls",
    )
    assert Memo(data, t)(views.context_values, "accept-middle-line", as_of=dt.date(2024, 3, 1))[
        "value"
    ].tolist() == [30, 60]
    assert Memo(data, t)(views.context_values, None, as_of=AS_OF).empty
    assert list(views.context_metrics(data)) == ["accept-middle-line", "sea-held", "deal-by-2025"]


def test_context_is_not_hidden_by_the_side_filter(context):
    data, t = _load(context)
    only_south = Filters(sides=("southland",), issues=(), categories=(), as_of=AS_OF, kinds=())
    shown, notes = Memo(data, t)(views.key_figures, only_south)
    assert set(shown["metric"]) == {"quota-size", "accept-middle-line", "sea-held", "deal-by-2025"}
    assert set(shown.loc[shown["metric"] == "quota-size", "side"]) == {"southland"}
    assert any("Northland" in n for n in notes)


def test_context_chart_draws_series_over_time_with_wording_in_hover(context):
    data, t = _load(context)
    fig = charts.context_series(Memo(data, t)(views.context_values, "accept-middle-line", as_of=AS_OF))
    assert [tr.name for tr in fig.data] == [
        "Harbour Polls — Would accept",
        "Harbour Polls — Would not accept",
    ]
    assert [tr.mode for tr in fig.data] == ["lines+markers"] * 2
    assert list(fig.data[1].y) == [60, 55, 52]
    hover = fig.data[0].hovertext[0]
    for words in ("Question: “Would you accept a sea border", "by Harbour Polls", "n = 1,001",
                  "fieldwork 2024-02-01 to 2024-02-10", "Source: Harbour Polls survey 1"):  # fmt: skip
        assert words in hover, hover
    assert tuple(fig.layout.yaxis.range) == (0, 100)


def test_forecast_hover_gives_the_platforms_number_and_resolution_wording(context):
    data, t = _load(context)
    fig = charts.context_series(Memo(data, t)(views.context_values, "deal-by-2025", as_of=AS_OF))
    hover = fig.data[0].hovertext[-1]
    assert "41% · 2024-06-10 · the platform's number" in hover
    assert "Resolves: “Resolves yes if both sides sign" in hover


def test_overlay_adds_a_secondary_axis_and_leaves_the_base_chart_alone(context):
    data, t = _load(context)
    base = charts.convergence_lines(
        __import__("pandas").DataFrame(columns=["a", "b", "month", "distance", "issues"]), {}
    )
    territory = Memo(data, t)(views.context_values, "sea-held", as_of=AS_OF)
    fig = charts.with_overlay(base, territory)
    overlay = [tr for tr in fig.data if tr.yaxis == "y2"]
    assert len(overlay) == 1 and list(overlay[0].y) == [1200, 1350, 1300]
    assert fig.layout.yaxis2.overlaying == "y" and fig.layout.yaxis2.side == "right"
    assert fig.layout.yaxis2.title.text == "◇ square km"
    assert len(base.data) == 0, "the memoised base figure is not changed"
    assert charts.with_overlay(base, territory.iloc[0:0]) is base


def test_acceptance_gives_latest_values_per_level_and_flags_a_majority_rejecting(context):
    data, t = _load(context)
    rows = explorer.acceptance(data, t, {"border": 1, "quota": 2, "patrols": None}, as_of=AS_OF)
    assert rows[["issue", "answer", "value", "date"]].values.tolist() == [
        ["border", "accept", 36, "2024-06-10"],
        ["border", "reject", 52, "2024-06-10"],
    ]
    assert rows["majority_rejects"].tolist() == [False, True]
    assert rows.iloc[1]["question"].startswith("Would you accept") and rows.iloc[1]["by"] == "Harbour Polls"
    assert rows.iloc[1]["source_titles"] == ["Harbour Polls survey 3"]
    earlier = explorer.acceptance(data, t, {"border": 1}, as_of=dt.date(2024, 4, 30))
    assert earlier["value"].tolist() == [33, 55]
    assert explorer.acceptance(data, t, {"border": 0}, as_of=AS_OF).empty, "no poll asks about the north line"


def test_a_minority_rejecting_gives_no_warning(context):
    _edit(context / "figures.yaml", "value: 52", "value: 48")
    data, t = _load(context)
    rows = explorer.acceptance(data, t, {"border": 1}, as_of=AS_OF)
    assert not rows["majority_rejects"].any()


@pytest.mark.parametrize(
    ("unit", "share"), [("percent", True), ("%", True), ("per cent", True), ("people", False)]
)
def test_only_a_share_can_be_a_majority(unit, share):
    assert explorer.is_percent(unit) is share


def test_ties_from_authors_coauthors_endorsements_and_rejections(context):
    data, _ = _load(context)
    ties = network.ties(data, as_of=AS_OF)
    assert ties[["actor_name", "relation", "document", "date"]].values.tolist() == [
        ["Mediator", "wrote", "draft-a", "2024-03-01"],
        ["Harbour League", "endorsed", "draft-a", "2024-04-02"],
        ["Mediator", "wrote", "draft-b", "2024-05-01"],
        ["Northland", "co-wrote", "draft-b", "2024-05-01"],
        ["Southland", "rejected", "draft-b", "2024-05-10"],
    ]
    assert network.ties(data, as_of=dt.date(2024, 4, 1))["relation"].tolist() == ["wrote"]
    pairs = network.alignments(ties)
    assert pairs["pair"].tolist() == ["Harbour League + Mediator", "Mediator + Northland"]
    assert network.actor_order(ties)[0] == "Mediator"


def test_actor_network_draws_edges_coloured_by_tie(context):
    data, _ = _load(context)
    ties = network.ties(data, as_of=AS_OF)
    fig = charts.actor_network(ties, network.actor_order(ties))
    markers = {tr.name: tr for tr in fig.data if tr.mode == "markers"}
    assert set(markers) == {"wrote", "co-wrote", "endorsed", "rejected"}
    assert markers["rejected"].marker.color == charts.RELATION_COLOURS["rejected"]
    edges = [tr for tr in fig.data if tr.mode == "lines"]
    assert len(edges) == 3, "co-wrote, endorsed and rejected each join an actor to the text's author"
    rejected = next(tr for tr in edges if tr.line.color == charts.RELATION_COLOURS["rejected"])
    lanes = dict(zip(fig.layout.yaxis.ticktext, fig.layout.yaxis.tickvals, strict=True))
    assert list(rejected.y[:2]) == [lanes["Mediator"], lanes["Southland"]]
    assert "Southland</b> rejected <b>Mediator draft B" in markers["rejected"].hovertext[0]


# Pages, opened as a reader does, on the fixture with context.


def _charts(at) -> list:
    import json

    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_key_figures_page_shows_context_series_and_wording(context_config):
    at = open_page("figures", {"metric": POLL})
    assert not at.exception
    [spec] = _charts(at)
    assert [t["name"] for t in spec["data"]] == [
        "Harbour Polls — Would accept",
        "Harbour Polls — Would not accept",
    ]
    assert "Public opinion" in " ".join(c.value for c in at.caption)
    table = at.dataframe[0].value
    assert {"by", "question", "sample", "fieldwork"} <= set(table.columns)
    assert table["question"].iloc[0] == "Would you accept a sea border along the middle line?"


def test_timeline_overlay_from_the_link(context_config):
    at = open_page("timeline", {"trajectory": "Sea border", "overlay": POLL})
    assert not at.exception
    trajectory = _charts(at)[1]
    assert [t["name"] for t in trajectory["data"] if t.get("yaxis") == "y2"] == [
        "◇ Harbour Polls — Would accept",
        "◇ Harbour Polls — Would not accept",
    ]
    assert trajectory["layout"]["yaxis2"]["side"] == "right"
    assert at.query_params["overlay"] == POLL


def test_timeline_without_overlay_and_with_an_unknown_one(context_config):
    plain = open_page("timeline", {"trajectory": "Sea border"})
    assert not any(t.get("yaxis") == "y2" for t in _charts(plain)[1]["data"])
    at = open_page("timeline", {"overlay": "nonsense"})
    assert not at.exception
    assert any("Ignored unknown overlay series in the link" in w.value for w in at.warning)
    assert "overlay" not in at.query_params


def test_how_far_apart_convergence_overlay(context_config):
    at = open_page("distance", {"overlay": "sea-held"})
    assert not at.exception
    convergence = _charts(at)[1]
    assert [t["name"] for t in convergence["data"] if t.get("yaxis") == "y2"] == [
        "◇ Sea Watch — Held by Northland"
    ]
    assert at.query_params["overlay"] == "Fishing grounds held by Northland", "ids in a link become titles"


def test_explorer_shows_acceptance_and_the_majority_warning(context_config):
    at = open_page("explorer", {"pkg": "border:1"})
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(
        "A majority would not accept Sea border" in w and "52% would not accept" in w for w in warnings
    )
    rows = next(df.value for df in at.dataframe if "answer_words" in df.value.columns)
    assert rows["answer_words"].tolist() == ["would accept", "would not accept"]


def test_explorer_without_a_tied_level_says_so(context_config):
    at = open_page("explorer", {"pkg": "border:0"})
    assert not at.exception
    assert not any("majority" in w.value for w in at.warning)
    assert any("No poll on record asks about a level" in c.value for c in at.caption)


def test_plans_page_draws_who_stands_with_whom(context_config):
    at = open_page("plans")
    assert not at.exception
    assert "Who stands with whom" in [h.value for h in at.subheader]
    network_chart = _charts(at)[-1]
    assert {t["name"] for t in network_chart["data"] if t.get("mode") == "markers"} == {
        "wrote",
        "co-wrote",
        "endorsed",
        "rejected",
    }
    ties = next(df.value for df in at.dataframe if "relation" in df.value.columns)
    assert "rejected" in ties["relation"].tolist()


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("figures", {}),
        ("timeline", {"trajectory": "Sea border", "overlay": POLL}),
        ("distance", {"overlay": "sea-held"}),
        ("explorer", {"pkg": "border:1"}),
        ("plans", {}),
    ],
)
def test_a_warm_rerun_with_context_builds_nothing_again(context_config, page, params):
    at = open_page(page, params)
    memo = at.session_state["_stances_context"].bundle.memo
    built, converted = memo.misses, display.CONVERTED.misses
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert memo.misses == built, "the rerun built a view again"
    assert display.CONVERTED.misses == converted, "the rerun converted a table again"
