import streamlit as st

st.title("Peace-talks stance tracker")
