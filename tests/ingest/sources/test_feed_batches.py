"""Big feeds are parsed a batch of entries at a time: memory stays that of a batch.

A 45 MB feed used to take the bot from 135 to 357 MB: a full ElementTree for the bomb
check and feedparser's tree of the whole document. Now one streaming pass finds the
entries and feedparser sees a few hundred at a time; the entries come out the same.
"""

from __future__ import annotations

import datetime as dt
import random
import tracemalloc

import pytest

from ingest.http import Fetcher
from ingest.items import BriefCandidate
from ingest.sources import feed_split, feeds
from ingest.sources.feeds import FeedEntry, NewestEntries, feed_items, parse_feed
from ingest.validation import InvalidInput

URL = "https://news.example/feed.xml"
PARAGRAPH = "The council approved a new budget for the harbour district after a long debate. "


def rss(count: int, *, paragraphs: int = 12) -> bytes:
    """An RSS 2.0 feed of ``count`` full items, with a namespace, CDATA and odd spacing."""
    items = "".join(
        f"<item><title>Harbour budget {n} &amp; caf\u00e9</title>"
        f"<link>/story/{n}</link><guid isPermaLink='false'>brief-{n}</guid>"
        f"<pubDate>Tue, 0{1 + n % 9} Dec 2026 10:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[<p>Story {n}. {PARAGRAPH * paragraphs}</p>]]></content:encoded>"
        f"</item >\n{'<item/>' if n == 3 else ''}"
        for n in range(count)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Big</title><link>https://news.example/</link>\n{items}"
        "<image><url>https://news.example/logo.png</url></image></channel></rss>\n"
    ).encode()


def atom(count: int) -> bytes:
    entries = "".join(
        f'<entry><id>urn:brief:{n}</id><title type="html">Brief &lt;{n}&gt;</title>'
        f'<link rel="alternate" href="https://news.example/a/{n}"/>'
        f"<updated>2026-12-0{1 + n % 9}T10:00:00Z</updated>"
        f'<content type="html">&lt;p&gt;{PARAGRAPH * 3}&lt;/p&gt;</content></entry>'
        for n in range(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom</title><id>urn:feed</id>{entries}</feed>"
    ).encode()


def whole(data: bytes, monkeypatch: pytest.MonkeyPatch) -> list[FeedEntry]:
    """The entries when feedparser reads the document in one go."""
    with monkeypatch.context() as patch:
        patch.setattr(feeds, "BATCH_ENTRIES", 10**9)
        patch.setattr(feeds, "BATCH_BYTES", 10**12)
        return parse_feed(data, URL)


@pytest.mark.parametrize("document", [rss(23), atom(23)], ids=["rss", "atom"])
def test_entries_read_in_batches_are_those_read_whole(
    document: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = whole(document, monkeypatch)
    assert len(expected) == 24 if b"<rss" in document else len(expected) == 23
    monkeypatch.setattr(feeds, "BATCH_ENTRIES", 5)
    assert parse_feed(document, URL) == expected


def test_batches_hold_at_most_the_entries_and_bytes_allowed() -> None:
    data = rss(40)
    layout = feed_split.scan_feed(data)
    assert layout is not None and len(layout.entries) == 41
    batches = feed_split.entry_batches(layout, max_bytes=5_000, max_entries=7)
    assert [i for batch in batches for i in batch] == list(range(41))
    for batch in batches:
        size = layout.entries[batch.stop - 1][1] - layout.entries[batch.start][0]
        assert len(batch) <= 7 and (size <= 5_000 or len(batch) == 1)
        document = feed_split.batch_document(data, layout, batch)
        assert document.startswith(layout.header) and document.endswith(layout.footer)


def test_parsing_a_big_feed_takes_memory_of_a_batch_not_of_the_feed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = rss(2_600)  # about 3 MB
    monkeypatch.setattr(feeds, "BATCH_ENTRIES", 50)
    tracemalloc.start()
    try:
        entries = parse_feed(data, URL)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(entries) == 2_601
    # Beyond the entries it returns, parsing needed a few batches' worth (about 0.5 MB);
    # the whole document parsed at once took more than twice the feed's size.
    assert peak - kept < len(data) / 3


def test_a_big_feed_that_cannot_be_split_is_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(feed_split, "WHOLE_FEED_MAX_BYTES", 10_000)
    broken = rss(30).replace(b"</channel>", b"")  # ill-formed: feedparser would read it whole
    with pytest.raises(InvalidInput) as refused:
        parse_feed(broken, URL)
    assert str(refused.value).startswith("feed not well-formed XML and over 0 MB")
    assert "\n" not in str(refused.value)
    utf16 = rss(30).decode().replace("UTF-8", "UTF-16").encode("utf-16")
    with pytest.raises(InvalidInput, match=r"^feed not UTF-8 and over"):
        parse_feed(utf16, URL)


def test_a_small_feed_that_cannot_be_split_is_still_read_whole() -> None:
    utf16 = rss(3).decode().replace("UTF-8", "UTF-16").encode("utf-16")
    broken = rss(3).replace(b"</channel>", b"")
    assert [e.external_id for e in parse_feed(utf16, URL)] == ["brief-0", "brief-1", "brief-2"]
    assert [e.external_id for e in parse_feed(broken, URL)] == ["brief-0", "brief-1", "brief-2"]


async def test_reading_a_big_feed_keeps_only_the_entries_it_will_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = rss(2_600)  # about 3 MB
    monkeypatch.setattr(feeds, "BATCH_ENTRIES", 50)
    async with Fetcher(max_feed_items=10) as fetcher:
        tracemalloc.start()
        try:
            items = await feed_items(data, URL, fetcher)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert isinstance(items, list) and len(items) == 10
    assert all(isinstance(item, BriefCandidate) for item in items)
    # Every entry's text alone is most of the feed's size (before: kept until all were
    # parsed); ten entries, a batch and the entries' places (about 1 MB here) are not.
    assert peak < len(data) / 2


def entry(n: int, day: int | None) -> FeedEntry:
    published = None if day is None else dt.date(2026, 12, day)
    return FeedEntry(f"id-{n}", None, f"t{n}", published, "text", is_excerpt=False)


@pytest.mark.parametrize("limit", [1, 3, 10, 40, 100])
def test_the_newest_entries_are_those_sorting_every_new_entry_would_give(limit: int) -> None:
    chance = random.Random(limit)
    entries = [entry(n, chance.choice([None, 1, 2, 3, 4, 5])) for n in range(60)]
    stored = [chance.random() < 0.3 for _ in entries]
    new = [e for e, is_stored in zip(entries, stored, strict=True) if not is_stored]
    expected = (
        new if len(new) <= limit
        else sorted(new, key=lambda e: e.published_on or dt.date.min, reverse=True)[:limit]
    )
    newest = NewestEntries(limit)
    for start in range(0, 60, 7):  # in batches, as a feed is read
        newest.add(entries[start : start + 7], stored[start : start + 7])
    assert newest.result() == expected
    assert (newest.total, newest.new) == (60, len(new))
