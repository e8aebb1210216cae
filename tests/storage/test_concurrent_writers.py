"""Many tasks of one process writing at once must queue, not fail with "database is locked"."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.engine import create_read_session_factory
from storage.models import ChatType
from storage.repositories import BriefRepository, DeliveryRepository, SubscriberRepository
from tests.support.factories import make_brief

WRITERS = 12
TRANSACTIONS_EACH = 8


async def test_concurrent_read_then_write_transactions_all_succeed(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    # Read first, then write: the pattern that fails with a deferred BEGIN on SQLite.
    async def writer(n: int) -> None:
        for m in range(TRANSACTIONS_EACH):
            async with session_factory() as session, session.begin():
                repository = BriefRepository(session)
                await repository.count()
                await asyncio.sleep(0)
                await repository.add(make_brief(title=f"writer {n} brief {m}"))
                subscriber = await SubscriberRepository(session).get_or_create(
                    n, ChatType.PRIVATE
                )
                await DeliveryRepository(session).claim_due(subscriber.created_at, limit=1)

    await asyncio.gather(*(writer(n) for n in range(WRITERS)))
    async with session_factory() as session:
        assert await BriefRepository(session).count() == WRITERS * TRANSACTIONS_EACH


async def test_a_read_only_session_reads_at_once_while_a_writer_holds_the_database(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as writer, writer.begin():
        await BriefRepository(writer).add(make_brief(title="written, not yet committed"))
        # On SQLite the writer holds the write lock; a BEGIN IMMEDIATE would wait 30 s here.
        reading = create_read_session_factory(engine)
        async with asyncio.timeout(5), reading() as reader, reader.begin():
            seen = await BriefRepository(reader).count()
    assert seen == 0  # the reader's snapshot is from before the uncommitted write
