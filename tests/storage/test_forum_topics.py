"""The bound forum topic of a subscriber: migration 0009 up and down, and unbinding it once."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.models import ChatType
from storage.repositories import SubscriberRepository
from storage.schema import upgrade_engine
from tests.storage.test_schema_migrations import downgrade_engine
from tests.support.database import Database

TOPIC_COLUMNS = {"message_thread_id", "topic_name"}


async def subscriber_columns(engine: AsyncEngine) -> set[str]:
    def inspect_schema(connection: Connection) -> set[str]:
        return {column["name"] for column in sa.inspect(connection).get_columns("subscribers")}

    async with engine.connect() as connection:
        return await connection.run_sync(inspect_schema)


async def test_0010_adds_the_topic_columns_keeping_subscribers_and_downgrade_drops_them(
    blank_database: Database,
) -> None:
    engine = blank_database.engine()
    insert = text(
        "INSERT INTO subscribers (chat_id, chat_type, state, timezone, created_at, updated_at)"
        " VALUES (-1001, 'supergroup', 'active', 'UTC', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
    )
    try:
        await upgrade_engine(engine, "0009")
        async with engine.begin() as connection:
            await connection.execute(insert)
        assert not TOPIC_COLUMNS & await subscriber_columns(engine)

        await upgrade_engine(engine, "0010")
        assert await subscriber_columns(engine) >= TOPIC_COLUMNS
        async with engine.begin() as connection:
            row = (
                await connection.execute(
                    text("SELECT chat_id, message_thread_id, topic_name FROM subscribers")
                )
            ).one()
            assert tuple(row) == (-1001, None, None)
            await connection.execute(
                text("UPDATE subscribers SET message_thread_id = 7, topic_name = 'Markets'")
            )

        await downgrade_engine(engine, "0009")
        assert not TOPIC_COLUMNS & await subscriber_columns(engine)
        async with engine.connect() as connection:
            chat_ids = (await connection.scalars(text("SELECT chat_id FROM subscribers"))).all()
        assert chat_ids == [-1001]
        await upgrade_engine(engine)
        assert await subscriber_columns(engine) >= TOPIC_COLUMNS
    finally:
        await engine.dispose()


async def test_unbinding_a_topic_is_true_once_and_keeps_a_topic_bound_anew(
    session: AsyncSession,
) -> None:
    repository = SubscriberRepository(session)
    subscriber = await repository.get_or_create(-1001, ChatType.SUPERGROUP, "Desk")
    subscriber.message_thread_id, subscriber.topic_name = 7, "Markets"
    await session.flush()

    assert await repository.unbind_topic(subscriber.id, 7)
    assert not await repository.unbind_topic(subscriber.id, 7)
    await session.refresh(subscriber)
    assert (subscriber.message_thread_id, subscriber.topic_name) == (None, None)

    subscriber.message_thread_id, subscriber.topic_name = 9, "Sports"
    await session.flush()
    assert not await repository.unbind_topic(subscriber.id, 7)  # an old topic's news
    await session.refresh(subscriber)
    assert (subscriber.message_thread_id, subscriber.topic_name) == (9, "Sports")
