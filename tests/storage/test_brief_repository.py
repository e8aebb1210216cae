"""BriefRepository: exact duplicates, LSH buckets, recency listings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from storage.repositories import BriefRepository
from storage.repositories.briefs import to_signed_bucket
from tests.support.factories import make_brief

NOON = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


async def test_add_assigns_id_and_get_returns_brief(session: AsyncSession) -> None:
    repository = BriefRepository(session)
    brief = await repository.add(make_brief(title="Hello"))
    assert brief.id is not None
    assert (await repository.get(brief.id)) is brief
    assert await repository.get(brief.id + 1000) is None
    assert await repository.count() == 1


async def test_find_exact_duplicate_matches_url_external_id_or_hash(
    session: AsyncSession,
) -> None:
    repository = BriefRepository(session)
    stored = await repository.add(
        make_brief(url="https://x.org/a", external_id="pib-7", content_hash="h1")
    )
    assert await repository.find_exact_duplicate("https://x.org/a", None, "other") is stored
    assert await repository.find_exact_duplicate(None, "pib-7", "other") is stored
    assert await repository.find_exact_duplicate("https://x.org/b", "pib-8", "h1") is stored
    assert await repository.find_exact_duplicate("https://x.org/b", "pib-8", "h2") is None
    assert await repository.find_exact_duplicate(None, None, "h2") is None


async def test_find_by_buckets_returns_briefs_sharing_any_bucket(session: AsyncSession) -> None:
    repository = BriefRepository(session)
    first, second, third = [await repository.add(make_brief()) for _ in range(3)]
    huge = 2**64 - 5  # unsigned 64-bit hashes are accepted
    await repository.add_fingerprints(first.id, [(0, 100), (1, huge)])
    await repository.add_fingerprints(second.id, [(0, 200), (1, huge)])
    await repository.add_fingerprints(third.id, [(0, 100), (1, 300)])

    assert await repository.find_by_buckets([(1, huge)]) == [first, second]
    assert await repository.find_by_buckets([(0, 100), (1, 300)]) == [first, third]
    assert await repository.find_by_buckets([(1, 100)]) == []  # same bucket, other band
    assert await repository.find_by_buckets([]) == []


def test_signed_bucket_mapping_is_identity_for_signed_and_wraps_unsigned() -> None:
    assert to_signed_bucket(-5) == -5
    assert to_signed_bucket(2**63 - 1) == 2**63 - 1
    assert to_signed_bucket(2**64 - 1) == -1


async def test_latest_orders_by_ingested_then_published(session: AsyncSession) -> None:
    repository = BriefRepository(session)
    old = await repository.add(make_brief(ingested_at=NOON - dt.timedelta(days=2)))
    same_time_older_news = await repository.add(
        make_brief(ingested_at=NOON, published_on=dt.date(2026, 11, 1))
    )
    same_time_newer_news = await repository.add(
        make_brief(ingested_at=NOON, published_on=dt.date(2026, 11, 24))
    )
    assert await repository.latest(limit=10) == [same_time_newer_news, same_time_older_news, old]
    assert await repository.latest(limit=1) == [same_time_newer_news]
    since = NOON - dt.timedelta(hours=1)
    assert await repository.latest(limit=10, since=since) == [
        same_time_newer_news, same_time_older_news
    ]


async def test_ingested_between_is_half_open(session: AsyncSession) -> None:
    repository = BriefRepository(session)
    at_start = await repository.add(make_brief(ingested_at=NOON))
    await repository.add(make_brief(ingested_at=NOON + dt.timedelta(hours=1)))
    inside = await repository.add(make_brief(ingested_at=NOON + dt.timedelta(minutes=30)))
    result = await repository.ingested_between(NOON, NOON + dt.timedelta(hours=1))
    assert result == [at_start, inside]
