"""Arbitrary text and mutated copies of real files either load or report problems; nothing else."""

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stances.dataset import load_dataset
from stances.yaml_reader import YamlProblem, parse_text

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "data"
FILES = sorted(p.name for p in REAL.glob("*.yaml"))


@settings(max_examples=300, deadline=None)
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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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
