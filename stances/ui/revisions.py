"""The revisions table on Sources & data: what changed between two data versions, with a download."""

from __future__ import annotations

import streamlit as st

from stances import archive, revisions
from stances import urlstate as u
from stances.dataset import Data
from stances.memo import Memo
from stances.ui import context, display, filters
from stances.ui.context import Context


def _data(version: str) -> Data:
    """A version's data: the current data, or a release from the archive."""
    settings = context.settings()
    current = context.load_bundle(settings).data
    if version == current.dataset.version:
        return current
    return context.load_archived(settings, version).data


def between(m: Memo, older: str, newer: str):
    """The revisions from one version to another, each named by its version."""
    return revisions.between(_data(older), _data(newer))


def section(ctx: Context) -> None:
    """Two versions chosen (in the link as rev_from and rev_to) and every revision between them."""
    current = context.load_bundle(ctx.settings).data.dataset.version
    released = context.archived_versions(ctx.settings)
    options = sorted(set(released) | {current}, key=archive.key)
    if len(options) < 2:
        st.info("Only one data version exists so far: there is nothing to compare.")
        return
    labels = {v: f"{v}{' (current)' if v == current else ''}" for v in options}
    left, right = st.columns(2)
    with left:
        older = filters.select("From version", labels, u.REV_FROM, index=len(options) - 2)
    with right:
        newer = filters.select("To version", labels, u.REV_TO, index=len(options) - 1)
    if archive.key(older) > archive.key(newer):
        older, newer = newer, older
    if older == newer:
        st.info("Choose two different versions.")
        return
    frame = ctx.view(between, older, newer)
    counts = revisions.summary(frame)
    st.caption(
        f"From {older} to {newer}: "
        + (", ".join(f"{n} {what}" for what, n in counts.items()) or "no revisions")
        + ". A recoding's reason is the curators' stance note in the newer version; see the changelog above "
        "for each release's own account."
    )
    display.table(
        frame,
        {
            "kind": "Record kind",
            "change": "Change",
            "what": st.column_config.TextColumn("Record", width="large"),
            "side": "Side",
            "issue": "Issue",
            "date": "Date",
            "before": st.column_config.TextColumn("Before", width="medium"),
            "after": st.column_config.TextColumn("After", width="medium"),
            "reason": st.column_config.TextColumn("Stated reason", width="large"),
        },
        key="revisions-table",
    )
    display.downloads(ctx, frame, f"revisions-{older}-to-{newer}")
