"""Checks of every record and every reference, with every problem collected as `file:line: message`."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from stances import charset
from stances import models as m
from stances.charset import hidden
from stances.dates import parse_partial
from stances.problems import Problem
from stances.yaml_reader import MAX_CHARS, Parsed, YamlProblem, line_at, parse_text

if TYPE_CHECKING:
    from stances.dataset import Data

LIST_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "actors": ("actors.yaml", m.Actor),
    "issues": ("issues.yaml", m.Issue),
    "documents": ("documents.yaml", m.Document),
    "positions": ("positions.yaml", m.Position),
    "events": ("events.yaml", m.Event),
    "sources": ("sources.yaml", m.Source),
}
FILES = ["dataset.yaml", "figures.yaml", *(file for file, _ in LIST_FILES.values())]
TABLE_FILES = {kind: file for kind, (file, _) in LIST_FILES.items()} | {
    "metrics": "figures.yaml",
    "figures": "figures.yaml",
}


_CONTENT = re.compile(r"(?:\A|[\r\n])[ \t]*[^\s#]")  # a line that is neither blank nor a comment


def read_file(path: Path, shown: str, fast: bool = True) -> Parsed | Problem:
    if not path.is_file():
        return Problem(shown, 1, "file is missing")
    try:
        if path.stat().st_size > 4 * MAX_CHARS:
            return Problem(shown, 1, f"file is larger than {4 * MAX_CHARS:,} bytes")
        raw = path.read_bytes()
    except OSError as exc:
        return Problem(shown, 1, f"file cannot be read: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = line_at(raw, exc.start)
        return Problem(shown, line, f"file is not UTF-8 text (byte {exc.start}: {raw[exc.start]:#04x})")
    if not _CONTENT.search(text):
        return Problem(shown, 1, "file is empty")
    try:
        return parse_text(text, fast=fast)
    except YamlProblem as exc:
        return Problem(shown, exc.line, exc.message)


def _short(value: Any, limit: int = 80) -> str:
    """A value as it is echoed in a message: its repr, cut to `limit` characters."""
    if isinstance(value, (dict, list)):
        return f"a {type(value).__name__} of {len(value)} item(s)"
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _explain(error: dict[str, Any]) -> str:
    kind, loc = error["type"], error["loc"]
    name = ".".join(str(part) for part in loc)
    if kind == "extra_forbidden":
        return f"unknown field '{name}'"
    if kind == "missing":
        return f"missing field '{name}'"
    given = error.get("input")
    message = error["msg"].removeprefix("Value error, ")
    if kind in ("string_type", "int_type", "float_type", "list_type", "dict_type", "model_type"):
        hint = ""
        if isinstance(given, (bool, float)):
            hint = " (YAML read it as a non-text value: put it in quotes)"
        message = f"{message}, got {type(given).__name__} {_short(given)}{hint}"
    elif kind == "string_pattern_mismatch":
        message = f"{_short(given)} does not match the required pattern {error['ctx']['pattern']}"
    elif kind == "literal_error":
        message = f"{_short(given)}: {message}"
    return f"{name}: {message}" if name else message


@cache
def _list_of(model: type[BaseModel]) -> TypeAdapter:
    """Validates a whole list of records in one call into pydantic's core."""
    return TypeAdapter(list[model])


