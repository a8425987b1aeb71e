"""The dataset's record types: one pydantic model per kind of YAML record.

Models check each record on its own (types, formats, required fields). Checks that need more than one
record — references, duplicate ids, stances on an issue's scale — live in `validate.py`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from stances.dates import parse_partial

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _check_date(value: str) -> str:
    parse_partial(value)
    return value


_URL = re.compile(r"https?://\S*\Z", re.IGNORECASE)


def _check_url(value: str) -> str:
    if _URL.match(value):
        return value
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in ("http", "https") or not value.lower().startswith(f"{scheme}://"):
        raise ValueError(f"url must start with http:// or https://, not '{value[:40]}'")
    if any(ch.isspace() for ch in value):
        raise ValueError("url must not contain spaces")
    return value


def _check_host(value: str) -> str:
    """A URL names a host: `http://` alone, or `https:///path`, leads nowhere."""
    try:
        parts = urlsplit(value)
        host, _ = parts.hostname, parts.port
    except ValueError as exc:
        raise ValueError(f"url is malformed: {exc}") from None
    if not host:
        raise ValueError("url has no host: write http(s)://host/path")
    return value


PartialDate = Annotated[str, AfterValidator(_check_date)]
Url = Annotated[str, AfterValidator(_check_url), AfterValidator(_check_host)]
SourceIds = Annotated[list[Slug], Field(min_length=1)]


class Record(BaseModel):
    """Base for every record: unknown fields are errors, and YAML's type guesses are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


VersionNumber = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]


class Change(Record):
    """One data release: what it added or changed, for readers."""

    version: VersionNumber
    date: PartialDate
    summary: Annotated[list[Text], Field(min_length=1)]


class Dataset(Record):
    title: Text
    description: Text
    licence: Text
    maintainers: list[Text] = Field(default_factory=list)
    version: VersionNumber
    as_of: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(_check_date)]
    coverage: Text | None = None
    changelog: list[Change] = Field(default_factory=list)

    @model_validator(mode="after")
    def _current_version_logged(self) -> Dataset:
        if self.changelog and self.changelog[0].version != self.version:
            raise ValueError(f"the first changelog entry must be the current version {self.version}")
        return self

    @property
    def as_of_date(self) -> dt.date:
        return parse_partial(self.as_of)


ActorKind = Literal["state", "alliance", "bloc", "organisation", "person"]


class Salience(Record):
    """How much a side cares about an issue, set by the curators on the word of sources: 1 is an average
    issue for the side, 2 twice that. Overrides the estimates the data reveals (`stances/salience.py`)."""

    issue: Slug
    weight: Annotated[float, Field(ge=0, le=100)]
    sources: SourceIds


class Actor(Record):
    id: Slug
    name: Text
    kind: ActorKind
    represents: Slug | None = None
    role: Text | None = None
    short: Text | None = None
    salience: list[Salience] = Field(default_factory=list)

    @model_validator(mode="after")
    def _person_represents(self) -> Actor:
        if self.represents is not None and self.kind != "person":
            raise ValueError("represents is only for a person (kind: person)")
        if self.salience and self.kind == "person":
            raise ValueError("salience is for a side, not a person")
        issues = [s.issue for s in self.salience]
        if len(issues) != len(set(issues)):
            raise ValueError("salience names an issue twice")
        return self


class Level(Record):
    value: int
    label: Text
    description: Text | None = None
    score: Annotated[float, Field(ge=0, le=100)] | None = None


IssueCategory = Literal["security", "territory", "economy", "political", "process"]


class Issue(Record):
    id: Slug
    title: Text
    category: IssueCategory
    question: Text
    scale: Annotated[list[Level], Field(min_length=2)]
    status_quo: int | None = None
    description: Text | None = None

    @model_validator(mode="after")
    def _ordered_scale(self) -> Issue:
        values = [level.value for level in self.scale]
        if values != sorted(set(values)):
            raise ValueError("scale values must be unique and in increasing order")
        if self.status_quo is not None and self.status_quo not in values:
            raise ValueError(f"status_quo {self.status_quo} is not a value on the scale")
        scores = [level.score for level in self.scale]
        if any(x is not None for x in scores):
            if any(x is None for x in scores):
                raise ValueError("give every level a score (0–100), or none (even spacing)")
            if any(b <= a for a, b in itertools.pairwise(scores)):
                raise ValueError("scores must increase strictly with the levels")
        return self

    @property
    def span(self) -> int:
        return self.scale[-1].value - self.scale[0].value

    def label(self, value: int | None) -> str | None:
        return next((lv.label for lv in self.scale if lv.value == value), None)


class Version(Record):
    """One account of a contested fact, with the sources that give it."""

    claim: Text
    sources: SourceIds


class Contested(Record):
    note: Text
    versions: Annotated[list[Version], Field(min_length=2)]


def _sets_or_ends(stance: int | None, withdraws: int | None) -> None:
    """A record either sets a level (`stance`) or ends one the side held (`withdraws`), never both."""
    if stance is not None and withdraws is not None:
        raise ValueError("a record sets a level (stance) or withdraws one (withdraws), not both")


class Point(Record):
    number: Annotated[int, Field(ge=1)]
    issue: Slug | None = None
    summary: Text
    stance: int | None = None
    stance_note: Text | None = None
    quote: Text | None = None
    note: Text | None = None
    curator_note: Text | None = None
    held_by: list[Slug] = Field(default_factory=list)
    sources: list[Slug] = Field(default_factory=list)
    withdraws: int | None = None

    @model_validator(mode="after")
    def _sets_or_ends(self) -> Point:
        _sets_or_ends(self.stance, self.withdraws)
        return self


