"""Loading a data folder: read each file, build the records, check them, in one direction
(loader → validate and consistency → dataset type)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from stances import consistency
from stances.dataset import Data
from stances.freshness import today
from stances.problems import Problem
from stances.validate import (
    FILES,
    Checker,
    build_records,
    check_as_of,
    check_references,
    check_text,
    read_file,
)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading makes about a million small objects and no cycles among them: the cyclic collector's
    passes over them cost a fifth of the load at 10,000 positions and free nothing."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def load_dataset(
    folder: str | Path, *, display_root: Path | None = None, fast: bool = True, editorial: bool = True
) -> Data:
    """Read and check every file in `folder`; problems are collected in `Data.problems`, sorted.

    `fast=False` reads with PyYAML's pure-Python parser instead of libyaml (for benchmarks);
    `editorial=False` skips the cross-record consistency checks (for archived releases).
    """
    with _collector_paused():
        return _load(Path(folder), display_root, fast, editorial)


def _load(folder: Path, display_root: Path | None, fast: bool, editorial: bool = True) -> Data:
    data = Data(folder=folder)

    @cache
    def shown(name: str) -> str:
        path = folder / name
        if display_root is not None:
            try:
                return str(path.resolve().relative_to(display_root.resolve()))
            except ValueError:
                pass
        return str(path)

    checker = Checker(data, shown)
    for name in FILES:
        parsed = read_file(folder / name, shown(name), fast)
        if isinstance(parsed, Problem):
            checker.file_unreadable(name, parsed)
        else:
            checker.parsed[name] = parsed
    check_text(checker)
    build_records(checker)
    check_as_of(checker, today=today())
    check_references(checker)
    if editorial:
        consistency.check(checker)
    data.problems = checker.ordered()
    return data
