"""One chat's pace shared across instances: the pacer's reservations, alone and on PostgreSQL.

The first tests give the pacer stand-in reservations and a fake clock; the others let two
pacers (two instances: each its own engine, pacer and :class:`SharedChatPace`) reserve in one
PostgreSQL database, alone and in front of the local Bot API enforcing one message per second
to a private chat.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from contextlib import AbstractAsyncContextManager
from typing import Any

import pytest
from telegram.ext import ExtBot

from local_bot_api import LocalBotApi, RateLimits
from outbox.chat_pace import HOLD_SECONDS, SharedChatPace, pace_rule
from outbox.pacing import ChatPacer
from outbox.send import send_part
from outbox.worker import DeliveryWorker
from rendering.parts import MessagePart, parts_to_payload
from runtime.services import BotServices, utc_now
from storage.models import Delivery, DeliveryKind, DeliveryState
from storage.repositories import DeliveryRepository
from storage.repositories.chat_pace import PaceRule, Turn
from tests.support.database import Database, empty_tables
from tests.support.factories import make_subscriber
from tests.support.instances import shared_budget_instance
from tests.support.virtual_time import FakeTime
from tests.support.world import outbox_world as world

CHAT = 7


class StandIn:
    """Reservations answered from a list; each call notes what the overall budget counted."""

    def __init__(self, pacer_of: list[ChatPacer], *answers: Turn | Exception) -> None:
        self.rule: PaceRule = pace_rule(1.0, 20)
        self._answers = list(answers)
        self._pacer_of = pacer_of
        self.counted: list[int] = []

    async def reserve(self, chat_id: int) -> Turn:
        overall = self._pacer_of[0].overall
        assert overall is not None
        self.counted.append(overall.counted())
        answer = self._answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def hold(self, chat_id: int, seconds: float) -> None:
        raise AssertionError("no 429 in these tests")


def paced(time_: FakeTime, *answers: Turn | Exception) -> tuple[ChatPacer, StandIn]:
    """A pacer (1 per chat per second, 10 overall) on ``time_`` with stand-in reservations."""
    holder: list[ChatPacer] = []
    shared = StandIn(holder, *answers)
    pacer = ChatPacer(
        1.0, clock=time_, sleep=time_.sleep, overall_per_second=10, shared=shared
    )
    holder.append(pacer)
    return pacer, shared


async def test_a_refused_turn_gives_its_place_back_and_asks_again_when_the_start_is_near() -> None:
    time_ = FakeTime()
    pacer, shared = paced(
        time_,
        Turn(CHAT, reserved=False, wait=0.5, next_in=0.5),  # another instance's send is due
        Turn(CHAT, reserved=True, wait=0.1, next_in=1.4),
        Turn(CHAT, reserved=True, wait=0.0, next_in=1.3),
    )
    sent: list[float] = []

    for _ in range(2):
        async with pacer.slot(CHAT):
            sent.append(time_.now)

    # Asked at 100.0 (refused), slept outside the budget until the start was a hold away,
    # asked again holding one place only (the refused one was given back), waited 0.1 s for
    # the reserved start; then the next send waited locally for the chat's reserved next start.
    assert shared.counted == [1, 1, 1]
    assert time_.sleeps == pytest.approx([0.5 - HOLD_SECONDS, 0.1, 1.3])
    assert sent == pytest.approx([100.35, 101.65])


async def test_a_failed_reservation_gives_its_place_back_and_sends_nothing() -> None:
    time_ = FakeTime()
    pacer, _ = paced(time_, OSError("database away"))
    sent: list[int] = []

    with pytest.raises(OSError, match="database away"):
        async with pacer.slot(CHAT):
            sent.append(CHAT)

    assert pacer.overall is not None
    assert (sent, pacer.overall.counted()) == ([], 0)


async def test_a_local_send_budget_keeps_the_chat_pace_in_process(database: Database) -> None:
    async with world(database, send_budget="local") as w:
        assert w.services.pacer.shared is None


RATE = 4.0  # per chat per second: a quarter-second gap keeps the test short


async def test_two_pacers_sharing_one_database_never_start_two_sends_to_a_chat_within_its_gap(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    engines = [migrated_postgres.engine() for _ in range(2)]
    starts: list[float] = []

    async def send(pacer: ChatPacer) -> None:
        async with pacer.slot(CHAT):
            starts.append(time.monotonic())
            await asyncio.sleep(0.01)  # the send

    try:
        pacers = [
            ChatPacer(RATE, shared=SharedChatPace(engine, pace_rule(RATE, 20)))
            for engine in engines
        ]
        await asyncio.gather(*(send(pacer) for pacer in pacers for _ in range(3)))
    finally:
        for engine in engines:
            await engine.dispose()

    ordered = sorted(starts)
    gaps = [later - earlier for earlier, later in itertools.pairwise(ordered)]
    assert len(starts) == 6
    assert min(gaps) >= 1 / RATE, f"two starts {min(gaps):.3f} s apart"


def instance(
    api: LocalBotApi, database: Database
) -> AbstractAsyncContextManager[tuple[BotServices, ExtBot[Any]]]:
    """One instance on a shared send budget of 30 messages a second: its services and bot."""
    return shared_budget_instance(api, database, 30)


async def due_digest(services: BotServices, chat: int, *parts: str) -> int:
    """A subscriber in ``chat`` and its digest of ``parts``, due now; the row's id."""
    async with services.session_factory() as session, session.begin():
        subscriber = make_subscriber(chat_id=chat, created_at=utc_now())
        session.add(subscriber)
        await session.flush()
        row = await DeliveryRepository(session).enqueue(
            subscriber.id, DeliveryKind.DIGEST, due_at=utc_now(), dedup_key="d",
            payload=parts_to_payload([MessagePart(text) for text in parts]),
        )
        assert row is not None
        return row.id


