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
WATCH_SECONDS = 10

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
    current, broken = context.load_serving(settings)
    if current is None:
        display.problems(broken)
        st.stop()
    watch(settings, context.signature(context.data_folder(settings)))
    if broken is not None:
        st.session_state[context.BROKEN] = broken
        st.warning(
            f"A newer edit of the data has {len(broken.problems)} problem(s), so this shows the last version "
            f"that validated (version {display.md(current.data.dataset.version)}, current to "
            f"{current.data.dataset.as_of}). Curators: the list is on Sources & data, and "
            "`python -m stances validate` prints it.",
            icon=":material/build:",
        )
    else:
        st.session_state.pop(context.BROKEN, None)
    notices: list[str] = st.session_state.pop(filters.KEPT_NOTICES, [])
    bundle = _version(settings, current, notices)
    if bundle is current:
        age = freshness.freshness(bundle.data, settings.stale_after_days, today=freshness.today())
        if age.warning:
            st.warning(display.md(age.warning), icon=":material/history:")
        st.caption(age.caption)
    chosen = filters.sidebar(bundle.data, settings, notices)
    for text in dict.fromkeys(notices):
        display.notice(text)
    ctx = context.Context(bundle=bundle, settings=settings, filters=chosen)
    context.set_context(ctx)
    return ctx


@st.fragment(run_every=WATCH_SECONDS)
def watch(settings, seen: tuple) -> None:
    """Every few seconds, check whether the data on disk changed since this page was drawn; if it did,
    say so and offer a refresh (an open tab otherwise shows the old data until the reader acts)."""
    if context.signature(context.data_folder(settings)) == seen:
        return
    with st.container(key="data-changed"):
        st.info("The data has changed since this page was drawn.", icon=":material/sync:")
        if st.button("Refresh to see the new data", key="refresh-data"):
            st.rerun(scope="app")


def _version(settings, current: context.Bundle, notices: list[str]) -> context.Bundle:
    """The data a link asks for: an archived release when `v` names one, else the current data. An old
    version says so, with one click to the same view on the current data and one to what changed."""
    now = current.data.dataset
    wanted, notice = u.version_choice(
        st.query_params.get_all(u.VERSION), now.version, context.archived_versions(settings)
    )
    if notice:
        notices.append(notice)
    if wanted is None:
        return current
    bundle = context.load_archived(settings, wanted)
    if not bundle.data.ok:
        notices.append(f"The archived data version {wanted} cannot be read; showing the current version.")
        return current
    old = bundle.data.dataset
    with st.container(border=True, key="version-notice"):
        st.markdown(display.md(u.version_notice(old.version, old.as_of, now.version, now.as_of)))
        left, right = st.columns(2)
        if left.button(f"Show this view on the current data ({now.version})", key="to-current-version"):
            del st.query_params[u.VERSION]
            st.rerun()
        right.page_link(
            "pages/sources.py",
            label=f"What changed since version {old.version}",
            icon=":material/difference:",
            query_params={u.REV_FROM: old.version, u.REV_TO: now.version},
        )
    return bundle


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
