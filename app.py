"""The dashboard's frame: page config, navigation, the cached data and shared filters, the footer."""

import streamlit as st

from stances.ui import display, frame

st.set_page_config(page_title="Peace-talks stance tracker", page_icon=":material/handshake:", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
        st.Page("pages/matrix.py", title="Stance matrix", icon=":material/grid_on:", url_path="matrix"),
        st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"),
        st.Page(
            "pages/distance.py", title="How far apart", icon=":material/social_distance:", url_path="distance"
        ),
        st.Page(
            "pages/explorer.py", title="Settlement explorer", icon=":material/balance:", url_path="explorer"
        ),
        st.Page("pages/plans.py", title="Plans", icon=":material/description:", url_path="plans"),
        st.Page("pages/figures.py", title="Key figures", icon=":material/bar_chart:", url_path="figures"),
        st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
        st.Page("pages/changes.py", title="What changed", icon=":material/update:", url_path="changes"),
        st.Page("pages/sources.py", title="Sources & data", icon=":material/menu_book:", url_path="sources"),
    ]
)
ctx = frame.build()
with frame.running_page():
    navigation.run()
display.footer(ctx)
