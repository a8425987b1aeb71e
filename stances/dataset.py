"""The dataset type: a validated data folder's records by kind (the loader is `stances.loader`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from stances import models as m
from stances.dates import parse_partial
from stances.problems import Problem

TABLES = ["actors", "issues", "documents", "positions", "metrics", "figures", "events", "sources"]


@dataclass
class Data:
    """A validated dataset: records by kind, keyed by id, in file order."""

    folder: Path
    dataset: m.Dataset | None = None
    actors: dict[str, m.Actor] = field(default_factory=dict)
    issues: dict[str, m.Issue] = field(default_factory=dict)
    documents: dict[str, m.Document] = field(default_factory=dict)
    positions: dict[str, m.Position] = field(default_factory=dict)
    metrics: dict[str, m.Metric] = field(default_factory=dict)
    figures: dict[str, m.FigureValue] = field(default_factory=dict)
    events: dict[str, m.Event] = field(default_factory=dict)
    sources: dict[str, m.Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    places: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def side_of(self, actor_id: str) -> str:
        """The side an actor speaks for: a person's `represents`, otherwise the actor itself."""
        actor = self.actors.get(actor_id)
        return actor.represents if actor and actor.represents else actor_id

    def holders(self, doc: m.Document, point: m.Point | None = None) -> list[tuple[str, str, list[str]]]:
        """Who holds a plan text (or one of its points), from when, on whose word: authors and co-authors
        from the text's date, each endorsing side from its endorsement; a point with `held_by` only for
        the sides it names."""
        held = [(self.side_of(a), doc.date, doc.sources) for a in (doc.author, *doc.coauthors)]
        held += [(self.side_of(e.actor), e.date, e.sources) for e in doc.endorsed_by]
        if point is not None and point.held_by:
            named = {self.side_of(a) for a in point.held_by}
            held = [h for h in held if h[0] in named]
        return held

    @cached_property
    def first_day(self) -> dt.date | None:
        """The first day with a position or event: views cannot start earlier."""
        dates = [p.date for p in self.positions.values()] + [e.date for e in self.events.values()]
        return parse_partial(min(dates)) if dates else None

    @cached_property
    def newest_source(self) -> dt.date | None:
        """The publication date of the newest source the data cites."""
        days = [parse_partial(s.published) for s in self.sources.values()]
        return max(days) if days else None

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in TABLES}

    def summary(self) -> str:
        version = f" v{self.dataset.version} as of {self.dataset.as_of}" if self.dataset else ""
        counts = ", ".join(f"{n} {k}" for k, n in self.counts().items())
        return f"OK: {self.folder}{version}: {counts}"
