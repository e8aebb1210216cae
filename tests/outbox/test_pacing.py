"""Per-chat pacing: the pacer alone, and the worker's sends as the local Bot API records them."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator

import pytest

from outbox.pacing import SWEEP_THRESHOLD, ChatPacer
from rendering.parts import MessagePart, parts_to_payload
from storage.models import DeliveryKind, Subscriber
from storage.repositories import DeliveryRepository
from tests.support.database import Database
from tests.support.virtual_time import RUNNABLE_TURNS, FakeTime, VirtualTime
from tests.support.world import World
from tests.support.world import outbox_world as world

RATE = 5.0  # per chat per second; small enough to see, fast enough for the suite
GAP = 1 / RATE


@pytest.fixture
async def w(database: Database) -> AsyncIterator[World]:
    """The outbox world on the shared SQLite copy, paced at :data:`RATE` per chat."""
    async with world(database, rate_limited=True, rate_per_chat_per_second=RATE) as running:
        yield running


async def enqueue_messages(w: World, subscriber: Subscriber, count: int) -> None:
    async with w.sessions() as session, session.begin():
        for n in range(count):
            await DeliveryRepository(session).enqueue(
                subscriber.id, DeliveryKind.MESSAGE, due_at=w.clock.now,
                payload=parts_to_payload([MessagePart(f"Message {n}")]), dedup_key=f"m{n}",
            )


def arrival_times(w: World, chat_id: int) -> list[float]:
    return [c.time for c in w.api.calls("sendMessage") if str(c.params["chat_id"]) == str(chat_id)]


async def test_five_messages_to_one_private_chat_are_spaced_by_the_per_chat_rate(
    w: World,
) -> None:
    subscriber = await w.add_subscriber()
    await enqueue_messages(w, subscriber, 5)

    await w.worker.drain()

    times = arrival_times(w, subscriber.chat_id)
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(times) == 5
    assert min(gaps) >= GAP * 0.98  # server-side timestamps, not the test's wall clock
    assert times[-1] - times[0] >= 4 * GAP * 0.98
    assert w.texts(subscriber.chat_id) == [f"Message {n}" for n in range(5)]


async def test_paced_worker_stays_within_the_servers_per_chat_flood_limit(w: World) -> None:
    w.api.enforce_rate_limits(per_chat_per_second=int(RATE), per_group_per_minute=None,
                              global_per_second=None)
    subscriber = await w.add_subscriber()
    await enqueue_messages(w, subscriber, 8)

    await w.worker.drain()

    assert {c.status for c in w.api.calls("sendMessage")} == {200}
    assert len(w.api.messages(subscriber.chat_id)) == 8


async def test_other_chats_are_not_held_back_by_one_chats_pacing(w: World) -> None:
    subscribers = [await w.add_subscriber() for _ in range(3)]
    for subscriber in subscribers:
        await enqueue_messages(w, subscriber, 3)

    await w.worker.drain()

    firsts = [arrival_times(w, subscriber.chat_id)[0] for subscriber in subscribers]
    lasts = [arrival_times(w, subscriber.chat_id)[-1] for subscriber in subscribers]
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


async def paced_starts(
    pacer: ChatPacer, time: VirtualTime, queued: list[int], reply_chat: int
) -> list[tuple[str, float]]:
    """Outbox sends to ``queued`` chats, then a reply to ``reply_chat``; who started when."""
    started: list[tuple[str, float]] = []

    async def send(chat_id: int, name: str, reply: bool) -> None:
        async with pacer.slot(chat_id, reply=reply):
            started.append((name, time()))
            await time.sleep(0.01)

    async def everything() -> None:
        outbox = [asyncio.create_task(send(c, f"digest {c}", False)) for c in queued]
        for _ in range(RUNNABLE_TURNS):  # every digest is queued, the first one started
            await asyncio.sleep(0)
        await asyncio.gather(send(reply_chat, "reply", True), *outbox)

    await time.run(everything())
    return started


async def test_a_reply_is_admitted_to_the_overall_budget_before_queued_outbox_sends() -> None:
    time = VirtualTime()
    pacer = ChatPacer(1, clock=time, sleep=time.sleep, overall_per_second=10)

    started = await paced_starts(pacer, time, queued=[1, 2, 3, 4, 5], reply_chat=99)

    assert [name for name, _ in started] == [
        "digest 1", "reply", "digest 2", "digest 3", "digest 4", "digest 5",
    ]
    # The reply is not spaced from the digest before it (the count alone bounds the second);
    # the digests after it keep their spacing, the reply's place counted in it.
    starts = dict(started)
    assert starts["reply"] - starts["digest 1"] < 0.1
    digests = [starts[f"digest {n}"] for n in range(1, 6)]
    assert digests[1] - digests[0] >= 0.2 - 1e-9
    assert min(b - a for a, b in itertools.pairwise(digests)) >= 0.1 - 1e-9


async def test_a_reply_still_keeps_its_chats_pace_behind_a_digest_to_that_chat() -> None:
    time = VirtualTime()
    pacer = ChatPacer(1, clock=time, sleep=time.sleep, overall_per_second=10)

    started = dict(await paced_starts(pacer, time, queued=[1, 2, 3], reply_chat=1))

    # The chat's digest went first; its reply waits the chat's second after that answer.
    assert started["reply"] - started["digest 1"] >= 1.01 - 1e-9


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


async def test_chats_whose_gap_ends_exactly_now_are_forgotten() -> None:
    time = FakeTime()
    pacer = ChatPacer(1, clock=time, sleep=time.sleep)

    for chat_id in range(SWEEP_THRESHOLD):
        async with pacer.slot(chat_id):
            pass
    time.now += 1.0  # every remembered gap ends at this very instant
    async with pacer.slot(-1):
        pass

    assert pacer.tracked_chats() == 1


async def test_chats_that_were_only_held_are_forgotten_once_the_hold_is_over() -> None:
    time = FakeTime()
    pacer = ChatPacer(1, clock=time, sleep=time.sleep)

    for chat_id in range(SWEEP_THRESHOLD):
        pacer.hold(chat_id, 2.0)
    time.now += 5
    async with pacer.slot(-1):
        pass
    async with pacer.slot(-2):  # a second pass over the swept table
        pass

    assert pacer.tracked_chats() == 2
    assert time.sleeps == []


async def test_a_chat_whose_slot_is_in_use_is_not_forgotten() -> None:
    time = FakeTime()
    pacer = ChatPacer(1, clock=time, sleep=time.sleep)
    for chat_id in range(SWEEP_THRESHOLD - 1):
        async with pacer.slot(chat_id):
            pass
    time.now += 5

    async with pacer.slot(0):  # chat 0 is sending while other chats fill the table and sweep
        async with pacer.slot(SWEEP_THRESHOLD - 1):  # still in its gap when the sweep comes
            pass
        async with pacer.slot(-1):
            pass
        assert pacer.tracked_chats() == 3
    async with pacer.slot(0):
        pass

    assert time.sleeps == [1.0]  # chat 0 still kept its gap


async def test_the_sweep_waits_until_the_table_doubles_past_the_chats_still_in_their_gap(
) -> None:
    time = FakeTime()
    pacer = ChatPacer(1, clock=time, sleep=time.sleep)
    for chat_id in range(SWEEP_THRESHOLD + 1):  # the last one sweeps, but every gap is open
        async with pacer.slot(chat_id):
            pass
    time.now += 5
    assert pacer.tracked_chats() == SWEEP_THRESHOLD + 1

    for chat_id in range(SWEEP_THRESHOLD + 1, 2 * SWEEP_THRESHOLD):
        async with pacer.slot(chat_id):
            pass
    assert pacer.tracked_chats() == 2 * SWEEP_THRESHOLD  # not swept yet
    async with pacer.slot(-1):
        pass

    # The first SWEEP_THRESHOLD + 1 chats are idle and go; the rest are still in their gap.
    assert pacer.tracked_chats() == (2 * SWEEP_THRESHOLD - (SWEEP_THRESHOLD + 1)) + 1


async def test_a_short_hold_does_not_shorten_the_gap_a_chat_already_owes() -> None:
    time = FakeTime()
    pacer = ChatPacer(1, clock=time, sleep=time.sleep)

    async with pacer.slot(1):
        pass
    pacer.hold(1, 0.25)
    async with pacer.slot(1):
        pass

    assert time.sleeps == [1.0]


async def test_hold_counts_from_the_clock_even_when_the_clock_reads_near_zero() -> None:
    time = FakeTime()
    time.now = 0.0
    pacer = ChatPacer(1, clock=time, sleep=time.sleep)

    pacer.hold(1, 0.5)
    async with pacer.slot(1):
        pass

    assert time.sleeps == [0.5]


def test_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match=r"^per_second must be positive$"):
        ChatPacer(0)
