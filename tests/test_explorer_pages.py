"""The Settlement explorer and What changed pages in AppTest, with their state preset in the URL."""

import json
import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from stances.loader import load_dataset

from .apptest import open_page as _open
from .conftest import MINI, MINI_CONFIG, ROOT, use_data

TWO = {"party": ["Northland", "Southland"]}


def open_page(page: str, params: dict | None = None) -> AppTest:
    at = _open(page, params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def notices(at) -> list[str]:
    shown = [w.value for w in [*at.sidebar.warning, *at.main.warning]]
    return [re.sub(r"\\(.)", r"\1", n).replace("\u200b", "") for n in shown]


def metrics(at) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def shown(at) -> str:
    """The markdown as a reader sees it: escapes and emphasis marks removed."""
    return re.sub(r"\\(.)|\*", r"\1", "\n".join(m.value for m in at.markdown)).replace("\u200b", "")


# Settlement explorer -----------------------------------------------------------------------------------


def test_explorer_defaults_to_the_first_two_sides_and_the_newest_plan(mini_config):
    at = open_page("explorer")
    assert at.title[0].value == "Settlement explorer"
    assert at.session_state["party"] == ["northland", "southland"]
    assert at.session_state["start"] == "plan:draft-b"  # Large quota, joint patrols; the border left open
    # Northland (co-author of draft B): quota |3 − 2| / 4, patrols 0 → 1/8; Southland: quota |3 − 1| / 4.
    assert metrics(at) == [("Northland", "0.12"), ("Southland", "0.50")]
    rows = at.dataframe[0].value
    assert list(rows["issue_title"]) == ["Catch quota", "Sea border", "Joint patrols"]
    assert list(rows["level_label"]) == ["3: Large", "left open", "1: Yes"]
    assert list(rows["S: stance"]) == ["1: Small", "0: North line", "not coded"]
    assert any("crosses none of the 1 red lines" in s.value for s in at.success)
    assert "⬇ CSV" in [b.label for b in at.get("download_button")]


def test_explorer_package_from_the_link_with_a_crossed_red_line(mini_config):
    at = open_page("explorer", {**TWO, "pkg": "quota:1,border:1,patrols:open,atlantis:2,border:7"})
    assert any("Ignored package parts: atlantis:2, border:7" in n for n in notices(at)), notices(at)
    assert metrics(at)[:2] == [("Northland", "0.38"), ("Southland", "0.25")]  # (1/4 + 1/2) / 2, (0 + 1/2) / 2
    rows = at.dataframe[0].value.set_index("issue_title")
    assert rows.loc["Catch quota", "crosses red line of"] == "Northland"
    text = shown(at)
    assert "Northland · Catch quota: rejects None; Small · the package: 1: Small" in text
    assert "2024-06-10 (statement): Northland says the quota is under review." in text
    assert "(https://example.org/gazette/5)" in text  # the source as a link
    assert at.session_state["explorer-level-quota"] == "1"  # the editor shows the link's package


def test_explorer_weights_from_the_link(mini_config):
    at = open_page("explorer", {**TWO, "pkg": "quota:2,border:1", "weights": "border:3,nope:1"})
    assert any("nope:1" in n for n in notices(at))
    assert metrics(at)[1] == ("Southland", "0.44")  # (1/4 + 3 × 1/2) / 4
    assert list(at.dataframe[0].value["weight"]) == [1.0, 3.0, 1.0]


def test_explorer_closest_package_and_binding_red_line(mini_config):
    at = open_page("explorer", {**TWO, "closest": "true"})
    assert metrics(at)[2:] == [("Northland", "0.33"), ("Southland", "0.12")]
    assert any(
        "Largest distance 0.33 with the red lines, 0.25 without them (+0.08)" in c.value for c in at.caption
    )
    assert "Northland · Catch quota: rejects None; Small · without red lines: 1: Small" in shown(at)
    closest = at.dataframe[-1].value
    assert list(closest["level_label"]) == ["2: Medium", "0: North line", "1: Yes"]
    at.button[0].click().run()  # "Use this package above"
    assert at.session_state["pkg"] == "quota:2,border:0,patrols:1"
    assert list(at.dataframe[0].value["level_label"]) == ["2: Medium", "0: North line", "1: Yes"]


def test_explorer_editing_an_issue_writes_the_package_and_a_new_start_clears_it(mini_config):
    at = open_page("explorer", {**TWO, "start": "Southland: current stances"})
    assert list(at.dataframe[0].value["level_label"]) == ["1: Small", "0: North line", "left open"]
    at.selectbox(key="explorer-level-patrols").set_value("0").run()
    assert at.session_state["pkg"] == "quota:1,border:0,patrols:0"
    assert list(at.dataframe[0].value["level_label"]) == ["1: Small", "0: North line", "0: No"]
    at.selectbox(key="start").set_value("plan:draft-a").run()
    assert at.session_state["pkg"] == ""
    assert list(at.dataframe[0].value["level_label"]) == ["2: Medium", "1: Middle line", "left open"]


def test_explorer_sides_outside_the_sidebar_are_left_out_with_a_notice(mini_config):
    at = open_page("explorer", {"actor": ["Northland", "Southland"], "party": ["Northland", "Mediator"]})
    assert "Not among the sides chosen in the sidebar, so left out: Mediator." in notices(at)
    assert at.session_state["party"] == ["northland"]


def test_explorer_infeasible_red_lines_show_the_smallest_conflict(tmp_path, monkeypatch):
    shutil.copytree(MINI, tmp_path / "mini")
    positions = tmp_path / "mini" / "positions.yaml"
    text = positions.read_text(encoding="utf-8")
    old = "  summary: Southland offers a small quota.\n  stance: 1\n"
    positions.write_text(text.replace(old, old + "  rejects: [2, 3, 4]\n"), encoding="utf-8")
    (tmp_path / "config.yaml").write_text(MINI_CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("STANCES_CONFIG", str(tmp_path / "config.yaml"))
    at = open_page("explorer", {**TWO, "closest": "true"})
    assert any("No package crosses none of these red lines" in w.value for w in at.main.warning)
    text = shown(at)
    assert "Northland · Catch quota: rejects None; Small · the package: 1: Small" in text
    assert "Southland · Catch quota: rejects Medium; Large; Unlimited · the package: 3: Large" in text
    assert text.count("Southland · Catch quota") == 1  # crossed by the package above, not in the conflict
    assert list(at.dataframe[-1].value["level_label"]) == ["1: Small", "1: Middle line", "1: Yes"]


@pytest.mark.usefixtures("bundled_today")
def test_explorer_on_the_bundled_data_for_ukraine_and_russia():
    at = open_page("explorer", {"closest": "true"})
    assert at.session_state["party"] == ["ukraine", "russia"]
    assert at.session_state["start"] == "plan:london-joint-statement-2026-06"  # the newest plan text
    labels = [label for label, _ in metrics(at)]
    assert labels == ["Ukraine", "Russia", "Ukraine", "Russia"]
    values = [float(v) for _, v in metrics(at)]
    assert all(0 <= v <= 1 for v in values)
    packages = [d.value for d in at.dataframe if "crosses red line of" in d.value.columns]
    issues = len(load_dataset(ROOT / "data").issues)
    assert len(packages) == 2 and all(len(p) == issues for p in packages)  # the package and the closest one
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["name"] for t in spec["data"]} >= {"Ukraine", "Russia", "Package"}
    trades = next(d.value for d in at.dataframe if "plan_points" in d.value.columns)
    assert len(trades) and set(trades["gives"]) | set(trades["takes"]) == {"Ukraine", "Russia"}
    assert (
        trades["effect_gives"].str.startswith("+").all() and trades["effect_takes"].str.startswith("+").all()
    )
    assert trades["plan_points"].str.contains(r": points \d+ and \d+").any()


# What changed ------------------------------------------------------------------------------------------


def test_changes_between_two_dates_from_the_link(mini_config):
    at = open_page("changes", {"since": "2024-03-01", "until": "2024-06-30"})
    assert at.title[0].value == "What changed"
    assert metrics(at) == [("Stances that changed", "4"), ("New figures", "0"), ("New events", "2")]
    moved = at.dataframe[0].value
    assert moved[["side_name", "issue_title", "label_before", "stance_label"]].values.tolist() == [
        ["Northland", "Catch quota", "Large", "Medium"],
        ["Northland", "Joint patrols", "no coded stance", "Yes"],
        ["Mediator", "Catch quota", "Medium", "Large"],
        ["Mediator", "Joint patrols", "no coded stance", "Yes"],
    ]
    assert moved["first_url"].iloc[0] == "http://example.org/draft"
    assert list(at.dataframe[1].value["title"]) == ["Draft B published", "Second round of talks"]
    labels = [b.label for b in at.get("download_button")]
    assert "⬇ Brief (HTML)" in labels and labels.count("⬇ CSV") == 2


def test_changes_default_to_the_last_30_days_and_shortcuts_set_both_dates(mini_config):
    at = open_page("changes")
    assert str(at.session_state["since"]) == "2024-05-31" and str(at.session_state["until"]) == "2024-06-30"
    assert metrics(at) == [("Stances that changed", "0"), ("New figures", "0"), ("New events", "0")]
    assert len(at.info) == 4  # no stance changes, restatements, figures or events
    at.button(key="changes-7").click().run()
    assert str(at.session_state["since"]) == "2024-06-23"


def test_changes_bad_and_reversed_dates_give_notices(mini_config):
    at = open_page("changes", {"since": "2024-13-01"})
    assert any("Ignored the since date '2024-13-01'" in n for n in notices(at)), notices(at)
    at = open_page("changes", {"since": "2024-06-30", "until": "2024-03-01", "actor": ["Northland"]})
    assert "The first date is after the second: showing 2024-03-01 to 2024-06-30." in notices(at)
    assert metrics(at)[0] == ("Stances that changed", "2")


def test_overview_offers_the_brief(mini_config):
    at = open_page("overview")
    assert "⬇ Brief (HTML)" in [b.label for b in at.get("download_button")]


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("explorer", {"closest": "true", "pkg": "territory-line:0,znpp:3"}),
        ("changes", {"since": "2025-01-01"}),
    ],
)
@pytest.mark.usefixtures("bundled_today")
def test_no_curator_notes_or_record_ids_on_the_bundled_data(page, params, monkeypatch):
    from stances.loader import load_dataset

    from .test_pages import _everything_shown

    data = load_dataset(ROOT / "data")
    text = _everything_shown(open_page(page, params))
    notes = [r.curator_note for kind in ("positions", "figures", "events", "sources", "documents")
             for r in getattr(data, kind).values() if r.curator_note and len(r.curator_note) > 20]  # fmt: skip
    assert notes and not [n for n in notes if n in text]
    leaked = [
        i for i in (*data.positions, *data.figures, *data.events) if f'"{i}"' in text or f"'{i}'" in text
    ]
    assert not leaked, leaked[:5]


