"""The dashboard's frame: settings, cached data, shared filters, navigation and footer."""

import streamlit as st

from stances.settings import SettingsError
from stances.ui import filters, render, state

st.set_page_config(page_title="Peace-talks stance tracker", page_icon="🕊️", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon="🏠", default=True),
    st.Page("pages/matrix.py", title="Stance matrix", icon="🧭", url_path="matrix"),
    st.Page("pages/compare.py", title="Compare", icon="⚖️", url_path="compare"),
    st.Page("pages/figures.py", title="Key figures", icon="📊", url_path="figures"),
    st.Page("pages/timeline.py", title="Timeline", icon="🗓️", url_path="timeline"),
    st.Page("pages/sources.py", title="Sources & data", icon="📚", url_path="sources"),
]

try:
    settings = state.settings()
except SettingsError as exc:
    st.error("config.yaml is not valid; fix it and restart the app.", icon="🛑")
    st.code(str(exc), language=None)
    st.stop()

navigation = st.navigation(PAGES)
st.sidebar.caption(settings.subtitle)
bundle = state.load_bundle(settings)
if not bundle.data.ok:
    render.problems(bundle.data)
    st.stop()

chosen = filters.sidebar(bundle.data, settings)
state.set_context(state.Context(bundle=bundle, settings=settings, filters=chosen))
navigation.run()
render.footer(state.context())
