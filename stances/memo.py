"""Results of view and chart functions, kept per data version and argument set.

A warm rerun of a page asks for the same tables and figures as the last one; the memo hands back the
objects it built then, so the rerun does lookups instead of pandas and plotly work. One `Memo` lives with
each loaded version of the data and is dropped with it, so nothing outlives the data it was built from.

An argument is identified by value (text, numbers, dates, tuples, frozen filters), by identity for the
dataset's own objects (records, the loaded data and its tables, which never change for a version), and,
for anything the memo itself returned (a table, a figure, a setting), by the call that built it. A call
with an argument that cannot be identified (a frame built elsewhere) is simply not kept.
Results are shared between sessions and reruns: callers must treat them as read-only.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

import pandas as pd
from pydantic import BaseModel

T = TypeVar("T")
_PLAIN = (str, int, float, type(None), dt.date)  # identified by value


class Unkeyable(TypeError):
    """An argument the memo cannot identify."""


class Memo:
    """A bounded, thread-safe store of call results; `fixed` objects are identified by identity."""

    def __init__(self, *fixed: object, size: int = 256) -> None:
        self._fixed = {id(obj): ("fixed", i) for i, obj in enumerate(fixed)}
        self._keep = fixed
        self._size = size
        self._results: OrderedDict[Hashable, Any] = OrderedDict()
        self._made: dict[int, Hashable] = {}  # id of an object in a kept result -> the call that made it
        self._held: dict[int, BaseModel] = {}
        self._lock = threading.Lock()
        self.hits = self.misses = self.unkept = 0

    def __call__(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        try:
            key = (fn, self._key(args), self._key(kwargs))
        except Unkeyable:
            self.unkept += 1
            return fn(*args, **kwargs)
        with self._lock:
            if key in self._results:
                self.hits += 1
                self._results.move_to_end(key)
                return self._results[key]
        result = fn(*args, **kwargs)
        with self._lock:
            if key in self._results:  # another session built it meanwhile: keep one
                return self._results[key]
            self.misses += 1
            self._results[key] = result
            self._register(result, key)
            while len(self._results) > self._size:
                _, old = self._results.popitem(last=False)
                self._forget(old)
        return result

    def _key(self, value: Any) -> Hashable:
        fixed = self._fixed.get(id(value))
        if fixed is not None:
            return fixed
        if isinstance(value, _PLAIN):
            return (value.__class__.__name__, value) if isinstance(value, (bool, float)) else value
        made = self._made.get(id(value))
        if made is not None:
            return ("made", made)
        if isinstance(value, (pd.DataFrame, pd.Series)):
            raise Unkeyable(type(value).__name__)
        if isinstance(value, BaseModel):  # records and settings are frozen: one object, one content
            self._held.setdefault(id(value), value)  # so that its id is never reused while the memo lives
            return ("record", id(value))
        if isinstance(value, Mapping):
            return ("map", tuple((self._key(k), self._key(v)) for k, v in value.items()))
        if isinstance(value, (list, tuple)):
            return (type(value).__name__, tuple(self._key(v) for v in value))
        if isinstance(value, (set, frozenset)):
            return ("set", frozenset(self._key(v) for v in value))
        try:
            hash(value)
        except TypeError:
            raise Unkeyable(type(value).__name__) from None
        return value

    @staticmethod
    def _parts(result: Any) -> list[tuple[Any, tuple]]:
        """The objects in a result that later calls may pass back in: the result and a tuple's items."""
        parts = [] if isinstance(result, _PLAIN) else [(result, ())]
        if isinstance(result, tuple):
            parts += [(part, (i,)) for i, part in enumerate(result) if not isinstance(part, _PLAIN)]
        return parts

    def _register(self, result: Any, key: Hashable) -> None:
        for part, where in self._parts(result):
            self._made[id(part)] = (key, where)

    def _forget(self, result: Any) -> None:
        for part, _ in self._parts(result):
            self._made.pop(id(part), None)