class Checker:
    def __init__(self, data: Data, shown: Callable[[str], str]) -> None:
        self.data = data
        self.shown = shown
        self.parsed: dict[str, Parsed] = {}
        self.item_paths: dict[tuple[str, str], tuple[str, tuple]] = {}
        self.invalid: dict[str, set[str]] = {}
        self.causes: dict[str, Problem] = {}  # kind → why its records could not be read
        self.first: list[Problem] = []  # why a file (or part of one) could not be read
        self.unchecked: Counter[str] = Counter()  # kind → references into it left unchecked

    def problem(self, file: str, line: int, message: str) -> None:
        self.data.problems.append(Problem(self.shown(file), line, message))

    def warning(self, file: str, line: int, message: str) -> None:
        """Something a curator should fix that does not stop the data from being shown."""
        self.data.warnings.append(Problem(self.shown(file), line, message))

    def unreadable(self, problem: Problem, kinds: Iterable[str]) -> None:
        """The records of `kinds` cannot be read: `problem` says why; references into them are counted
        (see `ordered`) instead of each being reported as unknown."""
        self.data.problems.append(problem)
        self.first.append(problem)
        for kind in kinds:
            self.causes.setdefault(kind, problem)

    def file_unreadable(self, file: str, problem: Problem) -> None:
        self.unreadable(problem, [kind for kind, name in TABLE_FILES.items() if name == file])

    def ordered(self) -> list[Problem]:
        """Every problem, sorted, after the causes of unreadable files and one line per kind of reference
        that could not be checked because of them: the real cause comes first, not its knock-on effects."""
        causes = sorted(set(self.first))
        notes = [
            Problem(
                cause.file,
                cause.line,
                f"{n} reference(s) to {kind} could not be checked because {TABLE_FILES[kind]} "
                "could not be read",
            )
            for kind, cause in self.causes.items()
            if (n := self.unchecked[kind])
        ]
        rest = sorted(p for p in self.data.problems if p not in set(causes))
        return [*causes, *notes, *rest]

    def records(
        self, file: str, kind: str, items: list, model: type[BaseModel], prefix: tuple = ()
    ) -> dict[str, Any]:
        parsed = self.parsed[file]
        shown = self.shown(file)
        result: dict[str, Any] = {}
        try:
            valid: list[Any] = _list_of(model).validate_python(items)
        except ValidationError:  # find which records fail, and why, one at a time
            valid = [self._one(file, kind, model, item, (*prefix, i)) for i, item in enumerate(items)]
        for index, record in enumerate(valid):
            if record is None:
                continue
            path = (*prefix, index)
            name = f"{kind} '{record.id}'"
            line = parsed.line_of(path)
            if record.id in result:
                first = self.data.places[(kind, record.id)][1]
                self.problem(file, line, f"{name}: duplicate id (first on line {first})")
                continue
            result[record.id] = record
            self.data.places[(kind, record.id)] = (shown, line)
            self.item_paths[(kind, record.id)] = (file, path)
        return result

    def _one(self, file: str, kind: str, model: type[BaseModel], item: Any, path: tuple) -> Any:
        """One record, or None after reporting each of its problems at its line."""
        try:
            return model.model_validate(item)
        except ValidationError as exc:
            rid = item.get("id") if isinstance(item, dict) else None
            name = f"{kind} '{rid}'" if isinstance(rid, str) else f"{kind}[{path[-1]}]"
            if isinstance(rid, str):
                self.invalid.setdefault(kind, set()).add(rid)
            for error in exc.errors():
                line = self.parsed[file].line_of((*path, *error["loc"]))
                self.problem(file, line, f"{name}: {_explain(error)}")
            return None

    def at(self, kind: str, rid: str, *fields: str | int) -> tuple[str, int]:
        file, path = self.item_paths[(kind, rid)]
        return file, self.parsed[file].line_of((*path, *fields))

    def known(self, table: str, ref: str) -> bool:
        """Whether `ref` names a record of `table`; a reference into an unreadable file counts as known
        (it is counted in `unchecked`, not reported)."""
        if ref in getattr(self.data, table) or ref in self.invalid.get(table, ()):
            return True
        if table in self.causes:
            self.unchecked[table] += 1
            return True
        return False

    def refs(self, kind: str, rid: str, field_path: tuple, ids: Iterable[str], table: str, what: str) -> None:
        for i, ref in enumerate(ids):
            if not self.known(table, ref):
                file, line = self.at(kind, rid, *field_path, i)
                label = ".".join(str(p) for p in field_path)
                self.problem(file, line, f"{kind} '{rid}': {label}: unknown {what} '{ref}'")

    def ref(self, kind: str, rid: str, field_path: tuple, ref: str | None, table: str, what: str):
        if ref is not None and not self.known(table, ref):
            file, line = self.at(kind, rid, *field_path)
            label = ".".join(str(p) for p in field_path)
            self.problem(file, line, f"{kind} '{rid}': {label}: unknown {what} '{ref}'")

    def not_after(self, kind: str, rid: str, fld: str, value: str) -> None:
        if self.data.dataset is None:
            return
        as_of = self.data.dataset.as_of_date
        if parse_partial(value) > as_of:
            file, line = self.at(kind, rid, fld)
            self.problem(file, line, f"{kind} '{rid}': {fld}: {value} is after the dataset's as_of {as_of}")


def build_records(ch: Checker) -> None:
    data = ch.data
    if "dataset.yaml" in ch.parsed:
        raw = ch.parsed["dataset.yaml"].data
        if not isinstance(raw, dict):
            ch.unreadable(
                Problem(ch.shown("dataset.yaml"), 1, "top level must be a mapping of dataset fields"), ()
            )
        else:
            try:
                data.dataset = m.Dataset.model_validate(raw)
            except ValidationError as exc:
                for error in exc.errors():
                    line = ch.parsed["dataset.yaml"].line_of(error["loc"])
                    ch.problem("dataset.yaml", line, f"dataset: {_explain(error)}")
    for kind, (name, model) in LIST_FILES.items():
        if name not in ch.parsed:
            continue
        raw = ch.parsed[name].data
        if not isinstance(raw, list):
            message = f"top level must be a list of {kind} records (each starting '- id:')"
            ch.unreadable(Problem(ch.shown(name), 1, message), [kind])
            continue
        setattr(data, kind, ch.records(name, kind, raw, model))
    if "figures.yaml" in ch.parsed:
        raw = ch.parsed["figures.yaml"].data
        if not isinstance(raw, dict) or set(raw) - {"metrics", "values"}:
            message = "top level must be a mapping with the keys 'metrics' and 'values'"
            ch.unreadable(Problem(ch.shown("figures.yaml"), 1, message), ["metrics", "figures"])
            return
        for key, kind, model in (
            ("metrics", "metrics", m.Metric),
            ("values", "figures", m.FigureValue),
        ):
            items = raw.get(key)
            if not isinstance(items, list):
                line = ch.parsed["figures.yaml"].line_of((key,))
                ch.unreadable(
                    Problem(ch.shown("figures.yaml"), line, f"'{key}' must be a list of records"), [kind]
                )
                continue
            setattr(data, kind, ch.records("figures.yaml", kind, items, model, (key,)))


