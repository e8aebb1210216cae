"""Parse a plain-text brief into its date, headings and summary candidates.

A brief may open with a ``date YYYY-MM-DD`` line (stray spaces and blank lines
around it are tolerated).  Every other block (see
:func:`summarizer.segmentation.iter_blocks`) is one of:

* a heading: a markdown ``#`` line, or a short line without terminal
  punctuation that is not a list item;
* a list item: its marker (``-``, ``*``, ``+``, ``•``, ``1.``, ``2)``, ``(a)``) is
  stripped and the rest is split into sentences;
* prose, split into sentences.

Sentences with fewer than three word tokens (bare markers, rules, footnote
numbers, fragments) are not summary candidates.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from summarizer.refusals import SummaryInputError
from summarizer.segmentation import (
    is_heading_like,
    iter_blocks,
    list_marker_end,
    split_block,
    tokenize_words,
)

__all__ = ["MIN_CANDIDATE_WORDS", "ParsedBrief", "markdown_heading", "parse_brief"]

MIN_CANDIDATE_WORDS = 3

_DATE_LINE = re.compile(r"date(?:\s*[:=]\s*|\s+)(\d\S*)", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EMPHASIS = "*_ "
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedBrief:
    """A brief split into its parts; ``sentences`` are the summary candidates."""

    date: datetime.date | None
    headings: tuple[str, ...]
    sentences: tuple[str, ...]


def _parse_date_line(text: str) -> tuple[datetime.date | None, str]:
    """The date from a leading ``date YYYY-MM-DD`` line, and the text after it."""
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    match = _DATE_LINE.fullmatch(first.strip())
    if match is None:
        return None, text
    value = match.group(1)
    if _ISO_DATE.fullmatch(value) is None:
        raise SummaryInputError(
            "malformed date line {line}: expected 'date YYYY-MM-DD'", line=repr(first.strip())
        )
    try:
        date = datetime.date.fromisoformat(value)
    except ValueError:  # a month past 12, a 30 February
        raise SummaryInputError(
            "malformed date line {line}: no such date", line=repr(first.strip())
        ) from None
    return date, rest


def markdown_heading(block: str) -> str | None:
    """The text of a ``#`` heading line (closing ``#``s dropped), or None if ``block`` is none.

    What ``(#{1,6})\\s+(.*?)(?:\\s+#+)?$`` captured, in linear time: that pattern retried the
    trailing spaces at every position, quadratic on ``"# a"`` + 20,000 spaces + ``"b"``.
    """
    hashes = len(block) - len(block.lstrip("#"))
    if not 1 <= hashes <= 6 or "\n" in block or not block[hashes : hashes + 1].isspace():
        return None
    text = block[hashes:].lstrip()
    closed = text.rstrip("#")
    if len(closed) < len(text) and closed[-1:].isspace():
        return closed.rstrip()
    return text


def parse_brief(text: str, language: str | None = None) -> ParsedBrief:
    """Split ``text`` into its date, headings and candidate sentences (in ``language``).

    Raises ``SummaryInputError`` (a ``ValueError``) if the first line is a malformed ``date``
    line.
    """
    date, body = _parse_date_line(text)
    headings: list[str] = []
    sentences: list[str] = []
    for block in iter_blocks(body):
        heading = markdown_heading(block)
        marker_end = list_marker_end(block)
        if heading is not None or (not marker_end and is_heading_like(block)):
            title = (block if heading is None else heading).strip(_EMPHASIS)
            # Rules ("***"), footnote numbers ("[12]") and bare URLs are not headings.
            if any(char.isalpha() for char in title) and _URL.fullmatch(title) is None:
                headings.append(title)
            continue
        sentences.extend(
            sentence
            for sentence in split_block(block[marker_end:].lstrip(), language)
            if len(tokenize_words(sentence)) >= MIN_CANDIDATE_WORDS
        )
    return ParsedBrief(date=date, headings=tuple(headings), sentences=tuple(sentences))
