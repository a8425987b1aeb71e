"""Checks across records that a reviewer would otherwise make by hand.

Each check reports `file:line: message` through the validator's checker:

* a position or figure dated after every one of its sources was published (a source cannot report
  what had not yet happened), unless its curator note says the sources are background;
* a position that cites a plan point but codes a different stance from the point;
* a side's position contradicting, on the same day, a point of a plan text it wrote or endorsed;
* the same metric, side and date recorded twice with different values;
* a figure whose unit or basis is outside what its metric declares it covers;
* plan-text endorsements and `held_by` lists that name unknown sides, or dates out of range;
* a withdrawal (`withdraws`) that does not end the level its side held just before it;
* curator wording (the fact base, audits, archives, record numbers) in text shown to readers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from stances.dates import last_day, parse_partial

if TYPE_CHECKING:
    from stances.dataset import Data
    from stances.validate import Checker

_CURATOR_WORDS = (  # written in lower case: it also scans text already lower-cased
    r"fact ?base|facts\.md|\bpart [1-8]\b|\barchiv|\baudit|no url on record|stored (?:page|copy|corpus)"
    r"|\bunverified\b|research pass|re-?publisher|\bconfidence\b|\b(?:ua|ru|us|eu|nato)\d?-[a-z]?\d{1,2}\b"
)
CURATOR_WORDING = re.compile(_CURATOR_WORDS, re.IGNORECASE)
_CURATOR_LOWER = re.compile(_CURATOR_WORDS)  # faster than IGNORECASE over a lower-cased text
READER_FIELDS = {
    "positions": ("summary", "stance_note", "quote_note"),
    "figures": ("note", "label"),
    "events": ("title", "description"),
    "sources": ("note",),
    "documents": ("description",),
}


def check(ch: Checker) -> None:
    _source_dates(ch)
    _plan_points(ch)
    _figure_values(ch)
    _withdrawals(ch)
    _reader_text(ch)


def _published_last(ch: Checker, ids: list[str]):
    days = [last_day(ch.data.sources[i].published) for i in ids if i in ch.data.sources]
    return max(days) if days else None


def _background(note: str | None) -> bool:
    return bool(note) and "background" in note.lower()


def _source_dates(ch: Checker) -> None:
    for kind in ("positions", "figures"):
        for record in getattr(ch.data, kind).values():
            newest = _published_last(ch, record.sources)
            if newest is None or _background(record.curator_note):
                continue
            if parse_partial(record.date) > newest:
                file, line = ch.at(kind, record.id, "date")
                ch.problem(
                    file,
                    line,
                    f"{kind} '{record.id}': date: {record.date} is after every source was published "
                    f"(newest {newest}); cite a source that reports it, or say in curator_note why the "
                    "sources are background",
                )


def _plan_points(ch: Checker) -> None:
    d = ch.data
    points = {(doc.id, pt.number): pt for doc in d.documents.values() for pt in doc.points}
    for p in d.positions.values():
        pt = points.get((p.document, p.point)) if p.document and p.point else None
        if pt is None or pt.issue != p.issue or pt.stance is None or p.stance is None:
            continue
        if pt.stance != p.stance:
            file, line = ch.at("positions", p.id, "stance")
            ch.problem(
                file,
                line,
                f"positions '{p.id}': stance: {p.stance} differs from point {p.point} of '{p.document}', "
                f"coded {pt.stance} in documents.yaml",
            )
    own = defaultdict(list)
    for p in d.positions.values():
        if p.stance is not None:
            own[(d.side_of(p.actor), p.issue, p.date)].append(p)
    for doc in d.documents.values():
        _endorsements(ch, doc)
        for pt in doc.points:
            if pt.stance is None or pt.issue is None:
                continue
            for side, date, _ in d.holders(doc, pt):
                for p in own.get((side, pt.issue, date), []):
                    if p.stance != pt.stance and (p.document, p.point) != (doc.id, pt.number):
                        file, line = ch.at("positions", p.id, "stance")
                        ch.problem(
                            file,
                            line,
                            f"positions '{p.id}': stance: {p.stance} contradicts, on the same day, point "
                            f"{pt.number} of '{doc.id}' ({pt.stance}), a text {side} holds; record which "
                            "sides hold the point in its held_by, or correct one of the two",
                        )


def _endorsements(ch: Checker, doc) -> None:
    d = ch.data
    as_of = d.dataset.as_of_date if d.dataset else None
    for i, e in enumerate(doc.endorsed_by):
        ch.ref("documents", doc.id, ("endorsed_by", i, "actor"), e.actor, "actors", "actor")
        ch.refs("documents", doc.id, ("endorsed_by", i, "sources"), e.sources, "sources", "source")
        day = parse_partial(e.date)
        if day < parse_partial(doc.date) or (as_of and day > as_of):
            file, line = ch.at("documents", doc.id, "endorsed_by", i, "date")
            ch.problem(
                file,
                line,
                f"documents '{doc.id}': endorsed_by.{i}.date: {e.date} is before the text's date "
                f"{doc.date} or after the dataset's as_of",
            )
    holders = {side for side, _, _ in d.holders(doc)}
    for i, pt in enumerate(doc.points):
        for j, actor in enumerate(pt.held_by):
            if d.side_of(actor) not in holders:
                file, line = ch.at("documents", doc.id, "points", i, "held_by", j)
                ch.problem(
                    file,
                    line,
                    f"documents '{doc.id}': points.{i}.held_by: '{actor}' did not write or endorse this text",
                )


def _records_in_engine_order(d: Data) -> dict[tuple[str, str], list[tuple]]:
    """Per (side, issue): (day, rank, id, stance, withdraws, where) for every record that sets or ends a
    level, in the stance engine's order (day, a plan point before a position of the same day, id)."""
    found: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for p in d.positions.values():
        if p.stance is not None or p.withdraws is not None:
            where = ("positions", p.id, ("withdraws",))
            found[(d.side_of(p.actor), p.issue)].append(
                (parse_partial(p.date), 1, p.id, p.stance, p.withdraws, where)
            )
    for doc in d.documents.values():
        for i, pt in enumerate(doc.points):
            if pt.issue is None or (pt.stance is None and pt.withdraws is None):
                continue
            where = ("documents", doc.id, ("points", i, "withdraws"))
            for side, date, _ in d.holders(doc, pt):
                rid = f"{doc.id}#{pt.number}@{side}"
                found[(side, pt.issue)].append((parse_partial(date), 0, rid, pt.stance, pt.withdraws, where))
    for records in found.values():
        records.sort(key=lambda r: r[:3])
    return found


