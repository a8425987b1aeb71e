"""Text helpers shared by tables, charts and pages: escaping for plotly hovers, wrapping, presence."""

from __future__ import annotations

import html
import math

import pandas as pd


def esc(value: object, limit: int = 300) -> str:
    """Text safe inside plotly hover labels (which render a few HTML tags), cut to `limit` chars."""
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return html.escape(text, quote=False)


def present(value: object) -> bool:
    """False for None, NaN and empty text (pandas fills missing cells with NaN)."""
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return value != ""


def wrap(text: str, width: int = 60) -> str:
    """Break escaped text into lines for hover boxes."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)
