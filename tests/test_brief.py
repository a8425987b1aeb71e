"""The HTML brief for a memo: each stance in its words with its marks, the dates and version, the key numbers
and events on the chosen issues, every source with its publisher, type and how it was seen, and charts
that fit an A4 page."""

from __future__ import annotations

import datetime as dt
import html as markup
import re
from pathlib import Path

from stances import brief, charts, relevance, tables, views
from stances.loader import load_dataset
from stances.memo import Memo
from stances.settings import load_settings
from stances.view_filters import Filters

from .conftest import DATA, MINI_CONFIG

D = dt.date
AS_OF = D(2024, 6, 30)
SIDES = ("northland", "southland", "mediator")
TIED_METRIC = """  - id: border-km
    title: Disputed sea area
    unit: km2
    description: The sea area between the claimed lines.
    issue: border
"""
TIED_VALUE = (
    "  - {id: area-north, metric: border-km, actor: northland, value: 1200, unit: km2, "
    'date: "2024-06-10", basis: actual, label: Northland survey, sources: [gazette-5]}\n'
)
UNTIED = """- {id: harbour-fair, date: "2024-06-25", title: Harbour fair, kind: statement, sources: [note-7]}
"""
NOTE_SOURCE = """- id: note-7
  title: Harbour fair opens
  publisher: Port Herald
  url: https://example.org/herald/7
  published: "2024-06-25"
  type: newspaper
  title_is: description
"""


def _build(folder: Path, *, sides=SIDES, issues=(), as_of=AS_OF, **kwargs) -> str:
    data = load_dataset(folder)
    assert data.ok, data.problems
    options = {k: kwargs.pop(k) for k in ("stale_days", "hide_thin") if k in kwargs}
    view = Filters(sides=tuple(sides), issues=tuple(issues), categories=(), as_of=as_of, kinds=(), **options)
    return brief.build(data, tables.build(data), load_settings(MINI_CONFIG), view, **kwargs)


def _text(part: str) -> str:
    """The words a reader sees in a piece of the brief: tags dropped, spaces collapsed."""
    return " ".join(markup.unescape(re.sub(r"<[^>]+>", " ", part)).split())


def _between(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin + len(start))]


def _row(html: str, section: str, side: str) -> str:
    """The words of one side's row in an issue's table of "Stances in their words"."""
    part = _between(html, "<h2>Stances in their words</h2>", "<h2>What changed")
    table = _between(part, f"<h3>{section}</h3>", "</table>")
    return next(_text(r) for r in table.split("<tr>") if r.startswith(f"<td>{side}</td>"))


def _tie(folder: Path) -> Path:
    """The fixture with the quota metric tied to its issue, a metric on the border, and an event whose
    only source backs no position."""
    figures = (folder / "figures.yaml").read_text(encoding="utf-8")
    figures = figures.replace(
        "    description: Annual catch quota proposed by each side.\n",
        "    description: Annual catch quota proposed by each side.\n    issue: quota\n",
    )
    figures = figures.replace("values:\n", TIED_METRIC + "values:\n" + TIED_VALUE)  # fmt: skip
    (folder / "figures.yaml").write_text(figures, encoding="utf-8")
    for name, text in (("events.yaml", UNTIED), ("sources.yaml", NOTE_SOURCE)):
        with (folder / name).open("a", encoding="utf-8") as out:
            out.write(text)
    return folder


def test_each_stance_comes_with_its_words_quote_speaker_and_date(mini):
    html = _build(mini, as_of=D(2024, 4, 1))
    row = _row(html, "Catch quota", "Northland")
    assert row.startswith("Northland Large set on 2024-01-10 sources: wire, newspaper or broadcaster")
    assert re.search(r"Northland wants a large quota\. \[ \d \]", row)
    assert "“We need a large quota” — Ana North, 2024-01-10" in row
    plan = _row(html, "Catch quota", "Mediator")
    assert "Medium set on 2024-03-01 sources: primary text" in plan
    assert "The mediator proposes a medium quota." in plan
    contested = _row(html, "Sea border", "Southland")
    assert contested.startswith("Southland North line ⚑ set on 2024-02-15")
    assert "⚑ Contested: Reports differ on whether this was a demand or an opening bid." in contested
    assert _row(html, "Joint patrols", "Northland") == "Northland no recorded position"


def test_newest_record_and_uncoded_stances_say_so(mini):
    html = _build(mini)
    assert "newest record on this issue: 2024-06-10" in _row(html, "Catch quota", "Northland")
    assert _row(html, "Joint patrols", "Southland").startswith("Southland (not coded) recorded 2024-06-01")


