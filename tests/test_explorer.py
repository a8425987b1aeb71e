"""Red lines at a date, the settlement explorer's packages, what changed between two dates, and the brief."""

import datetime as dt
import re
from pathlib import Path

import pytest

from stances import brief, changes, explorer, redlines, tables
from stances.loader import load_dataset
from stances.settings import load_settings
from stances.settlement import RedLine
from stances.view_filters import Filters

from .conftest import MINI, ROOT

D = dt.date
AS_OF = D(2024, 6, 30)
QUOTA_RED_LINE = RedLine("northland", "quota", frozenset({0, 1}), "n-quota-3")
LEAGUE_RED_LINE = RedLine("league", "patrols", frozenset({0}), "l-patrols-1")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _load(folder: Path):
    data = load_dataset(folder)
    assert data.ok, data.problems
    return data, tables.build(data)


@pytest.fixture(scope="module")
def mini_data():
    return _load(MINI)


# Red lines ---------------------------------------------------------------------------------------------


def test_red_lines_standing_at_the_data_date(mini_data):
    data, t = mini_data
    assert redlines.red_lines(data, t, as_of=AS_OF) == [LEAGUE_RED_LINE, QUOTA_RED_LINE]
    assert redlines.red_lines(data, t, as_of=AS_OF, sides=["northland", "league"]) == [
        QUOTA_RED_LINE,
        LEAGUE_RED_LINE,
    ]
    assert redlines.red_lines(data, t, as_of=AS_OF, sides=["southland"]) == []
    assert redlines.red_lines(data, t, as_of=AS_OF, issues=["patrols"]) == [LEAGUE_RED_LINE]


def test_a_red_line_counts_from_its_date(mini_data):
    data, t = mini_data
    assert redlines.red_lines(data, t, as_of=D(2024, 6, 9), sides=["northland"]) == []
    assert redlines.red_lines(data, t, as_of=D(2024, 6, 10), sides=["northland"]) == [QUOTA_RED_LINE]


def test_the_latest_red_line_wins_and_a_later_stance_in_the_rejected_set_drops_it(mini):
    # Northland's January demand (Large) refuses None, Small and Medium; its May concession (Medium) moves past
    # that red line, so it no longer stands; the June statement draws a new one (None and Small).
    _edit(mini / "positions.yaml", '  quote: "We need a large quota"\n',
          '  quote: "We need a large quota"\n  rejects: [0, 1, 2]\n')  # fmt: skip
    data, t = _load(mini)
    early = RedLine("northland", "quota", frozenset({0, 1, 2}), "n-quota-1")
    assert redlines.red_lines(data, t, as_of=D(2024, 3, 1), sides=["northland"]) == [early]
    assert redlines.red_lines(data, t, as_of=D(2024, 5, 1), sides=["northland"]) == [early]  # draft B: Large
    assert redlines.red_lines(data, t, as_of=D(2024, 5, 15), sides=["northland"]) == []  # conceded Medium
    assert redlines.red_lines(data, t, as_of=AS_OF, sides=["northland"]) == [QUOTA_RED_LINE]


def test_a_persons_red_line_counts_for_the_side_they_represent(mini):
    _edit(mini / "positions.yaml", "  actor: southland\n  speaker: sam\n", "  actor: sam\n")
    _edit(mini / "positions.yaml", "  summary: Southland offers a small quota.\n  stance: 1\n",
          "  summary: Southland offers a small quota.\n  stance: 1\n  rejects: [3, 4]\n")  # fmt: skip
    data, t = _load(mini)
    assert redlines.red_lines(data, t, as_of=AS_OF, sides=["southland"]) == [
        RedLine("southland", "quota", frozenset({3, 4}), "s-quota-1")
    ]


def test_describe_gives_the_position_date_and_sources(mini_data):
    data, t = mini_data
    row = redlines.describe(data, t, [QUOTA_RED_LINE]).iloc[0]
    assert (row["side_name"], row["issue_title"], row["rejected"]) == (
        "Northland",
        "Catch quota",
        "None; Small",
    )
    assert (row["date"], row["kind"], row["summary"]) == (
        "2024-06-10",
        "statement",
        "Northland says the quota is under review.",
    )
    assert list(row["source_titles"]) == ["Northland Gazette — the quota under review"]
    assert list(row["source_urls"]) == ["https://example.org/gazette/5"]


