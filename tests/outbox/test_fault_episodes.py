"""One log line as an outage starts and one as it ends, never one per message or per claim."""

from __future__ import annotations

import asyncio
import gc
import logging
import re

import pytest
from sqlalchemy.exc import OperationalError

from outbox.progress import ProgressWriter
from storage.models import DeliveryState
from tests.support.factories import make_claim
from tests.support.sqlite_lock import short_busy_timeout, write_locked
from tests.support.world import World

WORKER = "outbox.worker"


def worker_records(caplog: pytest.LogCaptureFixture, level: int) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == WORKER and r.levelno >= level]


def repeats(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """The DEBUG records of failures after an episode's first."""
    return [r for r in worker_records(caplog, logging.DEBUG) if "failing again" in r.getMessage()]


def failures_in(message: str) -> int:
    """M of "... recovered after N s, M failures"."""
    found = re.fullmatch(r".* recovered after \d+\.\d s, (\d+) failures", message)
    assert found, message
    return int(found.group(1))


async def test_a_5xx_burst_longer_than_max_attempts_logs_two_lines_and_fails_no_row(
    w: World, caplog: pytest.LogCaptureFixture
) -> None:
    subscribers = [await w.add_subscriber() for _ in range(3)]
    rows = [await w.enqueue(s, f"Hello {n}") for n, s in enumerate(subscribers)]
    rounds = w.settings.delivery_max_attempts + 2  # each chat fails more often than it may
    w.api.fail_next("sendMessage", status=500, times=rounds * len(subscribers))

    with caplog.at_level(logging.DEBUG, logger=WORKER):
        for _ in range(rounds + 1):
            await w.worker.drain()
            w.clock.advance(seconds=2)  # the backoff of an uncounted attempt

    assert [(await w.row(row)).state for row in rows] == [DeliveryState.SENT] * 3
    assert [w.texts(s.chat_id) for s in subscribers] == [[f"Hello {n}"] for n in range(3)]
    logged = [r.getMessage() for r in worker_records(caplog, logging.WARNING)]
    assert len(logged) == 2, logged
    assert logged[0] == "Telegram sends failing: NetworkError: Internal Server Error"
    assert failures_in(logged[1]) == rounds * len(subscribers)
    assert all(r.exc_info is None for r in worker_records(caplog, logging.WARNING))
    assert len(repeats(caplog)) == rounds * len(subscribers) - 1


async def test_a_locked_database_logs_two_lines_for_all_failed_claims_then_delivers(
    w: World, caplog: pytest.LogCaptureFixture
) -> None:
    subscriber = await w.add_subscriber()
    delivery_id = await w.enqueue(subscriber, "After the lock")
    running = asyncio.create_task(asyncio.sleep(0))
    with caplog.at_level(logging.DEBUG, logger=WORKER):
        try:
            async with short_busy_timeout(w.services.engine, 50):
                with write_locked(w.settings.database_url):
                    running = asyncio.create_task(w.worker.run())
                    async with asyncio.timeout(10):  # until the claim has failed three times
                        while len(repeats(caplog)) < 2:
                            await asyncio.sleep(0.05)
                    assert w.texts(subscriber.chat_id) == []
            await w.api.wait_for_messages(subscriber.chat_id, 1, timeout=5)
            async with asyncio.timeout(5):
                while (await w.row(delivery_id)).state is not DeliveryState.SENT:
                    await asyncio.sleep(0.05)
        finally:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)

    assert w.texts(subscriber.chat_id) == ["After the lock"]
    logged = [r.getMessage() for r in worker_records(caplog, logging.WARNING)]
    assert len(logged) == 2, logged
    assert logged[0] == (
        "outbox database failing: OperationalError: (sqlite3.OperationalError) database is locked"
    )
    failures = failures_in(logged[1])
    assert failures >= 3
    assert len(repeats(caplog)) == failures - 1


async def test_a_chat_whose_progress_cannot_be_recorded_stops_and_waits_for_the_lease(
    w: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    subscriber = await w.add_subscriber()
    first = await w.enqueue(subscriber, "One", key="a")
    second = await w.enqueue(subscriber, "Two", key="b")

    async def database_gone(*args: object, **kwargs: object) -> bool:
        raise OperationalError("UPDATE deliveries ...", {}, Exception("database is locked"))

    monkeypatch.setattr(w.worker._writer, "commit", database_gone)
    with caplog.at_level(logging.WARNING, logger=WORKER):
        await w.worker.send_due()

    # "Two" was not sent: its record could not have been written either.
    assert w.texts(subscriber.chat_id) == ["One"]
    states = [(await w.row(row)).state for row in (first, second)]
    assert states == [DeliveryState.SENDING, DeliveryState.SENDING]
    assert [r.getMessage() for r in worker_records(caplog, logging.WARNING)] == [
        "outbox database failing: OperationalError: (builtins.Exception) database is locked"
    ]


async def test_a_failed_progress_commit_leaves_no_future_with_an_unread_error(
    w: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    writer = ProgressWriter(w.services)
    claim = make_claim(1, at=w.clock.now)

    async def database_gone(batch: object) -> list[bool]:
        raise OperationalError("UPDATE deliveries ...", {}, Exception("database is locked"))

    monkeypatch.setattr(writer, "_write", database_gone)
    raised = False
    with caplog.at_level(logging.ERROR, logger="asyncio"):
        try:
            await writer.commit(claim, 1, done=False)
        except OperationalError:
            raised = True
        gc.collect()  # asyncio logs a future's unread error when the future is collected

    assert raised
    assert [r.getMessage() for r in caplog.records if r.name == "asyncio"] == []
