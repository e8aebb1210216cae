"""Hardening #4: a brief dated outside years 1900 to next year is refused in one line."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ingest.items import BriefCandidate, Rejection
from ingest.sources.files import read_json_document, read_text_document
from ingest.validation import MIN_YEAR, date_problem, validate_candidate

BODY = "The council met on Monday to vote on the bridge. " * 4
NEXT_YEAR = dt.datetime.now(dt.UTC).year + 1


@pytest.mark.parametrize(
    "date", ["9999-12-31", "0001-01-01", "1899-12-31", f"{NEXT_YEAR + 1}-01-01"]
)
def test_an_implausible_date_line_is_refused_in_one_line(date: str) -> None:
    item = read_text_document(f"date {date}\n\n{BODY}", "x.txt")
    assert isinstance(item, BriefCandidate)
    rejection = validate_candidate(item)
    assert isinstance(rejection, Rejection)
    assert rejection.reason == (
        f"date {date} out of range: years 1900 to {NEXT_YEAR} are accepted"
    )


@pytest.mark.parametrize("date", ["1900-01-01", f"{NEXT_YEAR}-12-31", "2025-11-05"])
def test_a_plausible_date_is_kept(date: str) -> None:
    (item,) = read_json_document(json.dumps({"text": BODY, "date": date}), "a.json")
    assert isinstance(item, BriefCandidate)
    valid = validate_candidate(item)
    assert isinstance(valid, BriefCandidate)
    assert valid.published_on == dt.date.fromisoformat(date)


def test_the_range_follows_today() -> None:
    today = dt.date(2030, 6, 1)
    assert date_problem(dt.date(2031, 12, 31), today) is None
    assert date_problem(dt.date(2032, 1, 1), today) is not None
    assert date_problem(dt.date(MIN_YEAR, 1, 1), today) is None
    assert date_problem(None, today) is None
