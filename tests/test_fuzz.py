"""Arbitrary text and mutated copies of real files either load or report problems; nothing else."""

import json
import re
import shutil
import tracemalloc
from datetime import timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stances.loader import load_dataset
from stances.yaml_reader import YamlProblem, parse_text

from .conftest import THOROUGH


def examples(n: int) -> int:
    """`n` examples in CI (or with STANCES_SLOW=1); a fifth of them locally, for a quick suite."""
    return n if THOROUGH else max(10, n // 5)


ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "data"
FILES = sorted(p.name for p in REAL.glob("*.yaml"))
MINI = ROOT / "tests" / "fixtures" / "mini"
MINI_FILES = sorted(p.name for p in MINI.glob("*.yaml"))
KEYS = st.sampled_from(
    ["id", "title", "url", "stance", "sources", "as_of", "date", "value", "scale", "points"]
)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_parse_text_only_raises_yaml_problem(text):
    try:
        parse_text(text)
    except YamlProblem as exc:
        assert exc.line >= 1


@st.composite
def mutation(draw):
    name = draw(st.sampled_from(FILES))
    raw = (REAL / name).read_bytes()
    cut = draw(st.integers(0, len(raw)))
    op = draw(st.sampled_from(["delete", "insert", "truncate", "swap"]))
    junk = draw(
        st.binary(min_size=1, max_size=12)
        | st.sampled_from([b": ", b"- ", b"\n  ", b"*a", b"&a ", b"'", b'"', b"no", b"\t", b"{", b"]"])
    )
    if op == "delete":
        raw = raw[:cut] + raw[cut + len(junk) :]
    elif op == "insert":
        raw = raw[:cut] + junk + raw[cut:]
    elif op == "truncate":
        raw = raw[:cut]
    else:
        raw = raw[:cut] + junk + raw[cut + len(junk) :]
    return name, raw


@settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutation())
def test_mutated_real_files_load_or_report(tmp_path, change):
    name, raw = change
    folder = tmp_path / "data"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(REAL, folder)
    (folder / name).write_bytes(raw)
    data = load_dataset(folder)
    for problem in data.problems:
        assert problem.line >= 1
        assert str(problem).startswith(str(folder))


# Hostile input with ceilings: every example must finish within DEADLINE and peak under its memory
# ceiling (traced Python allocations: a few kilobytes of YAML once took gigabytes).
DEADLINE = timedelta(seconds=5)
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _bounded(run, ceiling: int):
    tracemalloc.start()
    try:
        result = run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < ceiling, f"peak {peak:,} bytes over the ceiling {ceiling:,}"
    return result


def _load_with(folder: Path, name: str, raw: bytes):
    for item in MINI.iterdir():
        shutil.copy(item, folder / item.name)
    (folder / name).write_bytes(raw)
    data = _bounded(lambda: load_dataset(folder), 40 * len(raw) + 30_000_000)
    for problem in data.problems:
        text = str(problem)
        assert problem.line >= 1 and not CONTROLS.search(text), text
    return data


@settings(
    max_examples=examples(150), deadline=DEADLINE, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(MINI_FILES), raw=st.binary(max_size=3000))
def test_any_bytes_give_problems_within_ceilings(tmp_path, name, raw):
    _load_with(tmp_path, name, raw)


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**15, max_value=10**1000)
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["2024-01-10", "no", "1.10", "\u202eevil", "\x1b[31m", "http://", "9999-12-31"])
)
LONG_NUMBERS = st.integers(4000, 6000).map(lambda n: "9" * n) | st.integers(300, 400).map(
    lambda n: f"1.0e+{n}"
)
SHAPES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12) | KEYS, inner, max_size=5)
    ),
    max_leaves=40,
)


@st.composite
def yaml_file(draw):
    """A file of the fixture with a record, a field or the whole file replaced by a drawn YAML shape."""
    name = draw(st.sampled_from(MINI_FILES))
    shape = draw(SHAPES)
    flow = draw(st.booleans())
    text = yaml.safe_dump(shape, default_flow_style=flow, allow_unicode=draw(st.booleans()), width=10**6)
    how = draw(st.sampled_from(["whole", "record", "field"]))
    original = (MINI / name).read_text(encoding="utf-8")
    if how == "whole":
        return name, text
    if how == "record" and original.startswith("- "):
        return name, original + "- " + text.replace("\n", "\n  ")
    value = draw(st.just(json.dumps(shape, default=str)) | LONG_NUMBERS)
    return name, original.replace("\n", f"\n  {draw(KEYS)}: {value}\n", 1)


@settings(
    max_examples=examples(150), deadline=DEADLINE, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(yaml_file())
def test_any_yaml_shape_gives_problems_within_ceilings(tmp_path, change):
    name, text = change
    _load_with(tmp_path, name, text.encode("utf-8", "surrogatepass"))


@settings(max_examples=examples(40), deadline=DEADLINE)
@given(
    depth=st.integers(1, 20_000),
    opener=st.sampled_from(["[", "{a: ", "- ", "a:\n "]),
    tail=st.sampled_from(["", "x", "]" * 3]),
)
def test_deep_nesting_is_refused_quickly_in_linear_memory(depth, opener, tail):
    if opener == "- ":
        text = "".join(" " * (2 * k) + "- \n" for k in range(min(depth, 400)))
    elif opener == "a:\n ":
        text = "".join(" " * k + "a:\n" for k in range(min(depth, 400)))
    else:
        text = opener * depth + tail
    try:
        _bounded(lambda: parse_text(text), 200 * len(text) + 5_000_000)
    except YamlProblem as exc:
        assert exc.line >= 1
