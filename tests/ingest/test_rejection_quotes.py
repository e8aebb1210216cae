"""Every rejection line quotes at most QUOTE_CHARS characters of the input it refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.http import Fetcher
from ingest.items import QUOTE_CHARS, Rejection, clip, quoted
from ingest.sources.files import read_path
from ingest.sources.registry import read_url
from ingest.subscriptions import parse_interval
from ingest.validation import InvalidInput, url_problem

LONG = 60_000
# A rejection line: the clipped origin, the reason and the clipped, quoted input.
MOST = 2 * QUOTE_CHARS + 120


def test_clip_keeps_the_start_and_end_of_a_long_value() -> None:
    assert clip("short") == "short"
    clipped = clip("a" * 100 + "the end")
    assert len(clipped) == QUOTE_CHARS and clipped.startswith("aaa") and clipped.endswith("end")
    assert "…" in clipped
    assert quoted("x\ny" * LONG).count("\n") == 0 and len(quoted("x" * LONG)) == QUOTE_CHARS + 2


def test_a_60k_character_date_line_is_quoted_in_80_characters(tmp_path: Path) -> None:
    (tmp_path / "dated.txt").write_text("date 2025-" + "1" * LONG + "\n\nBody text here.")
    [item] = read_path(tmp_path / "dated.txt")
    assert isinstance(item, Rejection) and item.reason.startswith("bad date '2025-111")
    assert len(str(item)) < MOST


def test_a_60k_character_json_date_is_quoted_in_80_characters(tmp_path: Path) -> None:
    record = {"text": "The harbour reopened on Tuesday. " * 5, "date": "9" * LONG}
    (tmp_path / "dated.jsonl").write_text(json.dumps(record) + "\n")
    [item] = read_path(tmp_path / "dated.jsonl")
    assert isinstance(item, Rejection) and item.reason.startswith("bad date '999")
    assert len(str(item)) < MOST


@pytest.mark.parametrize(
    "url", ["ftp://example.org/" + "a" * LONG, "http://" + "/" * LONG, "http://[" + "1" * LONG]
)
def test_a_60k_character_url_is_quoted_in_80_characters(url: str) -> None:
    problem = url_problem(url)
    assert problem is not None and len(problem) < MOST


async def test_reading_a_60k_character_url_is_one_short_line() -> None:
    async with Fetcher() as fetcher:
        [item] = await read_url("gopher://example.org/" + "a" * LONG, fetcher)
    assert isinstance(item, Rejection) and item.reason.startswith("not an http(s) URL")
    assert len(str(item)) < MOST


def test_a_60k_character_interval_is_quoted_in_80_characters() -> None:
    with pytest.raises(InvalidInput) as error:
        parse_interval("9" * LONG + "x")
    assert str(error.value).startswith("bad interval '999") and len(str(error.value)) < MOST
