"""The methodology text of the Sources & data page, kept as markdown beside the code it describes."""

from __future__ import annotations

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
