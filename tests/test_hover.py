"""Hover text: the tables hold plain values, stances/hover.py builds the HTML, every data text escaped."""

from __future__ import annotations

from dataclasses import fields

import pandas as pd
import pytest

from stances import charts, hover, settlement_charts, tables
from stances.loader import load_dataset
from stances.settlement import RedLine
from tests.e2e import hostile

from .conftest import MINI

MARKUP = ("<br", "<b>", "</", "<span", "<i>", "&lt;", "&amp;", "&gt;")


def test_tables_hold_plain_values_without_html():
    built = tables.build(load_dataset(MINI))
    for f in fields(built):
        frame = getattr(built, f.name)
        assert "hover" not in frame.columns, f.name
        for column in frame.columns:
            cells = [v for v in frame[column] if isinstance(v, str)]
            cells += [x for v in frame[column] if isinstance(v, list) for x in v if isinstance(x, str)]
            marked = [v for v in cells if any(m in v for m in MARKUP)]
            assert not marked, (f.name, column, marked[:2])


def test_timeline_hovers_read_as_before():
    built = tables.build(load_dataset(MINI))
    shown = built.positions.set_index("id").assign(changed=False)
    shown.loc["n-quota-2", "changed"] = True
    texts = dict(zip(shown.index, hover.positions(shown), strict=True))
    assert texts["n-quota-2"] == (
        "<b>2024-05-02</b> · Catch quota · concession<br>Medium<br>Northland accepts a medium quota."
        "<br>★ changed the side's stance"
    )
    assert texts["s-patrols-1"] == (
        "<b>2024-06-01</b> · Joint patrols · statement<br>stance not coded<br>"
        "Southland has not decided on patrols."
    )
    events = hover.events(built.events)
    assert events[2] == "<b>2024-04-01</b> · talks<br>Second round of talks<br>⚑ contested"
    assert hover.events(built.events, marked=False)[2] == "<b>2024-04-01</b> · talks<br>Second round of talks"


@pytest.fixture
def hostile_tables(tmp_path) -> tables.Tables:
    return tables.build(load_dataset(hostile.write(MINI, tmp_path / "hostile")))


def _hovers(fig) -> list[str]:
    out = []
    for trace in fig.data:
        texts = trace.hovertext if trace.hovertext is not None else []
        out += [t for row in texts for t in (row if isinstance(row, list | tuple) else [row])]
    return [str(t) for t in out]


def test_hostile_text_in_a_hover_is_escaped(hostile_tables):
    t = hostile_tables
    positions = t.positions.assign(changed=False)
    names = dict(zip(positions["side"], positions["side_name"], strict=False))
    figures = [
        charts.timeline(t.events, positions, names, {}),
        charts.convergence_lines(
            pd.DataFrame(columns=["a", "b", "month", "distance", "issues"]), {}, t.events
        ),
        charts.figure_dots(t.figures[t.figures["kind"] == "figure"], {}),
    ]
    texts = [h for fig in figures for h in _hovers(fig)]
    assert len(texts) > 10
    assert any("&lt;script&gt;" in h for h in texts), "the hostile texts reached the hovers"
    markup = [t for t in hostile.RAW if t.startswith("<") or len(t) == 1]  # tags and hidden characters
    for text in texts:
        for token in markup:
            assert token not in text, (token, text[:200])


def test_settlement_hovers_escape_names_titles_and_levels():
    issue = load_dataset(MINI).issues["quota"]
    bad = "<img src=x onerror=alert(1)>"
    fig = settlement_charts.package_dots(
        [issue.model_copy(update={"title": bad})],
        {"quota": issue.scale[0].value},
        {"north": {"quota": issue.scale[-1].value}},
        [RedLine("north", "quota", frozenset({issue.scale[0].value}), "r")],
        {"north": bad},
        {},
    )
    texts = _hovers(fig)
    assert len(texts) == 3
    for text in texts:
        assert "<img" not in text and "&lt;img" in text, text
