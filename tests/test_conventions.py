"""Signature conventions across stances/: a date a function reads the data at (`as_of`, `today`) is passed
by keyword, so it is never in a different position from one function to the next; `data` comes before
`tables`; a view's memo `m` comes first."""

import ast
from collections.abc import Iterator

from .conftest import ROOT

DATES = ("as_of", "today")


def _functions(source: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """(name, positional parameters, keyword-only parameters) of every function and lambda in a module."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            positional = [a.arg for a in args.posonlyargs + args.args]
            yield getattr(node, "name", "<lambda>"), positional, [a.arg for a in args.kwonlyargs]


def breaches(source: str) -> list[str]:
    found = []
    for name, positional, keyword in _functions(source):
        found += [f"{name}: {p} is positional" for p in DATES if p in positional]
        if {"data", "tables"} <= set(positional) and positional.index("tables") < positional.index("data"):
            found.append(f"{name}: tables before data")
        if "m" in positional + keyword and positional[:1] != ["m"]:
            found.append(f"{name}: the memo m is not first")
    return found


def test_the_checks_catch_each_breach():
    source = (
        "def a(data, as_of): ...\n"
        "def b(x, *, today): ...\n"
        "def c(tables, data): ...\n"
        "def d(f, m): ...\n"
        "def e(f, *, m): ...\n"
        "g = lambda data, today: 0\n"
    )
    assert sorted(breaches(source)) == [
        "<lambda>: today is positional",
        "a: as_of is positional",
        "c: tables before data",
        "d: the memo m is not first",
        "e: the memo m is not first",
    ]


def test_every_function_in_the_package_keeps_the_conventions():
    found = [
        f"{path.relative_to(ROOT)}: {breach}"
        for path in sorted((ROOT / "stances").rglob("*.py"))
        for breach in breaches(path.read_text(encoding="utf-8"))
    ]
    assert found == []
