"""Plain text for Telegram: HTML escaping, its UTF-16 length count and shortening."""

from __future__ import annotations

import pytest

from rendering.text import escape, shorten, utf16_len


def test_utf16_len_counts_astral_characters_twice() -> None:
    assert utf16_len("a€😀") == 4
    assert isinstance(utf16_len("a€😀"), int)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("abc", 3, "abc"),  # exactly at the limit: untouched
        ("abc", 1, "…"),
        ("abc", 0, ""),
        ("abcdefghij", 5, "abcd…"),  # no space: cut by code points, the ellipsis fills the limit
        ("😀😀😀😀", 5, "😀😀…"),  # astral characters count two units
        ("\U00010000" * 4, 5, "\U00010000\U00010000…"),  # the first astral code point
        ("\uffff" * 4, 3, "\uffff\uffff…"),  # the last one-unit code point
        ("abcdefg. " + "x" * 20, 21, "abcdefg. xxxxxxxxxxx…"),  # sentence end too early to use
        ("abcdefghi. " + "x" * 20, 21, "abcdefghi. xxxxxxxxx…"),  # ... even at exactly half
        ("Hi there. abcdefghijklmnopq", 21, "Hi there. abcdefghij…"),
        ("Hi there, you. Then abcdefghijklmnopq", 26, "Hi there, you. …"),
        ("ab cdefghijkl", 9, "ab cdefg…"),  # the only space is too early to cut at
        ("abcd efghijkl", 10, "abcd efgh…"),
        ("abcdef gh ijklmnopq", 14, "abcdef gh…"),  # cut at the last space past half
        ("aaaa  bbbbbbbbbb", 10, "aaaa…"),  # no space left before the ellipsis
    ],
)
def test_shorten_cuts_to_exactly_the_limit_at_the_best_boundary(
    text: str, limit: int, expected: str
) -> None:
    assert shorten(text, limit) == expected
    assert utf16_len(expected) <= limit


def test_escape_leaves_no_markup_characters() -> None:
    assert escape("<a & b>") == "&lt;a &amp; b&gt;"
