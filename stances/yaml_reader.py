"""Strict YAML reading: every value keeps its line, and YAML's risky conveniences are refused.

The reader walks the parser's event stream itself (the C parser when PyYAML has it), so that it can:
- keep the line of every mapping key and list item (`Lines`), for `file:line: message` reports;
- refuse duplicate keys, which PyYAML would silently overwrite;
- refuse anchors and aliases, so a few kilobytes can never expand into gigabytes;
- refuse explicit tags (`!!python/object` and friends);
- keep dates as text, so that the models, not YAML, decide what a date is.

It is bounded, so that no file can exhaust or crash the checker: a file is at most `MAX_CHARS` characters,
nested at most `MAX_DEPTH` levels (memory stays linear in the file's size: each key's path is at most that
long), numbers are finite and exact in a chart (integers within ±`MAX_INT`), and characters YAML refuses
or counts lines by differently from an editor (NUL, escape codes, U+0085, U+2028, U+2029) are reported
at their line before parsing. Lines are counted as editors count them: LF, CR LF and a lone CR each end one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from stances.charset import HIDDEN, name

try:
    _Parser: type = yaml.CSafeLoader
    C_PARSER = True
except AttributeError:  # PyYAML built without libyaml
    _Parser = yaml.SafeLoader
    C_PARSER = False

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"

Path_ = tuple[int | str, ...]

MAX_CHARS = 32_000_000
"""The largest file read, in characters (the 100× benchmark's largest file is a few megabytes)."""
MAX_DEPTH = 24
"""The deepest nesting of lists and mappings read (the data needs eight)."""
MAX_INT = 2**53 - 1
"""The largest integer read: beyond it a number is no longer exact as a float (in charts and JSON)."""
_NUMBER_CHARS = 40

_UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAKS = "\x85\u2028\u2029"


def _strict(base: type) -> type:
    """A loader class of `base` whose resolver never turns text into a date."""
    resolvers = {
        first: [(tag, regexp) for tag, regexp in items if tag != _TIMESTAMP]
        for first, items in base.yaml_implicit_resolvers.items()
    }
    return type(f"Strict{base.__name__}", (base,), {"yaml_implicit_resolvers": resolvers})


FAST_LOADER = _strict(_Parser)
PURE_LOADER = _strict(yaml.SafeLoader)


class YamlProblem(Exception):
    """A file that cannot be read as strict YAML; `line` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def line_at(text: str | bytes, index: int) -> int:
    """The 1-based line of `text[index]`, counting LF, CR LF and a lone CR as one line break each."""
    lf, cr = ("\n", "\r") if isinstance(text, str) else (b"\n", b"\r")
    return text.count(lf, 0, index) + text.count(cr, 0, index) - text.count(cr + lf, 0, index) + 1


def check_characters(text: str) -> None:
    """Raise `YamlProblem` at the first character YAML refuses or counts lines by differently."""
    found = _UNREADABLE.search(text)
    if found is None:
        return
    char = found.group()
    why = (
        "a line break that YAML counts and most editors do not: use an ordinary line break"
        if char in _BREAKS
        else "YAML files hold printable text only (a NUL byte: is it UTF-16 or a binary file?)"
        if char == "\x00"
        else "YAML files hold printable text only"
    )
    raise YamlProblem(line_at(text, found.start()), f"character {name(char)} is not allowed: {why}")


@dataclass
class Parsed:
    """A parsed file: plain Python data, and the line where each path into it starts."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    plain: bool = True
    """The text holds no control, format or separator character and no backslash escape, so no value can."""

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class _Frame:
    __slots__ = ("container", "is_map", "key", "path")

    def __init__(self, container: Any, path: Path_, is_map: bool) -> None:
        self.container = container
        self.path = path
        self.is_map = is_map
        self.key: str | None = None


def _resolvers(loader: Any) -> dict[str, list]:
    """Implicit resolvers by a scalar's first character, wildcard ones included (as PyYAML does)."""
    table = loader.yaml_implicit_resolvers
    wild = list(table.get(None, ()))
    return {first: [*items, *wild] for first, items in table.items() if first is not None}


def _scalar(loader: Any, event: Any, resolvers: dict[str, list]) -> Any:
    """A scalar's value: text unless plain YAML reads it as a number, boolean or null (never a date)."""
    tag = event.tag
    if tag is not None and tag != "!":
        if tag == _STR:
            return event.value
        raise YamlProblem(event.start_mark.line + 1, f"tag '{tag}' is not allowed")
    value = event.value
    if not event.implicit[0]:  # quoted or block text
        return value
    for resolved, regexp in resolvers.get(value[:1], ()):
        if regexp.match(value):
            if resolved == _NULL:
                return None
            node = yaml.ScalarNode(resolved, value)
            if resolved in (_INT, _FLOAT):
                return _number(loader, node, event.start_mark.line + 1)
            if resolved == _BOOL:
                return loader.construct_yaml_bool(node)
            return value
    return value


def _number(loader: Any, node: yaml.ScalarNode, line: int) -> int | float:
    """A finite number, integers within ±MAX_INT (long digit strings are refused before conversion)."""
    text = node.value
    if len(text) > _NUMBER_CHARS:
        raise YamlProblem(line, f"a number of {len(text)} characters is too long: quote it if it is text")
    if node.tag == _INT:
        value = loader.construct_yaml_int(node)
        if abs(value) > MAX_INT:
            raise YamlProblem(line, f"{text} is larger than {MAX_INT:,}: quote it if it is text")
        return value
    value = loader.construct_yaml_float(node)
    if not math.isfinite(value):
        raise YamlProblem(line, f"{text} is not a finite number: quote it if it is text")
    return value


def _walk(loader: Any) -> tuple[Any, dict[Path_, int]]:
    """Build plain values from the event stream with one loop (no recursion), keeping lines."""
    get = loader.get_event
    lines: dict[Path_, int] = {}
    stack: list[_Frame] = []
    root: Any = None
    scalar_cls, map_cls, seq_cls = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    resolvers = _resolvers(loader)
    while True:
        event = get()
        cls = event.__class__
        if cls is scalar_cls and stack and stack[-1].is_map and event.anchor is None:  # most events
            top = stack[-1]
            if top.key is None:  # a key is the text as written: `no:` is the key 'no', not false
                key, line = event.value, event.start_mark.line + 1
                if key in top.container:
                    first = lines.get((*top.path, key), line)
                    raise YamlProblem(line, f"duplicate key '{key}' (first given on line {first})")
                top.key = key
                lines[(*top.path, key)] = line
            else:  # a value's line is its key's
                top.container[top.key] = _scalar(loader, event, resolvers)
                top.key = None
            continue
        if cls is scalar_cls or cls is map_cls or cls is seq_cls:
            line = event.start_mark.line + 1
            if event.anchor is not None:
                raise YamlProblem(line, f"anchor '&{event.anchor}' is not allowed")
            top = stack[-1] if stack else None
            if top is not None and top.is_map and top.key is None:  # scalar keys took the path above
                raise YamlProblem(line, "a mapping key must be plain text")
            if cls is scalar_cls:
                value = _scalar(loader, event, resolvers)
            else:
                if event.tag is not None and event.tag != "!":
                    raise YamlProblem(line, f"tag '{event.tag}' is not allowed")
                value = {} if cls is map_cls else []
            if top is None:
                root = value
                path: Path_ = ()
                lines[path] = line
            elif top.is_map:  # a mapping or list as a value (scalar values took the path above)
                path = (*top.path, top.key)
                top.container[top.key] = value
                top.key = None
            else:
                path = (*top.path, len(top.container))
                lines[path] = line
                top.container.append(value)
            if cls is not scalar_cls:
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(
                        line, f"lists and mappings are nested more than {MAX_DEPTH} levels deep"
                    )
                stack.append(_Frame(value, path, cls is map_cls))
        elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            stack.pop()
        elif cls is yaml.AliasEvent:
            raise YamlProblem(event.start_mark.line + 1, f"alias '*{event.anchor}' is not allowed")
        elif cls is yaml.DocumentEndEvent:
            return root, lines


def parse_text(text: str, *, fast: bool = True) -> Parsed:
    """Parse one YAML document strictly. Raise `YamlProblem` with a line on any failure."""
    if len(text) > MAX_CHARS:
        raise YamlProblem(1, f"the file has {len(text):,} characters; at most {MAX_CHARS:,} are read")
    check_characters(text)
    loader = (FAST_LOADER if fast else PURE_LOADER)(text)
    try:
        loader.get_event()  # StreamStart
        if isinstance(loader.get_event(), yaml.StreamEndEvent):
            return Parsed(None, {(): 1})
        data, lines = _walk(loader)
        extra = loader.get_event()
        if not isinstance(extra, yaml.StreamEndEvent):
            raise YamlProblem(extra.start_mark.line + 1, "only one YAML document per file is allowed")
        return Parsed(data, lines, plain="\\" not in text and HIDDEN.search(text) is None)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlProblem(line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