class Endorsement(Record):
    """A side that adopted a plan text it did not write, from a date, on the word of its sources."""

    actor: Slug
    date: PartialDate
    sources: SourceIds


class Document(Record):
    id: Slug
    title: Text
    author: Slug
    coauthors: list[Slug] = Field(default_factory=list)
    date: PartialDate
    based_on: Slug | None = None
    endorsed_by: list[Endorsement] = Field(default_factory=list)
    partial: bool = False
    description: Text | None = None
    curator_note: Text | None = None
    points: list[Point] = Field(default_factory=list)
    sources: SourceIds

    @model_validator(mode="after")
    def _unique_points(self) -> Document:
        numbers = [p.number for p in self.points]
        if len(numbers) != len(set(numbers)):
            raise ValueError("point numbers must be unique within a document")
        return self


PositionKind = Literal["demand", "offer", "proposal", "red-line", "concession", "rejection", "statement"]


class Position(Record):
    id: Slug
    actor: Slug
    issue: Slug
    date: PartialDate
    kind: PositionKind
    summary: Text
    stance: int | None = None
    stance_note: Text | None = None
    speaker: Slug | None = None
    quote: Text | None = None
    quote_note: Text | None = None
    document: Slug | None = None
    point: Annotated[int, Field(ge=1)] | None = None
    rejects: list[int] = Field(default_factory=list)
    withdraws: int | None = None
    sources: SourceIds
    contested: Contested | None = None
    curator_note: Text | None = None

    @model_validator(mode="after")
    def _point_needs_document(self) -> Position:
        _sets_or_ends(self.stance, self.withdraws)
        if self.point is not None and self.document is None:
            raise ValueError("point is given without a document")
        if self.stance is not None and self.stance in self.rejects:
            raise ValueError(f"rejects {self.stance}, the position's own stance")
        return self


Basis = Literal[
    "proposed-cap",
    "actual",
    "pledged",
    "committed",
    "expected",
    "requested",
    "offered",
    "agreed",
    "target",
    "spent",
    "held",
    "polled",
    "measured",
    "forecast",
]


MetricKind = Literal["figure", "opinion", "territory", "forecast"]


class Metric(Record):
    """A key number. `units` and `bases`, when given, are all its values may hold: the validator
    reports a value outside them, so one chart never mixes things its description does not cover.
    `kind` sets context apart from the negotiation's own figures: public opinion (each value with its
    exact question), territory, and forecasters' probabilities (each with its resolution wording)."""

    id: Slug
    kind: MetricKind = "figure"
    title: Text
    unit: Text
    description: Text
    issue: Slug | None = None
    units: list[Text] = Field(default_factory=list)
    bases: list[Basis] = Field(default_factory=list)


Answer = Literal["accept", "reject"]


class LevelRef(Record):
    """The issue level a poll question asks about ("accept handing over Donbas" ↔ territory-line 0)."""

    issue: Slug
    level: int


class FigureValue(Record):
    id: Slug
    metric: Slug
    actor: Slug | None = None
    document: Slug | None = None
    label: Text | None = None
    value: int | float
    value_max: int | float | None = None
    unit: Text
    date: PartialDate
    basis: Basis
    note: Text | None = None
    curator_note: Text | None = None
    by: Text | None = None
    question: Text | None = None
    sample: Annotated[int, Field(ge=1)] | None = None
    fieldwork_start: PartialDate | None = None
    fieldwork_end: PartialDate | None = None
    maps_to: LevelRef | None = None
    answer: Answer | None = None
    sources: SourceIds
    contested: Contested | None = None

    @model_validator(mode="after")
    def _fieldwork_in_order(self) -> FigureValue:
        start, end = self.fieldwork_start, self.fieldwork_end
        if start and end and parse_partial(end) < parse_partial(start):
            raise ValueError("fieldwork_end is before fieldwork_start")
        if self.answer is not None and self.maps_to is None:
            raise ValueError("answer (accept or reject) needs maps_to: the issue level the answer is about")
        return self

    @model_validator(mode="after")
    def _attribution(self) -> FigureValue:
        if self.actor is None and self.document is None:
            raise ValueError("a figure needs an actor or a document (or both)")
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max is smaller than value")
        return self


EventKind = Literal["talks", "proposal", "statement", "military", "legal", "agreement"]


class Event(Record):
    id: Slug
    date: PartialDate
    end_date: PartialDate | None = None
    title: Text
    kind: EventKind
    location: Text | None = None
    description: Text | None = None
    actors: list[Slug] = Field(default_factory=list)
    documents: list[Slug] = Field(default_factory=list)
    sources: SourceIds
    contested: Contested | None = None
    curator_note: Text | None = None


SourceType = Literal["primary", "agency", "newspaper", "broadcaster", "analysis", "aggregator", "state-media"]
THIN_TYPES = ("aggregator", "state-media")
SourceSeen = Literal["page", "relay"]
TitleKind = Literal["published", "description"]


class Source(Record):
    id: Slug
    title: Text
    publisher: Text
    url: Url
    published: PartialDate
    type: SourceType
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = "en"
    seen: SourceSeen = "page"
    relay: Text | None = None
    title_is: TitleKind | None = None
    note: Text | None = None
    curator_note: Text | None = None

    @model_validator(mode="after")
    def _relay_named(self) -> Source:
        if self.seen == "relay" and self.relay is None:
            raise ValueError("seen: relay needs `relay`: the relay that quotes this source, in words")
        if self.seen == "page" and self.relay is not None:
            raise ValueError("relay is only for a source seen through a relay (seen: relay)")
        return self

    @property
    def thin(self) -> bool:
        """Known only through a relay, or an aggregator's or state outlet's page."""
        return self.seen == "relay" or self.type in THIN_TYPES
