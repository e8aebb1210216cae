"""Stored text made safe to print: control characters shown as ``\\x1b`` (bidirectional ones as
``\\u202e``), never sent raw."""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["json_line", "terminal_safe"]

# C0 (but newline and tab in multi-line text), DEL and C1: what a terminal may act on; and the
# bidirectional embeddings, overrides and isolates, which reorder what it shows after them
# ("Ministry \u202egnp.exe" reads "Ministry exe.png").
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_BUT_LINES = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
# json.dumps escapes C0 itself, not DEL, C1 or the bidirectional controls
_UNESCAPED = re.compile(rf"[\x7f-\x9f{_BIDI}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character written out (newline and tab kept if multiline)."""
    return (_CONTROL_BUT_LINES if multiline else _CONTROL).sub(_escape, text)


def json_line(record: dict[str, Any]) -> str:
    """One JSON object on a line, DEL, C1 and bidirectional controls escaped like C0 ones
    (``\\u009b``, ``\\u202e``)."""
    return _UNESCAPED.sub(
        lambda match: f"\\u{ord(match.group()):04x}", json.dumps(record, ensure_ascii=False)
    )
