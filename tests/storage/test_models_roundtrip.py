"""Column types and constraints behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import Brief, BriefFingerprint, Subscriber
from storage.repositories import BriefRepository, SourceRepository
from tests.support.factories import make_brief, make_source, make_subscriber

Factory = async_sessionmaker[AsyncSession]


async def test_aware_datetime_round_trips_as_utc(session_factory: Factory) -> None:
    kolkata = dt.datetime(2026, 11, 25, 14, 30, 15, 123456, tzinfo=ZoneInfo("Asia/Kolkata"))
    async with session_factory() as session, session.begin():
        brief = await BriefRepository(session).add(make_brief(ingested_at=kolkata))
        brief_id = brief.id
    async with session_factory() as session:
        loaded = await session.scalar(select(Brief).where(Brief.id == brief_id))
    assert loaded is not None
    assert loaded.ingested_at == kolkata
    assert loaded.ingested_at.utcoffset() == dt.timedelta(0)
    assert loaded.ingested_at.hour == 9


async def test_naive_datetime_is_rejected(session: AsyncSession) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        await BriefRepository(session).add(make_brief(ingested_at=dt.datetime(2026, 1, 1)))


async def test_time_date_and_json_columns_round_trip(session_factory: Factory) -> None:
    async with session_factory() as session, session.begin():
        session.add(make_subscriber(chat_id=-100123, digest_time=dt.time(7, 45)))
        brief = await BriefRepository(session).add(
            make_brief(summary=["One.", "Two — ünïcode ✓."], topics=["india", "israel"])
        )
    async with session_factory() as session:
        subscriber = await session.scalar(select(Subscriber).where(Subscriber.chat_id == -100123))
        loaded = await session.get(Brief, brief.id)
    assert subscriber is not None and subscriber.digest_time == dt.time(7, 45)
    assert loaded is not None
    assert loaded.summary == ["One.", "Two — ünïcode ✓."]
    assert loaded.topics == ["india", "israel"]
    assert loaded.published_on == dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    "clash",
    [
        {"url": "https://example.org/same"},
        {"external_id": "pib-1"},
        {"content_hash": "same-hash"},
    ],
)
async def test_brief_unique_keys_reject_second_row(
    session: AsyncSession, clash: dict[str, str]
) -> None:
    repository = BriefRepository(session)
    await repository.add(make_brief(**clash))
    with pytest.raises(IntegrityError):
        await repository.add(make_brief(**clash))


async def test_briefs_without_url_or_external_id_do_not_clash(session: AsyncSession) -> None:
    repository = BriefRepository(session)
    await repository.add(make_brief(url=None, external_id=None))
    await repository.add(make_brief(url=None, external_id=None))
    assert await repository.count() == 2


async def test_deleting_brief_cascades_to_fingerprints(session: AsyncSession) -> None:
    repository = BriefRepository(session)
    brief = await repository.add(make_brief())
    await repository.add_fingerprints(brief.id, [(0, 11), (1, 22)])
    await session.delete(brief)
    await session.flush()
    assert (await session.scalars(select(BriefFingerprint))).all() == []


async def test_deleting_source_keeps_its_briefs(session: AsyncSession) -> None:
    source = await SourceRepository(session).add(make_source())
    brief = await BriefRepository(session).add(make_brief(source_id=source.id))
    assert await SourceRepository(session).remove(source.id)
    await session.refresh(brief)
    assert brief.source_id is None