def check_text(ch: Checker) -> None:
    """Every text in every file (keys too) holds no control, format or line-separator character: they
    reach a terminal as commands, or hide or reorder text on a page (see `stances.charset`)."""
    for file, parsed in ch.parsed.items():
        if parsed.plain:
            continue
        stack: list[tuple[Any, tuple]] = [(parsed.data, ())]
        while stack:
            value, path = stack.pop()
            if isinstance(value, dict):
                for key, item in value.items():
                    _hidden(ch, file, parsed, key, (*path, key), key=True)
                    stack.append((item, (*path, key)))
            elif isinstance(value, list):
                stack.extend((item, (*path, i)) for i, item in enumerate(value))
            elif isinstance(value, str):
                _hidden(ch, file, parsed, value, path)


def _hidden(ch: Checker, file: str, parsed: Parsed, text: str, path: tuple, key: bool = False) -> None:
    """A control character (a terminal command) or anything hidden in a key is a problem; a format or
    separator character in a value is a warning: the pages and files show data text without it."""
    char = hidden(text)
    if char is None:
        return
    report = ch.problem if key or unicodedata.category(char) == "Cc" else ch.warning
    label = ".".join(str(p) for p in path)
    record = parsed.data[path[0]] if path and isinstance(path[0], int) else None
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        label = f"'{record['id']}': {'.'.join(str(p) for p in path[1:])}"
    report(
        file,
        parsed.line_of(path),
        f"{label}: the text holds {charset.name(char)}: control, invisible and direction-changing characters "
        "are not allowed in data text",
    )


def check_as_of(ch: Checker, *, today: dt.date) -> None:
    """The data cannot be current to a day that has not come yet."""
    dataset = ch.data.dataset
    if dataset is not None and dataset.as_of_date > today:
        line = ch.parsed["dataset.yaml"].line_of(("as_of",))
        ch.problem("dataset.yaml", line, f"as_of: {dataset.as_of} is after today ({today})")


def check_references(ch: Checker) -> None:
    d = ch.data
    for a in d.actors.values():
        if a.represents is not None:
            target = d.actors.get(a.represents)
            if (target is None and not ch.known("actors", a.represents)) or (
                target and target.kind == "person"
            ):
                file, line = ch.at("actors", a.id, "represents")
                ch.problem(file, line, f"actors '{a.id}': represents: '{a.represents}' is not a known side")
        for k, sal in enumerate(a.salience):
            ch.ref("actors", a.id, ("salience", k, "issue"), sal.issue, "issues", "issue")
            ch.refs("actors", a.id, ("salience", k, "sources"), sal.sources, "sources", "source")
    for doc in d.documents.values():
        _check_document(ch, doc)
    for p in d.positions.values():
        _check_position(ch, p)
    for metric in d.metrics.values():
        ch.ref("metrics", metric.id, ("issue",), metric.issue, "issues", "issue")
    for f in d.figures.values():
        ch.ref("figures", f.id, ("metric",), f.metric, "metrics", "metric")
        ch.ref("figures", f.id, ("actor",), f.actor, "actors", "actor")
        ch.ref("figures", f.id, ("document",), f.document, "documents", "document")
        ch.refs("figures", f.id, ("sources",), f.sources, "sources", "source")
        _check_contested(ch, "figures", f.id, f.contested)
        ch.not_after("figures", f.id, "date", f.date)
    for e in d.events.values():
        ch.refs("events", e.id, ("actors",), e.actors, "actors", "actor")
        ch.refs("events", e.id, ("documents",), e.documents, "documents", "document")
        ch.refs("events", e.id, ("sources",), e.sources, "sources", "source")
        _check_contested(ch, "events", e.id, e.contested)
        ch.not_after("events", e.id, "date", e.date)
        if e.end_date and parse_partial(e.end_date) < parse_partial(e.date):
            file, line = ch.at("events", e.id, "end_date")
            ch.problem(file, line, f"events '{e.id}': end_date: {e.end_date} is before date {e.date}")
    for s in d.sources.values():
        ch.not_after("sources", s.id, "published", s.published)


