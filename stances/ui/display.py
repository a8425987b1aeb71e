"""Renderers shared by the pages: problem list, tables with links, downloads, notes."""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa
import streamlit as st

from stances import urlstate
from stances.dataset import Data
from stances.export import frame_to_csv, frame_to_json, reader_frame
from stances.ui.context import Context, context


def problems(data: Data) -> None:
    """The full validation report instead of partial data."""
    st.error(
        f"The data in `{data.folder.name}/` did not pass validation: {len(data.problems)} problem(s). "
        "Nothing is shown until they are fixed; fix the file(s) and the next rerun shows the dashboard.",
        icon="🛑",
    )
    st.code("\n".join(str(p) for p in data.problems), language=None, wrap_lines=True)
    st.caption("Check from a terminal with `python -m stances validate`.")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def downloads(ctx: Context, frame: pd.DataFrame, name: str, *, key: str | None = None) -> None:
    """CSV and JSON of exactly `frame`; file names carry the data version and the as-of date."""
    version = ctx.data.dataset.version
    stem = f"{_slug(name)}_v{version}_as-of-{ctx.as_of.isoformat()}"
    meta = {
        "dataset": ctx.data.dataset.title,
        "version": version,
        "data_as_of": ctx.data.dataset.as_of,
        "view_as_of": ctx.as_of.isoformat(),
        "view": name,
        "filters": {
            "sides": list(ctx.filters.sides),
            "issues": list(ctx.filters.issues),
            "categories": list(ctx.filters.categories),
            "kinds": list(ctx.filters.kinds),
            "hide_thinly_sourced": ctx.filters.hide_thin,
        },
    }
    shown = ctx.memo(reader_frame, frame)
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "⬇ CSV",
        lambda: frame_to_csv(shown),  # built when the reader clicks, not on every rerun
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"csv-{key or _slug(name)}",
        on_click="ignore",
        help=f"{len(shown)} rows exactly as shown, with source titles and URLs",
    )
    right.download_button(
        "⬇ JSON",
        lambda: frame_to_json(shown, meta),
        file_name=f"{stem}.json",
        mime="application/json",
        key=f"json-{key or _slug(name)}",
        on_click="ignore",
        help="The same rows with the dataset version and the filters used",
    )


LINK = st.column_config.LinkColumn


MAX_ROWS = 1000  # a table longer than this shows its first rows; the downloads hold every row


def _arrow(frame: pd.DataFrame, names: tuple[str, ...]) -> pa.Table | pd.DataFrame:
    """The first `MAX_ROWS` rows of the columns as an Arrow table, the form a table travels in, so a warm
    rerun skips converting. A column Arrow cannot type is left to Streamlit, which shows it as text."""
    chosen = frame[list(names)].iloc[:MAX_ROWS]
    try:
        return pa.Table.from_pandas(chosen, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return chosen


def table(
    frame: pd.DataFrame, columns: dict[str, object], *, height: int | str = "auto", key: str | None = None
):
    """A read-only table of the given columns (name → label or column config), in that order.

    With a `key`, a reader can select one row; the selected row's position is returned."""
    config = {
        name: (spec if not isinstance(spec, str) else st.column_config.Column(spec))
        for name, spec in columns.items()
    }
    picked = st.dataframe(
        context().memo(_arrow, frame, tuple(columns)),
        column_config=config,
        hide_index=True,
        width="stretch",
        height=height,
        key=key,
        on_select="rerun" if key else "ignore",
        selection_mode="single-row",
    )
    if len(frame) > MAX_ROWS:
        st.caption(f"The first {MAX_ROWS:,} of {len(frame):,} rows as ordered here; the downloads hold all.")
    rows = picked.selection.rows if key else []
    return rows[0] if rows else None


def share(ctx: Context) -> None:
    """The link to this exact view, with a copy button: it pins the as-of date and the data version."""
    base = st.context.url or ""
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    link = urlstate.share_link(base, params, ctx.as_of, ctx.data.dataset.version)
    with st.expander("Copy a link to this view", icon=":material/link:"):
        st.code(link, language=None, wrap_lines=True)
        st.caption(
            "The link pins the as-of date and the data version, so it opens on the same view after the "
            "data is updated (and says so when a newer version exists)."
        )


def footer(ctx: Context) -> None:
    d = ctx.data.dataset
    share(ctx)
    st.divider()
    st.caption(
        f"{d.title} · data version {d.version}, current to {d.as_of} · "
        f"{len(ctx.data.positions)} positions, {len(ctx.data.sources)} sources · "
        "every record cites its sources; see Sources & data for how to cite."
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
# The renderer turns bare addresses in text into links (https://…, www.…, a@b.c); an invisible
# zero-width space breaks each pattern without changing what the reader sees.
_BARE_LINK = re.compile(r"(?<=\\:)(?=//)|(?<=www)(?=\\\.)|(?=@)", re.IGNORECASE)


def md(text: object) -> str:
    """Data text made literal inside Streamlit markdown (no links, emphasis, HTML or maths)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
    return _BARE_LINK.sub("\u200b", escaped)


def notice(text: str) -> None:
    """A warning whose every character is literal: link values can never become links or markup."""
    st.warning(md(text), icon="⚠️")


NARROW = 640  # px: below this width the wide-only parts give way to their narrow-screen versions
_LAYOUT_CSS = f"""<style>
[class*="st-key-narrow-"] {{ display: none; }}
@media (max-width: {NARROW}px) {{
  [class*="st-key-wide-"] {{ display: none; }}
  [class*="st-key-narrow-"] {{ display: flex; }}
}}
</style>"""


def layout_css() -> None:
    """Containers keyed `wide-…` show on wide screens, `narrow-…` on phones (pure CSS, no reload)."""
    st.html(_LAYOUT_CSS)


def cards(items: list[tuple[str, list[tuple[str, str]]]], key: str) -> None:
    """A phone-sized list: each issue with every side's stance, one per line."""
    with st.container(key=f"narrow-{key}"):
        st.markdown(context().memo(_cards_text, items))


def _cards_text(items: list[tuple[str, list[tuple[str, str]]]]) -> str:
    return "\n\n".join(
        f"##### {md(title)}\n" + "  \n".join(f"**{md(name)}**: {md(text)}" for name, text in lines)
        for title, lines in items
    )
