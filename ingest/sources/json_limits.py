"""Bounds on a JSON document before it is parsed: its memory grows with its values, not bytes.

``json.loads`` of 12 MB of small integers built six million objects, and ingest one
rejection per element: 2.4 GB at its peak; 20 MB died with MemoryError. So before parsing,
the values are counted (one regular-expression pass that drops the strings, then C-level
counts of the separators: every value but the first of a container follows a comma, every
key precedes a colon), and a document with more than :data:`MAX_JSON_VALUES` is refused
in one line. After parsing, a list of more than :data:`MAX_JSON_RECORDS` records is
refused as well, and a JSON-lines file stops reading after that many records, so that
neither can turn into millions of rejections.
"""

from __future__ import annotations

import re

from ingest.phrases import Phrase

# About 90,000 briefs of five fields; a few hundred MB of Python objects at worst.
MAX_JSON_VALUES = 1_000_000
MAX_JSON_RECORDS = 100_000
# A string, escapes included ("unrolled loop": linear, no backtracking).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def json_values_problem(text: str) -> Phrase | None:
    """Why ``text`` holds too many JSON values (and keys) to parse, or None."""
    if len(text) <= MAX_JSON_VALUES:
        return None  # every value takes at least one character
    skeleton = _STRING.sub("", text)
    values = 1 + sum(skeleton.count(mark) for mark in ",:[{")
    if values <= MAX_JSON_VALUES:
        return None
    return Phrase(
        "too many JSON values: about {count}, cap {cap} per document",
        count=f"{values:,}",
        cap=f"{MAX_JSON_VALUES:,}",
    )


def records_problem(count: int) -> Phrase | None:
    """Why a list of ``count`` records is too long to read, or None."""
    if count <= MAX_JSON_RECORDS:
        return None
    return Phrase(
        "too many records: {count}, cap {cap} per file",
        count=f"{count:,}",
        cap=f"{MAX_JSON_RECORDS:,}",
    )
