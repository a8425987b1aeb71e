"""Atom feeds of stance changes, one entry per change, grouped by the release that first carried it.

Written at release time into the static folder: `all.xml`, and one feed per side (`side-<id>.xml`) and
per issue (`issue-<id>.xml`), so a reader can follow just what they need. A change is a record that moved
or withdrew a side's level (restatements are left out) and that the previous release did not carry.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from urllib.parse import urlencode

import pandas as pd

from stances import engine, tables
from stances.dataset import Data
from stances.dates import parse_partial

ATOM = "http://www.w3.org/2005/Atom"


def _keys(moves: pd.DataFrame) -> list[tuple]:
    return list(zip(moves["id"], moves["stance_before"].astype(object), moves["stance"].astype(object),
                    moves["change"], strict=True))  # fmt: skip


def changes(releases: Sequence[Data]) -> pd.DataFrame:
    """Each release's new stance changes, from the engine on that release's data: the changes the previous
    release did not have (new records, backfilled ones and recodings alike). Columns: the engine's change
    rows plus `version`, `released`, `data_as_of`."""
    frames, previous = [], set()
    for data in releases:
        moves = engine.changes(tables.build(data).evidence, as_of=data.dataset.as_of_date)
        moves = moves[moves["change"] != "restated"]
        keys = _keys(moves)
        moves = moves[[key not in previous for key in keys]]
        previous = set(keys)
        d = data.dataset
        released = d.changelog[0].date if d.changelog else d.as_of
        names = {a.id: a.name for a in data.actors.values()}
        frames.append(
            moves.assign(
                version=d.version, released=released, data_as_of=d.as_of, side_name=moves["side"].map(names)
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _stamp(date: str) -> str:
    return f"{parse_partial(date).isoformat()}T00:00:00Z"


def _entry(feed: ET.Element, row: dict, base: str) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    ET.SubElement(entry, f"{{{ATOM}}}id").text = f"tag:stances,{row['version']}:{row['id']}"
    before = row["label_before"] if isinstance(row["label_before"], str) else "no level"
    title = f"{row['side_name']} · {row['issue_title']}: {before} → {row['stance_label']}"
    ET.SubElement(entry, f"{{{ATOM}}}title").text = title
    ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(row["released"])
    ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(row["date"])
    query = urlencode(
        {"cell": f"{row['side']}:{row['issue']}", "as_of": row["data_as_of"], "v": row["version"]}
    )
    ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{base}matrix?{query}", rel="alternate")
    for term in (row["side"], row["issue"], row["change"]):
        ET.SubElement(entry, f"{{{ATOM}}}category", term=str(term))
    sources = "; ".join(row["source_titles"])
    summary = (
        f"{row['change'].capitalize()} on {row['date']} (data version {row['version']}). {row['summary']}"
    )
    ET.SubElement(entry, f"{{{ATOM}}}summary").text = f"{summary} Sources: {sources}"


def document(rows: pd.DataFrame, title: str, name: str, base: str) -> bytes:
    """One Atom feed of the given change rows, newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"tag:stances,feed:{name}"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    newest = rows["released"].max() if len(rows) else "2000-01-01"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    ET.SubElement(feed, f"{{{ATOM}}}link", href=f"{base}app/static/feeds/{name}.xml", rel="self")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Stances project"
    ordered = rows.sort_values(["day", "id"], ascending=[False, True], kind="stable")
    for row in ordered.to_dict("records"):
        _entry(feed, row, base)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def feeds(releases: Sequence[Data], base: str = "") -> dict[str, bytes]:
    """Every feed: file name → Atom XML. `base` is the app's public URL ending in '/', or '' (links
    relative to the app)."""
    rows = changes(releases)
    if rows.empty:
        return {"all.xml": document(rows, "Stance changes", "all", base)}
    title = releases[-1].dataset.title
    out = {"all.xml": document(rows, f"{title}: stance changes", "all", base)}
    for side, group in rows.groupby("side"):
        out[f"side-{side}.xml"] = document(
            group, f"{title}: {group['side_name'].iloc[0]}", f"side-{side}", base
        )
    for issue, group in rows.groupby("issue"):
        out[f"issue-{issue}.xml"] = document(
            group, f"{title}: {group['issue_title'].iloc[0]}", f"issue-{issue}", base
        )
    return out
