"""Tidy pandas tables built from a validated dataset: one row per record, ids resolved to names."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from stances.dataset import Data
from stances.dates import parse_partial
from stances.models import Contested, FigureValue, Issue, Metric


def _day(text: str | None) -> pd.Timestamp:
    return pd.Timestamp(parse_partial(text)) if text else pd.NaT


def _contested_text(data: Data, contested: Contested | None) -> str:
    """The dispute in words: the note, then each version with the titles of its sources."""
    if contested is None:
        return ""
    versions = " | ".join(
        f"{v.claim} ({'; '.join(_sources(data, v.sources)[0])})" for v in contested.versions
    )
    return f"{contested.note} — {versions}"


def _sources(data: Data, ids: list[str]) -> tuple[list[str], list[str]]:
    """The cited sources' titles and URLs, as parallel lists (joined only for display or export)."""
    known = [data.sources[i] for i in ids if i in data.sources]
    return [s.title for s in known], [s.url for s in known]


def _definition(issue: Issue, stance: int | None) -> str:
    """The scale level's label and, where the scale gives one, its definition ("" when not coded)."""
    level = next((lv for lv in issue.scale if lv.value == stance), None)
    if level is None:
        return ""
    return f"{level.label}: {level.description}" if level.description else level.label


STRENGTHS = {
    "primary": "primary text",
    "reported": "wire, newspaper or broadcaster",
    "thin": "thinly sourced: only aggregators, state media or relays",
}


TITLE_IS = {"published": "as published", "description": "curators' description", None: "not checked"}


def strength(data: Data, ids: list[str]) -> str:
    """How well a record's sources carry it: "primary" (a primary text seen directly), "reported" (a wire,
    newspaper, broadcaster or analysis page seen directly) or "thin" (only aggregators, state media or
    sources known through a relay)."""
    known = [data.sources[i] for i in ids if i in data.sources]
    if any(s.type == "primary" and not s.thin for s in known):
        return "primary"
    return "reported" if any(not s.thin for s in known) else "thin"


def actor_name(data: Data, actor_id: str | None) -> str:
    if not actor_id:
        return ""
    actor = data.actors.get(actor_id)
    return actor.name if actor else actor_id


def _evidence_row(
    data: Data,
    about: Issue,
    *,
    side: str,
    speaker: str | None,
    date: str,
    kind: str,
    stance: int | None,
    summary: str,
    sources: list[str],
    withdraws: int | None = None,
    **fields,
) -> dict:
    """One row of the positions' columns: what a record says, with everything derived from its issue,
    the sides and the sources filled in the same way for positions and plan points."""
    label = about.label(stance) if stance is not None else None
    title = about.title
    ends = about.label(withdraws) if withdraws is not None else None
    titles, urls = _sources(data, sources)
    return {
        "side": side,
        "side_name": actor_name(data, side),
        "speaker": speaker or "",
        "speaker_name": actor_name(data, speaker),
        "issue_title": title,
        "category": about.category,
        "date": date,
        "day": _day(date),
        "kind": kind,
        "stance": stance,
        "stance_label": label,
        "level_definition": _definition(about, stance),
        "summary": summary,
        "withdraws": withdraws,
        "withdrawn_label": ends or "",
        "source_ids": list(sources),
        "source_titles": titles,
        "source_urls": urls,
        "first_url": urls[0] if urls else "",
        "strength": strength(data, sources),
        **fields,
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=POSITION_COLUMNS)
    for column in ("stance", "point", "withdraws"):
        frame[column] = frame[column].astype("Int64")
    return frame


def positions(data: Data) -> pd.DataFrame:
    rows = []
    for p in data.positions.values():
        side = data.side_of(p.actor)
        rows.append(
            _evidence_row(
                data,
                data.issues[p.issue],
                side=side,
                speaker=p.speaker or (p.actor if side != p.actor else None),
                date=p.date,
                kind=p.kind,
                stance=p.stance,
                summary=p.summary,
                sources=p.sources,
                withdraws=p.withdraws,
                id=p.id,
                issue=p.issue,
                stance_note=p.stance_note or "",
                quote=p.quote or "",
                quote_note=p.quote_note or "",
                document=p.document or "",
                point=p.point,
                contested=p.contested is not None,
                contested_note=_contested_text(data, p.contested),
                origin="position",
                rank=1,
            )
        )
    return _frame(rows)


