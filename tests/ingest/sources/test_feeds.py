"""Fetching with limits, and feeds/pages served by a local test server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from ingest.http import USER_AGENT, Fetcher, FetchError
from ingest.items import BriefCandidate, Rejection
from ingest.sources.feeds import parse_feed
from ingest.sources.registry import read_url
from ingest.validation import InvalidInput

PARAGRAPH = (
    "The defence ministry on Monday signed a contract with a domestic shipyard for six new "
    "offshore patrol vessels, officials said. The ships will be delivered over five years."
)
ARTICLE_HTML = f"""<!doctype html><html><head><title>Six patrol vessels ordered</title>
<meta property="article:published_time" content="2025-11-05"></head><body>
<nav>Home | World | Sport</nav><article><h1>Six patrol vessels ordered</h1>
<p>{PARAGRAPH}</p><p>{PARAGRAPH.replace("Monday", "Tuesday")}</p>
<p>The coast guard has asked for more ships for years, citing the long coastline.</p>
</article><footer>Copyright</footer></body></html>"""


def rss(items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Test feed</title><link>http://example.org/</link>{items}</channel></rss>"
    ).encode()


async def test_feed_with_etag_is_not_refetched_after_304(local_server: Any) -> None:
    local_server.serve("/feed", rss(""), etag='"v1"')
    async with Fetcher() as fetcher:
        first = await fetcher.fetch(local_server.url("/feed"))
        again = await fetcher.fetch(local_server.url("/feed"), etag=first.etag)
    assert first.status == 200 and first.etag == '"v1"'
    assert again.not_modified and again.content == b""
    assert local_server.requests[1][1]["If-None-Match"] == '"v1"'
    assert local_server.requests[0][1]["User-Agent"] == USER_AGENT


async def test_response_over_the_size_cap_is_refused_while_streaming() -> None:
    class Chunks(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            for _ in range(3):
                yield b"x" * 600

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=Chunks())  # no Content-Length

    async with Fetcher(max_bytes=1000, transport=httpx.MockTransport(handler)) as fetcher:
        with pytest.raises(FetchError, match="too large: over the cap of 1,000 bytes"):
            await fetcher.fetch("http://example.org/big")


async def test_declared_length_over_the_cap_is_refused(local_server: Any) -> None:
    local_server.serve("/big", b"y" * 5000)
    async with Fetcher(max_bytes=1000) as fetcher:
        with pytest.raises(FetchError, match="too large: 5,000 bytes"):
            await fetcher.fetch(local_server.url("/big"))


async def test_redirect_chain_longer_than_the_cap_is_refused(local_server: Any) -> None:
    for hop in range(8):
        local_server.serve(f"/r{hop}", status=302, headers={"Location": f"/r{hop + 1}"})
    local_server.serve("/r8", b"done")
    async with Fetcher() as fetcher:
        with pytest.raises(FetchError, match="too many redirects"):
            await fetcher.fetch(local_server.url("/r0"))
        local_server.serve("/r0", status=302, headers={"Location": "/r5"})
        assert (await fetcher.fetch(local_server.url("/r0"))).content == b"done"


async def test_non_http_url_is_refused_without_a_request() -> None:
    async with Fetcher() as fetcher:
        with pytest.raises(FetchError, match="not an http"):
            await fetcher.fetch("file:///etc/passwd")
    assert await read_url("ftp://example.org/feed", Fetcher()) == [
        Rejection("ftp://example.org/feed", "not an http(s) URL: 'ftp://example.org/feed'")
    ]


async def test_http_error_status_is_a_rejection(local_server: Any) -> None:
    async with Fetcher() as fetcher:
        (item,) = await read_url(local_server.url("/missing"), fetcher)
    assert isinstance(item, Rejection) and item.reason == "HTTP 404 Not Found"


def test_xml_entity_bomb_is_refused_before_feedparser() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<rss><channel><title>&lol3;</title></channel></rss>"
    )
    with pytest.raises(InvalidInput, match="unsafe XML refused: EntitiesForbidden"):
        parse_feed(bomb, "http://example.org/feed")


def test_document_that_is_not_a_feed_is_refused() -> None:
    with pytest.raises(InvalidInput, match="not an RSS/Atom feed"):
        parse_feed(b"<?xml version='1.0'?><note><to>x</to></note>", "http://example.org/f")


async def test_full_content_items_are_used_and_excerpts_fetched_in_full(
    local_server: Any,
) -> None:
    full = f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>"
    local_server.serve(
        "/feed",
        rss(
            "<item><guid>g-full</guid><title>Full</title><link>http://example.org/full</link>"
            f"<content:encoded><![CDATA[{full}]]></content:encoded></item>"
            f"<item><guid>g-short</guid><title>Short</title><link>{local_server.url('/a')}"
            "</link><description>Six patrol vessels ordered…</description>"
            "<pubDate>Wed, 05 Nov 2025 10:00:00 GMT</pubDate></item>"
        ),
        headers={"Content-Type": "application/rss+xml"},
    )
    local_server.serve(
        "/a", ARTICLE_HTML.encode(), headers={"Content-Type": "text/html; charset=utf-8"}
    )
    async with Fetcher() as fetcher:
        first, second = await read_url(local_server.url("/feed"), fetcher)
    assert isinstance(first, BriefCandidate) and first.external_id == "g-full"
    assert first.text.count("patrol vessels") == 2
    assert isinstance(second, BriefCandidate) and second.external_id == "g-short"
    assert "coast guard has asked for more ships" in second.text
    assert "Home | World" not in second.text
    assert second.published_on is not None and second.published_on.isoformat() == "2025-11-05"


async def test_html_page_url_becomes_one_brief_with_its_title(local_server: Any) -> None:
    local_server.serve("/a", ARTICLE_HTML.encode(), headers={"Content-Type": "text/html"})
    async with Fetcher() as fetcher:
        (item,) = await read_url(local_server.url("/a"), fetcher)
    assert isinstance(item, BriefCandidate)
    assert item.title == "Six patrol vessels ordered" and item.url == local_server.url("/a")
