"""The fetcher refuses non-public hosts (after DNS, on every redirect) unless allowed."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from ingest.http import Fetcher, FetchError
from ingest.items import Rejection
from ingest.sources.feeds import feed_items

PUBLIC = "http://93.184.215.14"  # a global address literal: no DNS asked


@pytest.mark.parametrize(
    ("host", "shown"),
    [
        ("127.0.0.1", "127.0.0.1 is a loopback address"),
        ("0x7f000001", "127.0.0.1 is a loopback address"),
        ("2130706433", "127.0.0.1 is a loopback address"),
        ("[::1]", "::1 is a loopback address"),
        ("[::ffff:127.0.0.1]", "::ffff:7f00:1 is a loopback address"),
        ("localhost", "localhost is a loopback address"),
        ("10.1.2.3", "10.1.2.3 is a private address"),
        ("192.168.0.1", "192.168.0.1 is a private address"),
        ("169.254.169.254", "169.254.169.254 is a link-local address"),
        ("0.0.0.0", "0.0.0.0 is an unspecified address"),
        ("224.0.0.1", "224.0.0.1 is a multicast address"),
        ("240.0.0.1", "240.0.0.1 is a reserved address"),
    ],
)
async def test_a_non_public_host_is_refused_before_connecting(
    host: str, shown: str, local_server: Any
) -> None:
    port = local_server.base.rsplit(":", 1)[1]
    async with Fetcher() as fetcher:
        with pytest.raises(FetchError) as refused:
            await fetcher.fetch(f"http://{host}:{port}/secret")
    assert str(refused.value) == f"refused: {shown}"
    assert local_server.requests == []


async def test_an_open_and_a_closed_port_are_refused_alike(local_server: Any) -> None:
    local_server.serve("/", b"secret")
    messages = []
    async with Fetcher() as fetcher:
        for url in (local_server.url("/"), "http://127.0.0.1:1/"):
            with pytest.raises(FetchError) as refused:
                await fetcher.fetch(url)
            messages.append(str(refused.value))
    assert messages == ["refused: 127.0.0.1 is a loopback address"] * 2
    assert local_server.requests == []


async def test_a_redirect_to_a_private_address_is_refused() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://10.0.0.5/admin"})

    async with Fetcher(transport=httpx.MockTransport(answer)) as fetcher:
        with pytest.raises(FetchError, match=r"^refused: 10\.0\.0\.5 is a private address$"):
            await fetcher.fetch(f"{PUBLIC}/article")
    assert seen == [f"{PUBLIC}/article"]


@pytest.mark.parametrize("url", [f"http://user:hunter2@{PUBLIC[7:]}/", "ftp://example.org/"])
async def test_user_info_and_other_schemes_are_refused_without_the_password(url: str) -> None:
    async with Fetcher(transport=httpx.MockTransport(lambda r: httpx.Response(200))) as fetcher:
        with pytest.raises(FetchError) as refused:
            await fetcher.fetch(url)
    assert "hunter2" not in str(refused.value) and "\n" not in str(refused.value)


async def test_an_excerpt_linking_to_the_bots_network_is_not_fetched(local_server: Any) -> None:
    local_server.serve("/internal", b"<html><body><p>internal secret</p></body></html>")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><guid>g1</guid><title>Excerpt</title><link>{local_server.url('/internal')}"
        "</link><description>Short…</description></item></channel></rss>"
    ).encode()
    async with Fetcher() as fetcher:
        reading = await feed_items(feed, f"{PUBLIC}/feed", fetcher)
    assert isinstance(reading, list)
    (item,) = reading
    assert isinstance(item, Rejection)
    assert item.reason.endswith("refused: 127.0.0.1 is a loopback address")
    assert local_server.requests == []


async def test_allow_private_reaches_a_local_server(local_server: Any) -> None:
    local_server.serve("/", b"ok")
    async with Fetcher(allow_private=True) as fetcher:
        assert (await fetcher.fetch(local_server.url("/"))).content == b"ok"
