"""The tick's "chat pace" stage: rows that hold no chat back any more are deleted."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update

from outbox.chat_pace import SharedChatPace
from storage.models import ChatPace
from tests.support.database import Database, empty_tables
from tests.support.world import outbox_world
from tick import run_tick

RECENT, STALE_PRIVATE, STALE_GROUP = 1, 2, -3


async def test_the_tick_prunes_chat_pace_rows_whose_next_start_passed_over_a_minute_ago(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    async with outbox_world(migrated_postgres, send_budget="shared") as w:
        shared = w.services.pacer.shared
        assert isinstance(shared, SharedChatPace)
        for chat_id in (RECENT, STALE_PRIVATE, STALE_GROUP):
            assert (await shared.reserve(chat_id)).reserved
        async with w.sessions() as session, session.begin():
            await session.execute(
                update(ChatPace)
                .where(ChatPace.chat_id.in_([STALE_PRIVATE, STALE_GROUP]))
                .values(next_at=func.now() - dt.timedelta(seconds=61))
            )

        report = await run_tick(w.services)

        async with w.sessions() as session:
            left = (await session.scalars(select(ChatPace.chat_id))).all()
    assert (report.pace_rows_pruned, report.errors) == (2, [])
    assert left == [RECENT]


async def test_a_local_send_budget_has_no_chat_pace_to_prune(database: Database) -> None:
    async with outbox_world(database, send_budget="local") as w:
        report = await run_tick(w.services)

    assert (report.pace_rows_pruned, report.errors) == (0, [])
