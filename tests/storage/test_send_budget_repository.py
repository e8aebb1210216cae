"""The send budget's rows on PostgreSQL: heartbeats on the server's clock, dead rows go."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update

from storage.models import SendBudgetMember
from storage.repositories import SendBudgetRepository
from tests.support.database import Database, empty_tables


async def test_a_heartbeat_upserts_and_rows_past_the_lease_are_deleted_by_whoever_reads(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    async with migrated_postgres.sessions() as sessions:
        async with sessions() as session, session.begin():
            repository = SendBudgetRepository(session)
            await repository.lock("token-a")
            await repository.beat("alive", "token-a", 3.0, 10)
            await repository.beat("dead", "token-a", 30.0, 20)
            await repository.beat("other-token", "token-b", 30.0, 30)
        async with sessions() as session, session.begin():
            await SendBudgetRepository(session).beat("alive", "token-a", 30.0, 15)  # again
            await session.execute(
                update(SendBudgetMember)
                .where(SendBudgetMember.instance_id == "dead")
                .values(heartbeat_at=func.now() - dt.timedelta(seconds=6))
            )
        async with sessions() as session, session.begin():
            live = await SendBudgetRepository(session).live_members("token-a", 5.0)
            seen = [(m.instance_id, m.demand, m.claim) for m in live]
        async with sessions() as session:
            left = (await session.scalars(
                select(SendBudgetMember.instance_id).order_by(SendBudgetMember.instance_id)
            )).all()
        async with sessions() as session, session.begin():
            await SendBudgetRepository(session).leave("alive")
        async with sessions() as session:
            after = (await session.scalars(select(SendBudgetMember.instance_id))).all()

    assert seen == [("alive", 30.0, 15)]  # updated in place; the dead one gone, token-b apart
    assert left == ["alive", "other-token"]
    assert after == ["other-token"]
