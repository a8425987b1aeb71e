"""A problem found in the data, as `file:line: message`, safe to print and to show."""

from __future__ import annotations

from dataclasses import dataclass

from stances.charset import visible

MAX_MESSAGE = 1000
"""A problem's message is cut to this many characters (a hostile file can echo megabytes)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at `file:line`. File and message are kept with every control, format and line-separator
    character escaped, so nothing from a data file reaches a terminal or page raw."""

    file: str
    line: int
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", visible(self.file))
        message = visible(self.message)
        if len(message) > MAX_MESSAGE:
            message = f"{message[: MAX_MESSAGE - 1]}…"
        object.__setattr__(self, "message", message)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"
