"""The whitespace-delimited token before a position, found without rescanning the block."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

__all__ = ["TokenLookback"]

_SPACE = re.compile(r"\s")
_URL_MARK = re.compile(r"[@/]")
_DOTTED_LETTERS_AT = re.compile(r"(?=[^\W\d_]\.[^\W\d_])")  # every start, overlapping too


class TokenLookback:
    """Index one block once so each question about the token before ``pos`` costs O(log n)."""

    def __init__(self, block: str, openers: str) -> None:
        self._block = block
        self._openers = openers
        self._spaces = [match.start() for match in _SPACE.finditer(block)]
        self._url_marks = [match.start() for match in _URL_MARK.finditer(block)]
        self._dotted = [match.start() for match in _DOTTED_LETTERS_AT.finditer(block)]
        self._opener_ends: dict[int, int] = {}

    def start(self, pos: int) -> int:
        """Where the token ending at ``pos`` starts, after its opening quotes and brackets."""
        index = bisect_left(self._spaces, pos) - 1
        raw = self._spaces[index] + 1 if index >= 0 else 0
        end = self._opener_ends.get(raw)
        if end is None:
            end = raw
            while end < len(self._block) and self._block[end] in self._openers:
                end += 1
            self._opener_ends[raw] = end
        return min(end, pos)

    def has_url_mark(self, start: int, pos: int) -> bool:
        """Does ``block[start:pos]`` contain ``@`` or ``/``?"""
        index = bisect_left(self._url_marks, pos) - 1
        return index >= 0 and self._url_marks[index] >= start

    def has_dotted_letters(self, start: int, pos: int) -> bool:
        """Does ``block[start:pos]`` contain a letter, a period and a letter (``U.S``)?"""
        index = bisect_right(self._dotted, pos - 3) - 1
        return index >= 0 and self._dotted[index] >= start

    def ends_in_dotted_number(self, start: int, pos: int) -> bool:
        """Does ``block[start:pos]`` end in a digit, a period and digits (``1.2``)?"""
        block = self._block
        digits = pos
        while digits > start and block[digits - 1].isdecimal():
            digits -= 1
        return (
            digits < pos
            and digits - 2 >= start
            and block[digits - 1] == "."
            and block[digits - 2].isdecimal()
        )