# Packages ----------------------------------------------------------------------------------------------

LEVELS = {"quota": [0, 1, 2, 3, 4], "border": [0, 1, 2], "patrols": [0, 1]}


@pytest.mark.parametrize(
    ("text", "package", "ignored"),
    [
        ("", {"quota": None, "border": None, "patrols": None}, []),
        ("quota:2,border:1", {"quota": 2, "border": 1, "patrols": None}, []),
        (" quota : 2 , border:OPEN ,, patrols:1", {"quota": 2, "border": None, "patrols": 1}, []),
        ("quota:1,quota:3", {"quota": 3, "border": None, "patrols": None}, []),  # the later part wins
        ("quota:9,nowhere:1,border,patrols:x,border:-1", {"quota": None, "border": None, "patrols": None},
         ["quota:9", "nowhere:1", "border", "patrols:x", "border:-1"]),
        ("<script>x</script>:1," + "q" * 60, {"quota": None, "border": None, "patrols": None},
         ["<script>x</script>:1", "q" * 40]),
    ],
)  # fmt: skip
def test_parse_package(text, package, ignored):
    assert explorer.parse_package(text, LEVELS) == (package, ignored)


@pytest.mark.parametrize(
    "package",
    [{"quota": 2, "border": None, "patrols": 0}, {"quota": None, "border": None, "patrols": None}],
)
def test_package_text_round_trip(package):
    text = explorer.package_text(package)
    assert explorer.parse_package(text, LEVELS) == (package, [])
    assert text in ("quota:2,patrols:0", "quota:open,border:open,patrols:open")


def test_starting_points(mini_data):
    data, t = mini_data
    issues = list(data.issues)
    assert list(explorer.starts(data, ["northland"], as_of=D(2024, 4, 1))) == [
        "plan:draft-a",
        "side:northland",
    ]
    assert explorer.starts(data, ["southland"], as_of=AS_OF) == {
        "plan:draft-b": "Mediator draft B",
        "plan:draft-a": "Mediator draft A",
        "side:southland": "Southland: current stances",
    }
    assert explorer.start_package(data, t, "plan:draft-a", issues, as_of=AS_OF) == {
        "quota": 2,
        "border": 1,
        "patrols": None,
    }
    assert explorer.start_package(data, t, "side:southland", issues, as_of=AS_OF) == {
        "quota": 1,
        "border": 0,
        "patrols": None,
    }
    assert explorer.start_package(data, t, "side:northland", issues, as_of=D(2024, 3, 1)) == {
        "quota": 3,
        "border": 2,
        "patrols": None,
    }
    assert explorer.start_package(data, t, "plan:nowhere", issues, as_of=AS_OF) == dict.fromkeys(issues)


def test_evaluate_a_package(mini_data):
    data, t = mini_data
    s = explorer.setting(data, t, ["northland", "southland"], list(data.issues), as_of=AS_OF)
    assert s.stances == {
        "northland": {"quota": 2, "border": 2, "patrols": 1},
        "southland": {"quota": 1, "border": 0},
    }
    assert s.red_lines == [QUOTA_RED_LINE]
    package = {"quota": 2, "border": 1, "patrols": None}
    ev = explorer.evaluate(data, s, package)
    # Northland: (0 + 1/2) / 2; Southland: (1/4 + 1/2) / 2. The open issue counts for no one.
    assert ev.distances == pytest.approx({"northland": 0.25, "southland": 0.375})
    assert ev.crossed == []
    sides = explorer.side_table(data, s, ev)
    assert sides[["side_name", "issues", "red_lines", "crossed"]].values.tolist() == [
        ["Northland", 2, 1, 0], ["Southland", 2, 0, 0]
    ]  # fmt: skip
    rows = explorer.issue_table(data, s, package, {"northland": "N", "southland": "S"}).set_index("issue")
    assert (
        rows.loc["quota", "level_label"] == "2: Medium" and rows.loc["patrols", "level_label"] == "left open"
    )
    assert rows.loc["border", "S: stance"] == "0: North line" and rows.loc["border", "S: distance"] == 0.5
    assert rows.loc["patrols", "S: stance"] == "not coded"

    small = {"quota": 1, "border": 1, "patrols": 1}
    assert explorer.evaluate(data, s, small).crossed == [QUOTA_RED_LINE]
    assert (
        explorer.issue_table(data, s, small, {"northland": "N", "southland": "S"}).loc[
            0, "crosses red line of"
        ]
        == "Northland"
    )
    crossed = explorer.crossed_table(data, t, [QUOTA_RED_LINE], small).iloc[0]
    assert (crossed["package_level"], crossed["date"]) == ("1: Small", "2024-06-10")


