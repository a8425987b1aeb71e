"""Every page in AppTest, on the fixture dataset and on the bundled data, with filters from the URL."""

import json
import re

import pandas as pd
import pytest

from stances import registry
from stances.loader import load_dataset
from stances.ui import display

from .apptest import TITLES, browse, open_page
from .conftest import MINI_CONFIG, ROOT, use_data

PAGES = registry.NAMES


def filters(at):
    return at.session_state["_stances_context"].filters


def notices(at):
    """The notices' text as a reader sees it (the markdown escapes that keep it literal removed)."""
    shown = [w.value for w in at.sidebar.warning] + [w.value for w in at.main.warning]
    return [re.sub(r"\\(.)", r"\1", n).replace("\u200b", "") for n in shown]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_fixture(mini_config, page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "each page has a title"
    assert any("version 0.3.0" in c.value for c in at.caption), "footer names the data version"


def test_overview_numbers_and_changes(mini_config):
    at = open_page("overview")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["As of"] == "2024-06-30"
    assert metrics["Positions on record"] == "8"  # the Harbour League is not a default side
    assert metrics["Proposed catch quota"] == "60,000–65,000 tonnes"  # the newest value, a range
    changes = at.dataframe[0].value
    assert list(changes[["label_before", "stance_label"]].iloc[0]) == ["Large", "Medium"]


def test_matrix_cells_and_missing(mini_config):
    at = open_page("matrix", {"actor": ["Northland", "Southland", "Harbour League"]})
    cells = at.dataframe[0].value
    assert len(cells) == 9
    quota = cells[(cells["issue_title"] == "Catch quota") & (cells["side_name"] == "Northland")].iloc[0]
    assert quota["stance_label"] == "Medium" and quota["date"] == "2024-05-02"
    heatmap = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    hover = [h for row in heatmap["hovertext"] for h in row]
    assert sum("no recorded position" in h for h in hover) == 0  # plan texts fill the League's cells
    assert any("Mediator draft A, point 1 (a text this side endorsed)" in h for h in hover)
    assert any("newer statement(s) without a level" in h for h in hover)  # Northland's quota review
    assert any("⚑" in t for row in heatmap["text"] for t in row)
    assert heatmap["y"] == ["Catch quota", "Sea border", "Joint patrols"]


def test_matrix_as_of_from_the_link(mini_config):
    at = open_page("matrix", {"as_of": "2024-03-01"})
    assert str(filters(at).as_of) == "2024-03-01"
    cells = at.dataframe[0].value
    quota = cells[(cells["issue_title"] == "Catch quota") & (cells["side_name"] == "Northland")].iloc[0]
    assert quota["stance_label"] == "Large"


def test_compare_sorted_by_gap_with_unknown_side_dropped(mini_config):
    at = open_page("compare", {"actor": ["Northland", "nowhere", "Southland"], "sort": "largest gap"})
    assert filters(at).sides == ("northland", "southland")
    assert any("'nowhere'" in n for n in notices(at))
    table = at.dataframe[0].value
    assert list(table["issue_title"]) == ["Sea border", "Catch quota", "Joint patrols"]
    assert list(table["gap"].round(2))[:2] == [1.0, 0.25]


def test_compare_needs_two_sides(mini_config):
    at = open_page("compare", {"actor": ["Northland"]})
    assert any("at least two sides" in i.value for i in at.info)


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"as_of": "2024-13-45"}, "use the form YYYY-MM-DD"),
        ({"as_of": "2031-01-01"}, "the data covers"),
        ({"issue": ["Catch quota", "quotas"]}, "Ignored unknown issue in the link: 'quotas'"),
        ({"kind": ["demand", "<script>alert(1)</script>"]}, "Ignored unknown position kind"),
    ],
)
def test_malformed_links_give_a_notice_not_an_error(mini_config, params, fragment):
    at = open_page("matrix", params)
    assert not at.exception
    assert any(fragment in n for n in notices(at)), notices(at)


