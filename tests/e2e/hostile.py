"""A copy of the fixture dataset whose texts try to break out: markup, scripts, links, huge strings."""

from __future__ import annotations

from pathlib import Path

import yaml

from stances.yaml_reader import parse_text

SCRIPT = "<script>window.__pwned = 1; alert('xss')</script>"
IMG = "<img src=x onerror=\"window.__pwned = 2; alert('img')\">"
LINK = "[click me](javascript:window.__pwned=3)"
LONG = ("Очень длинный текст — " * 250)[:5000]
RTL = "مرحبا بالعالم שלום עולם"
EMOJI = "🕊️🇺🇦🇷🇺 ⚑"
HOSTILE = [SCRIPT, IMG, LINK, LONG, RTL, EMOJI]


def _poison(value: str, n: int) -> str:
    return f"{value} {HOSTILE[n % len(HOSTILE)]}"


def write(source: Path, target: Path) -> Path:
    """Write the poisoned copy of `source` (a data folder) into `target`; return `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.yaml")):
        data = parse_text(path.read_text(encoding="utf-8")).data
        records = data["values"] + data["metrics"] if path.name == "figures.yaml" else data
        if isinstance(records, list):
            for n, record in enumerate(records):
                for field in (
                    "name",
                    "title",
                    "summary",
                    "quote",
                    "note",
                    "description",
                    "publisher",
                    "label",
                ):
                    if isinstance(record.get(field), str):
                        record[field] = _poison(record[field], n)
                for point in record.get("points", []):
                    point["summary"] = _poison(point["summary"], n + 1)
        (target / path.name).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return target