# Where a deal could land -------------------------------------------------------------------------------


def _cells(at) -> list[str]:
    return [str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel()]


def test_explorer_says_where_a_deal_could_land_in_plain_words(mini_config):
    at = open_page("explorer", TWO)
    text = shown(at)
    assert "The Nash bargaining package" in text and "red lines no record states are not checked" in text
    assert any("not a prediction" in c.value for c in at.caption)
    models = next(d.value for d in at.dataframe if "Nash" in d.value.columns)
    assert list(models.columns) == ["row", "Compromise", "Nash"]
    assert models["row"].iloc[-1] == "Red lines crossed"
    assert "None" not in _cells(at) and "nan" not in _cells(at)
    salience = next(d.value for d in at.dataframe if "choices_evidence" in d.value.columns)
    assert set(salience["side_name"]) == {"Northland", "Southland"}
    backtest = next(d.value for d in at.dataframe if "model" in d.value.columns)
    assert set(backtest["model"]) <= {"compromise", "Nash"}


def test_explorer_models_follow_the_link_and_weights_take_titles(mini_config):
    at = open_page(
        "explorer",
        {**TWO, "salience": "every issue equal", "scores": "evenly spaced", "weights": "Catch quota:0",
         "closest": "true"},
    )  # fmt: skip
    assert at.session_state["salience"] == "equal" and at.session_state["scores"] == "even"
    assert not any("Ignored issue weights" in n for n in notices(at))
    models = next(d.value for d in at.dataframe if "Nash" in d.value.columns)
    assert list(models.columns) == ["row", "Closest", "Compromise", "Nash"]
    labels = [s.label for s in at.selectbox]
    assert "Level scores" in labels and "Salience (how much each side cares)" in labels


