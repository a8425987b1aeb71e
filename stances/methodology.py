"""The methodology text of the Sources & data page, kept as markdown beside the code it describes."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from stances.dataset import Data
from stances.text import plain

TEXT = Path(__file__).with_name("methodology.md")


@cache
def sections() -> dict[str, str]:
    """Each '## ' section of methodology.md: title → markdown body."""
    parts = TEXT.read_text(encoding="utf-8").split("\n## ")
    found = {}
    for part in parts:
        title, _, body = part.removeprefix("## ").partition("\n")
        if title.strip():
            found[title.strip()] = body.strip()
    return found


def validation_summary(data: Data) -> tuple[str, int]:
    """The validation report's sentence, and how many records are marked contested."""
    counts = data.counts()
    sentence = (
        f"All {sum(counts.values())} records passed validation: "
        + ", ".join(f"{n} {k}" for k, n in counts.items())
        + ". Every reference resolves and every record cites at least one source."
    )
    contested = sum(
        r.contested is not None
        for kind in ("positions", "figures", "events")
        for r in getattr(data, kind).values()
    )
    return sentence, contested


def citation(data: Data) -> str:
    """One line to copy (shown as code, so as plain characters: no line breaks or bidi controls)."""
    d = data.dataset
    return plain(f"{d.title}. Version {d.version}, data current to {d.as_of}. Licence: {d.licence}.")


def _authors(data: Data) -> str:
    return ", ".join(data.dataset.maintainers) or "The maintainers"


def citation_apa(data: Data, accessed: dt.date, url: str = "") -> str:
    """The dataset in APA style (a dataset reference: author, year, title, version, publisher, URL)."""
    d = data.dataset
    year = d.as_of[:4]
    where = f" {url}" if url else ""
    return plain(
        f"{_authors(data)}. ({year}). *{d.title}* (Version {d.version}; data current to {d.as_of}) "
        f"[Data set]. Retrieved {accessed:%B} {accessed.day}, {accessed.year}.{where}"
    )


def citation_bibtex(data: Data, accessed: dt.date, url: str = "") -> str:
    """The dataset as a BibTeX @misc entry with its version and access date."""
    d = data.dataset
    key = f"stances{d.version.replace('.', '')}"
    fields = {
        "author": "{" + plain(_authors(data)) + "}",
        "title": "{" + plain(d.title).replace("{", "(").replace("}", ")") + "}",
        "year": d.as_of[:4],
        "version": d.version,
        "note": plain(f"Data current to {d.as_of}. Licence: {d.licence}").replace("{", "(").replace("}", ")"),
        "urldate": accessed.isoformat(),
        **({"url": url} if url else {}),
    }
    body = ",\n".join(
        f"  {k} = {{{v}}}" if not v.startswith("{") else f"  {k} = {v}" for k, v in fields.items()
    )
    return f"@misc{{{key},\n{body}\n}}"


def source_strength(data: Data, cells) -> dict[str, int]:
    """Counts for the register: sources by how they were seen and by title check, and the stances in
    `cells` (one row per side × issue from the engine) by strength."""
    sources = list(data.sources.values())
    held = cells[cells["state"].isin(["coded", "withdrawn"])]
    return {
        "seen": sum(s.seen == "page" for s in sources),
        "relayed": sum(s.seen == "relay" for s in sources),
        "thin": sum(s.thin for s in sources),
        "title published": sum(s.title_is == "published" for s in sources),
        "title described": sum(s.title_is == "description" for s in sources),
        "title not checked": sum(s.title_is is None for s in sources),
        "stances": len(held),
        "primary stances": int((held["strength"] == "primary").sum()),
        "reported stances": int((held["strength"] == "reported").sum()),
        "thin stances": int((held["strength"] == "thin").sum()),
    }
