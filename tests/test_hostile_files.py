"""Hostile files: each gives `file:line: message` problems, bounded in time and memory, never a traceback;
nothing from a file reaches a terminal raw; the real cause of an unreadable file comes first."""

import tracemalloc
from pathlib import Path

import pytest

from stances import cli
from stances.charset import visible
from stances.loader import load_dataset
from stances.yaml_reader import MAX_DEPTH, YamlProblem, parse_text


def _problems(folder: Path) -> list[str]:
    return [str(p) for p in load_dataset(folder).problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\nb: " + "[" * 5000 + "]" * 5000, 2, f"nested more than {MAX_DEPTH} levels deep"),
        ("a: 1\nb: " + "{x: " * 5000 + "1" + "}" * 5000, 2, "nested more than"),
        ("a: 1\nb:\n" + "".join(" " * k + "- \n" for k in range(0, 200, 2)), 2 + MAX_DEPTH, "nested more"),
        ("a: 1\nn: " + "9" * 4400, 2, "a number of 4400 characters is too long"),
        ("n: 9007199254740993", 1, "is larger than 9,007,199,254,740,991"),
        ("x: 1\nn: 1.0e+999", 2, "1.0e+999 is not a finite number"),
        ("n: .nan", 1, "is not a finite number"),
    ],
)
def test_oversized_structures_are_problems_at_their_line(text, line, fragment):
    for fast in (True, False):
        with pytest.raises(YamlProblem) as info:
            parse_text(text, fast=fast)
        assert (info.value.line, fragment in info.value.message) == (line, True), info.value.message


def test_deep_nesting_is_refused_in_linear_memory():
    """Before, each level's path tuple made memory grow with the square of the depth (39 kB: 1.85 GB)."""
    text = "a: " + "[" * 20_000 + "]" * 20_000
    tracemalloc.start()
    with pytest.raises(YamlProblem, match="nested more than"):
        parse_text(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * len(text) + 5_000_000


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\rb: 2\rb: 3\r", 3, "duplicate key 'b' (first given on line 2)"),
        ("a: 1\r\nb: 2\r\nb: 3\r\n", 3, "duplicate key 'b' (first given on line 2)"),
        ("a: 1\rb: 2\r\nc: [\r", 4, "YAML syntax error"),
        ("a: 1\nb: x\u2028y\n", 2, "U+2028 (LINE SEPARATOR) is not allowed: a line break that YAML counts"),
        ("a: 1\rb: x\u2029y\n", 2, "U+2029 (PARAGRAPH SEPARATOR)"),
        ("a: 1\n\nb: x\x85y\n", 3, "U+0085"),
        ("a: 1\nb: 2\x00\n", 2, "U+0000 (control character) is not allowed"),
        ("a: 1\r\nb: \x1b[31mred\n", 2, "U+001B"),
        ("a: 1\nb: \x0bx\n", 2, "U+000B"),
    ],
)
def test_every_line_break_counts_as_an_editor_shows_it(text, line, fragment):
    for fast in (True, False):
        with pytest.raises(YamlProblem) as info:
            parse_text(text, fast=fast)
        assert info.value.line == line and fragment in info.value.message, info.value.message


def test_a_cr_only_file_is_read_with_its_lines(mini):
    path = mini / "sources.yaml"
    text = path.read_text(encoding="utf-8").replace("  type: agency", "  typ: agency")
    path.write_bytes(("# the register\n" + text).replace("\n", "\r").encode())
    assert _problems(mini) == [
        f"{path}:8: sources 'wire-2': missing field 'type'",
        f"{path}:13: sources 'wire-2': unknown field 'typ'",
    ]


def test_a_file_that_is_not_utf8_names_its_line(mini):
    path = mini / "events.yaml"
    path.write_bytes(b"# one\r# two\r\n- id: x\xff\n")
    assert _problems(mini)[0] == f"{path}:3: file is not UTF-8 text (byte 20: 0xff)"


