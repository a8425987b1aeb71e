"""Hover text for the charts: the one place plotly hover HTML is built. Tables hold plain values; each
function here takes them and escapes every piece of data text through `text.esc`."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from stances.tables import STRENGTHS
from stances.text import amount, esc, number, present, wrap

TEMPLATE = "%{hovertext}<extra></extra>"  # the trace's hovertext as it is, without plotly's side box
LABEL = {"align": "left", "font": {"size": 12}}
MISSING = "no recorded position"


def bold(text: str) -> str:
    """Escaped text in bold."""
    return f"<b>{text}</b>"


def lines(*parts: str) -> str:
    """Escaped parts, one line each."""
    return "<br>".join(parts)


def sources(titles: list[str]) -> str:
    return wrap("Source: " + esc("; ".join(titles), 200))


def contested(note: str) -> str:
    return wrap("⚑ Contested: " + esc(note, 240))


def cell(row: Mapping) -> str:
    """A matrix cell: the side's level on the issue, the record behind it, its age and sources."""
    head = f"{bold(esc(row['side_name']))} · {esc(row['issue_title'])}"
    if not row.get("recorded"):
        return lines(head, MISSING)
    coded = present(row.get("stance_label"))
    parts = [
        head,
        bold(esc(row["stance_label"] if coded else "stance not coded"))
        + f" ({esc(row['kind'])}, {esc(row['date'])})",
    ]
    if coded and present(row.get("level_definition")) and row["level_definition"] != row["stance_label"]:
        parts.append(wrap("Level: " + esc(row["level_definition"], 300)))
    if present(row.get("stance_note")):
        parts.append(wrap("Why this level: " + esc(row["stance_note"], 300)))
    parts.append(wrap(esc(row["summary"], 400)))
    if present(row.get("speaker_name")):
        parts.append(f"Speaker: {esc(row['speaker_name'])}")
    if present(row.get("quote")):
        parts.append(wrap(f"“{esc(row['quote'], 240)}”"))
    if row.get("contested"):
        parts.append(contested(row["contested_note"]))
    if row.get("state") in ("coded", "withdrawn"):
        age = row.get("age_days")
        parts.append(
            f"Evidence of {esc(row['level_date'])}"
            + (f" ({int(age)} days before the as-of date)" if present(age) else "")
            + (" · ◷ old evidence" if row.get("stale") else "")
        )
        parts.append(f"Sources: {esc(STRENGTHS.get(row.get('strength'), ''))}")
    newer = row.get("newer_uncoded") or 0
    if newer:
        parts.append(f"+ {int(newer)} newer statement(s) without a level (see the detail table)")
    parts.append(sources(row["source_titles"]))
    return lines(*parts)


def positions(frame: pd.DataFrame) -> list[str]:
    """The timeline's positions (the positions' table with `changed`), reading only the columns used:
    a whole row of that wide table costs more than the text."""
    columns = ["date", "issue_title", "kind", "stance_label", "withdrawn_label", "summary", "changed"]
    return [position(row) for row in frame[columns].itertuples(index=False)]


def position(row) -> str:
    """A position on the timeline."""
    withdrawn = row.withdrawn_label
    shown = f"withdraws “{withdrawn}”" if present(withdrawn) else row.stance_label
    stance = esc(shown) if present(shown) else "stance not coded"
    text = lines(f"{bold(esc(row.date))} · {esc(row.issue_title)} · {esc(row.kind)}", stance,
                 wrap(esc(row.summary, 240)))  # fmt: skip
    return text + ("<br>★ changed the side's stance" if row.changed else "")


def events(frame: pd.DataFrame, *, marked: bool = True) -> list[str]:
    """Events (the events' table); `marked` adds ⚑ to a contested one."""
    columns = ["date", "kind", "title", *(["contested"] if marked else [])]
    return [event(row, marked=marked) for row in frame[columns].itertuples(index=False)]


