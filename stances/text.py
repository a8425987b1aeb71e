"""Text helpers shared by tables, charts and pages: escaping for plotly hovers, wrapping, presence,
numbers and amounts."""

from __future__ import annotations

import html
import math
import unicodedata

import pandas as pd

_BREAKS = frozenset("\n\r\t\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_HIDDEN = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))


def plain(value: object) -> str:
    """Data text as one visible line: line breaks and tabs become spaces; control and format characters
    (bidi overrides and isolates, zero-width characters, soft hyphens, tags) and unassigned code points are
    removed, so stored text shows in the order it is stored and nothing hides in it."""
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    if text.isprintable():
        return text
    return "".join(" " if c in _BREAKS else "" if unicodedata.category(c) in _HIDDEN else c for c in text)


def esc(value: object, limit: int = 300) -> str:
    """Text safe inside plotly titles, labels and hovers (which render a few HTML tags), as one visible
    line (`plain`), cut to `limit` chars."""
    text = plain(value)
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


def number(value: float, value_max: float | None = None) -> str:
    def one(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")

    if value_max is not None and not pd.isna(value_max):
        return f"{one(value)}–{one(value_max)}"
    return one(value)


_CURRENCY = {"USD": "$", "EUR": "€", "GBP": "£"}
_SCALE = {"billion": "bn", "million": "m", "trillion": "tn"}


def amount(value: float, value_max: float | None, unit: str) -> str:
    """A value with its unit, short: 'USD billion' → '$15–15.5 bn', 'troops' → '800,000 troops'."""
    parts = unit.split()
    if len(parts) == 2 and parts[0] in _CURRENCY and parts[1] in _SCALE:
        return f"{_CURRENCY[parts[0]]}{number(value, value_max)} {_SCALE[parts[1]]}"
    if unit == "percent":
        return f"{number(value, value_max)}%"
    return f"{number(value, value_max)} {unit}"
