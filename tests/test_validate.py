"""Every kind of bad input gives `file:line: message` naming the record and field; all at once."""

import re
from pathlib import Path

import pytest

from stances.loader import load_dataset


def _problems(folder: Path) -> list[str]:
    return [str(p) for p in load_dataset(folder).problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_is_valid(mini):
    data = load_dataset(mini)
    assert data.problems == []
    assert data.counts()["positions"] == 9
    assert data.side_of("ana") == "northland"


CASES = [
    # (file, old text, new text, expected line, expected message fragment)
    (
        "positions.yaml",
        "  kind: demand\n  summary: Northland wants",
        "  kind: demand\n  sumary: Northland wants",
        7,
        "positions 'n-quota-1': unknown field 'sumary'",
    ),
    (
        "positions.yaml",
        "  summary: Northland wants a large quota.\n",
        "",
        1,
        "positions 'n-quota-1': missing field 'summary'",
    ),
    (
        "sources.yaml",
        "publisher: Harbour Gazette",
        "publisher: no",
        3,
        "sources 'gazette-1': publisher: Input should be a valid string, got bool False",
    ),
    (
        "issues.yaml",
        "title: Catch quota",
        "title: 1.10",
        2,
        "issues 'quota': title: Input should be a valid string, got float 1.1",
    ),
    (
        "positions.yaml",
        'date: "2024-01-10"\n  kind: demand',
        'date: "2024-02-30"\n  kind: demand',
        5,
        "positions 'n-quota-1': date: '2024-02-30' is not a real date",
    ),
    (
        "positions.yaml",
        'date: "2024-01-10"\n  kind: demand',
        'date: "2025-01-01"\n  kind: demand',
        5,
        "positions 'n-quota-1': date: 2025-01-01 is after the dataset's as_of 2024-06-30",
    ),
    (
        "positions.yaml",
        "actor: northland\n  speaker: ana",
        "actor: westland\n  speaker: ana",
        2,
        "positions 'n-quota-1': actor: unknown actor 'westland'",
    ),
    (
        "positions.yaml",
        'issue: quota\n  date: "2024-01-10"',
        'issue: quotas\n  date: "2024-01-10"',
        4,
        "positions 'n-quota-1': issue: unknown issue 'quotas'",
    ),
    (
        "positions.yaml",
        "sources: [gazette-1]",
        "sources: [gazette-9]",
        10,
        "positions 'n-quota-1': sources: unknown source 'gazette-9'",
    ),
    (
        "positions.yaml",
        "document: draft-a",
        "document: draft-z",
        56,
        "positions 'm-quota-1': document: unknown document 'draft-z'",
    ),
    (
        "figures.yaml",
        "{id: q-north, metric: quota-size,",
        "{id: q-north, metric: quota-sise,",
        7,
        "figures 'q-north': metric: unknown metric 'quota-sise'",
    ),
    (
        "positions.yaml",
        "- id: n-quota-2",
        "- id: n-quota-1",
        11,
        "positions 'n-quota-1': duplicate id (first on line 1)",
    ),
    (
        "positions.yaml",
        "stance: 3\n  quote",
        "stance: 7\n  quote",
        8,
        "positions 'n-quota-1': stance: 7 is not on the scale of 'quota' (0, 1, 2, 3, 4)",
    ),
    (
        "sources.yaml",
        "url: https://example.org/gazette/1",
        "url: javascript:alert(1)",
        4,
        "sources 'gazette-1': url: url must start with http:// or https://",
    ),
    (
        "sources.yaml",
        "url: https://example.org/wire/2",
        "url: file:///etc/passwd",
        10,
        "sources 'wire-2': url: url must start with http",
    ),
    (
        "positions.yaml",
        "speaker: sam",
        "speaker: ana",
        21,
        "positions 's-quota-1': speaker: 'ana' represents 'northland', not 'southland'",
    ),
    (
        "documents.yaml",
        '  date: "2024-03-01"\n  points',
        '  date: "2024-03-01"\n  based_on: draft-b\n  points',
        5,
        "lineage loops back",
    ),
    (
        "events.yaml",
        "documents: [draft-a]",
        "documents: [draft-q]",
        2,
        "events 'draft-a-published': documents: unknown document 'draft-q'",
    ),
    (
        "positions.yaml",
        "point: 1",
        "point: 9",
        57,
        "positions 'm-quota-1': point: document 'draft-a' has no point 9",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "line", "fragment"), CASES, ids=[c[4][:40] for c in CASES])
def test_bad_record(mini, file, old, new, line, fragment):
    _edit(mini / file, old, new)
    problems = _problems(mini)
    expected = f"{mini / file}:{line}: "
    assert any(p.startswith(expected) and fragment in p for p in problems), problems


@pytest.mark.parametrize(
    ("file", "content", "line", "fragment"),
    [
        ("positions.yaml", b"- id: a\n  actor: [\n", 3, "YAML syntax error"),
        ("positions.yaml", b"- id: a\n  id: b\n", 2, "duplicate key 'id'"),
        ("positions.yaml", b"- &p\n  id: a\n- *p\n", 1, "anchor '&p' is not allowed"),
        ("positions.yaml", b"", 1, "file is empty"),
        ("positions.yaml", b"# only a comment\n", 1, "file is empty"),
        ("positions.yaml", b"- id: a\n  summary: caf\xe9\n", 2, "file is not UTF-8 text"),
        (
            "positions.yaml",
            b"id: a\nactor: b\n",
            1,
            "top level must be a list of positions records",
        ),
        ("dataset.yaml", b"- a\n- b\n", 1, "top level must be a mapping"),
        ("figures.yaml", b"- a\n", 1, "'metrics' and 'values'"),
    ],
)
def test_bad_file(mini, file, content, line, fragment):
    (mini / file).write_bytes(content)
    problems = _problems(mini)
    assert any(p.startswith(f"{mini / file}:{line}: ") and fragment in p for p in problems), problems


def test_missing_file(mini):
    (mini / "events.yaml").unlink()
    assert f"{mini / 'events.yaml'}:1: file is missing" in _problems(mini)


def test_all_problems_reported_at_once_and_sorted(mini):
    _edit(mini / "positions.yaml", "summary: Northland wants", "sumary: Northland wants")
    _edit(mini / "sources.yaml", "url: https://example.org/blog", "url: javascript:x")
    _edit(mini / "events.yaml", "title: First round of talks", "title: First round of talks, extra: 1")
    problems = load_dataset(mini).problems
    files = {Path(p.file).name for p in problems}
    assert files == {"positions.yaml", "sources.yaml", "events.yaml"}
    assert problems == sorted(problems)
    for p in problems:
        assert re.match(r"^.+\.yaml:\d+: \S", str(p))


REVIEW_CASES = [
    (
        "positions.yaml",
        "  kind: red-line\n  summary: Northland insists on the south line.\n  stance: 2\n",
        "  kind: red-line\n  summary: Northland insists on the south line.\n  stance: 2\n  rejects: [0, 5]\n",
        35,
        "positions 'n-border-1': rejects.1: 5 is not on the scale of 'border' (0, 1, 2)",
    ),
    (
        "positions.yaml",
        "  kind: red-line\n  summary: Northland insists on the south line.\n  stance: 2\n",
        "  kind: red-line\n  summary: Northland insists on the south line.\n  stance: 2\n  rejects: [2]\n",
        28,
        "positions 'n-border-1': rejects 2, the position's own stance",
    ),
    # what a reviewer used to find by hand: (file, old text, new text, expected line, message fragment)
    (
        "positions.yaml",
        'date: "2024-01-10"\n  kind: demand',
        'date: "2024-01-20"\n  kind: demand',
        5,
        "positions 'n-quota-1': date: 2024-01-20 is after every source was published (newest 2024-01-10)",
    ),
    (
        "positions.yaml",
        "  summary: The mediator proposes a medium quota.\n  stance: 2",
        "  summary: The mediator proposes a medium quota.\n  stance: 3",
        55,
        "positions 'm-quota-1': stance: 3 differs from point 1 of 'draft-a', coded 2 in documents.yaml",
    ),
    (
        "positions.yaml",
        'date: "2024-05-02"',
        'date: "2024-05-01"',
        17,
        "positions 'n-quota-2': stance: 2 contradicts, on the same day, point 1 of 'draft-b' (3)",
    ),
    (
        "figures.yaml",
        "  - {id: q-south,",
        '  - {id: q-north-2, metric: quota-size, actor: northland, value: 80000, unit: tonnes, date: "2024-01-10",'
        " basis: proposed-cap, label: Northland demand, sources: [gazette-1]}\n  - {id: q-south,",
        8,
        "figures 'q-north-2': value: 80000 differs from 'q-north' for the same metric, side, date and basis",
    ),
    (
        "figures.yaml",
        "    description: Annual catch quota proposed by each side.",
        "    description: Annual catch quota proposed by each side.\n    bases: [proposed-cap]",
        17,
        "figures 'q-actual': basis: 'actual' is not among the bases metric 'quota-size' covers (proposed-cap)",
    ),
    (
        "documents.yaml",
        'date: "2024-04-02", sources: [blog-4]',
        'date: "2024-01-02", sources: [blog-4]',
        10,
        "documents 'draft-a': endorsed_by.0.date: 2024-01-02 is before the text's date 2024-03-01",
    ),
    (
        "documents.yaml",
        "{actor: league,",
        "{actor: harbour,",
        10,
        "documents 'draft-a': endorsed_by.0.actor: unknown actor 'harbour'",
    ),
    (
        "documents.yaml",
        "summary: Joint patrols, stance: 1}",
        "summary: Joint patrols, stance: 1, held_by: [southland]}",
        20,
        "documents 'draft-b': points.1.held_by: 'southland' did not write or endorse this text",
    ),
    (
        "positions.yaml",
        "  summary: Northland wants a large quota.",
        "  summary: Northland wants a large quota (fact base, Part 3).",
        7,
        "positions 'n-quota-1': summary: 'fact base' is curator wording shown to readers",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "fragment"), REVIEW_CASES, ids=[c[4][:50] for c in REVIEW_CASES]
)
def test_review_checks(mini, file, old, new, line, fragment):
    _edit(mini / file, old, new)
    problems = _problems(mini)
    assert any(p.startswith(f"{mini / file}:{line}: ") and fragment in p for p in problems), problems


def test_background_sources_are_allowed_when_the_curator_says_so(mini):
    _edit(
        mini / "positions.yaml",
        'date: "2024-01-10"\n  kind: demand',
        'date: "2024-01-20"\n  kind: demand\n  curator_note: gazette-1 is background for the demand',
    )
    assert _problems(mini) == []


def test_a_value_in_a_unit_its_metric_does_not_declare_is_a_problem(mini):
    _edit(mini / "figures.yaml", "value: 90000, unit: tonnes", "value: 90000, unit: kilograms")
    assert any(
        "figures 'q-north': unit: 'kilograms' is not among the units metric 'quota-size' covers (tonnes)" in p
        for p in _problems(mini)
    )


def test_an_issue_category_outside_the_five_is_a_problem(mini):
    _edit(mini / "issues.yaml", "  category: economy", "  category: fisheries")
    assert any("issues 'quota': category: 'fisheries'" in p for p in _problems(mini))
