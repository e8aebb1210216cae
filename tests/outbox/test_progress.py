"""Group commit of delivery progress: other chats' parts join a commit within its wait."""

from __future__ import annotations

import asyncio
import datetime as dt
from types import SimpleNamespace
from typing import cast

import pytest

from outbox.progress import COALESCE_SECONDS, ProgressWriter, _Pending
from runtime.services import BotServices
from tests.support.database import Database
from tests.support.factories import make_claim

NOW = dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC)


class RecordingWriter(ProgressWriter):
    """A writer whose statement is recorded instead of run: each batch's delivery ids."""

    def __init__(self, services: BotServices, *, coalesce_seconds: float | None) -> None:
        super().__init__(services, coalesce_seconds=coalesce_seconds)
        self.batches: list[list[int]] = []

    async def _write(self, batch: list[_Pending]) -> list[bool]:
        self.batches.append([pending.claim.delivery_id for pending in batch])
        await asyncio.sleep(0)  # a statement takes a turn of the event loop at least
        return [True] * len(batch)


def services_on(database: Database) -> BotServices:
    """What the writer reads of the services: the engine (its dialect), sessions, the clock.
    The engine never connects: the tests' writer records its statements instead."""
    services = SimpleNamespace(engine=database.engine(), session_factory=None, now=lambda: NOW)
    return cast(BotServices, services)


async def commit_spread(writer: ProgressWriter, ids: list[int], apart: float) -> list[bool]:
    """Commit each id's first part, ``apart`` seconds after the previous one."""

    async def one(index: int, delivery_id: int) -> bool:
        await asyncio.sleep(index * apart)
        return await writer.commit(make_claim(delivery_id, at=NOW), 1, done=True)

    return await asyncio.gather(*(one(i, d) for i, d in enumerate(ids)))


async def test_parts_accepted_within_the_wait_are_committed_in_one_statement(
    database: Database,
) -> None:
    writer = RecordingWriter(services_on(database), coalesce_seconds=0.2)

    outcomes = await commit_spread(writer, [1, 2, 3, 4, 5], apart=0.01)

    assert outcomes == [True] * 5
    assert writer.batches == [[1, 2, 3, 4, 5]]


async def test_without_a_wait_a_commit_holds_only_what_queued_while_the_last_ran(
    database: Database,
) -> None:
    writer = RecordingWriter(services_on(database), coalesce_seconds=0.0)

    await commit_spread(writer, [1, 2, 3], apart=0.05)

    assert writer.batches == [[1], [2], [3]]


async def test_a_commit_cancelled_while_it_waits_is_still_written(database: Database) -> None:
    writer = RecordingWriter(services_on(database), coalesce_seconds=5.0)
    task = asyncio.create_task(writer.commit(make_claim(7, at=NOW), 1, done=False))
    await asyncio.sleep(0.05)  # the commit holds the writer and waits for others to join

    task.cancel()

    with pytest.raises(asyncio.CancelledError):
        await task
    assert writer.batches == [[7]]


async def test_postgresql_waits_by_default_and_sqlite_does_not(any_database: Database) -> None:
    writer = ProgressWriter(services_on(any_database))

    if any_database.dialect == "postgresql":
        assert writer.coalesce_seconds == COALESCE_SECONDS > 0
    else:
        assert writer.coalesce_seconds == 0
