"""The tick as a whole: polling due sources (bounded, never raising) next to digests and alerts."""

from __future__ import annotations

import datetime as dt

import httpx
from sqlalchemy import select

from runtime.services import utc_now
from storage.models import Brief, RuleKind, Source
from tests.support.database import Database
from tests.support.factories import make_source
from tests.support.world import START, outbox_world
from tick import run_tick
from tick.polling import POLLS_PER_TICK

FEED = (
    '<?xml version="1.0"?><rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Port news</title>'
    "<item><guid>port-1</guid><title>Harbour dredging finished</title>"
    "<link>https://port.example.org/1</link><content:encoded><![CDATA[<p>The harbour dredging "
    "finished on Monday after six months of work. Larger ships can now dock at the northern "
    "quay. The port authority expects more traffic next year.</p>]]></content:encoded>"
    "</item></channel></rss>"
)


def serve(request: httpx.Request) -> httpx.Response:
    """Port news at /feed.xml; a 304 for /quiet/*; a 404 for /gone.xml; a crash for /broken.xml."""
    if request.url.path == "/broken.xml":
        raise RuntimeError("parser exploded")
    if request.url.path == "/gone.xml":
        return httpx.Response(404)
    if request.url.path.startswith("/quiet/"):
        return httpx.Response(304)
    return httpx.Response(200, text=FEED, headers={"Content-Type": "application/rss+xml"})


async def test_tick_polls_a_due_feed_and_alerts_its_new_brief(database: Database) -> None:
    async with outbox_world(database, transport=httpx.MockTransport(serve)) as w:
        # Ingestion stamps briefs with the real time, so the bot's clock runs in real time here.
        w.services.clock = utc_now
        subscriber = await w.add_subscriber()
        await w.add_rule(subscriber, RuleKind.FOLLOW, "dredging", utc_now() - dt.timedelta(hours=1))
        await w.add(make_source(url="https://port.example.org/feed.xml"))

        report = await run_tick(w.services)
        await w.worker.drain()

        assert (report.polls.polled, report.polls.stored, report.alerts) == (1, 1, 1)
        [text] = w.texts(subscriber.chat_id)
        assert "Harbour dredging finished" in text
        async with w.sessions() as session:
            source = await session.scalar(select(Source))
            assert source is not None and source.next_poll_at is not None
            assert source.next_poll_at > utc_now()


async def test_failing_poll_is_recorded_and_the_rest_of_the_tick_still_runs(
    database: Database,
) -> None:
    async with outbox_world(database, transport=httpx.MockTransport(serve)) as w:
        subscriber = await w.add_subscriber(next_digest_at=START)
        await w.add_brief(title="Something to digest")
        await w.add(make_source(url="https://port.example.org/broken.xml"))

        report = await run_tick(w.services)
        await w.worker.drain()

        assert (report.polls.polled, report.polls.failed, report.errors) == (1, 1, [])
        assert report.digests.enqueued == 1
        assert len(w.api.messages(subscriber.chat_id)) == 1
        async with w.sessions() as session:
            source = await session.scalar(select(Source))
            assert source is not None and source.consecutive_failures == 1
            assert source.last_error is not None and "parser exploded" in source.last_error
            assert source.next_poll_at is not None and source.next_poll_at > START


async def test_a_tick_polls_a_bounded_number_of_due_sources(database: Database) -> None:
    async with outbox_world(database, transport=httpx.MockTransport(serve)) as w:
        await w.add(*(make_source(url=f"https://port.example.org/quiet/{n}") for n in range(11)))

        first = await run_tick(w.services)
        second = await run_tick(w.services)

        assert (first.polls.polled, second.polls.polled) == (POLLS_PER_TICK, 11 - POLLS_PER_TICK)
        async with w.sessions() as session:
            assert list((await session.scalars(select(Brief))).all()) == []


async def test_polls_and_the_briefs_they_store_are_counted_by_outcome(database: Database) -> None:
    async with outbox_world(database, transport=httpx.MockTransport(serve)) as w:
        for path in ("feed.xml", "gone.xml", "broken.xml", "quiet/1"):
            await w.add(make_source(url=f"https://port.example.org/{path}"))
        subscriber = await w.add_subscriber(next_digest_at=START)
        await w.add_brief(title="Something to digest")

        report = await run_tick(w.services)

        registry = w.services.metrics.registry
        polls = {
            outcome: registry.get_sample_value("briefbot_source_polls_total", {"outcome": outcome})
            for outcome in ("ok", "failed", "timeout")
        }
        assert polls == {"ok": 2.0, "failed": 2.0, "timeout": 0.0}
        ingested = registry.get_sample_value("briefbot_briefs_ingested_total", {"path": "poll"})
        assert ingested == 1.0 == report.polls.stored
        assert registry.get_sample_value("briefbot_digests_enqueued_total") == 1.0
        assert report.digests.enqueued == 1 and subscriber.id is not None
