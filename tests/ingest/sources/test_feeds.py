"""The feed source: entries of RSS/Atom feeds, excerpts completed from their pages."""

from __future__ import annotations

from typing import Any

import pytest

from ingest.http import Fetcher
from ingest.items import BriefCandidate
from ingest.sources.feeds import parse_feed
from ingest.sources.registry import read_url
from ingest.validation import InvalidInput
from tests.support.factories import ARTICLE_HTML, PARAGRAPH


def rss(items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Test feed</title><link>http://example.org/</link>{items}</channel></rss>"
    ).encode()


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
    async with Fetcher(allow_private=True) as fetcher:
        first, second = await read_url(local_server.url("/feed"), fetcher)
    assert isinstance(first, BriefCandidate) and first.external_id == "g-full"
    assert first.text.count("patrol vessels") == 2
    assert isinstance(second, BriefCandidate) and second.external_id == "g-short"
    assert "coast guard has asked for more ships" in second.text
    assert "Home | World" not in second.text
    assert second.published_on is not None and second.published_on.isoformat() == "2025-11-05"


async def test_an_excerpt_is_kept_when_its_page_says_less_than_it(local_server: Any) -> None:
    items = "".join(
        f"<item><guid>g{n}</guid><title>Item {n}</title><link>{local_server.url('/wall')}</link>"
        f"<description>Entry {n}: {PARAGRAPH[:160]}…</description></item>"
        for n in range(3)
    )
    local_server.serve("/feed", rss(items), headers={"Content-Type": "application/rss+xml"})
    wall = "<html><body><p>Please enable JavaScript to read this article.</p></body></html>"
    local_server.serve("/wall", wall.encode(), headers={"Content-Type": "text/html"})
    async with Fetcher(allow_private=True) as fetcher:
        read = await read_url(local_server.url("/feed"), fetcher)
    # Before, every entry became the page's one line: stored once, the rest "duplicates".
    assert [item.text.split(":")[0] for item in read if isinstance(item, BriefCandidate)] == [
        "Entry 0", "Entry 1", "Entry 2",
    ]
