"""Hardening #8: the date line and the markdown title of a text file are read in linear time.

The former patterns retried a run of spaces at every position (2,500 spaces in a heading took
27 s, 60k spaces in a date line 25 s); each input here is large enough that they ran for minutes,
and ``within(20)`` fails the test past 20 s, with no finer wall-clock threshold.
"""

from __future__ import annotations

import random
import re

from ingest.items import BriefCandidate, Rejection
from ingest.sources.files import date_line_value, markdown_title, read_text_document
from tests.support.deadline import within

BODY = "The council met on Monday. It voted to repair the old bridge by spring."


def test_a_heading_with_a_long_run_of_spaces_reads_in_linear_time() -> None:
    with within(20):
        item = read_text_document("# a" + " " * 20_000 + "b\n\n" + BODY, "x.md", markdown=True)
    assert isinstance(item, BriefCandidate)
    assert item.title == "a" + " " * 20_000 + "b"


def test_a_date_line_with_a_long_run_of_spaces_reads_in_linear_time() -> None:
    with within(20):
        item = read_text_document("date 2024-01-0" + " " * 200_000 + "x\n" + BODY, "x.txt")
    assert isinstance(item, Rejection)
    assert item.origin == "x.txt:1"


def test_a_date_line_with_trailing_spaces_still_dates_the_brief() -> None:
    with within(20):
        item = read_text_document("  Date:  2024-01-05" + " " * 200_000 + "\n" + BODY, "x.txt")
    assert isinstance(item, BriefCandidate)
    assert str(item.published_on) == "2024-01-05"


def test_date_line_and_title_capture_what_the_former_patterns_did() -> None:
    date_line = re.compile(r"\s*date\b[\s:]*(.*?)\s*", re.IGNORECASE)
    heading = re.compile(r"\s*#\s+(.+?)\s*#*\s*")
    pieces = ["date", "Date", " ", ":", "#", "x", "_", "1", "\t", "\u00a0", "\u00e9"]
    rng = random.Random(8)
    for _ in range(20_000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        match = date_line.fullmatch(line)
        assert date_line_value(line) == (match.group(1) if match else None), repr(line)
        match = heading.fullmatch(line)
        assert markdown_title(line) == (match.group(1) if match else None), repr(line)
