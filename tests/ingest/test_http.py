"""Fetching with limits: conditional GET, size caps, redirects."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from ingest.http import USER_AGENT, Fetcher, FetchError

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'


async def test_feed_with_etag_is_not_refetched_after_304(local_server: Any) -> None:
    local_server.serve("/feed", FEED, etag='"v1"')
    async with Fetcher(allow_private=True) as fetcher:
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

    async with Fetcher(
        max_bytes=1000, transport=httpx.MockTransport(handler), allow_private=True
    ) as fetcher:
        with pytest.raises(FetchError, match="too large: over the cap of 1,000 bytes"):
            await fetcher.fetch("http://example.org/big")


async def test_declared_length_over_the_cap_is_refused(local_server: Any) -> None:
    local_server.serve("/big", b"y" * 5000)
    async with Fetcher(allow_private=True, max_bytes=1000) as fetcher:
        with pytest.raises(FetchError, match="too large: 5,000 bytes"):
            await fetcher.fetch(local_server.url("/big"))


async def test_redirect_chain_longer_than_the_cap_is_refused(local_server: Any) -> None:
    for hop in range(8):
        local_server.serve(f"/r{hop}", status=302, headers={"Location": f"/r{hop + 1}"})
    local_server.serve("/r8", b"done")
    async with Fetcher(allow_private=True) as fetcher:
        with pytest.raises(FetchError, match="too many redirects"):
            await fetcher.fetch(local_server.url("/r0"))
        local_server.serve("/r0", status=302, headers={"Location": "/r5"})
        assert (await fetcher.fetch(local_server.url("/r0"))).content == b"done"
