"""The frame every page sits in: settings, the cached data, the problem list and the shared filters.

app.py builds it, then runs the chosen page inside it. Because the page files live in `pages/`,
Streamlit starts in its older multipage mode, which runs a linked page file directly, without app.py
(the first request after a server start, and every AppTest run after `switch_page`). `page()` notices
that, leaves the old mode and reruns, so the page always runs inside app.py's frame and navigation.
"""

from __future__ import annotations

from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from stances import freshness
from stances import urlstate as u
from stances.settings import SettingsError
from stances.ui import context, display, filters

_IN_FRAME = "_stances_in_frame"

# The pages live in pages/ but are registered with st.navigation: leave the old mode after one run.
PagesManager.uses_pages_directory = False


def build() -> context.Context:
    """Load settings and data, render the shared filters, and return this run's context.

    Stops the run with the full problem list when config.yaml or the data does not validate.
    """
    try:
        settings = context.settings()
    except SettingsError as exc:
        st.error("config.yaml is not valid; fix it and reload the page.", icon="🛑")
        st.code(str(exc), language=None)
        st.stop()
    st.sidebar.caption(settings.subtitle)
    display.layout_css()
    bundle = context.load_bundle(settings)
    if not bundle.data.ok:
        display.problems(bundle.data)
        st.stop()
    age = freshness.freshness(bundle.data, freshness.today(), settings.stale_after_days)
    if age.warning:
        st.warning(display.md(age.warning), icon=":material/history:")
    st.caption(age.caption)
    notices: list[str] = st.session_state.pop(filters.KEPT_NOTICES, [])
    chosen = filters.sidebar(bundle.data, settings, notices)
    stale_link = u.version_notice(st.query_params.get_all(u.VERSION), bundle.data.dataset.version,
                                  bundle.data.dataset.as_of)  # fmt: skip
    for text in dict.fromkeys([*notices, *([stale_link] if stale_link else [])]):
        display.notice(text)
    ctx = context.Context(bundle=bundle, settings=settings, filters=chosen)
    context.set_context(ctx)
    return ctx


@contextmanager
def running_page():
    """Mark the page run inside app.py, so `page()` reuses the frame instead of building another."""
    st.session_state[_IN_FRAME] = True
    try:
        yield
    finally:
        st.session_state[_IN_FRAME] = False


def page() -> context.Context:
    """This run's context, built by app.py; a page run on its own reruns through app.py instead."""
    if not st.session_state.get(_IN_FRAME):
        PagesManager.uses_pages_directory = False
        st.rerun()
    return context.context()
