"""The dashboard's frame: page config, navigation, the cached data and shared filters, the footer."""

import streamlit as st

from stances import registry
from stances.ui import display, frame

st.set_page_config(page_title="Peace-talks stance tracker", page_icon=":material/handshake:", layout="wide")

navigation = st.navigation(
    [
        st.Page(p.file, title=p.nav, icon=p.icon, url_path=p.url_path or None, default=not p.url_path)
        for p in registry.PAGES
    ]
)
ctx = frame.build()
with frame.running_page():
    navigation.run()
display.footer(ctx)