def test_figures_table_and_contested(mini_config):
    at = open_page("figures", {"metric": ["Proposed catch quota"]})
    table = at.dataframe[0].value
    assert sorted(table["value"]) == [30000, 60000, 75000, 90000]
    assert any("Contested" in w for w in notices(at))
    spec = at.get("plotly_chart")[0].proto.spec
    assert "tonnes" in spec


def test_timeline_trajectory_from_the_link(mini_config):
    at = open_page("timeline", {"trajectory": "Sea border", "actor": ["Northland", "Southland"]})
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2
    events, positions = at.dataframe[0].value, at.dataframe[1].value
    assert len(events) == 4 and len(positions) == 7


def test_sources_register_counts_citations(mini_config):
    at = open_page("sources", {"source_type": ["primary"]})
    register = at.dataframe[0].value
    assert list(register["title"]) == ["Mediator's draft text"] and register["cited_by"].iloc[0] == 7
    assert any("0.3.0" in c.value for c in at.code)


def test_bad_data_shows_every_problem(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", tmp_path / "mini")
    config = tmp_path / "config.yaml"
    config.write_text(MINI_CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    positions = tmp_path / "mini" / "positions.yaml"
    positions.write_text(positions.read_text().replace("actor: northland", "actor: nobody"), encoding="utf-8")
    (tmp_path / "mini" / "events.yaml").write_text("- id: [\n", encoding="utf-8")
    monkeypatch.setenv("STANCES_CONFIG", str(config))
    for page in ("overview", "compare"):
        at = open_page(page)
        assert not at.exception
        assert "did not pass validation" in at.error[0].value
        report = at.code[0].value
        assert report.count("unknown actor 'nobody'") == 4 and "events.yaml:2: YAML syntax error" in report
        assert not at.get("plotly_chart")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.usefixtures("bundled_today")
def test_every_page_runs_on_the_bundled_data(page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    if page in ("matrix", "compare", "figures", "timeline"):
        assert at.get("plotly_chart")


@pytest.mark.usefixtures("bundled_today")
def test_bundled_matrix_shows_the_army_cap_gap():
    at = open_page("compare", {"actor": ["Ukraine", "United States"], "issue": ["Army size cap"]})
    table = at.dataframe[0].value
    assert table["UA: stance"].iloc[0] == "800,000 in peacetime"
    # the US co-wrote the 20-point framework (800,000), which supersedes its 28-point draft (600,000)
    assert table["US: stance"].iloc[0] == "800,000 in peacetime"
    assert (
        table["US: evidence"].iloc[0].startswith("2025-12-24 (")
        and "800,000" in table["US: position"].iloc[0]
    )
    assert table["gap"].iloc[0] == pytest.approx(0)


def test_distance_page_restores_pairs_weights_and_date(mini_config):
    at = open_page(
        "distance",
        {"pair": ["Northland ↔ Southland"], "weights": "border:3, nope:2", "as_of": "2024-05-31"},
    )
    assert not at.exception
    assert str(filters(at).as_of) == "2024-05-31"
    assert any("nope:2" in n for n in notices(at))
    summary = at.dataframe[0].value.iloc[0]  # for the chosen pair only
    assert (summary["pair"], summary["agree"], summary["close"], summary["far apart"]) == (
        "Northland ↔ Southland",
        0,
        1,
        1,
    )
    assert (summary["close: issues"], summary["not comparable"]) == ("Catch quota", 1)
    evidence = at.dataframe[1].value
    assert set(evidence["pair"]) == {"Northland ↔ Southland"}
    border = evidence[evidence["issue_title"] == "Sea border"].iloc[0]
    assert (border["distance"], border["weight"]) == (1.0, 3.0)
    heatmap = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert heatmap["text"][0][1] == "0.81<br>n=2"  # (0.25 + 3 × 1) / 4


def test_plans_page_shows_changes_between_versions(mini_config):
    at = open_page("plans", {"from": "Mediator draft A", "to": "Mediator draft B"})
    assert not at.exception
    changes = at.dataframe[1].value.set_index("issue_title")
    assert changes.loc["Catch quota", "change"] == "changed"
    assert changes.loc["Sea border", "change"] == "removed"


@pytest.mark.usefixtures("bundled_today")
def test_bundled_plans_show_the_real_differences():
    at = open_page(
        "plans", {"from": "US 28-point peace plan (draft)", "to": "20-point framework for ending the war"}
    )
    changes = at.dataframe[1].value.set_index("issue_title")
    assert changes.loc["Army size cap", "before_stance"] == "600,000"
    assert changes.loc["Army size cap", "after_stance"] == "800,000 in peacetime"
    assert changes.loc["NATO membership", "change"] == "removed"
    assert changes.loc["Territory and the line of contact", "after_stance"] == "Freeze on the current line"


@pytest.mark.usefixtures("bundled_today")
def test_bundled_distance_between_ukraine_and_russia_on_nato():
    at = open_page("distance", {"actor": ["Ukraine", "Russia"], "issue": ["NATO membership"]})
    evidence = at.dataframe[1].value.iloc[0]
    assert (evidence["label_a"], evidence["label_b"]) == ("Open, for NATO to decide", "Barred for good")
    assert evidence["distance"] == 0.5


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_how_old_the_data_is(mini_config, page):
    at = open_page(page)
    assert any("current to 2024-06-30 — 10 days before today (2024-07-10)" in c.value for c in at.caption)
    assert not any("may be out of date" in n for n in notices(at))


@pytest.mark.parametrize("page", PAGES)
def test_old_data_gets_a_notice_on_every_page(mini_config, monkeypatch, page):
    monkeypatch.setenv("STANCES_TODAY", "2024-09-15")
    at = open_page(page)
    warning = next(n for n in notices(at) if "may be out of date" in n)
    assert "current to 2024-06-30, about 2 months ago" in warning
    assert "newest source was published on 2024-06-10" in warning


def _everything_shown(at) -> str:
    """All text a reader can see or hover on a page: tables, text, captions, notices and chart specs."""
    parts = [json.dumps(df.value.astype(str).to_dict("list"), ensure_ascii=False) for df in at.dataframe]
    parts += [e.value for kind in ("markdown", "caption", "title", "subheader", "info", "warning", "success")
              for e in at.get(kind)]  # fmt: skip
    parts += [at.get("plotly_chart")[i].proto.spec for i in range(len(at.get("plotly_chart")))]
    parts += [m.help or "" for m in at.metric]
    return "\n".join(parts)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.usefixtures("bundled_today")
def test_no_page_shows_curator_notes_or_record_ids(page, monkeypatch):
    from stances.loader import load_dataset

    data = load_dataset(ROOT / "data")
    at = open_page(page)
    assert not at.exception
    shown = _everything_shown(at)
    notes = [
        r.curator_note
        for kind in ("positions", "figures", "events", "sources", "documents")
        for r in getattr(data, kind).values()
        if r.curator_note and len(r.curator_note) > 20
    ]
    assert notes and not [n for n in notes if n in shown]
    ids = [*data.positions, *data.figures, *data.events, *data.sources]
    leaked = [i for i in ids if f'"{i}"' in shown or f"'{i}'" in shown]
    assert not leaked, leaked[:5]


def test_exports_leave_out_record_ids_and_curator_notes():
    from stances import export

    frame = pd.DataFrame(
        {"id": ["ua-1"], "summary": ["s"], "curator_note": ["x"], "source_ids": ["a"], "day": [1]}
    )
    assert list(export.reader_frame(frame)) == ["summary"]
    assert export.frame_to_csv(export.reader_frame(frame)).startswith("\ufeff".encode())


@pytest.mark.parametrize(
    "params",
    [
        {"actor": ["northland", "Southland"], "issue": ["border", "Catch quota"]},  # ids and labels
        {"actor": ["NORTHLAND", "southland"], "issue": ["Sea Border", "QUOTA"]},  # any case
    ],
)
def test_links_accept_ids_as_well_as_labels(mini_config, params):
    at = open_page("matrix", params)
    assert notices(at) == []
    chosen = filters(at)
    assert chosen.sides == ("northland", "southland") and set(chosen.issues) == {"border", "quota"}
    # the widgets hold the canonical values, which the binding writes back to the URL as labels
    assert at.session_state["actor"] == ["northland", "southland"]


def test_notices_show_link_values_as_literal_text(mini_config):
    hostile = "# *em* [click](https://e.x) <b>b</b>"
    at = open_page("matrix", {"actor": ["Northland", hostile], "as_of": hostile})
    raw = [w.value for w in at.main.warning]
    assert len(raw) == 2
    for value in raw:
        assert "\\[click\\]\\(https\\:\u200b//" in value  # no markdown link, and no bare-URL autolink
        assert "\\<b\\>" in value and "\\# \\*em\\*" in value
    assert f"Ignored unknown side in the link: '{hostile}'." in notices(at)


@pytest.mark.parametrize("cell", ["ukraine:army-size", "Ukraine:Army size cap"])
@pytest.mark.usefixtures("bundled_today")
def test_matrix_evidence_panel_from_the_link(cell, monkeypatch):
    at = open_page("matrix", {"cell": cell})
    assert not at.exception and notices(at) == []
    text = "\n".join(m.value for m in at.markdown)
    assert "Ukraine · Army size cap" in text.replace("\\", "")
    assert "Stance: 800,000 in peacetime" in text.replace("\\", "")
    assert "**Sources**" in text and "](https://" in text  # every source as a link
    history = at.dataframe[0].value  # the panel sits right under the chart, above the detail table
    assert list(history.columns) == ["date", "status", "level", "kind", "summary", "sources"]
    assert "current" in set(history["status"]) and "superseded" in set(history["status"])


def test_matrix_bad_cell_in_the_link_gives_a_notice(mini_config):
    at = open_page("matrix", {"cell": "atlantis:quota"})
    assert not at.exception
    assert any("Ignored the selected cell in the link: 'atlantis:quota'" in n for n in notices(at))


def test_removing_a_side_drops_its_pairs_without_a_notice(mini_config):
    at = open_page("distance", {"actor": ["Northland", "Southland"], "pair": ["Northland ↔ Mediator"]})
    assert notices(at) == []
    assert at.session_state["pair"] == ["northland|southland"]  # the default; the stale pair left the URL
    at = open_page("distance", {"pair": ["Atlantis ↔ Northland"]})
    assert any("Ignored unknown pair of sides in the link: 'Atlantis ↔ Northland'" in n for n in notices(at))


def test_compare_row_from_the_link_shows_every_sides_evidence(mini_config):
    at = open_page("compare", {"actor": ["Northland", "Southland"], "cell": "northland:border"})
    assert not at.exception
    assert [t.label for t in at.tabs] == ["N", "S"]
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert "Northland · Sea border" in text and "Southland · Sea border" in text


def test_copy_link_pins_the_as_of_date_and_version(mini_config):
    at = open_page("matrix", {"actor": ["Northland", "Southland"], "sort": "largest gap"})
    link = next(c.value for c in at.code if "as_of=" in c.value)
    assert link.startswith("?") or "/matrix?" in link
    assert "actor=Northland&actor=Southland" in link and "as_of=2024-06-30" in link and "v=0.3.0" in link


def test_a_link_to_a_version_that_is_not_archived_says_so(mini_config):
    at = open_page("matrix", {"as_of": "2024-03-01", "v": "0.2.0"})  # the fixture has no archive
    assert any("Ignored the data version '0.2.0'" in n and "current version 0.3.0" in n for n in notices(at))
    assert str(filters(at).as_of) == "2024-03-01"
    assert not [n for n in notices(open_page("matrix", {"v": "0.3.0"})) if "data version" in n]


def test_plans_follow_the_as_of_date_and_issue_filters(mini_config):
    at = open_page("plans", {"as_of": "2024-04-01", "issue": ["Catch quota"]})
    assert not at.exception
    assert list(at.main.multiselect[0].options) == ["Mediator draft A"]  # draft B came out in May
    grid = at.dataframe[0].value
    assert list(grid["issue_title"]) == ["Catch quota"]
    assert any("The sides filter does not apply" in c.value for c in at.caption)


def test_key_figures_follow_the_sides_filter_and_say_what_they_hide(mini_config):
    at = open_page("figures", {"actor": ["Northland"]})
    table = at.dataframe[0].value
    assert set(table["side_name"]) == {"Northland"}
    shown = [c.value.replace("\\", "") for c in at.caption]
    assert any(
        "value(s) of sides not chosen in the sidebar are hidden (Mediator, Southland)" in c for c in shown
    )


def test_from_the_app_to_every_page_in_turn(mini_config):
    at = browse([*TITLES, "overview"])
    assert at.title[0].value == "Fishing talks tracker"


def test_sources_page_shows_every_methodology_section(mini_config):
    from stances import methodology

    at = open_page("sources")
    headings = [h.value for h in at.subheader]
    assert all(title in headings for title in methodology.sections())
    assert "How a side's stance is determined" in headings and "settlement explorer" in " ".join(headings)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.usefixtures("bundled_today")
def test_a_warm_rerun_builds_no_table_or_figure_again(page):
    """The second run of a view looks up what the first built: no pandas or plotly work, nothing uncached."""
    at = open_page(page, {"closest": "true"} if page == "explorer" else None)
    memo = at.session_state["_stances_context"].bundle.memo
    built, converted = memo.misses, display.CONVERTED.misses
    assert built > 0
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert memo.misses == built, "the rerun built a view again"
    assert display.CONVERTED.misses == converted, "the rerun converted a table again"
    assert memo.hits > 0


def _points(at) -> int:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return sum(len(trace.get("x", [])) for trace in spec["data"])


@pytest.mark.usefixtures("bundled_today")
def test_timeline_chart_reaches_back_as_far_as_the_link_says():
    """The chart carries the chosen period only (the tables list everything): 18 months by default."""
    recent = open_page("timeline")
    everything = open_page("timeline", {"period": "everything"})
    five = open_page("timeline", {"period": "5 years"})
    assert 0 < _points(recent) < _points(five) < _points(everything)
    events, positions = (int(re.search(r"\((\d+)\)", t.label).group(1)) for t in everything.tabs[:2])
    assert _points(everything) == events + positions
    assert "18 months to the as-of date" in " ".join(c.value for c in recent.caption)


@pytest.mark.usefixtures("bundled_today")
def test_the_overview_matrix_shows_a_page_of_issues_and_says_so(tmp_path, monkeypatch):
    use_data(tmp_path, monkeypatch, ROOT / "data", "page_size: 5\n")
    at = open_page("overview")
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    issues = len(load_dataset(ROOT / "data").issues)
    assert len(spec["data"][0]["y"]) == 5
    assert any(f"The first 5 of {issues} issues" in c.value for c in at.caption)


@pytest.mark.usefixtures("bundled_today")
def test_the_matrix_detail_table_follows_the_page_and_the_download_holds_every_cell(tmp_path, monkeypatch):
    use_data(tmp_path, monkeypatch, ROOT / "data", "page_size: 5\n")
    at = open_page("matrix")
    sides = len(at.session_state["actor"])
    table = next(d.value for d in at.dataframe if "stance_label" in d.value.columns)
    assert len(table) == 5 * sides
    assert any("the downloads below hold every cell" in c.value for c in at.caption)
    at = open_page("matrix", {"rows": "2"})
    second = next(d.value for d in at.dataframe if "stance_label" in d.value.columns)
    assert set(second["issue_title"]).isdisjoint(table["issue_title"])