def event(row, *, marked: bool = True) -> str:
    text = lines(f"{bold(esc(row.date))} · {esc(row.kind)}", wrap(esc(row.title)))
    return text + ("<br>⚑ contested" if marked and row.contested else "")


def figure_value(row) -> str:
    """A metric's value: the number with its unit, basis and date, the note and the sources."""
    return lines(
        bold(esc(row.label)),
        f"{number(row.value, row.value_max)} {esc(row.unit)} · {esc(row.basis)} · {esc(row.date)}",
        *([wrap(esc(row.note))] if row.note else []),
        *([contested(row.contested_note)] if row.contested else []),
        sources(row.source_titles),
    )


def step(side_name: str, row) -> str:
    """A point on a side's stance line over time."""
    return lines(f"{bold(esc(side_name))} · {esc(row.date)}", esc(row.stance_label), wrap(esc(row.summary)))


def dot(side_name: str, row) -> str:
    """A side's stance on an issue's scale, with the level's definition."""
    stance = f"{esc(row.stance_label)} ({esc(row.date)})"
    text = lines(f"{bold(esc(side_name))} · {esc(row.issue_title)}", stance)
    if present(row.level_definition):
        text += "<br>" + wrap("Level: " + esc(row.level_definition, 300))
    return text


def pair(name_a: str, name_b: str, distance: float, issues: int) -> str:
    """Two sides' distance (NaN when they share no issue)."""
    said = "no issue in common" if pd.isna(distance) else f"distance {distance:.2f} over {issues} issue(s)"
    return lines(bold(f"{esc(name_a)} ↔ {esc(name_b)}"), said)


def pair_month(name: str, month: pd.Timestamp, distance: float, issues: int) -> str:
    return lines(bold(esc(name)), f"{month:%Y-%m}: distance {distance:.2f} over {issues} issue(s)")


def plan_text(row) -> str:
    """A plan text on the lineage chart: date, author, points and the text it revises."""
    return (
        lines(bold(esc(row.title)), f"{esc(row.date)} · {esc(row.author)} · {row.points} points")
        + (" (known in part)" if row.partial else "")
        + (f"<br>based on: {esc(row.based_on_title)}" if row.based_on_title else "")
    )


def context(row) -> str:
    """A context value in words: the number, who measured it, the exact wording, sample and fieldwork,
    and the source; a forecast is the platform's number, never ours."""
    parts = [
        bold(esc(row.series)),
        f"{amount(row.value, row.value_max, row.unit)} · {esc(row.date)}"
        + (" · the platform's number" if row.kind == "forecast" else ""),
    ]
    if present(row.question):
        asked = "Resolves: " if row.kind == "forecast" else "Question: "
        parts.append(wrap(asked + "“" + esc(row.question, 400) + "”"))
    details = [
        *([f"by {esc(row.by)}"] if present(row.by) else []),
        *([f"n = {int(row.sample):,}"] if present(row.sample) else []),
        *([f"fieldwork {esc(row.fieldwork)}"] if present(row.fieldwork) else []),
    ]
    if details:
        parts.append(" · ".join(details))
    if present(row.note):
        parts.append(wrap(esc(row.note)))
    if row.contested:
        parts.append(contested(row.contested_note))
    parts.append(sources(row.source_titles))
    return lines(*parts)


def tie(row, relation: str) -> str:
    """An actor's tie to a plan text (wrote, co-wrote, endorsed, rejected)."""
    return lines(f"{bold(esc(row.actor_name))} {relation} {bold(esc(row.title))}", esc(row.date),
                 sources(row.sources))  # fmt: skip


def red_line(side_name: str, issue_title: str, label: str) -> str:
    """A level a side's red line rejects, on the settlement explorer's chart."""
    return lines(f"{bold(esc(side_name, 30))}: red line on {esc(issue_title)}", f"rejects {esc(label, 60)}")


def held(name: str, issue_title: str, label: str) -> str:
    """A side's stance, or the package's level, on an issue of the settlement explorer's chart."""
    return lines(f"{bold(esc(name, 30))} · {esc(issue_title)}", esc(label, 60))