async def test_a_reply_and_a_digest_to_one_chat_from_two_instances_get_no_429(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    async with LocalBotApi(
        rate_limits=RateLimits(per_chat_per_second=1, global_per_second=30)
    ) as api:
        chat = api.create_private_chat().id
        async with instance(api, migrated_postgres) as (worker_side, worker_bot), instance(
            api, migrated_postgres
        ) as (updates_side, updates_bot):
            row_id = await due_digest(worker_side, chat, "digest 1", "digest 2")

            async def answer() -> None:  # an `updates` instance answering a command, 2 parts
                for text in ("reply 1", "reply 2"):
                    await send_part(
                        updates_bot, chat, MessagePart(text), pacer=updates_side.pacer,
                        reply=True,
                    )

            outcomes = await asyncio.gather(
                answer(), DeliveryWorker(worker_side, worker_bot).send_due(),
                return_exceptions=True,
            )
            async with worker_side.session_factory() as session:
                stored = await session.get(Delivery, row_id)
                assert stored is not None
                state = stored.state

        calls = [c for c in api.calls("sendMessage") if str(c.params["chat_id"]) == str(chat)]
    assert [c.status for c in calls] == [200] * 4, [c.status for c in calls]
    assert outcomes == [None, 1]
    assert state is DeliveryState.SENT
    arrivals = [c.time for c in calls]
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert min(gaps) >= 1.0


async def test_two_pacers_sharing_one_database_keep_a_groups_per_window_limit_together(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    group = -100_777
    # Two starts per 1.5 s window (a minute's 20 scaled down), 0.2 s apart.
    rule = PaceRule(spacing=0.2, per_window=2, window=1.5, hold=0.25)
    engines = [migrated_postgres.engine() for _ in range(2)]
    starts: list[float] = []

    async def send(pacer: ChatPacer) -> None:
        async with pacer.slot(group):
            starts.append(time.monotonic())

    try:
        pacers = [ChatPacer(50.0, shared=SharedChatPace(engine, rule)) for engine in engines]
        await asyncio.gather(*(send(pacer) for pacer in pacers for _ in range(3)))
    finally:
        for engine in engines:
            await engine.dispose()

    ordered = sorted(starts)
    assert len(ordered) == 6
    # Any three consecutive starts span at least the window: never three within it.
    spans = [ordered[i + 2] - ordered[i] for i in range(len(ordered) - 2)]
    assert min(spans) >= 1.5 - 0.05, f"three starts within {min(spans):.3f} s"


async def test_a_429_for_a_chat_holds_that_chat_on_every_instance(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    async with LocalBotApi() as api:
        chat = api.create_private_chat().id
        async with instance(api, migrated_postgres) as (worker_side, worker_bot), instance(
            api, migrated_postgres
        ) as (updates_side, updates_bot):
            await due_digest(worker_side, chat, "digest")
            api.fail_next("sendMessage", status=429, retry_after=3, chat_id=chat)
            assert await DeliveryWorker(worker_side, worker_bot).send_due() == 1
            # Another instance answers a command in that chat: it waits out the 429's 3 s
            # (without sharing the hold, only the chat's 1.3 s spacing).
            await send_part(
                updates_bot, chat, MessagePart("reply"), pacer=updates_side.pacer, reply=True
            )

        calls = [c for c in api.calls("sendMessage") if str(c.params["chat_id"]) == str(chat)]
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].time - calls[0].time >= 2.9
