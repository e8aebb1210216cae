"""Hardening #9: a big feed is parsed off the event loop, capped per poll, and never redone."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from collections.abc import Sequence
from email.utils import format_datetime
from typing import Any

import pytest

from ingest.http import Fetcher
from ingest.polling import poll_source
from ingest.sources import feeds
from tests.ingest.test_polling import NOW, add_source, stored_briefs
from tests.support.factories import filler

FIRST_DAY = dt.datetime(2015, 1, 1, 8, 0, tzinfo=dt.UTC)
ITEM = (
    "<item><guid>g-{n}</guid><title>Item {n}</title><link>http://example.org/{n}</link>"
    "<pubDate>{date}</pubDate><content:encoded><![CDATA[<p>Story {n}: the council approved "
    "a new library budget on Monday after a long debate. Councillors argued for {n} hours "
    "about reading rooms and staff. {filler}</p>]]></content:encoded></item>"
)


def dated_feed(count: int) -> bytes:
    """``count`` distinct items, item n published n days after the first, oldest first."""
    items = "".join(
        ITEM.format(
            n=n, date=format_datetime(FIRST_DAY + dt.timedelta(days=n)), filler=filler(str(n))
        )
        for n in range(count)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Council</title>{items}</channel></rss>"
    ).encode()


class CountingSummarizer:
    """The fake summarizer, counting the texts it was asked for."""

    def __init__(self, summarize: Any) -> None:
        self.calls = 0
        self._summarize = summarize

    async def __call__(self, text: str, title: str | None) -> Sequence[str]:
        self.calls += 1
        result: Sequence[str] = await self._summarize(text, title)
        return result


async def poll_with_cap(database: Any, source: Any, summarize: Any, cap: int) -> Any:
    async with Fetcher(allow_private=True, max_feed_items=cap) as fetcher:
        return await poll_source(
            source, now=NOW, session_factory=database.factory, fetcher=fetcher, summarize=summarize
        )


async def test_a_big_feed_is_parsed_while_the_event_loop_keeps_answering(
    database: Any, fake_summarize: Any, local_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    local_server.serve("/feed", dated_feed(3_000))
    source = await add_source(database, local_server.url("/feed"))
    parsing, answered = threading.Event(), threading.Event()
    parse = feeds.parse_entries

    def parse_once_the_loop_answered(data: bytes, url: str) -> list[feeds.FeedEntry]:
        parsing.set()
        # On the event loop's own thread this would wait in vain: the sentinel could not run.
        if not answered.wait(30):
            raise AssertionError("the event loop did not answer while the feed was parsed")
        return parse(data, url)

    monkeypatch.setattr(feeds, "parse_entries", parse_once_the_loop_answered)
    poll = asyncio.create_task(poll_with_cap(database, source, fake_summarize, 20))
    async with asyncio.timeout(30):
        while not parsing.is_set():
            await asyncio.sleep(0.01)

    async def sentinel() -> None:
        answered.set()

    await sentinel()  # runs on the loop while the parse is under way in its thread
    report = await poll
    assert (report.stored, report.rejected) == (20, 0)


async def test_the_item_cap_keeps_the_newest_entries_and_logs_how_many_it_skipped(
    database: Any, fake_summarize: Any, local_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    local_server.serve("/feed", dated_feed(30))
    source = await add_source(database, local_server.url("/feed"))
    with caplog.at_level(logging.WARNING, logger="ingest.sources.feeds"):
        report = await poll_with_cap(database, source, fake_summarize, 10)
    assert report.stored == 10
    stored = sorted(brief.external_id or "" for brief in await stored_briefs(database))
    assert stored == sorted(f"g-{n}" for n in range(20, 30))
    [line] = [record.getMessage() for record in caplog.records]
    assert line == (
        f"feed {local_server.url('/feed')}: 30 entries, 30 new; reading the newest 10, "
        "skipping 20 (BRIEFBOT_FEED_MAX_ITEMS)"
    )


async def test_later_polls_skip_stored_entries_and_go_on_with_the_rest(
    database: Any, fake_summarize: Any, local_server: Any
) -> None:
    local_server.serve("/feed", dated_feed(30))
    source = await add_source(database, local_server.url("/feed"))
    summarize = CountingSummarizer(fake_summarize)
    outcomes = []
    for cap in (10, 10, 100, 100):
        before = summarize.calls
        report = await poll_with_cap(database, source, summarize, cap)
        outcomes.append((report.stored, report.duplicate, summarize.calls - before))
    # Each poll summarizes and stores only entries not stored before; the last finds none.
    assert outcomes == [(10, 0, 10), (10, 0, 10), (10, 0, 10), (0, 0, 0)]
    assert len(await stored_briefs(database)) == 30


async def test_entries_another_source_stored_still_count_this_source_as_a_duplicate(
    database: Any, fake_summarize: Any, local_server: Any
) -> None:
    local_server.serve("/a", dated_feed(3))
    local_server.serve("/b", dated_feed(3))
    first = await add_source(database, local_server.url("/a"))
    second = await add_source(database, local_server.url("/b"))
    assert (await poll_with_cap(database, first, fake_summarize, 10)).stored == 3
    report = await poll_with_cap(database, second, fake_summarize, 10)
    assert (report.stored, report.duplicate) == (0, 3)
    assert [brief.duplicate_count for brief in await stored_briefs(database)] == [1, 1, 1]
