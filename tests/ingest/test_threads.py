"""CPU-bound ingest work runs in worker threads: the event loop keeps running meanwhile."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ingest import pipeline, prepare, store
from ingest.http import Fetcher
from ingest.items import BriefCandidate
from ingest.pipeline import ingest_items
from ingest.polling import poll_source
from ingest.sources import Upload, feeds, files, pages
from ingest.sources.registry import read_location, read_url
from storage.models import Source, SourceKind
from storage.repositories import SourceRepository

NOW = dt.datetime(2025, 11, 5, 8, 0, tzinfo=dt.UTC)
STORY = (
    "The defence ministry on Monday signed a contract worth 2,000 crore rupees with a "
    "domestic shipyard for six new offshore patrol vessels for the coast guard.\n\n"
    "The vessels will be delivered over the next five years and will be used for fisheries "
    "protection, search and rescue and anti-smuggling operations at sea.\n\n"
    "Officials said that the contract would create about three thousand jobs at the yard "
    "and at small suppliers of steel, engines and electronics across the region."
)
ARTICLE_HTML = f"""<!doctype html><html><head><title>Six patrol vessels ordered</title></head>
<body><nav>Home | World</nav><article><h1>Six patrol vessels ordered</h1>
{"".join(f"<p>{paragraph}</p>" for paragraph in STORY.split(chr(10) * 2))}
</article></body></html>""".encode()
ITEM = (
    "<item><guid>g-{n}</guid><title>Item {n}</title><link>http://example.org/{n}</link>"
    "<content:encoded><![CDATA[<p>Story {n}: the council approved a new library budget on "
    "Monday after a long debate. Councillors argued for {n} hours about reading rooms and "
    "staff. The mayor said residents of district {n} would welcome longer hours.</p>]]>"
    "</content:encoded></item>"
)
HEARTBEATS_DURING_PARSE = 3


def feed(count: int) -> bytes:
    items = "".join(ITEM.format(n=n) for n in range(count))
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Council</title>{items}</channel></rss>"
    ).encode()


def on_event_loop() -> bool:
    """Whether the calling thread is running an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def spy(monkeypatch: pytest.MonkeyPatch, module: ModuleType, name: str) -> list[bool]:
    """Replace ``module.name`` by a wrapper noting, for each call, whether it ran on the loop."""
    real: Callable[..., Any] = getattr(module, name)
    calls: list[bool] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        calls.append(on_event_loop())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, recording)
    return calls


async def test_the_loop_keeps_ticking_while_a_polled_feed_is_parsed(
    monkeypatch: pytest.MonkeyPatch, database: Any, fake_summarize: Any, local_server: Any
) -> None:
    # The parse waits (in its thread) until a heartbeat coroutine has ticked a few more times.
    # On the event loop the heartbeat could not tick at all: the count would stay at 0.
    ticks = 0
    wanted: int | None = None  # the tick count the parse waits for, once it has begun
    reached = threading.Event()
    counted: list[int] = []

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            if wanted is not None and ticks >= wanted:
                reached.set()
            await asyncio.sleep(0)

    real_parse = feeds.parse_entries

    def parse_while_the_loop_runs(data: bytes, url: str) -> list[feeds.FeedEntry]:
        nonlocal wanted
        before = ticks
        wanted = before + HEARTBEATS_DURING_PARSE
        reached.wait(timeout=5)  # bounds a failing run; a passing one never waits that long
        entries = real_parse(data, url)
        counted.append(ticks - before)
        return entries

    monkeypatch.setattr(feeds, "parse_entries", parse_while_the_loop_runs)
    local_server.serve("/feed", feed(200), headers={"Content-Type": "application/rss+xml"})
    async with database.factory() as session, session.begin():
        source = await SourceRepository(session).add(
            Source(kind=SourceKind.FEED, url=local_server.url("/feed"), poll_interval_seconds=60)
        )
    beating = asyncio.create_task(heartbeat())
    try:
        async with Fetcher(allow_private=True) as fetcher:
            report = await poll_source(
                source,
                session_factory=database.factory,
                fetcher=fetcher,
                summarize=fake_summarize,
                now=NOW,
            )
    finally:
        beating.cancel()
    assert report.stored == 200
    assert len(counted) == 1 and counted[0] >= HEARTBEATS_DURING_PARSE


async def test_feeds_pages_and_excerpts_are_parsed_off_the_loop(
    monkeypatch: pytest.MonkeyPatch, local_server: Any
) -> None:
    feed_parses = spy(monkeypatch, feeds, "parse_entries")
    extractions = spy(monkeypatch, pages, "page_text")
    excerpt = (
        f"<item><guid>g-x</guid><title>Excerpt</title><link>{local_server.url('/a')}</link>"
        "<description>Six patrol vessels ordered…</description></item>"
    )
    local_server.serve(
        "/feed",
        feed(0).replace(b"</channel>", excerpt.encode() + b"</channel>"),
        headers={"Content-Type": "application/rss+xml"},
    )
    local_server.serve("/a", ARTICLE_HTML, headers={"Content-Type": "text/html"})
    async with Fetcher(allow_private=True) as fetcher:
        (from_feed,) = await read_url(local_server.url("/feed"), fetcher)
        (from_page,) = await read_url(local_server.url("/a"), fetcher)
    assert isinstance(from_feed, BriefCandidate) and "thousand jobs" in from_feed.text
    assert isinstance(from_page, BriefCandidate) and "thousand jobs" in from_page.text
    assert feed_parses == [False]
    assert extractions == [False, False]  # the excerpt's page, then the page itself


async def test_files_and_uploads_are_parsed_off_the_loop(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    documents = spy(monkeypatch, files, "read_text_document")
    records = spy(monkeypatch, files, "read_json_lines")
    (tmp_path / "brief.txt").write_text(f"date 2025-11-05\n\n{STORY}")
    async with Fetcher(allow_private=True) as fetcher:
        from_file = await read_location(tmp_path, fetcher)
        upload = Upload("briefs.jsonl", b'{"text": "%s"}\n' % STORY.replace("\n", " ").encode())
        from_upload = await read_location(upload, fetcher)
    assert from_file.kind is SourceKind.FILE and len(from_file.items) == 1
    assert from_upload.kind is SourceKind.FILE and len(from_upload.items) == 1
    assert documents == [False] and records == [False]


async def test_dedup_keys_topics_and_stored_shingles_are_computed_off_the_loop(
    monkeypatch: pytest.MonkeyPatch, database: Any, fake_summarize: Any
) -> None:
    keys = spy(monkeypatch, prepare, "dedup_keys")
    topics = spy(monkeypatch, pipeline, "extract_topics")
    stored_shingles = spy(monkeypatch, store, "shingles")
    near_copy = STORY.replace("three thousand jobs", "four thousand new jobs")
    first = await ingest_items(
        [BriefCandidate("a", STORY)], session_factory=database.factory, summarize=fake_summarize
    )
    again = await ingest_items(
        [BriefCandidate("b", near_copy)],
        session_factory=database.factory,
        summarize=fake_summarize,
    )
    assert (first.stored, again.stored, again.duplicate) == (1, 0, 1)
    assert keys == [False, False] and topics == [False] and stored_shingles == [False]
