"""Named views of one loaded data version, each built once per recipe.

A view is a function `view(m, *recipe)`: `m` is the memo, which holds the data and its tables and gives
other views (`m(other, ...)`), and the recipe is plain values: filters, ids, dates, numbers, and tuples,
lists or dicts of them. The memo keys a result on the view and its recipe, never on a table or figure, so
a page can slice a view's result in one line of pandas and a view can build on another without either
being wrapped for the memo. One `Memo` lives with each loaded version of the data and is dropped with it.
Results are shared between sessions and reruns: callers must treat them as read-only.

`Derived` keeps conversions of a result (a table's Arrow form) for as long as the result itself lives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import types
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from stances.dataset import Data
    from stances.tables import Tables

T = TypeVar("T")
_PLAIN = (str, int, float, type(None), dt.date)


class NotARecipe(TypeError):
    """A view was asked for with something other than plain values (a table, a figure, a record)."""


def recipe_key(value: Any) -> Hashable:
    """A plain value as a key: equal values, equal keys; True, 1 and 1.0 kept apart."""
    if isinstance(value, _PLAIN):
        return (value.__class__.__name__, value) if isinstance(value, (bool, float)) else value
    if isinstance(value, types.FunctionType):  # a view named in another's recipe
        return value
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(recipe_key(v) for v in value))
    if isinstance(value, (set, frozenset)):
        return ("set", frozenset(recipe_key(v) for v in value))
    if isinstance(value, Mapping):
        return ("map", tuple((recipe_key(k), recipe_key(v)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen:
        return (type(value), tuple(recipe_key(getattr(value, f.name)) for f in dataclasses.fields(value)))
    raise NotARecipe(f"{type(value).__name__} is not a plain value a view can be keyed on")


class Memo:
    """A bounded, thread-safe store of view results for one data version."""

    def __init__(self, data: Data, tables: Tables | None, size: int = 256) -> None:
        self.data = data
        self._tables = tables
        self._size = size
        self._results: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @property
    def tables(self) -> Tables:
        assert self._tables is not None, "the data did not validate: it has no tables"
        return self._tables

    def __call__(self, view: Callable[..., T], *recipe: Any, **options: Any) -> T:
        key = (view, recipe_key(recipe), recipe_key(options))
        with self._lock:
            if key in self._results:
                self.hits += 1
                self._results.move_to_end(key)
                return self._results[key]
        result = view(self, *recipe, **options)
        with self._lock:
            if key in self._results:  # another session built it meanwhile: keep one
                return self._results[key]
            self.misses += 1
            self._results[key] = result
            while len(self._results) > self._size:
                self._results.popitem(last=False)
        return result


class Derived:
    """Conversions of an object (`fn(obj, *plain)`), kept while the object lives and dropped with it, so an
    object that dies and another that reuses its address never share one."""

    def __init__(self) -> None:
        self._by_id: dict[int, tuple[weakref.ref, dict[Hashable, Any]]] = {}
        self._lock = threading.RLock()  # a drop can fire while this thread holds it
        self.hits = self.misses = 0

    def __call__(self, fn: Callable[..., T], obj: Any, *plain: Any) -> T:
        key = (fn, recipe_key(plain))
        with self._lock:
            entry = self._by_id.get(id(obj))
            if entry is None or entry[0]() is not obj:
                entry = (weakref.ref(obj, self._dropper(id(obj))), {})
                self._by_id[id(obj)] = entry
            if key in entry[1]:
                self.hits += 1
                return entry[1][key]
        result = fn(obj, *plain)
        with self._lock:
            self.misses += 1
            entry[1][key] = result
        return result

    def _dropper(self, ident: int) -> Callable[[weakref.ref], None]:
        def drop(ref: weakref.ref) -> None:
            with self._lock:
                if ident in self._by_id and self._by_id[ident][0] is ref:
                    del self._by_id[ident]

        return drop

    def __len__(self) -> int:
        return len(self._by_id)
