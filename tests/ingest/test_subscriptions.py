"""Polling intervals and OPML parsing."""

from __future__ import annotations

import pytest

from ingest.subscriptions import OpmlFeed, format_interval, parse_interval, read_opml, write_opml
from ingest.validation import InvalidInput


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("30m", 1800), ("2h", 7200), ("1d", 86400), ("5", 300)]
)
def test_intervals_parse_with_units(text: str, seconds: int) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["59s", "0m", "soon", "1w"])
def test_bad_or_too_short_intervals_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_interval(text)


def test_interval_formats_in_the_largest_whole_unit() -> None:
    assert [format_interval(s) for s in (90, 5400, 7200, 86400)] == ["90s", "90m", "2h", "1d"]


def test_opml_round_trip_keeps_urls_and_titles_and_skips_non_http() -> None:
    feeds = [OpmlFeed("https://a.org/rss", "A & B"), OpmlFeed("https://c.org/atom", None)]
    document = write_opml(feeds).replace(
        "</body>", '<outline xmlUrl="file:///etc/passwd" text="x"/></body>'
    )
    parsed, skipped = read_opml(document.encode())
    assert parsed == [
        OpmlFeed("https://a.org/rss", "A & B"),
        OpmlFeed("https://c.org/atom", "https://c.org/atom"),
    ]
    assert skipped == ["not an http(s) URL: 'file:///etc/passwd'"]


def test_opml_with_entity_declarations_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body>&a;</body></opml>'
    with pytest.raises(InvalidInput, match="unsafe XML"):
        read_opml(bomb)


@pytest.mark.parametrize("text", ["31d", "721h", "99999999999d"])
def test_intervals_over_thirty_days_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="too long: the maximum is 30d"):
        parse_interval(text)


def test_opml_urls_are_canonical_and_titles_fit_the_column() -> None:
    document = (
        '<opml version="2.0"><body>'
        f'<outline title="{"t " * 400}" xmlUrl=" HTTPS://A.ORG/Rss "/>'
        '<outline text="again" xmlUrl="https://a.org/Rss"/>'
        "</body></opml>"
    )
    (feed,), skipped = read_opml(document.encode())
    assert feed.url == "https://a.org/Rss" and skipped == []
    assert feed.title is not None and len(feed.title) <= 500
