"""Everything behind one side × issue cell, untruncated: the evidence panel's content.

The stance comes from the engine; this module only gathers what a reader needs to check it: the level
and its definition, the words, the speaker, every source with its publisher and date, each contested
version with its own sources, and the side's dated history on the issue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from stances import engine
from stances.dataset import Data
from stances.dates import parse_partial
from stances.tables import TITLE_IS, Tables, actor_name
from stances.text import present


@dataclass(frozen=True)
class EvidenceSource:
    title: str
    publisher: str
    published: str
    type: str
    url: str
    relay: str = ""
    title_is: str = ""
    thin: bool = False


@dataclass(frozen=True)
class EvidenceVersion:
    claim: str
    sources: list[EvidenceSource]


@dataclass(frozen=True)
class EvidenceRecord:
    """One position or plan point, as a reader sees it."""

    date: str
    kind: str
    status: str
    level: str
    definition: str
    stance_note: str
    summary: str
    quote: str
    quote_note: str
    speaker: str
    sources: list[EvidenceSource]
    contested_note: str = ""
    versions: list[EvidenceVersion] = field(default_factory=list)
    withdrawn: str = ""
    strength: str = ""


@dataclass(frozen=True)
class Cell:
    side: str
    side_name: str
    issue: str
    issue_title: str
    question: str
    as_of: dt.date
    current: EvidenceRecord | None
    history: list[EvidenceRecord]

    @property
    def newer_uncoded(self) -> int:
        return sum(r.status == "newer, not coded" for r in self.history)

    @property
    def age_days(self) -> int | None:
        """Days from the record that set (or ended) the level to the as-of date."""
        if self.current is None or self.current.status not in (engine.CURRENT, engine.WITHDRAWN_CURRENT):
            return None
        return (self.as_of - parse_partial(self.current.date)).days

    @property
    def latest_date(self) -> str:
        return self.history[0].date if self.history else ""


def _sources(data: Data, ids: list[str]) -> list[EvidenceSource]:
    found = [data.sources[i] for i in ids if i in data.sources]
    return [
        EvidenceSource(
            s.title, s.publisher, s.published, s.type, s.url, s.relay or "", TITLE_IS[s.title_is], s.thin
        )
        for s in found
    ]


def _record(data: Data, row: dict) -> EvidenceRecord:
    position = data.positions.get(row["id"]) if row["origin"] == "position" else None
    contested = position.contested if position else None
    return EvidenceRecord(
        date=row["date"],
        kind=row["kind"],
        status=row.get("status", ""),
        level=row["stance_label"] if isinstance(row["stance_label"], str) else "",
        definition=row["level_definition"] or "",
        stance_note=row["stance_note"] or "",
        summary=row["summary"],
        quote=row["quote"] or "",
        quote_note=row["quote_note"] or "",
        speaker=row["speaker_name"] or "",
        sources=_sources(data, list(row["source_ids"])),
        contested_note=contested.note if contested else "",
        versions=[EvidenceVersion(v.claim, _sources(data, v.sources)) for v in contested.versions]
        if contested
        else [],
        withdrawn=row["withdrawn_label"] if present(row.get("withdrawn_label")) else "",
        strength=row.get("strength") or "",
    )


def cell(data: Data, tables: Tables, side: str, issue: str, *, as_of: dt.date) -> Cell:
    """The evidence behind `side`'s stance on `issue` at `as_of`; `current` is None without a record."""
    rows = engine.history(tables.evidence, side, issue, as_of=as_of)
    records = [_record(data, r) for r in rows.to_dict("records")]
    current = next((r for r in records if r.status in (engine.CURRENT, engine.WITHDRAWN_CURRENT)), None)
    if current is None and records:
        current = records[-1]
    known = data.issues.get(issue)
    return Cell(
        side=side,
        side_name=actor_name(data, side),
        issue=issue,
        issue_title=known.title if known else issue,
        question=known.question if known else "",
        as_of=as_of,
        current=current,
        history=list(reversed(records)),
    )


def parse_cell(value: str, sides: dict[str, str], issues: dict[str, str]) -> tuple[str, str] | None:
    """A `cell` link value, 'side:issue' by id or by label, as ids; None when either part is unknown."""
    side_text, sep, issue_text = value.partition(":")
    if not sep:
        return None

    def resolve(text: str, options: dict[str, str]) -> str | None:
        folded = text.strip().casefold()
        return next((k for k, v in options.items() if folded in (k.casefold(), v.casefold())), None)

    side, issue = resolve(side_text, sides), resolve(issue_text, issues)
    return (side, issue) if side and issue else None


def cell_value(side: str, issue: str) -> str:
    return f"{side}:{issue}"


def history_frame(found: Cell) -> pd.DataFrame:
    """The side's dated record on the issue, newest first, for a table."""
    return pd.DataFrame(
        [
            {
                "date": r.date,
                "status": r.status,
                "level": r.level or (f"withdraws “{r.withdrawn}”" if r.withdrawn else "not coded"),
                "kind": r.kind,
                "summary": r.summary,
                "sources": [s.title for s in r.sources],
                "links": [s.url for s in r.sources],
            }
            for r in found.history
        ],
        columns=["date", "status", "level", "kind", "summary", "sources", "links"],
    )
