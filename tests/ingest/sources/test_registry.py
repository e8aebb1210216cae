"""The source registry: which source reads a location, and what an unread answer says."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from ingest.http import Fetcher, FetchError, FetchResult
from ingest.items import BriefCandidate, Rejection
from ingest.sources import Answer, Location, Reading, Upload
from ingest.sources import registry as registry_module
from ingest.sources.feeds import FeedSource
from ingest.sources.files import FileSource
from ingest.sources.pages import PageSource
from ingest.sources.registry import POLLED_KINDS, SOURCES, read_location, read_url, source_for
from storage.models import SourceKind

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
ASKED = "http://example.org/asked"
LANDED = "http://example.org/landed"


def answer(content: bytes, content_type: str) -> Answer:
    """What ``ASKED`` served after a redirect to ``LANDED``."""
    result = FetchResult(LANDED, 200, content, content_type, etag=None, last_modified=None)
    return Answer(ASKED, result)


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(allow_private=True) as fetcher:
        yield fetcher


def test_each_source_is_registered_under_its_kind_and_the_fetched_ones_are_polled() -> None:
    assert [(kind, type(source)) for kind, source in SOURCES.items()] == [
        (SourceKind.FEED, FeedSource),
        (SourceKind.PAGE, PageSource),
        (SourceKind.FILE, FileSource),
    ]
    assert {SourceKind.FEED, SourceKind.PAGE} == POLLED_KINDS


@pytest.mark.parametrize(
    ("location", "kind"),
    [
        (answer(RSS, "application/rss+xml"), SourceKind.FEED),
        (answer(RSS, "text/html"), SourceKind.FEED),  # XML bytes: the feed is asked first
        (answer(b"<html><body>x</body></html>", "text/plain"), SourceKind.PAGE),
        (answer(b"<p>x</p>", "text/html; charset=utf-8"), SourceKind.PAGE),
        (Path("briefs.txt"), SourceKind.FILE),
        (Upload("<stdin>", b"text"), SourceKind.FILE),
    ],
)
def test_a_location_goes_to_the_first_source_that_matches(
    location: Location, kind: SourceKind
) -> None:
    source = source_for(location)
    assert source is not None and source.kind is kind


@pytest.mark.parametrize(
    ("content", "content_type", "reason"),
    [
        (b"%PDF-1.7\x00\x01", "application/pdf", "not text: binary data (NUL bytes)"),
        (b"plain words", "text/plain", "neither a feed nor an HTML page (text/plain)"),
        (b"plain words", "", "neither a feed nor an HTML page (?)"),
    ],
)
async def test_an_answer_no_source_reads_is_one_rejection_named_by_the_url_asked(
    content: bytes, content_type: str, reason: str, fetcher: Fetcher
) -> None:
    document = await read_location(answer(content, content_type), fetcher)
    assert source_for(answer(content, content_type)) is None
    assert (document.kind, document.items) == (None, [])
    assert document.problem == Rejection(ASKED, reason)
    assert document.items_or_problem() == [Rejection(ASKED, reason)]


async def test_a_feed_that_does_not_parse_is_one_rejection_named_by_where_it_landed(
    fetcher: Fetcher,
) -> None:
    document = await read_location(answer(b"<?xml version='1.0'?><note/>", "text/xml"), fetcher)
    assert document.problem == Rejection(LANDED, "not an RSS/Atom feed")
    assert (document.kind, document.items) == (None, [])


async def test_an_html_answer_that_is_not_text_is_named_by_the_url_asked(
    fetcher: Fetcher,
) -> None:
    document = await read_location(answer(b"<html>\x00\x00", "text/html"), fetcher)
    assert document.problem == Rejection(ASKED, "not text: binary data (NUL bytes)")


@pytest.mark.parametrize("source", list(SOURCES.values()), ids=lambda source: source.kind.value)
async def test_a_source_refuses_a_location_it_does_not_match(
    source: object, fetcher: Fetcher
) -> None:
    assert isinstance(source, FeedSource | PageSource | FileSource)
    foreign: Location = Path("x.txt") if source.fetched else answer(RSS, "application/rss+xml")
    assert not source.matches(foreign)
    with pytest.raises(TypeError, match=f"the {source.kind.value} source cannot read"):
        await source.read(foreign, fetcher)


class PlainTextSource:
    """A new kind of source, for the test: a plain-text answer is one brief."""

    kind = SourceKind.PAGE
    fetched = True

    def matches(self, location: Location) -> bool:
        return isinstance(location, Answer) and location.result.content_type == "text/plain"

    async def read(self, location: Location, fetcher: Fetcher) -> Reading:
        assert isinstance(location, Answer)
        return [BriefCandidate(location.asked, location.result.content.decode())]


async def test_a_new_source_is_one_class_and_one_registration(
    monkeypatch: pytest.MonkeyPatch, fetcher: Fetcher
) -> None:
    registered = {**SOURCES, SourceKind.PAGE: PlainTextSource()}
    monkeypatch.setattr(registry_module, "SOURCES", registered)
    document = await read_location(answer(b"Plain words.", "text/plain"), fetcher)
    assert document.kind is SourceKind.PAGE
    assert document.items == [BriefCandidate(ASKED, "Plain words.")]


async def test_non_http_url_is_refused_without_a_request() -> None:
    async with Fetcher(allow_private=True) as fetcher:
        with pytest.raises(FetchError, match="not an http"):
            await fetcher.fetch("file:///etc/passwd")
    assert await read_url("ftp://example.org/feed", Fetcher()) == [
        Rejection("ftp://example.org/feed", "not an http(s) URL: 'ftp://example.org/feed'")
    ]


async def test_http_error_status_is_a_rejection(local_server: Any) -> None:
    async with Fetcher(allow_private=True) as fetcher:
        (item,) = await read_url(local_server.url("/missing"), fetcher)
    assert isinstance(item, Rejection) and item.reason == "HTTP 404 Not Found"
