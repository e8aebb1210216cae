"""Stored text made safe to print: control characters shown as ``\\x1b``, never sent raw."""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["json_line", "terminal_safe"]

# C0 (but newline and tab in multi-line text), DEL and C1: what a terminal may act on.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1 = re.compile(r"[\x7f-\x9f]")  # json.dumps escapes C0 itself, not DEL or C1


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def terminal_safe(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character written out (newline and tab kept if multiline)."""
    return (_CONTROL_BUT_LINES if multiline else _CONTROL).sub(_escape, text)


def json_line(record: dict[str, Any]) -> str:
    """One JSON object on a line, DEL and C1 characters escaped like C0 ones (``\\u009b``)."""
    return _C1.sub(
        lambda match: f"\\u{ord(match.group()):04x}", json.dumps(record, ensure_ascii=False)
    )