def test_old_evidence_is_marked_against_the_view_date(mini):
    html = _build(mini, stale_days=100)
    assert "◷ old evidence" in _row(html, "Sea border", "Northland")  # set on 2024-01-10
    assert "◷ old evidence" not in _row(html, "Catch quota", "Northland")  # set on 2024-05-02
    assert "◷ old evidence" not in _row(_build(mini), "Sea border", "Northland")


def test_a_withdrawn_thinly_sourced_stance_and_its_relay(withdrawn):
    html = _build(withdrawn, sides=("northland", "southland"))
    row = _row(html, "Sea border", "Southland")
    assert row.startswith("Southland no current level — withdrawn on 2024-06-20 withdrawn level: North line "
                          "set on 2024-06-20 ◌ thinly sourced")  # fmt: skip
    assert "Southland says its north-line demand no longer stands." in row
    assert "sources: wire" not in row  # the strength is the thin mark, not repeated
    sources = _text(_between(html, "<h2>Sources cited</h2>", "</table>"))
    assert re.search(r"\d+ Southland drops the north line https://example\.org/wire/6 Seen through a relay: "
                     r"a harbour newsletter that quotes the wire Sea Wire 2024-06-20 news agency through a relay",
                     sources)  # fmt: skip


def test_generation_date_version_and_as_of_head_the_brief(mini):
    text = _text(_build(mini, as_of=D(2024, 5, 1)).split("<body>")[1])
    assert text.startswith(
        "Fishing talks tracker: brief Generated on 2024-07-10. Fishing-rights talks (test fixture). "
        "Data version 0.3.0, current to 2024-06-30. View as of 2024-05-01. "
        "Sides: Northland, Southland, Mediator. Issues: all."
    )
    assert (
        "Age notice" not in text
        and "Data version 0.3.0, current to 2024-06-30 — 10 days before today" in text
    )
    assert text.endswith("Brief generated on 2024-07-10.")


def test_old_data_carries_the_age_notice(mini, monkeypatch):
    monkeypatch.setenv("STANCES_TODAY", "2024-09-30")
    text = _text(_build(mini))
    assert "Generated on 2024-09-30." in text
    assert ("Age notice. This data may be out of date: it is current to 2024-06-30, about 3 months ago, and its "
            "newest source was published on 2024-06-10.") in text  # fmt: skip
    assert "Age notice" not in _text(_build(mini, today=D(2024, 7, 1)))


def _key_numbers(html: str) -> str:
    return _text(_between(html, "<h2>Key numbers</h2>", "<h2>"))


def test_key_numbers_follow_the_chosen_issues(mini):
    _tie(mini)
    every = _key_numbers(_build(mini))
    assert (
        "Proposed catch quota Catch quota 60,000–65,000 tonnes" in every and "Disputed sea area" not in every
    )
    on_border = _key_numbers(_build(mini, issues=["border"]))
    assert "Proposed catch quota" not in on_border  # a headline metric tied to an issue not chosen
    assert "Disputed sea area Sea border 1,200 km2 Northland survey actual 2024-06-10" in on_border
    assert "tied to a chosen issue" in on_border
    on_quota = _key_numbers(_build(mini, issues=["quota"]))
    assert "Proposed catch quota" in on_quota and "Disputed sea area" not in on_quota


def test_an_untied_headline_metric_stays_whatever_the_issues(mini):
    assert "Proposed catch quota" in _key_numbers(_build(mini, issues=["border"]))


def test_new_figures_and_events_follow_the_chosen_issues(mini):
    _tie(mini)
    since = D(2024, 1, 1)
    every = _text(_between(_build(mini, since=since), "<h3>New figures", "<h2>Sources"))
    assert "New figures (4)" in every and "New events (5)" in every and "All events in the interval." in every
    assert "Draft B published" in every
    border = _text(_between(_build(mini, since=since, issues=["border"]), "<h3>New figures", "<h2>Sources"))
    assert "New figures (1) Metric" in border and "Disputed sea area" in border
    assert "Proposed catch quota" not in border
    assert "Draft B published" not in border  # its plan text and sources speak to quota and patrols only
    assert re.search(r"Draft A published \[ \d \] proposal Catch quota, Sea border", border)
    assert re.search(r"Harbour fair \[ \d \] statement —", border)  # tied to no issue: kept
    assert "Events on the chosen issues: 4 of 5 in the interval, 1 of them tied to no issue." in border
    assert relevance.EVENT_RULE in border


