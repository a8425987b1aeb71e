"""Opening a page the way a reader does: the app runs first, then the page, which shows its own title."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from stances import registry

from .conftest import ROOT

TITLES = {p.name: p.title for p in registry.PAGES if p.title}


def open_page(page: str, params: dict | None = None) -> AppTest:
    """Open a link to `page` as the first request of a session, as a reader's browser does: the page
    runs inside app.py's frame (the frame reruns a page file run on its own through app.py).

    Unless the data failed validation (every page then shows the problem list), the page must show its
    own title: a page that silently fell back to another would fail here. `browse` below covers the
    other path, a reader who starts on the app and then moves from page to page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(f"pages/{page}.py")
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page in TITLES and not at.error and not at.exception:
        assert [t.value for t in at.title][:1] == [TITLES[page]], [t.value for t in at.title]
    return at


def browse(pages: list[str]) -> AppTest:
    """Run the app (the overview), then switch to each page in turn, checking each page's title."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception and at.title, "the app itself runs and shows the overview"
    for page in pages:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        if page in TITLES:
            assert at.title[0].value == TITLES[page], (page, [t.value for t in at.title])
    return at
