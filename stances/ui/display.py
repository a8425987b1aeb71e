"""Renderers shared by the pages: problem list, tables with links, downloads, notes."""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa
import streamlit as st

from stances import urlstate
from stances.dataset import Data
from stances.export import frame_to_csv, frame_to_json, frame_to_xlsx, reader_frame
from stances.memo import Derived
from stances.text import plain
from stances.ui.context import Context


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


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def downloads(ctx: Context, frame: pd.DataFrame, name: str, *, key: str | None = None) -> None:
    """CSV, XLSX and JSON of exactly `frame`; file names carry the data version and the as-of date. Each
    file is built when the reader clicks, not on every rerun."""
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
    shown = CONVERTED(reader_frame, frame)
    slug = key or _slug(name)
    buttons = (
        ("CSV", lambda: frame_to_csv(shown), "csv", "text/csv",
         f"{len(shown)} rows exactly as shown, with source titles and URLs"),
        ("XLSX", lambda: frame_to_xlsx(shown, name), "xlsx", XLSX,
         "The same rows as one spreadsheet sheet: numbers as numbers, dates as written in the data"),
        ("JSON", lambda: frame_to_json(shown, meta), "json", "application/json",
         "The same rows with the dataset version and the filters used"),
    )  # fmt: skip
    for column, (label, build, ext, mime, help_text) in zip(st.columns([1, 1, 1, 3]), buttons, strict=False):
        column.download_button(
            f"⬇ {label}",
            build,
            file_name=f"{stem}.{ext}",
            mime=mime,
            key=f"{ext}-{slug}",
            on_click="ignore",
            help=help_text,
        )


LINK = st.column_config.LinkColumn
CONVERTED = Derived()
"""A view's table in the forms it is shown and downloaded in, kept while the view's result lives: a warm
rerun shows the memo's table without converting it again."""


MAX_ROWS = 1000  # a table longer than this shows its first rows; the downloads hold every row


def _arrow(frame: pd.DataFrame, names: tuple[str, ...]) -> pa.Table | pd.DataFrame:
    """The first `MAX_ROWS` rows of the columns as an Arrow table, the form a table travels in, so a warm
    rerun skips converting. A column Arrow cannot type is left to Streamlit, which shows it as text."""
    chosen = frame[list(names)].iloc[:MAX_ROWS].copy()
    for name in chosen.columns:
        if chosen[name].dtype == object:
            chosen[name] = chosen[name].map(_visible)
    try:
        return pa.Table.from_pandas(chosen, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return chosen


def _visible(value: object) -> object:
    """A table cell's text without bidi controls, zero-width or other invisible characters (`text.plain`)."""
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, list):
        return [plain(v) if isinstance(v, str) else v for v in value]
    return value


def _column(spec: object) -> object:
    """A column's config with its header as visible text (a header can be a side's or a plan's name)."""
    if isinstance(spec, str):
        return st.column_config.Column(plain(spec))
    if isinstance(spec, dict) and isinstance(spec.get("label"), str):
        return {**spec, "label": plain(spec["label"])}
    return spec


def table(
    frame: pd.DataFrame, columns: dict[str, object], *, height: int | str = "auto", key: str | None = None
):
    """A read-only table of the given columns (name → label or column config), in that order.

    With a `key`, a reader can select one row; the selected row's position is returned."""
    config = {name: _column(spec) for name, spec in columns.items()}
    picked = st.dataframe(
        CONVERTED(_arrow, frame, tuple(columns)),
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
    link = urlstate.share_link(base, params, ctx.data.dataset.version, as_of=ctx.as_of)
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
        f"{md(d.title)} · data version {md(d.version)}, current to {md(d.as_of)} · "
        f"{len(ctx.data.positions)} positions, {len(ctx.data.sources)} sources · "
        "every record cites its sources; see Sources & data for how to cite."
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")
# The renderer turns some plain text into markup: shortcodes (:streamlit:, :smile:, :material/home:),
# directives (:red[…]) and bare addresses (https://…, www.…, a@b.c). An invisible zero-width space after
# each colon that touches text, before each @ and inside www. breaks every one of those patterns.
_TRIGGERS = re.compile(r"(?<=\\:)(?=\S)|(?<=www)(?=\\\.)|(?=@)", re.IGNORECASE)


def md(text: object) -> str:
    """The one path for data or link text into anything Streamlit renders as Markdown (markdown, captions,
    headers, metric labels and values, tabs, expanders, help, notices): one visible line (`text.plain`:
    no line breaks, bidi controls or zero-width characters) with every Markdown, HTML and maths character
    escaped and no shortcode, directive or autolink left to expand. The reader sees the stored characters."""
    escaped = _MD_SPECIAL.sub(r"\\\1", plain(text))
    return _TRIGGERS.sub("\u200b", escaped)


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
        st.markdown(_cards_text(items))


def _cards_text(items: list[tuple[str, list[tuple[str, str]]]]) -> str:
    return "\n\n".join(
        f"##### {md(title)}\n" + "  \n".join(f"**{md(name)}**: {md(text)}" for name, text in lines)
        for title, lines in items
    )