def test_events_are_tied_to_issues_by_plan_texts_and_shared_sources(mini):
    data = load_dataset(_tie(mini))
    tied = relevance.event_issues(data)
    assert tied["draft-b-published"] == {"quota", "patrols"}  # draft B's points, and text-3's positions
    assert tied["round-1"] == {"quota", "border", "patrols"}  # wire-2 backs Southland's positions
    assert tied["harbour-fair"] == set()
    events = relevance.events_on(tables.build(data).events, data, ["border"])
    assert sorted(events["id"]) == ["draft-a-published", "harbour-fair", "round-1", "round-2"]
    assert relevance.metrics_on(data, ["quota-size", "border-km"], ["border"]) == ["border-km"]
    assert relevance.metrics_on(data, ["quota-size", "border-km"], None) == ["quota-size", "border-km"]


def test_every_cited_source_has_publisher_type_and_how_it_was_seen(mini):
    _tie(mini)
    html = _build(mini, since=D(2024, 1, 1))
    table = _between(html, "<h2>Sources cited</h2>", "</table>")
    rows = [_text(r) for r in table.split("<tr>")[2:]]
    data = load_dataset(mini)
    cited = {s.id: s for s in data.sources.values() if s.url in table}
    assert len(rows) == len(cited) == 5
    kinds = {"newspaper": "newspaper", "agency": "news agency", "primary": "primary text"}
    for row in rows:
        source = next(s for s in cited.values() if s.url in row)
        assert f" {source.publisher} {source.published} {kinds[source.type]} on its own page" in row
    assert "Harbour fair opens (title as described by the curators)" in _text(table)
    numbers = re.findall(r'<span id="src-(\d+)">', table)
    assert numbers == [str(n) for n in range(1, 6)]
    assert set(re.findall(r'href="#src-(\d+)"', html)) == set(numbers)  # every number is cited, and listed


def test_the_compare_legend_sits_above_the_plot():
    data = load_dataset(DATA)
    t = tables.build(data)
    view = Filters(("ukraine", "russia"), ("nato-membership", "army-size"), (), data.dataset.as_of_date, ())
    cells = Memo(data, t)(views.matrix_cells, view)
    fig = charts.compare_dots(cells, [data.issues["nato-membership"]], {"ukraine": "Ukraine"}, {})
    assert fig.layout.legend.yanchor == "bottom" and fig.layout.legend.y >= 1
    assert fig.layout.xaxis.title.text  # the axis title stays below the plot, the legend above


def test_charts_fit_an_a4_page_and_labels_fit_their_rows():
    data = load_dataset(DATA)
    t = tables.build(data)
    view = Filters(("ukraine", "russia", "united-states", "european-union", "coalition-of-the-willing"), (), (),
                   data.dataset.as_of_date, ())  # fmt: skip
    html = brief.build(data, t, load_settings(DATA.parent / "config.yaml"), view)
    heights = [int(h) for h in re.findall(r'"height":(\d+)', html)]
    assert heights and max(heights) <= brief.PAGE_HEIGHT
    assert html.count('id="brief-matrix') >= 2  # the bundled issues do not fit one page
    cells = Memo(data, t)(views.matrix_cells, view)
    issues = list(data.issues.values())
    names = {s: data.actors[s].name for s in view.sides}
    matrices = brief.matrix_charts(cells, issues, names, ["#fff", "#000"])
    assert [y for m in matrices for y in m.data[0].y] == [brief.wrap(i.title, 24) for i in issues]
    for m in matrices:
        lines = max(str(c).count("<br>") + 1 for row in m.data[0].text for c in row)
        per_row = (m.layout.height - brief.MATRIX_TOP) / len(m.data[0].y)
        assert per_row >= brief.LINE * lines and m.layout.xaxis.tickangle == 0
    assert sum(len(c.layout.yaxis.tickvals) for c in brief.compare_charts(cells, issues, names, {})) == len(
        issues
    )


def test_the_brief_prints_on_a4(mini):
    html = _build(mini)
    for rule in ("@page { size: A4; margin: 15mm }", "tr { break-inside: avoid; page-break-inside: avoid }",
                 "thead { display: table-header-group }", ".chart { width: 180mm; max-width: 180mm }"):  # fmt: skip
        assert rule in html
    assert '"width":680' in html


def test_a_thin_stance_hidden_by_the_reader_keeps_its_words(withdrawn):
    html = _build(withdrawn, sides=("southland",), hide_thin=True)
    row = _row(html, "Sea border", "Southland")
    assert row.startswith("Southland thinly sourced stance hidden")
    assert "Southland says its north-line demand no longer stands." in row
    assert "Thinly sourced stances are hidden." in _text(html)