def _withdrawals(ch: Checker) -> None:
    """A withdrawal ends a level the side actually held: the level it names must be the side's stance
    just before it (not an earlier one, not none)."""
    d = ch.data
    for (side, issue_id), records in _records_in_engine_order(d).items():
        held: int | None = None
        for day, _, rid, stance, withdraws, (kind, record_id, path) in records:
            if withdraws is None:
                held = stance
                continue
            if held != withdraws:
                issue = d.issues.get(issue_id)
                was = f"level {held} ({issue.label(held)})" if held is not None and issue else "no level"
                file, line = ch.at(kind, record_id, *path)
                ch.problem(
                    file,
                    line,
                    f"{kind} '{record_id}': {'.'.join(map(str, path))}: withdraws level {withdraws}, but "
                    f"{side} held {was} on '{issue_id}' before {day} ({rid})",
                )
            held = None


def _context_value(ch: Checker, f, metric) -> None:
    """Poll and forecast values carry their exact wording; a poll tied to an issue level names a real one."""
    if metric.kind in ("opinion", "forecast") and not f.question:
        file, line = ch.at("figures", f.id, "metric")
        what = "question" if metric.kind == "opinion" else "resolution wording"
        article = "an" if metric.kind == "opinion" else "a"
        ch.problem(
            file, line, f"figures '{f.id}': question: {article} {metric.kind} value needs its exact {what}"
        )
    if f.maps_to is None:
        return
    issue = ch.data.issues.get(f.maps_to.issue)
    file, line = ch.at("figures", f.id, "maps_to")
    if issue is None:
        ch.problem(file, line, f"figures '{f.id}': maps_to.issue: unknown issue '{f.maps_to.issue}'")
    elif issue.label(f.maps_to.level) is None:
        ch.problem(
            file,
            line,
            f"figures '{f.id}': maps_to.level: {f.maps_to.level} is not on the scale of '{issue.id}'",
        )


def _figure_values(ch: Checker) -> None:
    d = ch.data
    seen: dict[tuple, object] = {}
    for f in d.figures.values():
        key = (f.metric, f.actor or "", f.document or "", f.label or "", f.date, f.basis)
        first = seen.setdefault(key, f)
        if first is not f and (first.value, first.value_max) != (f.value, f.value_max):
            file, line = ch.at("figures", f.id, "value")
            ch.problem(
                file,
                line,
                f"figures '{f.id}': value: {f.value} differs from '{first.id}' for the same metric, side, "
                f"date and basis ({first.value})",
            )
        metric = d.metrics.get(f.metric)
        if metric is None:
            continue
        _context_value(ch, f, metric)
        units = list(dict.fromkeys([metric.unit, *metric.units]))
        for field, plural, allowed in (("unit", "units", units), ("basis", "bases", metric.bases)):
            value = getattr(f, field)
            if allowed and value not in allowed:
                file, line = ch.at("figures", f.id, field)
                ch.problem(
                    file,
                    line,
                    f"figures '{f.id}': {field}: '{value}' is not among the {plural} metric '{metric.id}' "
                    f"covers ({', '.join(allowed)})",
                )


def _reader_texts(data: Data) -> Iterator[tuple[str, str, str, str]]:
    """(kind, record id, field path, text) for every non-empty text shown to readers."""
    for kind, fields in READER_FIELDS.items():
        for record in getattr(data, kind).values():
            texts = [(f, getattr(record, f)) for f in fields]
            contested = getattr(record, "contested", None)
            if contested is not None:
                texts.append(("contested.note", contested.note))
                texts += [
                    (f"contested.versions.{i}.claim", v.claim) for i, v in enumerate(contested.versions)
                ]
            if kind == "documents":
                texts += [(f"points.{i}.note", pt.note) for i, pt in enumerate(record.points)]
                texts += [(f"points.{i}.stance_note", pt.stance_note) for i, pt in enumerate(record.points)]
            yield from ((kind, record.id, name, text) for name, text in texts if text)


def _reader_text(ch: Checker) -> None:
    texts = list(_reader_texts(ch.data))
    if not _CURATOR_LOWER.search("\n".join(t[3] for t in texts).lower()):  # one scan when all is well
        return
    for kind, rid, name, text in texts:
        match = CURATOR_WORDING.search(text)
        if match:
            path = tuple(int(p) if p.isdigit() else p for p in name.split("."))
            file, line = ch.at(kind, rid, *path)
            ch.problem(
                file,
                line,
                f"{kind} '{rid}': {name}: '{match.group(0)}' is curator wording shown to "
                "readers; move it to curator_note",
            )