POSITION_COLUMNS = [
    "id",
    "side",
    "side_name",
    "speaker",
    "speaker_name",
    "issue",
    "issue_title",
    "category",
    "date",
    "day",
    "kind",
    "stance",
    "stance_label",
    "level_definition",
    "withdraws",
    "withdrawn_label",
    "stance_note",
    "summary",
    "quote",
    "quote_note",
    "document",
    "point",
    "contested",
    "contested_note",
    "source_ids",
    "source_titles",
    "source_urls",
    "first_url",
    "strength",
    "origin",
    "rank",
]


def plan_stances(data: Data) -> pd.DataFrame:
    """The coded points of every plan text, one row per point and holder, in the positions' columns.

    These rows are evidence of a side's stance (a side holds the texts it wrote or endorsed), so the
    stance engine reads them beside the side's own positions.
    """
    rows = []
    for doc in data.documents.values():
        author, coauthors = data.side_of(doc.author), {data.side_of(a) for a in doc.coauthors}
        for pt in doc.points:
            if pt.issue is None or (pt.stance is None and pt.withdraws is None):
                continue
            issue = data.issues[pt.issue]
            for side, date, endorsed_on in data.holders(doc, pt):
                ids = pt.sources or doc.sources
                if (side, date) != (author, doc.date):
                    ids = list(dict.fromkeys([*ids, *endorsed_on]))
                how = (
                    "wrote"
                    if side == data.side_of(doc.author)
                    else ("co-wrote" if side in coauthors else "endorsed")
                )
                rows.append(
                    _evidence_row(
                        data,
                        issue,
                        side=side,
                        speaker=None,
                        date=date,
                        kind="plan text",
                        stance=pt.stance,
                        summary=f"{doc.title}, point {pt.number} (a text this side {how}): {pt.summary}",
                        sources=ids,
                        withdraws=pt.withdraws,
                        id=f"{doc.id}#{pt.number}@{side}",
                        issue=issue.id,
                        stance_note=pt.stance_note or "",
                        quote=pt.quote or "",
                        quote_note="",
                        document=doc.id,
                        point=pt.number,
                        contested=False,
                        contested_note="",
                        origin="plan",
                        rank=0,
                    )
                )
    return _frame(rows)


def evidence(data: Data, positions_frame: pd.DataFrame) -> pd.DataFrame:
    """Everything the stance engine weighs: the positions and the plan points their sides hold."""
    plans = plan_stances(data)
    frame = pd.concat([positions_frame, plans], ignore_index=True) if len(plans) else positions_frame
    for column in ("stance", "point", "withdraws"):
        frame[column] = frame[column].astype("Int64")
    return frame


def issues(data: Data) -> pd.DataFrame:
    rows = [
        {
            "id": i.id,
            "title": i.title,
            "category": i.category,
            "question": i.question,
            "levels": len(i.scale),
            "scale": " < ".join(f"{lv.value}: {lv.label}" for lv in i.scale),
        }
        for i in data.issues.values()
    ]
    return pd.DataFrame(rows, columns=["id", "title", "category", "question", "levels", "scale"])


def figures(data: Data) -> pd.DataFrame:
    rows = []
    for f in data.figures.values():
        metric = data.metrics.get(f.metric)
        doc = data.documents.get(f.document) if f.document else None
        side = data.side_of(f.actor) if f.actor else (doc.author if doc else "")
        titles, urls = _sources(data, f.sources)
        who = f.label or (doc.title if doc else actor_name(data, f.actor))
        rows.append(
            {
                "id": f.id,
                "metric": f.metric,
                "metric_title": metric.title if metric else f.metric,
                "label": who,
                "side": side,
                "side_name": actor_name(data, side),
                "document": f.document or "",
                "document_title": doc.title if doc else "",
                "value": float(f.value),
                "value_max": float(f.value_max) if f.value_max is not None else None,
                "unit": f.unit,
                "date": f.date,
                "day": _day(f.date),
                "basis": f.basis,
                "note": f.note or "",
                **_context(f, metric),
                "contested": f.contested is not None,
                "contested_note": _contested_text(data, f.contested),
                "source_ids": list(f.sources),
                "source_titles": titles,
                "source_urls": urls,
                "first_url": urls[0] if urls else "",
            }
        )
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def _context(f: FigureValue, metric: Metric | None) -> dict[str, object]:
    """What a poll, territory figure or forecast says of itself: who measured it, the exact wording,
    sample, fieldwork and the issue level it asks about (empty for the negotiation's own figures)."""
    return {
        "kind": metric.kind if metric else "figure",
        "by": f.by or "",
        "question": f.question or "",
        "sample": f.sample,
        "fieldwork_start": f.fieldwork_start or "",
        "fieldwork_end": f.fieldwork_end or "",
        "maps_issue": f.maps_to.issue if f.maps_to else "",
        "maps_level": f.maps_to.level if f.maps_to else None,
        "answer": f.answer or "",
    }


