"""Strict YAML reading: every value keeps its line, and YAML's risky conveniences are refused.

The reader walks the parser's event stream itself (the C parser when PyYAML has it), so that it can:
- keep the line of every mapping key and list item (`Lines`), for `file:line: message` reports;
- refuse duplicate keys, which PyYAML would silently overwrite;
- refuse anchors and aliases, so a few kilobytes can never expand into gigabytes;
- refuse explicit tags (`!!python/object` and friends);
- keep dates as text, so that the models, not YAML, decide what a date is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

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


@dataclass
class Parsed:
    """A parsed file: plain Python data, and the line where each path into it starts."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class _Builder:
    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.lines: dict[Path_, int] = {}

    def next_event(self) -> Any:
        event = self.loader.get_event()
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(event.start_mark.line + 1, f"alias '*{event.anchor}' is not allowed")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlProblem(event.start_mark.line + 1, f"anchor '&{anchor}' is not allowed")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and not isinstance(event, yaml.ScalarEvent):
            raise YamlProblem(event.start_mark.line + 1, f"tag '{tag}' is not allowed")
        return event

    def value(self, event: Any, path: Path_) -> Any:
        self.lines[path] = event.start_mark.line + 1
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(nxt := self.next_event(), yaml.SequenceEndEvent):
                items.append(self.value(nxt, (*path, len(items))))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path)
        raise YamlProblem(event.start_mark.line + 1, f"unexpected {type(event).__name__}")

    def mapping(self, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not isinstance(key_event := self.next_event(), yaml.MappingEndEvent):
            line = key_event.start_mark.line + 1
            if not isinstance(key_event, yaml.ScalarEvent):
                raise YamlProblem(line, "a mapping key must be plain text")
            key = self.scalar(key_event)
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in result:
                first = self.lines.get((*path, key), line)
                raise YamlProblem(line, f"duplicate key '{key}' (first given on line {first})")
            self.lines[(*path, key)] = line
            result[key] = self.value(self.next_event(), (*path, key))
            self.lines[(*path, key)] = line
        return result

    def scalar(self, event: Any) -> Any:
        if event.tag not in (None, "!"):
            if event.tag == _STR:
                return event.value
            raise YamlProblem(event.start_mark.line + 1, f"tag '{event.tag}' is not allowed")
        if not event.implicit[0]:  # quoted
            return event.value
        tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        node = yaml.ScalarNode(tag, event.value)
        if tag == _INT:
            return self.loader.construct_yaml_int(node)
        if tag == _FLOAT:
            return self.loader.construct_yaml_float(node)
        if tag == _BOOL:
            return self.loader.construct_yaml_bool(node)
        if tag == _NULL:
            return None
        return event.value


def parse_text(text: str, *, fast: bool = True) -> Parsed:
    """Parse one YAML document strictly. Raise `YamlProblem` with a line on any failure."""
    loader = (FAST_LOADER if fast else PURE_LOADER)(text)
    try:
        builder = _Builder(loader)
        builder.next_event()  # StreamStart
        if isinstance(builder.next_event(), yaml.StreamEndEvent):
            return Parsed(None, {(): 1})
        data = builder.value(builder.next_event(), ())
        builder.next_event()  # DocumentEnd
        extra = builder.next_event()
        if not isinstance(extra, yaml.StreamEndEvent):
            raise YamlProblem(extra.start_mark.line + 1, "only one YAML document per file is allowed")
        return Parsed(data, builder.lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlProblem(line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
