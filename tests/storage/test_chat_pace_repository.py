"""Chats' next starts reserved on PostgreSQL's clock: spacing, the group window, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import ChatPace
from storage.repositories import ChatPaceRepository
from storage.repositories.chat_pace import PaceRule, Turn
from tests.support.database import Database, empty_tables

PRIVATE, OTHER, NEW, GROUP = 11, 12, 13, -100_500
# Holding up to 100 s: every reservation is granted, so the arithmetic shows.
GENEROUS = PaceRule(spacing=1.5, per_window=3, window=60.0, hold=100.0)


async def reserve(
    sessions: async_sessionmaker[AsyncSession], chats: list[int], rule: PaceRule = GENEROUS
) -> dict[int, Turn]:
    async with sessions() as session, session.begin():
        return await ChatPaceRepository(session).reserve(chats, rule)


async def test_a_private_chat_is_spaced_and_a_start_too_far_away_is_refused_unwritten(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    async with migrated_postgres.sessions() as sessions:
        first = await reserve(sessions, [PRIVATE, OTHER, PRIVATE])  # a duplicate counts once
        second = await reserve(sessions, [PRIVATE])
        strict = PaceRule(spacing=1.5, per_window=3, window=60.0, hold=0.5)
        refused = await reserve(sessions, [NEW, PRIVATE, OTHER], strict)
        async with sessions() as session:
            next_in = await session.scalar(
                select(func.extract("epoch", ChatPace.next_at - func.now())).where(
                    ChatPace.chat_id == PRIVATE
                )
            )

    assert sorted(first) == [PRIVATE, OTHER]
    assert all(turn.reserved and turn.wait == 0.0 for turn in first.values())
    assert first[PRIVATE].next_in == pytest.approx(1.5, abs=0.3)
    assert second[PRIVATE].reserved
    assert 1.0 < second[PRIVATE].wait <= 1.5  # the first start plus the spacing
    assert 2.5 < second[PRIVATE].next_in <= 3.0
    assert not refused[PRIVATE].reserved  # its start is ~3 s away, over the 0.5 s hold
    assert 2.0 < refused[PRIVATE].wait <= 3.0
    assert next_in is not None and 2.0 < float(next_in) <= 3.0  # unchanged by the refusal
    assert not refused[OTHER].reserved  # ~1.5 s away
    assert 1.0 < refused[OTHER].wait <= 1.5
    assert refused[NEW].reserved  # a chat never sent to starts now, in the same batch
    assert refused[NEW].wait == 0.0


async def test_a_group_gets_at_most_per_window_starts_within_the_window(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    async with migrated_postgres.sessions() as sessions:
        turns = [(await reserve(sessions, [GROUP]))[GROUP] for _ in range(5)]
        async with sessions() as session:
            row = await session.get(ChatPace, GROUP)
            assert row is not None
            recent = list(row.recent)

    waits = [turn.wait for turn in turns]
    assert all(turn.reserved for turn in turns)
    # Three starts 1.5 s apart, then the fourth a window after the first, the fifth after the
    # second: never more than three within 60 s.
    assert waits[:3] == pytest.approx([0.0, 1.5, 3.0], abs=0.3)
    assert waits[3] == pytest.approx(60.0, abs=0.3)
    assert waits[4] == pytest.approx(61.5, abs=0.3)
    assert len(recent) == 3  # only the last per_window starts are kept
    assert (recent[-1] - recent[0]).total_seconds() == pytest.approx(61.5 - 3.0, abs=0.01)


async def test_prune_deletes_only_rows_whose_next_start_is_long_past(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    async with migrated_postgres.sessions() as sessions:
        await reserve(sessions, [PRIVATE, OTHER, GROUP])
        async with sessions() as session, session.begin():
            await session.execute(
                update(ChatPace)
                .where(ChatPace.chat_id.in_([PRIVATE, GROUP]))
                .values(next_at=func.now() - dt.timedelta(seconds=61))
            )
        async with sessions() as session, session.begin():
            pruned = await ChatPaceRepository(session).prune(dt.timedelta(seconds=60))
        async with sessions() as session:
            left = (await session.scalars(select(ChatPace.chat_id))).all()

    assert pruned == 2
    assert left == [OTHER]