FIGURE_COLUMNS = [
    "id",
    "metric",
    "metric_title",
    "label",
    "side",
    "side_name",
    "document",
    "document_title",
    "value",
    "value_max",
    "unit",
    "date",
    "day",
    "basis",
    "note",
    "kind",
    "by",
    "question",
    "sample",
    "fieldwork_start",
    "fieldwork_end",
    "maps_issue",
    "maps_level",
    "answer",
    "contested",
    "contested_note",
    "source_ids",
    "source_titles",
    "source_urls",
    "first_url",
]


def events(data: Data) -> pd.DataFrame:
    rows = []
    for e in data.events.values():
        titles, urls = _sources(data, e.sources)
        rows.append(
            {
                "id": e.id,
                "date": e.date,
                "day": _day(e.date),
                "end_date": e.end_date or "",
                "title": e.title,
                "kind": e.kind,
                "location": e.location or "",
                "description": e.description or "",
                "actors": ", ".join(e.actors),
                "documents": ", ".join(e.documents),
                "contested": e.contested is not None,
                "contested_note": _contested_text(data, e.contested),
                "source_ids": list(e.sources),
                "source_titles": titles,
                "source_urls": urls,
                "first_url": urls[0] if urls else "",
            }
        )
    columns = [
        "id",
        "date",
        "day",
        "end_date",
        "title",
        "kind",
        "location",
        "description",
        "actors",
        "documents",
        "contested",
        "contested_note",
        "source_ids",
        "source_titles",
        "source_urls",
        "first_url",
    ]
    return pd.DataFrame(rows, columns=columns)


def citations(data: Data) -> dict[str, int]:
    """How many records cite each source (positions, points, figures, events, documents, versions)."""
    counts = dict.fromkeys(data.sources, 0)

    def add(ids: list[str], contested: Contested | None = None) -> None:
        cited = set(ids)
        if contested is not None:
            for version in contested.versions:
                cited.update(version.sources)
        for source_id in cited:
            if source_id in counts:
                counts[source_id] += 1

    for p in data.positions.values():
        add(p.sources, p.contested)
    for f in data.figures.values():
        add(f.sources, f.contested)
    for e in data.events.values():
        add(e.sources, e.contested)
    for d in data.documents.values():
        add(d.sources + [s for pt in d.points for s in pt.sources])
    return counts


def sources(data: Data) -> pd.DataFrame:
    counts = citations(data)
    rows = [
        {
            "id": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "type": s.type,
            "published": s.published,
            "language": s.language,
            "url": s.url,
            "seen": "through a relay: " + s.relay if s.relay else "page seen",
            "title_is": TITLE_IS[s.title_is],
            "thin": s.thin,
            "cited_by": counts.get(s.id, 0),
            "note": s.note or "",
        }
        for s in data.sources.values()
    ]
    columns = ["id", "title", "publisher", "type", "published", "language", "url", "seen", "title_is",
               "thin", "cited_by", "note"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def document_points(data: Data) -> pd.DataFrame:
    rows = []
    for d in data.documents.values():
        for pt in d.points:
            issue = data.issues.get(pt.issue) if pt.issue else None
            ids = pt.sources or d.sources
            titles, urls = _sources(data, ids)
            rows.append(
                {
                    "document": d.id,
                    "document_title": d.title,
                    "date": d.date,
                    "number": pt.number,
                    "issue": pt.issue or "",
                    "issue_title": issue.title if issue else "",
                    "stance": pt.stance,
                    "stance_label": issue.label(pt.stance) if issue and pt.stance is not None else None,
                    "summary": pt.summary,
                    "quote": pt.quote or "",
                    "note": pt.note or "",
                    "source_ids": list(ids),
                    "source_titles": titles,
                    "source_urls": urls,
                }
            )
    columns = [
        "document",
        "document_title",
        "date",
        "number",
        "issue",
        "issue_title",
        "stance",
        "stance_label",
        "summary",
        "quote",
        "note",
        "source_ids",
        "source_titles",
        "source_urls",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame["stance"] = frame["stance"].astype("Int64")
    return frame


@dataclass(frozen=True)
class Tables:
    """Every table the pages need, built once per data version."""

    positions: pd.DataFrame
    evidence: pd.DataFrame
    issues: pd.DataFrame
    figures: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame
    points: pd.DataFrame


def build(data: Data) -> Tables:
    position_rows = positions(data)
    return Tables(
        positions=position_rows,
        evidence=evidence(data, position_rows),
        issues=issues(data),
        figures=figures(data),
        events=events(data),
        sources=sources(data),
        points=document_points(data),
    )
