"""Characters a reader or a terminal must never receive raw, and how to show them instead.

- *Control* characters (C0, DEL, C1: ANSI escape codes among them) reach a curator's terminal as commands.
- *Format* characters (bidi overrides and isolates, zero-width marks, soft hyphen…) are invisible or
  reorder the text around them: a right-to-left override shows stored text reversed.
- *Separators* U+2028 and U+2029 are line breaks to YAML and Python, and not to most editors.

`visible` writes every such character as an escape (`\\x1b`, `\\u202e`), so a message shows what the file
holds; `hidden` finds them in data text for the validator.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_FORMAT = (
    "\xad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
_SEPARATORS = "\u2028\u2029"
_ESCAPED = re.compile(f"[{_CONTROL}\t\n\r{_FORMAT}{_SEPARATORS}]")
HIDDEN = re.compile(f"[{_CONTROL}\r{_FORMAT}{_SEPARATORS}]")
"""What data text may not hold: tab and line feed are ordinary text; everything else here is not."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    """`text` on one line with every control, format and separator character escaped."""
    return _ESCAPED.sub(_escape, text)


def name(char: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)', or the character's category where Unicode gives no name."""
    code = ord(char)
    category = unicodedata.category(char)
    label = unicodedata.name(char, "") or (
        "control character" if category == "Cc" else f"{category} character"
    )
    return f"U+{code:04X} ({label})"


def hidden(text: str) -> str | None:
    """The first character of `text` that data may not hold, or None."""
    found = HIDDEN.search(text)
    return found.group() if found else None
