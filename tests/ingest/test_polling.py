"""Polling feed and page sources: conditional GET, dispatch, pipeline, success or backoff."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from ingest.http import Fetcher
from ingest.polling import poll_source
from storage.models import Brief, Source, SourceKind
from storage.repositories import SourceRepository
from tests.support.factories import ARTICLE_HTML

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


HTML = {"Content-Type": "text/html; charset=utf-8"}


async def add_source(database: Any, url: str, kind: SourceKind = SourceKind.FEED) -> Source:
    async with database.factory() as session, session.begin():
        source = Source(kind=kind, url=url, poll_interval_seconds=1800, consecutive_failures=0)
        return await SourceRepository(session).add(source)


async def poll(database: Any, source: Source, summarize: Any, now: dt.datetime = NOW) -> Any:
    async with Fetcher(allow_private=True) as fetcher:
        return await poll_source(
            source,
            now=now,
            session_factory=database.factory,
            fetcher=fetcher,
            summarize=summarize,
        )


async def stored_briefs(database: Any) -> list[Brief]:
    async with database.factory() as session:
        return list((await session.scalars(select(Brief).order_by(Brief.id))).all())


async def reload(database: Any, source_id: int) -> Source:
    async with database.factory() as session:
        source = await SourceRepository(session).get(source_id)
    assert source is not None
    return source


async def test_poll_stores_new_items_then_304_stores_nothing(
    database: Any, fake_summarize: Any, local_server: Any
) -> None:
    local_server.serve("/feed", feed(1, 2), etag='"v1"')
    source = await add_source(database, local_server.url("/feed"))
    async with Fetcher(allow_private=True) as fetcher:
        kwargs = {
            "session_factory": database.factory,
            "fetcher": fetcher,
            "summarize": fake_summarize,
        }
        first = await poll_source(source, now=NOW, **kwargs)
        source = await reload(database, source.id)
        second = await poll_source(source, now=NOW, **kwargs)
    assert (first.stored, second.stored, second.duplicate) == (2, 0, 0)
    assert local_server.requests[-1][1]["If-None-Match"] == '"v1"'
    source = await reload(database, source.id)
    assert source.etag == '"v1"' and source.next_poll_at == NOW + dt.timedelta(minutes=30)


async def test_page_source_stores_its_article_once(
    database: Any, fake_summarize: Any, local_server: Any
) -> None:
    local_server.serve("/article", ARTICLE_HTML.encode(), headers=HTML)
    source = await add_source(database, local_server.url("/article"), SourceKind.PAGE)
    first = await poll(database, source, fake_summarize)
    assert (first.stored, first.duplicate, first.rejected) == (1, 0, 0)
    (brief,) = await stored_briefs(database)
    assert brief.source_id == source.id and brief.url == local_server.url("/article")
    assert brief.title == "Six patrol vessels ordered" and "domestic shipyard" in brief.text
    source = await reload(database, source.id)
    assert source.kind is SourceKind.PAGE and source.consecutive_failures == 0
    assert source.last_polled_at == NOW and source.last_error is None
    later = NOW + dt.timedelta(hours=1)
    again = await poll(database, source, fake_summarize, later)
    assert (again.stored, again.duplicate, again.rejected) == (0, 1, 0)


async def test_a_poll_corrects_the_declared_kind(
    database: Any, fake_summarize: Any, local_server: Any
) -> None:
    local_server.serve("/article", ARTICLE_HTML.encode(), headers=HTML)
    local_server.serve("/rss", feed(1), headers={"Content-Type": "application/rss+xml"})
    page = await add_source(database, local_server.url("/article"))  # declared a feed
    feed_source = await add_source(database, local_server.url("/rss"), SourceKind.PAGE)
    assert (await poll(database, page, fake_summarize)).stored == 1
    assert (await poll(database, feed_source, fake_summarize)).stored == 1
    assert (await reload(database, page.id)).kind is SourceKind.PAGE
    assert (await reload(database, feed_source.id)).kind is SourceKind.FEED


async def test_neither_feed_nor_html_fails_backs_off_and_recovers(
    database: Any, fake_summarize: Any, local_server: Any
) -> None:
    local_server.serve("/doc", b"%PDF-1.7 not a feed", headers={"Content-Type": "application/pdf"})
    source = await add_source(database, local_server.url("/doc"))
    for n, moment in enumerate((NOW, NOW + dt.timedelta(hours=1)), start=1):
        report = await poll(database, source, fake_summarize, moment)
        assert (report.stored, report.rejected) == (0, 1)
        assert report.problems == [
            f"{local_server.url('/doc')}: neither a feed nor an HTML page (application/pdf)"
        ]
        source = await reload(database, source.id)
        assert source.consecutive_failures == n and source.last_error_at == moment
        assert source.last_error == "neither a feed nor an HTML page (application/pdf)"
        assert source.last_error_phrase == {  # to be said in an admin's language (/sources)
            "message": "neither a feed nor an HTML page ({type})",
            "values": {"type": "application/pdf"},
        }
        # 30 minutes, then 60: the interval doubles with each consecutive failure
        assert source.next_poll_at == moment + dt.timedelta(minutes=30 * 2 ** (n - 1))
    assert source.kind is SourceKind.FEED  # a failure does not change the recorded kind
    assert await stored_briefs(database) == []
    local_server.serve("/doc", feed(1, 2), headers={"Content-Type": "application/rss+xml"})
    recovered = await poll(database, source, fake_summarize, NOW + dt.timedelta(hours=3))
    assert recovered.stored == 2
    source = await reload(database, source.id)
    assert (source.consecutive_failures, source.last_error, source.last_error_at) == (0, None, None)
    assert source.last_error_phrase is None


SHORT_ITEM = (
    "<item><guid>s-{n}</guid><title>Short {n}</title><link>http://example.org/s{n}</link>"
    "<description>Too short.</description></item>"
)


async def test_a_feed_whose_every_entry_is_refused_fails_until_it_holds_a_stored_one(
    database: Any, fake_summarize: Any, local_server: Any
) -> None:
    shorts = "".join(SHORT_ITEM.format(n=n) for n in (1, 2))
    refused_only = feed().replace(b"</channel>", shorts.encode() + b"</channel>")
    local_server.serve("/feed", refused_only, etag='"v1"')
    source = await add_source(database, local_server.url("/feed"))
    report = await poll(database, source, fake_summarize)
    assert (report.stored, report.duplicate, report.rejected) == (0, 0, 2)
    source = await reload(database, source.id)
    assert source.consecutive_failures == 1 and source.etag is None  # the next poll reads it
    assert source.next_poll_at == NOW + dt.timedelta(minutes=30)  # its interval: no backoff
    assert source.last_error is not None
    assert source.last_error.startswith(
        "every new entry was refused (2), the first: http://example.org/s1: "
    )
    assert source.last_error_phrase is not None
    assert source.last_error_phrase["message"] == (
        "every new entry was refused ({count}), the first: {problem}"
    )
    assert report.source_error == source.last_error  # what the admins' alert says
    both = feed(1).replace(b"</channel>", shorts.encode() + b"</channel>")
    local_server.serve("/feed", both)
    later = NOW + dt.timedelta(hours=1)
    recovered = await poll(database, source, fake_summarize, later)
    assert (recovered.stored, recovered.rejected) == (1, 2)
    source = await reload(database, source.id)
    assert (source.consecutive_failures, source.last_error) == (0, None)
    quiet = await poll(database, source, fake_summarize, later + dt.timedelta(hours=1))
    assert (quiet.stored, quiet.rejected) == (0, 2)  # the stored entry is skipped, not counted
    assert (await reload(database, source.id)).consecutive_failures == 0


async def test_entries_the_summarizer_fails_on_never_make_the_source_failing(
    database: Any, fake_summarize: Any, local_server: Any
) -> None:
    # A summarizer's (or database's) failure is the bot's: the source is not to blame.
    exploding = feed(1).replace(b"Story 1:", b"EXPLODE Story 1:")
    local_server.serve("/feed", exploding, etag='"v1"')
    source = await add_source(database, local_server.url("/feed"))
    report = await poll(database, source, fake_summarize)
    assert (report.stored, report.rejected, report.failed) == (0, 1, 1)
    assert report.problems[0].endswith("summarizer failed: RuntimeError: boom")
    source = await reload(database, source.id)
    assert (source.consecutive_failures, source.last_error) == (0, None)
    # Not kept: the next GET is unconditional, so the entry is read again (no 304 hides it).
    assert source.etag is None
    local_server.serve("/feed", feed(1), etag='"v1"')  # the same version, summarized now
    again = await poll(database, source, fake_summarize, NOW + dt.timedelta(hours=1))
    assert again.stored == 1


async def test_a_fetch_errors_phrase_is_stored_beside_its_text(
    database: Any, fake_summarize: Any, local_server: Any
) -> None:
    local_server.serve("/feed", feed(1))
    source = await add_source(database, local_server.url("/feed"))
    async with Fetcher(allow_private=True, max_bytes=10) as fetcher:
        await poll_source(
            source, now=NOW, session_factory=database.factory, fetcher=fetcher,
            summarize=fake_summarize,
        )  # fmt: skip
    source = await reload(database, source.id)
    assert source.last_error is not None and source.last_error.startswith("too large: ")
    assert source.last_error_phrase is not None
    message, values = source.last_error_phrase["message"], source.last_error_phrase["values"]
    assert message.format(**values) == source.last_error
    assert (message, values["cap"]) == ("too large: {size} bytes, cap {cap}", "10")


async def test_html_without_article_text_fails_and_backs_off(
    database: Any, fake_summarize: Any, local_server: Any
) -> None:
    local_server.serve("/feed", b"<html><body>not a feed</body></html>")
    source = await add_source(database, local_server.url("/feed"))
    report = await poll(database, source, fake_summarize)
    assert report.rejected == 1
    source = await reload(database, source.id)
    assert source.consecutive_failures == 1
    assert source.last_error is not None and source.last_error.startswith("no article")
    assert source.next_poll_at is not None and source.next_poll_at > NOW


async def test_a_document_that_looks_like_a_feed_but_is_not_fails(
    database: Any, fake_summarize: Any, local_server: Any
) -> None:
    local_server.serve("/feed", b"<?xml version='1.0'?><nothing/>")
    source = await add_source(database, local_server.url("/feed"))
    report = await poll(database, source, fake_summarize)
    assert report.rejected == 1
    source = await reload(database, source.id)
    assert source.consecutive_failures == 1 and source.last_error == "not an RSS/Atom feed"


async def test_a_polled_sources_filter_holds_back_what_fails_it(
    database: Any, fake_summarize: Any, local_server: Any
) -> None:
    local_server.serve("/feed", feed(1, 2))
    source = await add_source(database, local_server.url("/feed"))
    async with database.factory() as session, session.begin():
        stored = await SourceRepository(session).get(source.id)
        assert stored is not None
        stored.exclude_phrases = ["district 2"]
    report = await poll(database, await reload(database, source.id), fake_summarize)
    assert report.stored == 2
    held = {brief.title: brief.held for brief in await stored_briefs(database)}
    assert held == {"Item 1": False, "Item 2": True}
