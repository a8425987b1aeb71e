"""Hostile links and heavy searches: a time budget with a plain message, results shared between sessions,
weights rounded with a notice, every unknown value noticed, and Streamlit's own link limits as documented."""

import re
import time

import pytest

from stances import explorer, settlement, urlstate
from stances.loader import load_dataset
from stances.settlement import IssueScale, TimeLimitReached
from stances.tables import build

from .conftest import MINI, ROOT
from .test_explorer_pages import TWO, metrics, notices, open_page


def test_the_solver_stops_at_its_deadline():
    scales = [IssueScale(f"i{k}", (0, 1, 2, 3, 4)) for k in range(20)]
    stances = {f"s{j}": {f"i{k}": (j * k) % 5 for k in range(20)} for j in range(8)}
    with pytest.raises(TimeLimitReached):
        settlement.closest(scales, stances, list(stances), deadline=time.monotonic())
    assert settlement.closest(scales, stances, list(stances), deadline=time.monotonic() + 60).package


def test_a_search_out_of_time_says_so_and_a_search_in_time_answers():
    data = load_dataset(MINI)
    s = explorer.setting(
        data, build(data), ["northland", "southland"], list(data.issues), as_of=data.dataset.as_of_date
    )
    assert explorer.search(data, s, seconds=0) == explorer.OutOfTime(0)
    assert explorer.search(data, s).result.package == {"quota": 2, "border": 0, "patrols": 1}


@pytest.mark.usefixtures("fresh_cache")  # a search another test made would answer
def test_the_page_says_plainly_when_the_search_runs_out_of_time(mini_config, monkeypatch):
    monkeypatch.setattr(explorer, "SEARCH_SECONDS", 0.0)
    at = open_page("explorer", {**TWO, "closest": "true"})
    assert any(
        n.startswith("The search for the closest package stopped after 0 seconds") for n in notices(at)
    )
    assert len(at.dataframe) == 1  # the package's table, and no closest package


@pytest.mark.usefixtures("fresh_cache")  # a search another test made would answer
def test_sessions_share_one_search_for_the_same_inputs(mini_config, monkeypatch):
    calls = []
    solve = explorer.search_by_key
    monkeypatch.setattr(explorer, "search_by_key", lambda *a: calls.append(a) or solve(*a))
    first = open_page("explorer", {**TWO, "closest": "true"})
    second = open_page("explorer", {**TWO, "closest": "true"})  # another session, another rerun
    assert metrics(first)[2:] == metrics(second)[2:] == [("Northland", "0.33"), ("Southland", "0.12")]
    assert len(calls) == 1
    open_page("explorer", {**TWO, "closest": "true", "weights": "border:2"})
    assert len(calls) == 2


def test_weights_are_rounded_and_tiny_ones_refused():
    weights, ignored = urlstate.parse_weights(
        "quota:5e-324, border:1.23456, patrols:0.004, quota:2", ["quota", "border", "patrols"]
    )
    assert weights == {"border": 1.23, "quota": 2.0}
    assert ignored == ["quota:5e-324", "patrols:0.004"]
    assert urlstate.rounded_weights("border:1.23456,quota:2", ["quota", "border"]) == [
        "border: 1.23456 → 1.23"
    ]


def test_the_page_notices_rounded_and_refused_weights(mini_config):
    at = open_page("explorer", {**TWO, "pkg": "quota:2,border:1", "weights": "border:2.999,quota:5e-324"})
    assert "Issue weights rounded to 2 decimals: border: 2.999 → 3." in notices(at)
    assert any(n.startswith("Ignored issue weights: quota:5e-324") for n in notices(at))
    assert list(at.dataframe[0].value["weight"]) == [1.0, 3.0, 1.0]


@pytest.mark.parametrize("value", ["yes", "1", "on"])
def test_an_unknown_closest_value_is_noticed(mini_config, value):
    at = open_page("explorer", {**TWO, "closest": value})
    assert f"Ignored unknown closest-package switch in the link: '{value}' (use true or false)." in notices(
        at
    )
    assert not at.toggle(key=urlstate.CLOSEST).value


def test_true_in_any_case_needs_no_notice(mini_config):
    at = open_page("explorer", {**TWO, "closest": "TRUE"})
    assert not [n for n in notices(at) if "closest" in n] and at.toggle(key=urlstate.CLOSEST).value


def test_the_readme_states_streamlits_link_limits():
    """Streamlit drops a whole query string over these limits before the app sees it (so the app cannot
    notice it): the README says so, with the numbers of the installed Streamlit."""
    from streamlit.runtime.state import query_params as qp

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    fields, chars = qp.CLIENT_STATE_QUERY_STRING_MAX_FIELDS, qp.CLIENT_STATE_QUERY_STRING_MAX_LENGTH
    assert re.search(rf"more than {fields:,} parameters", readme)
    assert f"{chars:,} characters" in readme
    assert qp.sanitize_query_string("&".join(["a=1"] * (fields + 1))) == ""