def _check_contested(ch: Checker, kind: str, rid: str, contested: m.Contested | None) -> None:
    if contested is None:
        return
    for i, version in enumerate(contested.versions):
        path = ("contested", "versions", i, "sources")
        ch.refs(kind, rid, path, version.sources, "sources", "source")


def _check_stance(ch: Checker, kind: str, rid: str, path: tuple, issue_id: str, stance: int | None):
    issue = ch.data.issues.get(issue_id)
    if issue is None or stance is None or issue.label(stance) is not None:
        return
    file, line = ch.at(kind, rid, *path)
    allowed = ", ".join(str(level.value) for level in issue.scale)
    label = ".".join(str(p) for p in path)
    ch.problem(
        file,
        line,
        f"{kind} '{rid}': {label}: {stance} is not on the scale of '{issue_id}' ({allowed})",
    )


def _check_position(ch: Checker, p: m.Position) -> None:
    d = ch.data
    ch.ref("positions", p.id, ("actor",), p.actor, "actors", "actor")
    ch.ref("positions", p.id, ("issue",), p.issue, "issues", "issue")
    ch.ref("positions", p.id, ("document",), p.document, "documents", "document")
    ch.refs("positions", p.id, ("sources",), p.sources, "sources", "source")
    _check_contested(ch, "positions", p.id, p.contested)
    _check_stance(ch, "positions", p.id, ("stance",), p.issue, p.stance)
    _check_stance(ch, "positions", p.id, ("withdraws",), p.issue, p.withdraws)
    for i, level in enumerate(p.rejects):
        _check_stance(ch, "positions", p.id, ("rejects", i), p.issue, level)
    issue = d.issues.get(p.issue)
    if issue is not None and p.rejects and set(p.rejects) >= {lv.value for lv in issue.scale}:
        file, line = ch.at("positions", p.id, "rejects")
        ch.problem(file, line, f"positions '{p.id}': rejects: every level of '{p.issue}' is rejected")
    ch.not_after("positions", p.id, "date", p.date)
    if p.speaker is not None:
        speaker = d.actors.get(p.speaker)
        file, line = ch.at("positions", p.id, "speaker")
        if speaker is None:
            if not ch.known("actors", p.speaker):
                ch.problem(file, line, f"positions '{p.id}': speaker: unknown actor '{p.speaker}'")
        elif speaker.kind != "person":
            ch.problem(file, line, f"positions '{p.id}': speaker: '{p.speaker}' is not a person")
        elif p.actor in d.actors and speaker.represents != d.side_of(p.actor):
            ch.problem(
                file,
                line,
                f"positions '{p.id}': speaker: '{p.speaker}' represents "
                f"'{speaker.represents}', not '{d.side_of(p.actor)}'",
            )
    doc = d.documents.get(p.document) if p.document else None
    points = {pt.number for pt in doc.points} if doc is not None else set()
    if points and p.point is not None and p.point not in points:
        file, line = ch.at("positions", p.id, "point")
        ch.problem(file, line, f"positions '{p.id}': point: document '{doc.id}' has no point {p.point}")


def _check_document(ch: Checker, doc: m.Document) -> None:
    d = ch.data
    ch.ref("documents", doc.id, ("author",), doc.author, "actors", "actor")
    ch.refs("documents", doc.id, ("coauthors",), doc.coauthors, "actors", "actor")
    ch.ref("documents", doc.id, ("based_on",), doc.based_on, "documents", "document")
    ch.refs("documents", doc.id, ("sources",), doc.sources, "sources", "source")
    ch.not_after("documents", doc.id, "date", doc.date)
    seen, current = {doc.id}, doc.based_on
    while current in d.documents:
        if current in seen:
            file, line = ch.at("documents", doc.id, "based_on")
            ch.problem(file, line, f"documents '{doc.id}': based_on: lineage loops back to '{current}'")
            break
        seen.add(current)
        current = d.documents[current].based_on
    for i, pt in enumerate(doc.points):
        ch.ref("documents", doc.id, ("points", i, "issue"), pt.issue, "issues", "issue")
        ch.refs("documents", doc.id, ("points", i, "sources"), pt.sources, "sources", "source")
        if pt.issue:
            _check_stance(ch, "documents", doc.id, ("points", i, "stance"), pt.issue, pt.stance)
            _check_stance(ch, "documents", doc.id, ("points", i, "withdraws"), pt.issue, pt.withdraws)
        for name in ("stance", "withdraws"):
            if not pt.issue and getattr(pt, name) is not None:
                file, line = ch.at("documents", doc.id, "points", i, name)
                ch.problem(file, line, f"documents '{doc.id}': points.{i}.{name}: a {name} needs an issue")
