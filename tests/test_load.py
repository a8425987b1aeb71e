import pytest

from stances.yaml_reader import YamlProblem, parse_text


def test_dates_stay_text_and_lines_are_kept():
    parsed = parse_text("- id: a\n  date: 2024-01-02\n  n: 3\n")
    assert parsed.data == [{"id": "a", "date": "2024-01-02", "n": 3}]
    assert parsed.line_of((0, "n")) == 3
    assert parsed.line_of((0, "missing", 4)) == 1


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first given on line 1)"),
        ("a: &x 1\nb: *x\n", 1, "anchor '&x' is not allowed"),
        ("a: !!python/object:os.system 1\n", 1, "is not allowed"),
        ("a: [1,\n", 2, "YAML syntax error"),
        ("a: 1\n---\nb: 2\n", 2, "only one YAML document"),
    ],
)
def test_refused_yaml(text, line, fragment):
    with pytest.raises(YamlProblem) as info:
        parse_text(text)
    assert info.value.line == line
    assert fragment in info.value.message


def test_billion_laughs_is_refused_before_expanding():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    with pytest.raises(YamlProblem, match="anchor"):
        parse_text("\n".join(lines))


def test_pure_and_c_parsers_agree():
    text = "- {id: a, v: 1.5, ok: true, d: 2024-05}\n- id: b\n  list: [x, y]\n"
    assert parse_text(text, fast=True).data == parse_text(text, fast=False).data


def test_a_key_is_the_text_as_written():
    """YAML 1.1 would read a key `no:` as the boolean false; the reader keeps it as written."""
    parsed = parse_text("no: 1\nyes: 2\n1.10: 3\n")
    assert list(parsed.data) == ["no", "yes", "1.10"]


def test_an_unknown_key_is_reported_as_written(mini):
    from stances.loader import load_dataset

    path = mini / "positions.yaml"
    path.write_text(path.read_text().replace("  kind: demand\n", "  kind: demand\n  no: 1\n", 1))
    assert any("unknown field 'no'" in str(p) for p in load_dataset(mini).problems)