def test_one_syntax_error_comes_first_and_its_knock_ons_are_summarised(mini):
    sources = mini / "sources.yaml"
    _edit(sources, "  publisher: Sea Wire\n", "  publisher: [Sea Wire\n")
    _edit(mini / "positions.yaml", "  kind: demand", "  kind: wish")
    problems = _problems(mini)
    assert problems[0].startswith(f"{sources}:") and "YAML syntax error" in problems[0]
    assert problems[1].endswith(
        "reference(s) to sources could not be checked because sources.yaml could not be read"
    )
    assert int(problems[1].split(": ")[1].split()[0]) > 5
    assert not [p for p in problems if "unknown source" in p]
    assert len(problems) == 3 and "kind" in problems[2]


def test_an_unreadable_actors_file_is_summarised_too(mini):
    (mini / "actors.yaml").write_text("id: not a list\n", encoding="utf-8")
    problems = _problems(mini)
    assert problems[0].endswith(
        "actors.yaml:1: top level must be a list of actors records (each starting '- id:')"
    )
    assert "reference(s) to actors could not be checked because actors.yaml could not be read" in problems[1]
    assert not [p for p in problems if "unknown actor" in p]


def test_escape_codes_never_reach_the_terminal(mini, capsys):
    _edit(mini / "sources.yaml", "- id: gazette-1", '- id: "gazette-1\\e[2J\\e]0;owned\\a"')
    assert cli.main(["validate", "--data", str(mini)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "gazette-1\\x1b[2J\\x1b]0;owned\\x07" in out


@pytest.mark.parametrize(
    ("field", "value", "name"),
    [
        ("title", "Gazette \u202eevil\u202c", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("title", '"Gazette \\u2067x"', "U+2067 (RIGHT-TO-LEFT ISOLATE)"),
        ("publisher", "Harbour\u200bGazette", "U+200B (ZERO WIDTH SPACE)"),
        ("publisher", "Harbour \u200fGazette", "U+200F (RIGHT-TO-LEFT MARK)"),
        ("publisher", '"Harbour \\e[1m Gazette"', "U+001B"),
        ("publisher", '"Harbour \\L Gazette"', "U+2028"),
    ],
)
def test_control_and_bidi_characters_in_text_are_reported(mini, field, value, name):
    """A control character is a problem (it reaches a terminal as a command); a format or separator
    character in a value is a warning: the data still shows, the pages and files clean the text."""
    old = {"title": "title: Northland states its quota demand", "publisher": "publisher: Harbour Gazette"}
    _edit(mini / "sources.yaml", old[field], f"{field}: {value}")
    data = load_dataset(mini)
    control = name == "U+001B"
    reported = [str(p) for p in (data.problems if control else data.warnings)]
    assert len(reported) == 1 and (data.ok is not control), (data.problems, data.warnings)
    line = 2 if field == "title" else 3
    assert reported[0].startswith(
        f"{mini / 'sources.yaml'}:{line}: 'gazette-1': {field}: the text holds {name}"
    )
    assert not any(ch in reported[0] for ch in "\u202e\u2067\u200b\u200f\x1b\u2028")


@pytest.mark.parametrize(
    "url", ["http://", "https://", "https:///only/a/path", "http://[::1/x", "http://a:99999/"]
)
def test_a_url_needs_a_host(mini, url):
    _edit(mini / "sources.yaml", "url: https://example.org/gazette/1", f"url: {url}")
    problems = _problems(mini)
    assert len(problems) == 1 and problems[0].split(": ", 1)[1].startswith("sources 'gazette-1': url: url ")


def test_as_of_cannot_be_after_today(mini, monkeypatch):
    _edit(mini / "dataset.yaml", 'as_of: "2024-06-30"', 'as_of: "9999-12-31"')
    assert _problems(mini) == [f"{mini / 'dataset.yaml'}:5: as_of: 9999-12-31 is after today (2024-07-10)"]
    monkeypatch.setenv("STANCES_TODAY", "9999-12-31")
    assert _problems(mini) == []


def test_a_long_hostile_value_is_echoed_short(mini):
    _edit(mini / "sources.yaml", "type: newspaper", f"type: {'x' * 100_000}")
    problems = _problems(mini)
    assert len(problems) == 1 and len(problems[0]) < 1200


def test_problem_text_is_escaped_wherever_it_is_made():
    assert visible("a\x1b[31mb\u202ec\nd\U000e0041") == "a\\x1b[31mb\\u202ec\\x0ad\\U000e0041"