def test_explorer_says_what_it_would_take_and_when_no_trade_off_exists(mini_config):
    at = open_page("explorer", {**TWO, "pkg": "quota:4,border:1"})
    text = shown(at)
    assert "Acceptable to Northland only if it weighs Sea border at least 0.50 times Catch quota." in text
    assert "Acceptable to Southland only if it weighs Sea border at least as much as Catch quota." in text
    assert any("No pair of issues on which each side could give" in c.value for c in at.caption)


def _compromise(at) -> list[str]:
    models = next(d.value for d in at.dataframe if "Nash" in d.value.columns)
    return list(models.set_index("row")["Compromise"].iloc[:3])


def _capability_caption(at) -> str:
    return next(re.sub(r"\\(.)", r"\1", c.value) for c in at.caption if c.value.startswith("Capability"))


def test_explorer_capability_weights_from_the_link_pull_the_compromise(mini_config):
    even = open_page("explorer", TWO)
    assert _compromise(even) == ["2: Medium", "1: Middle line", "1: Yes"]
    assert "Northland 1 (default); Southland 1 (default)" in _capability_caption(even)
    south = open_page("explorer", {**TWO, "capability": "Southland:100"})
    assert _compromise(south) == ["1: Small", "0: North line", "1: Yes"]
    assert "Southland 100 (link)" in _capability_caption(south)
    north = open_page("explorer", {**TWO, "capability": "northland:100"})  # ids work too, in any case
    assert _compromise(north) == ["2: Medium", "2: South line", "1: Yes"]
    nash = [next(d.value for d in at.dataframe if "Nash" in d.value.columns)["Nash"].tolist()
            for at in (even, south, north)]  # fmt: skip
    assert nash[0] == nash[1] == nash[2]  # capability enters the compromise only


def test_explorer_capability_weights_in_config_and_a_link_that_overrides_one(tmp_path, monkeypatch):
    use_data(tmp_path, monkeypatch, MINI, "capability:\n  southland: 100\n")
    at = open_page("explorer", TWO)
    assert _compromise(at) == ["1: Small", "0: North line", "1: Yes"]
    assert "Southland 100 (settings)" in _capability_caption(at)
    at = open_page("explorer", {**TWO, "capability": "Southland:1"})
    assert _compromise(at) == ["2: Medium", "1: Middle line", "1: Yes"]
    assert "Southland 1 (link)" in _capability_caption(at)


def test_explorer_refuses_unknown_sides_and_tiny_capability_weights(mini_config):
    at = open_page("explorer", {**TWO, "capability": "Atlantis:2,southland:0.004,northland:1.236"})
    assert any(n.startswith("Ignored capability weights: Atlantis:2, southland:0.004") for n in notices(at))
    assert "Capability weights rounded to 2 decimals: northland: 1.236 → 1.24." in notices(at)
    assert "Northland 1.24 (link); Southland 1 (default)" in _capability_caption(at)
