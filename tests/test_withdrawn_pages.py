"""Every page on the fixture with one withdrawal: Southland drops its north-line border demand on
2024-06-20, on the word of a wire report known only through a relay (so the stance is thinly sourced)."""

import base64
import json
import math
import re

import numpy as np
import pytest

from stances import brief, changes, tables
from stances.export import dataset_dict
from stances.loader import load_dataset
from stances.view_filters import Filters

from .apptest import open_page
from .conftest import MINI_CONFIG

WITHDRAWN = "no current level — withdrawn on 2024-06-20"


def numbers(value):
    """A plotly array from the figure JSON: a list, or a typed array (base64 `bdata` with its dtype)."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def spec(at, k=0):
    return json.loads(at.get("plotly_chart")[k].proto.spec)


def table(at, k=0):
    return at.dataframe[k].value


def _border(frame, side="Southland"):
    return frame[(frame["issue_title"] == "Sea border") & (frame["side_name"] == side)].iloc[0]


def test_matrix_shows_the_withdrawal_with_its_date_and_marks(withdrawn_config):
    at = open_page("matrix")
    cell = _border(table(at))
    assert cell["stance_label"] == WITHDRAWN
    assert cell["evidence"] == "2024-06-20 · thinly sourced" and cell["latest_date"] == "2024-06-20"
    heatmap = spec(at)["data"][0]
    texts = [t for row in heatmap["text"] for t in row]
    assert any(t.startswith("no current level") and "2024-06-20 ◌" in t for t in texts)
    assert any("2024-05-02" in t for t in texts)  # Northland's quota level carries its date
    row = heatmap["y"].index("Sea border")
    assert heatmap["z"][row][1] is None  # open: no colour on the scale
    words = " ".join(m.value for m in at.markdown)
    assert "1 withdrawn" in words


def test_matrix_marks_old_evidence_from_the_config(withdrawn_config, tmp_path, monkeypatch):
    config = withdrawn_config.parent / "config.yaml"
    config.write_text(config.read_text() + "stale_cell_days: 30\n")
    at = open_page("matrix")
    cells = table(at)
    quota = cells[(cells["issue_title"] == "Catch quota") & (cells["side_name"] == "Northland")].iloc[0]
    assert quota["evidence"] == "2024-05-02 · old evidence"
    texts = [t for row in spec(at)["data"][0]["text"] for t in row]
    assert any("2024-05-02 ◷" in t for t in texts)


def test_hiding_thin_stances_opens_their_cells(withdrawn_config):
    at = open_page("matrix", {"thin": "hide"})
    assert at.session_state["_stances_context"].filters.hide_thin
    cells = table(at)
    assert _border(cells)["stance_label"] == "thinly sourced stance hidden"
    assert _border(cells, "Northland")["stance_label"] == "South line"  # a newspaper: kept
    at = open_page("matrix", {"thin": "<b>all</b>"})
    assert any("Ignored unknown thinly-sourced switch in the link: '<b>all</b>'" in w.value.replace("\\", "")
               for w in at.main.warning)  # fmt: skip
    assert not at.session_state["_stances_context"].filters.hide_thin


def test_compare_shows_the_withdrawal_and_sorts_by_oldest_evidence(withdrawn_config):
    at = open_page("compare", {"actor": ["Northland", "Southland"]})
    rows = table(at).set_index("issue_title")
    assert rows.loc["Sea border", "S: stance"] == WITHDRAWN
    assert rows.loc["Sea border", "S: evidence"] == "2024-06-20 · thinly sourced"
    assert rows.loc["Sea border"]["gap"] != rows.loc["Sea border"]["gap"]  # NaN: one coded side only
    at = open_page("compare", {"actor": ["Northland", "Southland"], "sort": "oldest evidence first"})
    assert list(table(at)["issue_title"]) == ["Sea border", "Catch quota", "Joint patrols"]


def test_overview_counts_the_withdrawal_as_a_change(withdrawn_config):
    at = open_page("overview")
    latest = table(at).iloc[0]
    assert (latest["change"], latest["label_before"], latest["stance_label"]) == ("withdrawn", "North line",
                                                                                   WITHDRAWN)  # fmt: skip


def test_distance_treats_the_withdrawn_cell_as_not_comparable(withdrawn_config):
    at = open_page("distance", {"actor": ["Northland", "Southland"]})
    assert not at.exception
    summary = table(at, 0)
    assert summary["not comparable"].iloc[0] == 2  # the border (withdrawn) and patrols (not coded)
    detail = table(at, 1).set_index("issue_title")
    assert math.isnan(detail.loc["Sea border", "distance"]) and detail.loc["Catch quota", "distance"] == 0.25


def test_timeline_line_ends_at_the_withdrawal(withdrawn_config):
    at = open_page("timeline", {"trajectory": "Sea border", "actor": ["Southland"]})
    chart = next(c for c in (spec(at, k) for k in range(len(at.get("plotly_chart"))))
                 if "stance over time" in c["layout"].get("title", {}).get("text", ""))  # fmt: skip
    line = chart["data"][0]
    ys = numbers(line["y"])
    assert math.isnan(ys[-1]) and ys[-2] == 0 and line["x"][-2].startswith("2024-06-20")


def test_what_changed_lists_the_withdrawal(withdrawn_config):
    at = open_page("changes", {"since": "2024-06-01", "until": "2024-06-30"})
    moved = table(at)
    row = moved[moved["issue_title"] == "Sea border"].iloc[0]
    assert (row["change"], row["stance_label"]) == ("withdrawn", WITHDRAWN)


def test_explorer_leaves_the_withdrawn_cell_open(withdrawn_config):
    at = open_page("explorer", {"actor": ["Northland", "Southland"], "start": "Southland: current stances"})
    assert not at.exception
    assert at.session_state["explorer-level-border"] == "open"


def test_sources_count_relays_and_thin_stances(withdrawn_config):
    at = open_page("sources")
    words = " ".join(c.value for c in at.caption)
    assert "1 known only through a relay" in words
    assert re.search(r"\d+ rest on a primary text", words) and "1 only on aggregators" in words


@pytest.mark.parametrize("page", ["plans", "figures"])
def test_other_pages_run_with_a_withdrawal(withdrawn_config, page):
    assert not open_page(page).exception


def test_exports_and_brief_carry_the_withdrawal_dates_and_strength(withdrawn):
    data = load_dataset(withdrawn)
    payload = dataset_dict(data)
    row = next(r for r in payload["stances"] if (r["side"], r["issue"]) == ("southland", "border"))
    assert (row["state"], row["withdrawn_level"], row["level_date"], row["strength"]) == (
        "withdrawn", 0, "2024-06-20", "thin")  # fmt: skip
    relayed = next(s for s in payload["sources"] if s["id"] == "relay-6")
    assert (relayed["seen"], relayed["title_is"]) == ("relay", "published") and relayed["relay"]
    settings = __import__("stances.settings", fromlist=["x"]).load_settings(MINI_CONFIG)
    view = Filters(("northland", "southland"), (), (), data.dataset.as_of_date, ())
    text = brief.build(data, tables.build(data), settings, view)
    assert WITHDRAWN in text and "Seen through a relay: a harbour newsletter" in text
    assert "(withdrawn)" in text  # the change in the interval
    moved = changes.stance_changes(data, tables.build(data), data.dataset.as_of_date.replace(day=1),
                                   data.dataset.as_of_date)  # fmt: skip
    assert list(moved["change"]) == ["withdrawn"]
