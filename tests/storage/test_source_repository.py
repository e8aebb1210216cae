"""SourceRepository: lookup, due sources, success and exponential failure backoff."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingest.phrases import Phrase
from storage.models import Source
from storage.repositories import SourceRepository
from storage.repositories.sources import MAX_BACKOFF, failure_backoff
from tests.support.factories import make_source

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


async def test_add_get_by_url_list_and_remove_by_url(session: AsyncSession) -> None:
    repository = SourceRepository(session)
    source = await repository.add(make_source(url="https://news.example/rss"))
    assert await repository.get_by_url("https://news.example/rss") is source
    assert await repository.list() == [source]
    assert await repository.remove("https://news.example/rss")
    assert not await repository.remove("https://news.example/rss")
    assert await repository.list() == []


async def test_due_returns_unpolled_and_overdue_sources(session: AsyncSession) -> None:
    repository = SourceRepository(session)
    never_polled = await repository.add(make_source())
    overdue = await repository.add(make_source(next_poll_at=NOW - dt.timedelta(minutes=5)))
    await repository.add(make_source(next_poll_at=NOW + dt.timedelta(minutes=5)))
    assert await repository.due(NOW) == [never_polled, overdue]


async def test_record_success_clears_failures_and_schedules_next_poll(
    session: AsyncSession,
) -> None:
    repository = SourceRepository(session)
    source = await repository.add(make_source(poll_interval_seconds=600))
    await repository.record_failure(source, "timeout", NOW)
    await repository.record_success(source, now=NOW, etag='"abc"', last_modified="Tue, 1 Jan")
    assert source.consecutive_failures == 0
    assert source.etag == '"abc"'
    assert source.next_poll_at == NOW + dt.timedelta(seconds=600)
    assert source.last_error == "timeout"  # kept for diagnosis


async def test_record_failure_backs_off_exponentially_up_to_a_day(
    session: AsyncSession,
) -> None:
    repository = SourceRepository(session)
    source = await repository.add(make_source(poll_interval_seconds=900))
    waits = []
    for _ in range(10):
        await repository.record_failure(source, "HTTP 503", NOW)
        assert source.next_poll_at is not None
        waits.append(source.next_poll_at - NOW)
    assert waits[:4] == [dt.timedelta(minutes=m) for m in (15, 30, 60, 120)]
    assert max(waits) == MAX_BACKOFF == waits[-1]
    assert source.consecutive_failures == 10
    assert source.last_error == "HTTP 503" and source.last_error_at == NOW


def test_failure_backoff_is_capped_for_huge_failure_counts() -> None:
    assert failure_backoff(60, 10_000) == MAX_BACKOFF


def test_failure_backoff_is_never_shorter_than_the_interval() -> None:
    two_days = 2 * 86400
    assert failure_backoff(two_days, 1) == dt.timedelta(days=2)
    assert failure_backoff(two_days, 5) == dt.timedelta(days=2)
    assert failure_backoff(3600, 30) == MAX_BACKOFF


async def test_urls_present_answers_for_many_urls_at_once(session: AsyncSession) -> None:
    repository = SourceRepository(session)
    await repository.add_all(make_source(url=f"https://s{n}.example/rss") for n in range(3))
    asked = [f"https://s{n}.example/rss" for n in range(2500)]
    assert await repository.urls_present(asked) == set(asked[:3])


async def test_validators_too_long_for_their_columns_are_dropped_not_fatal(
    session: AsyncSession,
) -> None:
    repository = SourceRepository(session)
    source = await repository.add(make_source())
    await repository.record_success(source, now=NOW, etag="e" * 501, last_modified="m" * 101)
    assert (source.etag, source.last_modified) == (None, None)
    await repository.record_success(source, now=NOW, etag='"abc"', last_modified="Tue, 1 Jan")
    assert (source.etag, source.last_modified) == ('"abc"', "Tue, 1 Jan")


async def test_record_failure_stores_a_phrases_message_and_values_beside_its_text(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    inner = Phrase("too large: {size} bytes, cap {cap}", size="9,000", cap="5,000")
    error = Phrase("redirected to {problem}", problem=inner)
    async with session_factory() as session, session.begin():
        repository = SourceRepository(session)
        phrased = await repository.add(make_source(url="https://a.example/feed"))
        plain = await repository.add(make_source(url="https://b.example/feed"))
        counted = await repository.add(make_source(url="https://c.example/feed"))
        await repository.record_failure(phrased, error, NOW)
        await repository.record_failure(plain, "HTTP 404 Not Found", NOW)
        await repository.record_failure(counted, Phrase("{n} of {x}", n=3, x=object()), NOW)
    async with session_factory() as session:
        stored = {s.url: s for s in (await session.scalars(select(Source))).all()}
    first = stored["https://a.example/feed"]
    assert first.last_error == "redirected to too large: 9,000 bytes, cap 5,000"  # English
    assert first.last_error_phrase == {
        "message": "redirected to {problem}",
        "values": {
            "problem": {
                "message": "too large: {size} bytes, cap {cap}",
                "values": {"size": "9,000", "cap": "5,000"},
            }
        },
    }
    assert stored["https://b.example/feed"].last_error_phrase is None  # plain text: no phrase
    # A number stays a number; what JSON cannot hold is kept as the text the line showed.
    counted_phrase = stored["https://c.example/feed"].last_error_phrase
    assert counted_phrase is not None and counted_phrase["values"]["n"] == 3
    assert counted_phrase["values"]["x"].startswith("<object object at ")
