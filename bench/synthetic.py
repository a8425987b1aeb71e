"""Valid synthetic datasets of any size, with the bundled data's schema (fixed random seed)."""

from __future__ import annotations

import bisect
import datetime as dt
import random
from pathlib import Path

import yaml

KINDS = ["demand", "offer", "proposal", "red-line", "concession", "rejection", "statement"]
BASES = ["proposed-cap", "actual", "pledged", "expected", "offered"]
EVENT_KINDS = ["talks", "proposal", "statement", "military", "legal", "agreement"]
SOURCE_TYPES = ["primary", "agency", "newspaper", "broadcaster", "analysis", "aggregator", "state-media"]
START, END = dt.date(2008, 1, 1), dt.date(2026, 2, 28)
DAYS = (END - START).days


def shape(scale: int) -> dict[str, int]:
    """Record counts at `scale` × the bundled size (1× ≈ the bundled data; 100× ≈ 10,000 positions)."""
    sides = {1: 5, 10: 10, 100: 15}.get(scale, max(5, min(15, 5 + scale // 10)))
    issues = {1: 16, 10: 50, 100: 100}.get(scale, max(16, scale))
    return {
        "sides": sides,
        "issues": issues,
        "positions": 100 * scale,
        "figures": 20 * scale,
        "metrics": min(8 * scale, 80),
        "events": 40 * scale,
        "sources": 150 * scale,
        "documents": 4 * scale,
    }


def _day(rng: random.Random, odd: bool = False) -> str:
    """A random day; plan texts take odd days, so no side's position falls on the day of a text it holds
    (the validator reports such a pair when the two disagree)."""
    return (START + dt.timedelta(days=rng.randrange(DAYS // 2) * 2 + odd)).isoformat()


def _text(rng: random.Random, words: int) -> str:
    vocab = ["ceasefire", "guarantee", "border", "troops", "sanctions", "assets", "talks", "draft",
             "withdrawal", "referendum", "monitoring", "reconstruction", "membership", "zone"]  # fmt: skip
    return " ".join(rng.choice(vocab) for _ in range(words)).capitalize() + "."


def _point(rng: random.Random, k: int, issues: int) -> dict[str, object]:
    issue = f"issue-{rng.randrange(issues)}"
    return {"number": k + 1, "issue": issue, "summary": _text(rng, 10), "stance": rng.randrange(5)}


def build(scale: int, seed: int = 7) -> dict[str, object]:
    rng = random.Random(seed + scale)
    n = shape(scale)
    sides = [f"side-{i}" for i in range(n["sides"])]
    people = [f"person-{i}" for i in range(n["sides"] * 3)]
    actors = [{"id": s, "name": f"Side {i}", "kind": "state"} for i, s in enumerate(sides)]
    actors += [
        {"id": p, "name": f"Person {i}", "kind": "person", "represents": sides[i % len(sides)]}
        for i, p in enumerate(people)
    ]
    issues = [
        {
            "id": f"issue-{i}",
            "title": f"Issue {i}",
            "category": ["security", "territory", "economy", "political", "process"][i % 5],
            "question": f"What should happen on issue {i}?",
            "scale": [{"value": v, "label": f"Level {v}"} for v in range(5)],
        }
        for i in range(n["issues"])
    ]
    sources = [
        {
            "id": f"src-{i}",
            "title": _text(rng, 8),
            "publisher": f"Outlet {i % 40}",
            "url": f"https://example.org/news/{i}",
            "published": _day(rng),
            "type": rng.choice(SOURCE_TYPES),
        }
        for i in range(n["sources"])
    ]
    sources[-1]["published"] = END.isoformat()  # every record has a source published on or after it
    by_day = sorted((s["published"], s["id"]) for s in sources)

    def cite(day: str, k: int = 1) -> list[str]:
        """k sources published on or after `day`, as a source that reports a record must be."""
        later = [sid for published, sid in by_day[bisect.bisect_left(by_day, (day, "")) :]]
        return rng.sample(later, min(k, len(later)))

    documents = []
    for i in range(n["documents"]):
        day = _day(rng, odd=True)
        doc = {
            "id": f"doc-{i}",
            "title": f"Plan text {i}",
            "author": rng.choice(sides),
            "date": day,
            "points": [_point(rng, k, n["issues"]) for k in range(20)],
            "sources": cite(day),
        }
        if i % 4:
            doc["based_on"] = f"doc-{i - 1}"
        documents.append(doc)
    positions = []
    for i in range(n["positions"]):
        side = rng.randrange(len(sides))
        day = _day(rng)
        record = {
            "id": f"pos-{i}",
            "actor": sides[side],
            "speaker": people[side + len(sides) * rng.randrange(3)],
            "issue": f"issue-{rng.randrange(n['issues'])}",
            "date": day,
            "kind": rng.choice(KINDS),
            "summary": _text(rng, 18),
            "stance": rng.randrange(5),
            "sources": cite(day, 2),
        }
        if i % 3 == 0:
            record["quote"] = _text(rng, 14)
        if i % 50 == 0:
            record["contested"] = {
                "note": "Reports differ.",
                "versions": [{"claim": "One account", "sources": cite(day)},
                             {"claim": "Another account", "sources": cite(day)}],
            }  # fmt: skip
        positions.append(record)
    metrics = [
        {"id": f"metric-{i}", "title": f"Metric {i}", "unit": "troops", "description": _text(rng, 8)}
        for i in range(n["metrics"])
    ]
    values = []
    for i in range(n["figures"]):
        day = _day(rng)
        values.append(
            {
                "id": f"fig-{i}",
                "metric": f"metric-{i % n['metrics']}",
                "actor": rng.choice(sides),
                "label": f"Proposal {i}",
                "value": rng.randrange(10_000, 1_000_000, 5_000),
                "unit": "troops",
                "date": day,
                "basis": rng.choice(BASES),
                "sources": cite(day),
            }
        )
    events = [
        {
            "id": f"event-{i}",
            "date": day,
            "title": _text(rng, 7),
            "kind": rng.choice(EVENT_KINDS),
            "actors": rng.sample(sides, 2),
            "sources": cite(day),
        }
        for i, day in enumerate(sorted(_day(rng) for _ in range(n["events"])))
    ]
    dataset = {
        "title": f"Synthetic negotiation ×{scale}",
        "description": "Generated for benchmarks.",
        "licence": "CC0",
        "version": "0.0.1",
        "as_of": END.isoformat(),
    }
    return {
        "dataset": dataset,
        "actors": actors,
        "issues": issues,
        "documents": documents,
        "positions": positions,
        "figures": {"metrics": metrics, "values": values},
        "events": events,
        "sources": sources,
    }


def write(scale: int, folder: Path) -> Path:
    """Write the dataset at `scale` into `folder` (one YAML file per kind) and return `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for name, content in build(scale).items():
        with open(folder / f"{name}.yaml", "w", encoding="utf-8") as handle:
            yaml.dump(content, handle, Dumper=dumper, sort_keys=False, allow_unicode=True)
    return folder


def config(folder: Path, sides: int) -> Path:
    """A config.yaml next to the data that shows every side."""
    path = folder.parent / "config.yaml"
    ids = [f"side-{i}" for i in range(sides)]
    path.write_text(
        yaml.safe_dump(
            {
                "title": "Synthetic",
                "data_dir": folder.name,
                "sides": [{"id": s, "colour": "#336699"} for s in ids],
                "default_sides": ids,
                "headline_metrics": ["metric-0"],
            }
        ),
        encoding="utf-8",
    )
    return path
