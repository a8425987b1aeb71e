"""The dataset: its records by kind, and the loader that reads and checks a data folder."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from stances import consistency
from stances import models as m
from stances.dates import parse_partial
from stances.validate import (
    FILES,
    Problem,
    _build,
    _check_references,
    _Checker,
    _read,
    check_as_of,
    check_text,
)

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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading makes about a million small objects and no cycles among them: the cyclic collector's
    passes over them cost a fifth of the load at 10,000 positions and free nothing."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def load_dataset(
    folder: str | Path, *, display_root: Path | None = None, fast: bool = True, editorial: bool = True
) -> Data:
    """Read and check every file in `folder`; problems are collected in `Data.problems`, sorted.

    `fast=False` reads with PyYAML's pure-Python parser instead of libyaml (for benchmarks);
    `editorial=False` skips the cross-record consistency checks (for archived releases).
    """
    with _collector_paused():
        return _load(Path(folder), display_root, fast, editorial)


def _load(folder: Path, display_root: Path | None, fast: bool, editorial: bool = True) -> Data:
    from stances.freshness import today  # freshness imports this module

    data = Data(folder=folder)

    @cache
    def shown(name: str) -> str:
        path = folder / name
        if display_root is not None:
            try:
                return str(path.resolve().relative_to(display_root.resolve()))
            except ValueError:
                pass
        return str(path)

    checker = _Checker(data, shown)
    for name in FILES:
        parsed = _read(folder / name, shown(name), fast)
        if isinstance(parsed, Problem):
            checker.file_unreadable(name, parsed)
        else:
            checker.parsed[name] = parsed
    check_text(checker)
    _build(checker)
    check_as_of(checker, today())
    _check_references(checker)
    if editorial:
        consistency.check(checker)
    data.problems = checker.ordered()
    return data
