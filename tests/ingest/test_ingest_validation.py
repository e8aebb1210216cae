"""The per-item rules: each failure is a one-line reason."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.items import BriefCandidate, Rejection
from ingest.validation import (
    MAX_TEXT_CHARS,
    InvalidInput,
    derive_title,
    parse_date,
    text_problem,
    url_problem,
    validate_candidate,
)

SENTENCE = "The ministry signed a contract for six patrol vessels on Monday morning in Delhi. "


def test_empty_text_is_rejected() -> None:
    assert text_problem(" \n\t ") == "empty: no text"


def test_fewer_than_twenty_words_is_too_short() -> None:
    problem = text_problem("Only a few words here. Really.")
    assert problem is not None and problem.startswith("too short to summarise: 6 words")


def test_text_without_any_full_sentence_is_too_short() -> None:
    problem = text_problem(" ".join(["word"] * 40))
    assert problem is not None and "no full sentence" in problem


def test_text_over_the_cap_is_too_large() -> None:
    problem = text_problem(SENTENCE * (MAX_TEXT_CHARS // len(SENTENCE) + 1))
    assert problem is not None and problem.startswith("too large") and "200,000" in problem


def test_a_normal_brief_passes() -> None:
    assert text_problem(SENTENCE * 3) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-11-05", dt.date(2025, 11, 5)), ("2025-11-05T23:30:00Z", dt.date(2025, 11, 5))],
)
def test_dates_accept_day_or_iso_datetime(value: str, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2025-02-30", "05/11/2025", "soon"])
def test_bad_dates_raise_with_the_value(value: str) -> None:
    with pytest.raises(InvalidInput, match="bad date"):
        parse_date(value)


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "javascript:x"])
def test_non_http_urls_are_refused(url: str) -> None:
    assert url_problem(url) == f"not an http(s) URL: {url!r}"


def test_record_with_non_http_url_is_rejected() -> None:
    candidate = BriefCandidate("x.jsonl:1", SENTENCE * 3, url="ftp://example.org/a")
    result = validate_candidate(candidate)
    assert isinstance(result, Rejection) and "not an http(s) URL" in result.reason


def test_derived_title_is_first_sentence_cut_at_a_word_boundary() -> None:
    long = "Word " * 40 + "end."
    title = derive_title(long)
    assert title.endswith("…") and len(title) <= 91 and not title[:-1].endswith(" ")
    assert derive_title(SENTENCE * 2) == SENTENCE.strip()
