"""Whole-number arguments the database can hold: out-of-range numbers are refused in one line."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from storage.models import MAX_ID, MIN_ID

__all__ = ["database_int", "is_number"]

_SHOWN = 40
_INTEGER = re.compile(r"[+-]?[0-9]+")


def is_number(value: str) -> bool:
    """Is ``value`` written with ASCII digits only (``"12"``, not ``"²"`` or ``"x1"``)?"""
    return value.isascii() and value.isdigit()


def database_int(what: str, minimum: int = MIN_ID) -> Callable[[str], int]:
    """An argparse type: an integer from ``minimum`` to ``MAX_ID``, else one clear line."""

    def parse(value: str) -> int:
        shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "..."
        if not _INTEGER.fullmatch(value.strip()):
            raise argparse.ArgumentTypeError(f"expected {what}, got {shown!r}")
        digits = value.strip().lstrip("+-").lstrip("0")
        if len(digits) > len(str(MAX_ID)) or not minimum <= int(value) <= MAX_ID:
            low = "1" if minimum == 1 else f"{minimum:,}"
            raise argparse.ArgumentTypeError(
                f"expected {what} from {low} to {MAX_ID:,}, got {shown!r}"
            )
        return int(value)

    return parse
