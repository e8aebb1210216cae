"""Polling a feed source: conditional GET, pipeline, success or backoff."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ingest.http import Fetcher
from ingest.polling import poll_source
from storage.models import Source, SourceKind
from storage.repositories import SourceRepository

NOW = dt.datetime(2025, 11, 5, 8, 0, tzinfo=dt.UTC)
ITEM = (
    "<item><guid>g-{n}</guid><title>Item {n}</title><link>http://example.org/{n}</link>"
    "<content:encoded><![CDATA[<p>Story {n}: the council approved a new library budget on "
    "Monday after a long debate. Councillors argued for {n} hours about reading rooms and "
    "staff. The mayor said residents of district {n} would welcome longer hours.</p>]]>"
    "</content:encoded></item>"
)


def feed(*numbers: int) -> bytes:
    items = "".join(ITEM.format(n=n) for n in numbers)
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Council</title>{items}</channel></rss>"
    ).encode()


async def add_source(database: Any, url: str) -> Source:
    async with database.factory() as session, session.begin():
        source = Source(kind=SourceKind.FEED, url=url, poll_interval_seconds=1800)
        return await SourceRepository(session).add(source)


async def reload(database: Any, source_id: int) -> Source:
    async with database.factory() as session:
        source = await SourceRepository(session).get(source_id)
    assert source is not None
    return source


async def test_poll_stores_new_items_then_304_stores_nothing(
    database: Any, fake_summarise: Any, local_server: Any
) -> None:
    local_server.serve("/feed", feed(1, 2), etag='"v1"')
    source = await add_source(database, local_server.url("/feed"))
    async with Fetcher() as fetcher:
        kwargs = {
            "session_factory": database.factory,
            "fetcher": fetcher,
            "summarise": fake_summarise,
        }
        first = await poll_source(source, now=NOW, **kwargs)
        source = await reload(database, source.id)
        second = await poll_source(source, now=NOW, **kwargs)
    assert (first.stored, second.stored, second.duplicate) == (2, 0, 0)
    assert local_server.requests[-1][1]["If-None-Match"] == '"v1"'
    source = await reload(database, source.id)
    assert source.etag == '"v1"' and source.next_poll_at == NOW + dt.timedelta(minutes=30)


async def test_failed_poll_records_the_error_and_backs_off(
    database: Any, fake_summarise: Any, local_server: Any
) -> None:
    local_server.serve("/feed", b"<html><body>not a feed</body></html>")
    source = await add_source(database, local_server.url("/feed"))
    async with Fetcher() as fetcher:
        report = await poll_source(
            source,
            now=NOW,
            session_factory=database.factory,
            fetcher=fetcher,
            summarise=fake_summarise,
        )
    assert report.rejected == 1
    source = await reload(database, source.id)
    assert source.consecutive_failures == 1 and source.last_error == "not an RSS/Atom feed"
    assert source.next_poll_at is not None and source.next_poll_at > NOW
