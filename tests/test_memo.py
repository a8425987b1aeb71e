"""The memo behind warm reruns: a view asked for with the same recipe is the object built the first time;
any change in the recipe builds anew; anything but plain values is refused; conversions live with their
object."""

import datetime as dt
import gc

import pandas as pd
import pytest

from stances.memo import Derived, Memo, NotARecipe
from stances.view_filters import Filters

BASE = pd.DataFrame({"n": [1, 2, 3]})


class Views:
    """Two views over a table, counting how often each is built."""

    def __init__(self):
        self.calls = 0

    def rows(self, m: Memo, at_least: int) -> pd.DataFrame:
        self.calls += 1
        return m.data[m.data["n"] >= at_least]

    def total(self, m: Memo, at_least: int) -> int:
        self.calls += 1
        return int(m(self.rows, at_least)["n"].sum())


def _filters(day: int) -> Filters:
    return Filters(sides=("ua", "ru"), issues=(), categories=(), as_of=dt.date(2026, 1, day), kinds=())


def test_a_repeated_recipe_returns_the_object_built_the_first_time():
    views, memo = Views(), Memo(BASE, None)
    first = memo(views.rows, 2)
    assert memo(views.rows, 2) is first
    assert views.calls == 1 and list(first["n"]) == [2, 3]


def test_each_recipe_that_differs_builds_anew_and_filters_compare_by_value():
    views, memo = Views(), Memo(BASE, None)
    memo(views.rows, 2)
    assert list(memo(views.rows, 3)["n"]) == [3]
    assert views.calls == 2
    seen = {id(memo(lambda m, f: object(), _filters(day))) for day in (1, 2, 1)}
    assert len(seen) == 3  # each lambda is a view of its own
    view = lambda m, f: object()  # noqa: E731
    assert len({id(memo(view, _filters(day))) for day in (1, 2, 1)}) == 2


def test_a_view_builds_on_another_through_the_memo():
    views, memo = Views(), Memo(BASE, None)
    assert memo(views.total, 2) == 5
    assert memo(views.rows, 2) is memo(views.rows, 2)
    assert views.calls == 2 and memo.hits == 2


def test_true_1_and_1_0_are_different_recipes():
    memo = Memo(BASE, None)
    assert [memo(lambda m, v: repr(v), v) for v in (True, 1, 1.0)] == ["True", "1", "1.0"]
    view = lambda m, v: repr(v)  # noqa: E731
    assert [memo(view, v) for v in (True, 1, 1.0)] == ["True", "1", "1.0"]


@pytest.mark.parametrize("value", [BASE, BASE["n"], object(), {"a": BASE}])
def test_a_table_or_any_other_object_is_refused_as_a_recipe(value):
    with pytest.raises(NotARecipe):
        Memo(BASE, None)(lambda m, v: v, value)


def test_lists_dicts_and_keyword_options_are_recipes():
    views, memo = Views(), Memo(BASE, None)
    view = lambda m, xs, weights, *, as_of: (views.__setattr__("calls", views.calls + 1), xs)[1]  # noqa: E731
    memo(view, ["a", "b"], {"x": 1.0}, as_of=dt.date(2026, 1, 1))
    memo(view, ["a", "b"], {"x": 1.0}, as_of=dt.date(2026, 1, 1))
    memo(view, ["a", "b"], {"x": 2.0}, as_of=dt.date(2026, 1, 1))
    memo(view, ("a", "b"), {"x": 1.0}, as_of=dt.date(2026, 1, 1))
    assert views.calls == 3


def test_the_store_is_bounded():
    views, memo = Views(), Memo(BASE, None, size=3)
    frames = [memo(views.rows, k) for k in range(5)]
    assert len(memo._results) == 3
    assert memo(views.rows, 0) is not frames[0]  # evicted, so built again
    assert views.calls == 6


def test_the_tables_of_data_that_did_not_validate_are_refused_plainly():
    with pytest.raises(AssertionError, match="did not validate"):
        _ = Memo(BASE, None).tables


def test_a_conversion_is_kept_while_its_object_lives_and_dropped_with_it():
    converted, calls = Derived(), []

    def upper(frame: pd.DataFrame, column: str) -> list:
        calls.append(column)
        return frame[column].tolist()

    frame = BASE.copy()
    assert converted(upper, frame, "n") is converted(upper, frame, "n")
    assert calls == ["n"] and len(converted) == 1
    other = BASE.copy()
    converted(upper, other, "n")
    assert calls == ["n", "n"]
    del frame, other
    gc.collect()
    assert len(converted) == 0  # nothing outlives its object, so a reused address is never confused
