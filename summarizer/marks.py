"""Every combining mark, as a regular-expression class: the marks that belong to their word.

Python's ``re`` reads a combining mark (Unicode category ``M*``) as no ``\\w``, so a word that
holds one would be cut there: Devanagari's vowel signs (``मंत्रालय``), Tamil's and Bengali's
(``தமிழ்நாடு``, ``মুখ্যমন্ত্রী``), Thai's, Arabic's harakat (``مُحَمَّد``), Hebrew's points and
decomposed Latin accents. ``re`` has no ``\\p{M}``, so the class is read from
:mod:`unicodedata` once (about 250 ranges, 0.02 s); :mod:`storage.search` builds the same
class for the query side (it may import nothing of the summarizer).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["WORD_MARKS"]

# The Basic Multilingual Plane only, where every living script's marks are: re matches a class
# of BMP characters with one table lookup, but one reaching beyond it range by range (the
# tokenizer was 18% slower on the BBC articles).
_SCANNED = range(0x10000)


def _mark_class() -> str:
    """The body of a ``[...]`` class holding every combining mark, as ranges."""
    ranges: list[list[int]] = []
    for code in _SCANNED:
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(
        re.escape(chr(low)) + ("" if low == high else "-" + re.escape(chr(high)))
        for low, high in ranges
    )


WORD_MARKS = _mark_class()