def test_weights_change_the_distances(mini_data):
    data, t = mini_data
    s = explorer.setting(
        data, t, ["northland", "southland"], list(data.issues), {"border": 3, "nowhere": 2}, as_of=AS_OF
    )
    assert s.weights == {"border": 3.0}
    ev = explorer.evaluate(data, s, {"quota": 2, "border": 1})
    assert ev.distances["southland"] == pytest.approx((0.25 + 3 * 0.5) / 4)


def test_closest_package_and_the_red_lines_that_bind(mini_data):
    # Without red lines: quota Small, border Middle, patrols Yes; both sides at 1/4. Northland's red line
    # (no quota below Medium) binds: with it, (Medium, North line, Yes), Northland 1/3, Southland 1/8.
    data, t = mini_data
    s = explorer.setting(data, t, ["northland", "southland"], list(data.issues), as_of=AS_OF)
    found = explorer.search(data, s)
    assert found.unconstrained.package == {"quota": 1, "border": 1, "patrols": 1}
    assert found.unconstrained.max_distance == pytest.approx(0.25)
    assert found.result.package == {"quota": 2, "border": 0, "patrols": 1}
    assert found.result.distances == pytest.approx({"northland": 1 / 3, "southland": 1 / 8})
    assert found.result.feasible and found.binding == [QUOTA_RED_LINE] and found.conflict == []


def test_when_no_package_avoids_every_red_line_the_smallest_conflict_is_relaxed(mini_data):
    data, t = mini_data
    s = explorer.setting(data, t, ["northland", "southland"], list(data.issues), as_of=AS_OF)
    south = RedLine("southland", "quota", frozenset({2, 3, 4}), "made-up")
    found = explorer.search(data, explorer.Setting(**{**s.__dict__, "red_lines": [QUOTA_RED_LINE, south]}))
    assert not found.result.feasible
    assert found.conflict == [QUOTA_RED_LINE]  # relaxing Northland's costs less than relaxing Southland's
    assert found.result.package == {"quota": 1, "border": 1, "patrols": 1}


# What changed ------------------------------------------------------------------------------------------


def test_stance_changes_between_two_dates(mini_data):
    data, t = mini_data
    moved = changes.stance_changes(data, t, D(2024, 3, 1), AS_OF, ["northland", "southland", "mediator"])
    assert moved[["side", "issue", "label_before", "stance_label", "date"]].values.tolist() == [
        ["northland", "quota", "Large", "Medium", "2024-05-02"],
        ["northland", "patrols", "no coded stance", "Yes", "2024-05-01"],
        ["mediator", "quota", "Medium", "Large", "2024-05-01"],
        ["mediator", "patrols", "no coded stance", "Yes", "2024-05-01"],
    ]
    first = moved.iloc[0]
    assert (first["summary"], first["date_before"]) == ("Northland accepts a medium quota.", "2024-01-10")
    assert list(first["source_urls"]) == ["http://example.org/draft", "https://example.org/gazette/5"]
    assert changes.stance_changes(data, t, AS_OF, AS_OF).empty
    only = changes.stance_changes(data, t, D(2024, 3, 1), AS_OF, ["southland", "mediator"], ["quota"])
    assert only[["side", "issue"]].values.tolist() == [["mediator", "quota"]]


