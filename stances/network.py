"""Who stands with whom: which sides wrote, co-wrote, endorsed or rejected which plan texts, and when.

An actor network in the manner of PA-X's: one row per actor–text tie, from a document's `author`,
`coauthors` and `endorsed_by`, and from positions of kind `rejection` that cite the document.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from stances.dataset import Data
from stances.dates import parse_partial
from stances.tables import actor_name

WROTE, COWROTE, ENDORSED, REJECTED = "wrote", "co-wrote", "endorsed", "rejected"
RELATIONS = (WROTE, COWROTE, ENDORSED, REJECTED)
COLUMNS = ["actor", "actor_name", "relation", "document", "title", "date", "day", "doc_date", "sources"]


def _titles(data: Data, ids: list[str]) -> list[str]:
    return [data.sources[s].title if s in data.sources else s for s in ids]


def ties(data: Data, *, as_of: dt.date) -> pd.DataFrame:
    """Every actor–text tie dated on or before `as_of`, oldest first (the author's first on a day)."""
    rows: list[dict[str, object]] = []

    def add(actor: str, relation: str, doc, date: str, sources: list[str]) -> None:
        if parse_partial(date) > as_of:
            return
        rows.append(
            {
                "actor": actor,
                "actor_name": actor_name(data, actor),
                "relation": relation,
                "document": doc.id,
                "title": doc.title,
                "date": date,
                "day": pd.Timestamp(parse_partial(date)),
                "doc_date": pd.Timestamp(parse_partial(doc.date)),
                "sources": _titles(data, list(sources)),
            }
        )

    for doc in data.documents.values():
        if parse_partial(doc.date) > as_of:
            continue
        add(doc.author, WROTE, doc, doc.date, list(doc.sources))
        for actor in doc.coauthors:
            add(actor, COWROTE, doc, doc.date, list(doc.sources))
        for e in doc.endorsed_by:
            add(e.actor, ENDORSED, doc, e.date, list(e.sources))
    for p in data.positions.values():
        doc = data.documents.get(p.document) if p.document else None
        if p.kind == "rejection" and doc is not None and parse_partial(doc.date) <= as_of:
            add(data.side_of(p.actor), REJECTED, doc, p.date, list(p.sources))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame = frame.drop_duplicates(["actor", "relation", "document"], keep="first")
    order = frame["relation"].map({r: k for k, r in enumerate(RELATIONS)})
    return frame.assign(_o=order).sort_values(["day", "_o", "actor"], kind="stable").drop(columns="_o")


def actor_order(frame: pd.DataFrame) -> list[str]:
    """Actors by how many texts they are tied to, most first; ties broken by name."""
    counts = frame.groupby("actor_name")["document"].nunique()
    return sorted(counts.index, key=lambda name: (-counts[name], name))


def alignments(frame: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors that stand behind the same text (wrote, co-wrote or endorsed it), with the texts."""
    behind = frame[frame["relation"] != REJECTED]
    rows = []
    for _doc, group in behind.groupby("document", sort=False):
        names = sorted(set(group["actor_name"]))
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                rows.append({"a": a, "b": b, "title": group["title"].iloc[0]})
    if not rows:
        return pd.DataFrame(columns=["pair", "texts", "titles"])
    pairs = pd.DataFrame(rows).groupby(["a", "b"], sort=False)["title"].agg(list).reset_index()
    return pd.DataFrame(
        {
            "pair": [f"{a} + {b}" for a, b in zip(pairs["a"], pairs["b"], strict=True)],
            "texts": [len(t) for t in pairs["title"]],
            "titles": ["; ".join(t) for t in pairs["title"]],
        }
    ).sort_values(["texts", "pair"], ascending=[False, True], kind="stable")


def export(frame: pd.DataFrame) -> pd.DataFrame:
    """The ties as downloaded: the reader's columns, without the plot's day stamps."""
    return frame.drop(columns=["day", "doc_date"])
