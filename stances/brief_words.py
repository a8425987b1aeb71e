"""The brief's "Stances in their words": per issue, each chosen side's stance with the record behind it.

For each cell: the level (or why there is none: withdrawn, not coded, no record), the date that set it,
the age and strength marks, the side's newest record when it is newer, and the words: summary, verbatim
quote with speaker and date, why this level, and the contest note, with the sources cited.
"""

from __future__ import annotations

import pandas as pd

from stances import views
from stances.brief_html import Citations, esc, table
from stances.charts import STALE, THIN
from stances.dataset import Data
from stances.tables import STRENGTHS
from stances.text import present

CONTESTED = "⚑"
NOTE = (
    "Each side's stance at the view's as-of date with the record behind it. Set on: the date of the record "
    f"that set (or ended) the level. {STALE} old evidence: set longer ago than the configured age before "
    f"the as-of date. {THIN} thinly sourced: only aggregators, state media or relays. {CONTESTED} contested: "
    "reports disagree. Sources: how strong the sources behind the record are."
)


def _stance(cell: dict) -> str:
    """The level in bold, then its date, marks, strength and the newest record when newer."""
    if not cell["recorded"]:
        return f"<i>{esc(views.NO_POSITION)}</i>"
    lines = [f"<b>{esc(cell['stance_label'])}</b>" + (f" {CONTESTED}" if cell["contested"] else "")]
    if cell["state"] == "withdrawn" and present(cell["withdrawn_label"]):
        lines.append(f"withdrawn level: {esc(cell['withdrawn_label'])}")
    if present(cell["level_date"]):
        origin = f" ({esc(views.plan_name(cell))})" if cell.get("origin") == "plan" else ""
        lines.append(f"set on {esc(cell['level_date'])}{origin}")
    elif present(cell["date"]):
        lines.append(f"recorded {esc(cell['date'])}")
    marks = []
    if cell["stale"]:
        marks.append(f'<span class="mark">{STALE} {esc(views.STALE_MARK)}</span>')
    if cell["strength"] == "thin":
        marks.append(f'<span class="mark">{THIN} {esc(views.THIN_MARK)}</span>')
    if marks:
        lines.append(" ".join(marks))
    if cell["strength"] in STRENGTHS and cell["strength"] != "thin":
        lines.append(f'<span class="small">sources: {esc(STRENGTHS[cell["strength"]])}</span>')
    newest = cell["latest_date"]
    if present(newest) and newest != (cell["level_date"] or cell["date"]):
        lines.append(f'<span class="small">newest record on this issue: {esc(newest)}</span>')
    return "<br>".join(lines)


def _words(cell: dict, side_name: str, cite: Citations) -> str:
    """What the record says: summary, the verbatim quote with speaker and date, and the notes."""
    if not cell["recorded"]:
        return ""
    parts = [f"<div>{esc(cell['summary'])}{cite.cite(cell['source_ids'])}</div>"]
    if present(cell["quote"]):
        who = views.plan_name(cell) if cell.get("origin") == "plan" else cell["speaker_name"] or side_name
        said = f"— {esc(who)}, {esc(cell['date'])}"
        translated = f" ({esc(cell['quote_note'])})" if present(cell["quote_note"]) else ""
        parts.append(f"<blockquote>“{esc(cell['quote'])}”<br>{said}{translated}</blockquote>")
    elif present(cell["speaker_name"]):
        parts.append(f'<div class="small">Said by {esc(cell["speaker_name"])}, {esc(cell["date"])}</div>')
    if present(cell["stance_note"]):
        parts.append(f'<div class="small">Why this level: {esc(cell["stance_note"])}</div>')
    if cell["contested"] and present(cell["contested_note"]):
        parts.append(f'<div class="small">{CONTESTED} Contested: {esc(cell["contested_note"])}</div>')
    return "".join(parts)


def section(data: Data, cells: pd.DataFrame, sides: list[str], cite: Citations) -> str:
    """A table per issue in view, a row per chosen side."""
    by_cell = {(r["issue"], r["side"]): r for r in cells.to_dict("records")}
    parts = []
    for issue_id in dict.fromkeys(cells["issue"]):
        issue = data.issues[issue_id]
        rows = []
        for side in sides:
            cell = by_cell[(issue_id, side)]
            name = cell["side_name"] or side
            rows.append([esc(name), _stance(cell), _words(cell, name, cite)])
        parts += [
            f"<h3>{esc(issue.title)}</h3>",
            f'<p class="question">{esc(issue.question)}</p>',
            table(["Side", "Stance", "In their words"], rows, css="words", cols=["side", "stance", "said"]),
        ]
    return "".join(parts)