def test_new_figures_and_events_count_after_the_first_date_up_to_the_second(mini_data):
    _, t = mini_data
    assert list(changes.new_events(t, D(2024, 3, 1), AS_OF)["id"]) == ["draft-b-published", "round-2"]
    assert list(changes.new_events(t, D(2024, 2, 29), D(2024, 5, 1))["id"]) == [
        "draft-b-published", "round-2", "draft-a-published"
    ]  # fmt: skip
    assert list(changes.new_figures(t, D(2024, 2, 29), AS_OF)["id"]) == ["q-draft-a"]
    assert changes.new_figures(t, D(2024, 2, 29), AS_OF, ["northland"]).empty
    assert changes.new_figures(t, D(2024, 2, 29), AS_OF)["first_url"].iloc[0] == "http://example.org/draft"


def test_interval_helpers():
    assert changes.shortcut(7, as_of=AS_OF) == (D(2024, 6, 23), AS_OF)
    assert changes.ordered(AS_OF, D(2024, 1, 1)) == (D(2024, 1, 1), AS_OF, True)
    assert changes.ordered(D(2024, 1, 1), AS_OF) == (D(2024, 1, 1), AS_OF, False)
    earliest = D(2024, 1, 10)
    assert changes.date_notice([], "since", earliest, AS_OF) is None
    assert changes.date_notice(["2024-03-01"], "since", earliest, AS_OF) is None
    assert "use the form YYYY-MM-DD" in changes.date_notice(["2024-13-01"], "since", earliest, AS_OF)
    assert "the data covers 2024-01-10 to 2024-06-30" in changes.date_notice(
        ["2023-01-01"], "until", earliest, AS_OF
    )
    assert "2 until dates" in changes.date_notice(["2024-03-01", "2024-04-01"], "until", earliest, AS_OF)


# The brief ---------------------------------------------------------------------------------------------

HOSTILE = "<script>alert('x')</script> & <b>bold</b>"


def _brief(folder: Path, sides=("northland", "southland", "mediator"), **kwargs) -> str:
    data, t = _load(folder)
    settings = load_settings(ROOT / "tests" / "fixtures" / "mini-config.yaml")
    view = Filters(sides=tuple(sides), issues=(), categories=(), as_of=AS_OF, kinds=())
    return brief.build(data, t, settings, view, **kwargs)


def test_brief_is_self_contained_with_plotly_inlined_once(mini):
    html = _brief(mini, since=D(2024, 3, 1))
    assert html.startswith("<!DOCTYPE html>") and html.endswith("</html>")
    assert html.count("* plotly.js v") == 1  # the library's banner: inlined exactly once
    assert html.count("Plotly.newPlot(") == 2  # the stance matrix and the compare chart
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.IGNORECASE)
    assert "<link" not in html and "@import" not in html
    assert "@page { size: A4; margin: 15mm }" in html and "thead { display: table-header-group }" in html
    assert "Data version 0.3.0, current to 2024-06-30" in html
    assert "What changed from 2024-03-01 to 2024-06-30" in html and "Stances that changed (4)" in html
    cited = re.findall(r'<span id="src-\d+">.*?<a href="([^"]+)">', html)
    assert set(cited) == {"https://example.org/gazette/1", "https://example.org/wire/2", "http://example.org/draft",
                          "https://example.org/gazette/5"}  # fmt: skip


def test_brief_escapes_every_piece_of_data_text(mini):
    _edit(mini / "positions.yaml", "summary: Northland accepts a medium quota.", f'summary: "{HOSTILE}"')
    _edit(mini / "sources.yaml", "title: Southland replies", f'title: "{HOSTILE}"')
    _edit(mini / "issues.yaml", "title: Catch quota", f'title: "{HOSTILE}"')
    _edit(mini / "dataset.yaml", "licence: CC0", f'licence: "{HOSTILE}"')
    html = _brief(mini, since=D(2024, 3, 1))
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    assert html.count(escaped) >= 4  # summary, source title, issue title, licence


def test_brief_without_sides_or_changes(mini):
    html = _brief(mini, sides=())
    assert "No sides chosen." in html and "Stances that changed (0)" in html
    assert "Plotly" not in html  # no chart, so no plotly.js either
