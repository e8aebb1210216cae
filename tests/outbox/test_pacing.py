"""Per-chat pacing: the pacer alone, and the worker's sends as the local Bot API records them."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from outbox.pacing import SWEEP_THRESHOLD, ChatPacer
from rendering.messages import MessagePart, parts_to_payload
from storage.models import DeliveryKind, Subscriber
from storage.repositories import DeliveryRepository
from tests.support.database import sqlite_copy, sqlite_template
from tests.support.world import World
from tests.support.world import outbox_world as world

RATE = 5.0  # per chat per second; small enough to see, fast enough for the suite
GAP = 1 / RATE


class FakeTime:
    """A monotonic clock that only moves when the pacer sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sqlite_template(tmp_path_factory.mktemp("pacing-template"))


@pytest.fixture
async def w(template: Path, tmp_path: Path) -> AsyncIterator[World]:
    database = sqlite_copy(template, tmp_path)
    async with world(database, rate_limited=True, rate_per_chat_per_second=RATE) as running:
        yield running


async def enqueue_messages(w: World, reader: Subscriber, count: int) -> None:
    async with w.sessions() as session, session.begin():
        for n in range(count):
            await DeliveryRepository(session).enqueue(
                reader.id, DeliveryKind.MESSAGE, due_at=w.clock.now,
                payload=parts_to_payload([MessagePart(f"Message {n}")]), dedup_key=f"m{n}",
            )


def arrival_times(w: World, chat_id: int) -> list[float]:
    return [c.time for c in w.api.calls("sendMessage") if str(c.params["chat_id"]) == str(chat_id)]


async def test_five_messages_to_one_private_chat_are_spaced_by_the_per_chat_rate(
    w: World,
) -> None:
    reader = await w.add_reader()
    await enqueue_messages(w, reader, 5)

    await w.worker.drain()

    times = arrival_times(w, reader.chat_id)
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(times) == 5
    assert min(gaps) >= GAP * 0.98  # server-side timestamps, not the test's wall clock
    assert times[-1] - times[0] >= 4 * GAP * 0.98
    assert w.texts(reader.chat_id) == [f"Message {n}" for n in range(5)]


async def test_paced_worker_stays_within_the_servers_per_chat_flood_limit(w: World) -> None:
    w.api.enforce_rate_limits(per_chat_per_second=int(RATE), per_group_per_minute=None,
                              global_per_second=None)
    reader = await w.add_reader()
    await enqueue_messages(w, reader, 8)

    await w.worker.drain()

    assert {c.status for c in w.api.calls("sendMessage")} == {200}
    assert len(w.api.messages(reader.chat_id)) == 8


async def test_other_chats_are_not_held_back_by_one_chats_pacing(w: World) -> None:
    readers = [await w.add_reader() for _ in range(3)]
    for reader in readers:
        await enqueue_messages(w, reader, 3)

    await w.worker.drain()

    firsts = [arrival_times(w, reader.chat_id)[0] for reader in readers]
    lasts = [arrival_times(w, reader.chat_id)[-1] for reader in readers]
    # Chats are paced side by side: every chat starts at once instead of waiting its turn.
    assert max(firsts) - min(firsts) < GAP
    assert max(lasts) - min(firsts) < 2 * GAP + GAP * 3


async def test_slot_waits_the_interval_between_sends_to_the_same_chat() -> None:
    time = FakeTime()
    pacer = ChatPacer(2, clock=time, sleep=time.sleep)

    for _ in range(3):
        async with pacer.slot(1):
            pass
    async with pacer.slot(2):
        pass

    assert time.sleeps == [0.5, 0.5]


async def test_concurrent_senders_to_one_chat_take_turns() -> None:
    pacer = ChatPacer(20)
    starts: list[float] = []

    async def send() -> None:
        async with pacer.slot(7):
            starts.append(asyncio.get_running_loop().time())
            await asyncio.sleep(0.01)

    await asyncio.gather(*(send() for _ in range(4)))

    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.05 + 0.01 - 0.005


async def test_hold_keeps_a_chat_quiet_for_the_given_time() -> None:
    time = FakeTime()
    pacer = ChatPacer(10, clock=time, sleep=time.sleep)

    pacer.hold(1, 3.0)
    async with pacer.slot(1):
        pass

    assert time.sleeps == [3.0]


async def test_idle_chats_are_forgotten_so_memory_stays_bounded() -> None:
    time = FakeTime()
    pacer = ChatPacer(1, clock=time, sleep=time.sleep)

    for chat_id in range(SWEEP_THRESHOLD):
        async with pacer.slot(chat_id):
            pass
    time.now += 5
    async with pacer.slot(-1):
        pass

    assert pacer.tracked_chats() <= 2


def test_rate_must_be_positive() -> None:
    with pytest.raises(ValueError):
        ChatPacer(0)
