"""The "⬇ Brief (HTML)" download: the current view as one self-contained HTML file, built on click."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from stances import brief
from stances.ui.context import Context


def download(ctx: Context, since: dt.date | None = None, until: dt.date | None = None) -> None:
    """A download button for the brief of this view; the file is built only when the reader clicks."""
    data, tables, settings, chosen = ctx.data, ctx.tables, ctx.settings, ctx.filters

    def build() -> bytes:
        return brief.build(data, tables, settings, chosen, since, until).encode("utf-8")

    st.download_button(
        "⬇ Brief (HTML)",
        build,
        file_name=brief.file_name(data, as_of=ctx.as_of),
        mime="text/html",
        key="brief-html",
        on_click="ignore",
        help="One HTML file of this view for a memo: generation date, data version and age, key numbers, the "
        "stance matrix and compare chart, each stance in its words with its date and marks, recent changes "
        "and every source with its publisher and type. Opens offline; prints on A4.",
    )
