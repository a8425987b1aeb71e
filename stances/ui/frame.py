"""The frame every page sits in: settings, the cached data, the problem list and the shared filters.

app.py builds it before running the chosen page. A page file can also be run on its own: Streamlit
runs `pages/*.py` directly in the first run after a start when the link names a page (its older
multipage mode), and AppTest does the same after `switch_page`. So pages ask for the frame through
`page()`, which reuses this run's frame or builds it.
"""

from __future__ import annotations

from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from stances.settings import SettingsError
from stances.ui import filters, render, state

_IN_FRAME = "_stances_in_frame"

# The pages live in pages/ but are registered with st.navigation: leave the old mode after one run.
PagesManager.uses_pages_directory = False


def build() -> state.Context:
    """Load settings and data, render the shared filters, and return this run's context.

    Stops the run with the full problem list when config.yaml or the data does not validate.
    """
    try:
        settings = state.settings()
    except SettingsError as exc:
        st.error("config.yaml is not valid; fix it and reload the page.", icon="🛑")
        st.code(str(exc), language=None)
        st.stop()
    st.sidebar.caption(settings.subtitle)
    bundle = state.load_bundle(settings)
    if not bundle.data.ok:
        render.problems(bundle.data)
        st.stop()
    chosen = filters.sidebar(bundle.data, settings)
    ctx = state.Context(bundle=bundle, settings=settings, filters=chosen)
    state.set_context(ctx)
    return ctx


@contextmanager
def running_page():
    """Mark the page run inside app.py, so `page()` reuses the frame instead of building another."""
    st.session_state[_IN_FRAME] = True
    try:
        yield
    finally:
        st.session_state[_IN_FRAME] = False


def page() -> state.Context:
    """This run's context: the one app.py built, or a new frame when the page runs on its own."""
    if st.session_state.get(_IN_FRAME):
        return state.context()
    ctx = build()
    st.session_state[_IN_FRAME] = False
    return ctx
