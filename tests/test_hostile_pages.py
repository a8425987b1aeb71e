"""The hostile-data fixture (tests/e2e/hostile.py) on every page in AppTest: every string from the data
reaches Streamlit escaped, as one visible line, and every download is inert in CSV and XLSX."""

from __future__ import annotations

import re

import pytest

from stances import export, registry
from stances.ui import display
from tests.e2e import hostile

from .apptest import open_page
from .conftest import MINI, MINI_CONFIG
from .test_downloads import assert_inert, assert_same, read_csv, read_xlsx

LINKS = {  # what a page is visited with, beyond its defaults, so that the hostile text is on screen
    "matrix": {"cell": "northland:border"},
    "compare": {"cell": "northland:border"},
    "explorer": {"closest": "true"},
    "timeline": {"period": "everything"},
    "changes": {"since": "2024-01-10", "until": "2024-06-30"},
}
VISITS = [(name, LINKS.get(name, {})) for name in registry.NAMES]
DOWNLOADS = {"latest-stance-changes", "stance-matrix", "compare", "distances", "gaps-quota-size",
             "settlement-package", "closest-package", "plans-by-issue", "key-figures", "timeline-events",
             "timeline-positions", "stance-changes", "new-figures", "new-events", "sources"}  # fmt: skip


@pytest.fixture
def hostile_config(tmp_path, monkeypatch):
    """Run the app on the hostile copy of the fixture; record every frame offered for download."""
    hostile.write(MINI, tmp_path / "hostile")
    config = tmp_path / "config.yaml"
    config.write_text(MINI_CONFIG.read_text().replace("data_dir: mini", "data_dir: hostile"))
    monkeypatch.setenv("STANCES_CONFIG", str(config))
    offered: dict[str, object] = {}
    original = display.downloads

    def recording(ctx, frame, name, **kwargs):
        offered[name] = export.reader_frame(frame)
        return original(ctx, frame, name, **kwargs)

    monkeypatch.setattr(display, "downloads", recording)
    return offered


def rendered(at) -> tuple[list[str], list[str]]:
    """(Markdown-rendered strings, one-line labels) of everything the page shows outside tables and charts."""
    body = [e.value for kind in ("markdown", "caption", "warning", "info", "success", "error")
            for e in getattr(at, kind)]  # fmt: skip
    labels = [e.value for kind in ("title", "header", "subheader") for e in getattr(at, kind)]
    labels += [m.label for m in at.metric] + [m.value for m in at.metric]
    body += [m.help for m in at.metric if m.help]
    labels += [t.label for t in at.tabs] + [x.label for x in at.expander]
    body += [w.label for w in at.selectbox] + [w.help for w in at.selectbox if w.help]
    return body + labels, labels


@pytest.mark.parametrize(("page", "params"), VISITS, ids=[p for p, _ in VISITS])
def test_hostile_data_reaches_every_page_as_escaped_text(hostile_config, page, params):
    at = open_page(page, params)
    assert not at.exception, [e.value for e in at.exception]
    everything, labels = rendered(at)
    assert any("pixel" in s for s in everything) or page != "overview", "the data's texts are on the page"
    for text in everything:
        bare = re.sub(r"\\.", "", text)  # what is left once every escaped character is taken as literal
        for token in hostile.RAW:
            assert token not in bare, (token, text[:200])
    for text in labels:
        assert "\n" not in text, text[:200]
    for block in at.code:  # shown as typed (the citation): still no hidden or reordering characters
        assert not set(block.value) & {"\u202e", "\u2066", "\u200b", "\u2028"}, block.value[:200]


def test_every_download_is_inert_and_the_xlsx_matches_the_csv(hostile_config):
    for page, params in VISITS:
        assert not open_page(page, params).exception, page
    offered = hostile_config
    missing = [d for d in DOWNLOADS if not any(name.startswith(d) for name in offered)]
    assert not missing and len(offered) >= len(DOWNLOADS) + 1, (missing, list(offered))  # + plan changes
    neutralised = 0
    for name, frame in offered.items():
        rows = read_csv(export.frame_to_csv(frame))
        assert len(rows) > 1, name
        assert_inert(rows)
        assert_same(rows, read_xlsx(export.frame_to_xlsx(frame, name)))
        neutralised += sum(
            c.startswith("'") and c[1:].startswith(hostile.FORMULA_STARTS) for r in rows for c in r
        )
    assert neutralised > 50, "the hostile texts reached the downloads and were neutralised"


def test_the_brief_shows_hostile_data_as_text(tmp_path):
    """The brief: every data text escaped as HTML, no hidden characters, no markup from the data."""
    from stances import brief, tables
    from stances.loader import load_dataset
    from stances.settings import load_settings
    from stances.view_filters import Filters

    data = load_dataset(hostile.write(MINI, tmp_path / "data"))
    assert data.ok, data.problems
    view = Filters(("northland", "southland", "mediator"), (), (), data.dataset.as_of_date, ())
    page = brief.build(data, tables.build(data), load_settings(MINI_CONFIG), view)
    body = page.split("<body>", 1)[1]
    assert "&lt;script&gt;window.__pwned" in body and "<script>window.__pwned" not in body
    assert not re.search(r"<img\b", body)  # the data's image markup stays text (HTML renders no markdown)
    assert not any(ch in body for ch in "\u202e\u2066\u200b\u2028")
