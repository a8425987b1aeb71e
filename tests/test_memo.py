"""The memo behind warm reruns: same call, same object; any change in what a call depends on, a new one."""

import datetime as dt

import pandas as pd

from stances.memo import Memo
from stances.view_filters import Filters


class Counter:
    def __init__(self):
        self.calls = 0

    def rows(self, frame: pd.DataFrame, at_least: int) -> pd.DataFrame:
        self.calls += 1
        return frame[frame["n"] >= at_least]

    def total(self, frame: pd.DataFrame) -> int:
        self.calls += 1
        return int(frame["n"].sum())


def _view(filters: Filters) -> object:
    return object()


def _filters(day: int) -> Filters:
    return Filters(sides=("ua", "ru"), issues=(), categories=(), as_of=dt.date(2026, 1, day), kinds=())


def test_a_repeated_call_returns_the_object_built_the_first_time():
    base = pd.DataFrame({"n": [1, 2, 3]})
    count, memo = Counter(), Memo(base)
    first = memo(count.rows, base, 2)
    assert memo(count.rows, base, 2) is first
    assert count.calls == 1 and list(first["n"]) == [2, 3]


def test_each_argument_that_differs_builds_anew():
    base = pd.DataFrame({"n": [1, 2, 3]})
    count, memo = Counter(), Memo(base)
    memo(count.rows, base, 2)
    assert list(memo(count.rows, base, 3)["n"]) == [3]
    assert count.calls == 2
    seen = {id(memo(_view, _filters(day))) for day in (1, 2, 1)}
    assert len(seen) == 2  # filters are compared by value: the same as-of date is the same view


def test_true_and_1_are_different_arguments():
    memo = Memo()
    assert [memo(repr, v) for v in (True, 1, 1.0)] == ["True", "1", "1.0"]


def test_a_frame_the_memo_built_is_known_by_the_call_that_built_it():
    base = pd.DataFrame({"n": [1, 2, 3]})
    count, memo = Counter(), Memo(base)
    chosen = memo(count.rows, base, 2)
    assert memo(count.total, chosen) == 5
    assert memo(count.total, memo(count.rows, base, 2)) == 5
    assert count.calls == 2 and memo.hits == 2


def test_a_frame_built_elsewhere_is_computed_every_time_and_never_confused():
    base = pd.DataFrame({"n": [1, 2, 3]})
    count, memo = Counter(), Memo(base)
    assert memo(count.total, base[base["n"] > 1]) == 5
    assert memo(count.total, base[base["n"] > 2]) == 3
    assert count.calls == 2 and memo.unkept == 2


def test_the_store_is_bounded_and_forgets_what_it_evicts():
    base = pd.DataFrame({"n": list(range(10))})
    count, memo = Counter(), Memo(base, size=3)
    frames = [memo(count.rows, base, k) for k in range(5)]
    assert len(memo._results) == 3 and len(memo._made) == 3
    assert memo(count.rows, base, 0) is not frames[0]  # evicted, so built again
    assert count.calls == 6
