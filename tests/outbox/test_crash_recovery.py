"""A real ``kill -9`` of ``briefbot run`` loses no delivery and repeats only parts in flight.

The issue: "A crash (kill -9) at any moment loses no delivery: after restart every due
message is sent, and only a message whose send was in flight at the crash may go twice."

Each case starts the local Bot API in the test's event loop, fills a migrated SQLite
database with ``ROWS`` pending rows of ``PARTS`` parts spread over ``SUBSCRIBERS`` private chats,
runs ``briefbot run`` as a subprocess, SIGKILLs it once some but not all parts went out,
then runs a second ``briefbot run`` until every part has arrived and stops it with SIGTERM.

The duplicate bound. The worker sends the chats of a claimed batch in parallel but each
chat's rows and parts one at a time, and it commits ``payload["sent"]`` after every part
Telegram accepted (:mod:`outbox.worker`). So at the kill at most one ``sendMessage`` per chat
is in flight, and only such a part can have reached Telegram without its commit: at most
one duplicate per chat, ``SUBSCRIBERS`` in all. The test asserts more than the bound: from the
server's transcript and the database at the kill it predicts *exactly* which parts will go
twice (a row whose server-side count is one more than its committed ``sent``), and checks
that precisely those, each exactly twice, were duplicated. The early and middle kills hold
the answers to the next ``sendMessage`` of each chat (``delay_next``: executed, answered
late) so that they kill with parts certainly in flight; the late kill is plain timing.
"""

from __future__ import annotations

import asyncio
import collections
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from local_bot_api import LocalBotApi
from rendering.parts import MessagePart, parts_to_payload
from storage.engine import create_engine, create_session_factory
from storage.models import ChatType, Delivery, DeliveryKind, DeliveryState
from storage.models.base import utc_now
from storage.repositories import DeliveryRepository, SubscriberRepository
from tests.support.bot_process import bots
from tests.support.database import Database

ROWS, PARTS, SUBSCRIBERS = 30, 3, 4
TOTAL = ROWS * PARTS
LEASE_SECONDS = 2.0
RATE_PER_CHAT = 20  # parts per second and chat: fast, yet leaves room to kill mid-run
RECOVERY_RATE_PER_CHAT = 100  # the second bot need not leave room for anything
HOLD_SECONDS = 30.0  # answers held this long are still pending when the process dies
RECOVERY_TIMEOUT = 60.0

Part = tuple[int, int]  # (row number, part index)


def part_text(row: int, part: int) -> str:
    return f"row {row} part {part}"


def parse_text(text: str | None) -> Part:
    words = (text or "").split()
    assert len(words) == 4 and words[0] == "row" and words[2] == "part", text
    return int(words[1]), int(words[3])


@dataclass
class Outbox:
    """The prepared database: its URL, and which chat and delivery id each row has."""

    url: str
    chat_of: dict[int, int]  # row -> chat id
    delivery_of: dict[int, int]  # row -> delivery id

    async def rows(self) -> dict[int, Delivery]:
        """Every delivery, by row number (read with a fresh engine, closed again)."""
        engine = create_engine(self.url)
        try:
            async with create_session_factory(engine)() as session:
                found = (await session.scalars(select(Delivery))).all()
        finally:
            await engine.dispose()
        row_of = {delivery_id: row for row, delivery_id in self.delivery_of.items()}
        return {row_of[d.id]: d for d in found}


async def prepare(api: LocalBotApi, database: Database) -> Outbox:
    """The migrated SQLite ``database`` with ``SUBSCRIBERS`` subscribers and ``ROWS`` due rows."""
    url = database.url
    chats = [api.create_private_chat(first_name=f"Subscriber{n}").id for n in range(SUBSCRIBERS)]
    engine = create_engine(url)
    chat_of: dict[int, int] = {}
    delivery_of: dict[int, int] = {}
    try:
        async with create_session_factory(engine)() as session, session.begin():
            repository = SubscriberRepository(session)
            subscribers = [await repository.get_or_create(chat, ChatType.PRIVATE) for chat in chats]
            outbox = DeliveryRepository(session)
            due = utc_now()
            for row in range(ROWS):
                subscriber = subscribers[row % SUBSCRIBERS]
                payload = parts_to_payload([MessagePart(part_text(row, p)) for p in range(PARTS)])
                delivery = await outbox.enqueue(
                    subscriber.id, DeliveryKind.MESSAGE, due_at=due, payload=payload,
                    dedup_key=f"crash-{row}",
                )
                assert delivery is not None
                chat_of[row], delivery_of[row] = subscriber.chat_id, delivery.id
    finally:
        await engine.dispose()
    return Outbox(url, chat_of, delivery_of)


def transcript(api: LocalBotApi, outbox: Outbox) -> dict[int, list[Part]]:
    """The parts each chat has received, in arrival order."""
    return {
        chat: [parse_text(m.text) for m in api.messages(chat, from_bot=True)]
        for chat in set(outbox.chat_of.values())
    }


def count_sent(api: LocalBotApi, outbox: Outbox) -> int:
    return sum(len(parts) for parts in transcript(api, outbox).values())


async def wait_for(api: LocalBotApi, predicate: Callable[[], bool], timeout: float, what: str,
                   process: asyncio.subprocess.Process | None = None) -> None:
    """Wait for ``predicate`` (checked on every server change), failing after ``timeout``."""

    def done() -> bool:
        return predicate() or (process is not None and process.returncode is not None)

    assert await api.changed.wait_until(done, timeout), f"timed out waiting for {what}"
    assert process is None or process.returncode is None, (
        f"briefbot run exited ({process.returncode}) while waiting for {what}"
    )


def expected_duplicates(
    seen: dict[int, list[Part]], rows: dict[int, Delivery], outbox: Outbox
) -> set[Part]:
    """At the kill: check the crash-safety invariant row by row; the parts that must repeat.

    A row's parts reached the server in order, none twice; the database recorded either all
    of them (nothing repeats) or all but the last, which was in flight: that one repeats.
    """
    repeats: set[Part] = set()
    for row, delivery in rows.items():
        got = [part for part in seen[outbox.chat_of[row]] if part[0] == row]
        assert got == [(row, p) for p in range(len(got))], (row, got)
        committed = delivery.payload["sent"]
        assert committed <= len(got) <= committed + 1, (row, committed, got)
        if delivery.state is DeliveryState.SENT:
            assert committed == len(got) == PARTS, (row, committed, got)
        elif delivery.state is DeliveryState.PENDING:
            assert committed == len(got) == 0, (row, committed, got)  # never claimed
        else:
            assert delivery.state is DeliveryState.SENDING, (row, delivery.state)
        if len(got) == committed + 1:
            repeats.add((row, committed))
    return repeats


async def all_rows_sent(outbox: Outbox, timeout: float) -> dict[int, Delivery]:
    """The rows once all are ``sent`` (the last commit may trail the last send)."""
    deadline = time.monotonic() + timeout
    while True:
        rows = await outbox.rows()
        if all(d.state is DeliveryState.SENT for d in rows.values()):
            return rows
        if time.monotonic() > deadline:
            states = collections.Counter(d.state.value for d in rows.values())
            raise AssertionError(f"rows not all sent: {dict(states)}")
        await asyncio.sleep(0.1)


@pytest.mark.parametrize(
    ("kill_after", "hold"),
    [pytest.param(4, True, id="early"), pytest.param(45, True, id="middle"),
     pytest.param(80, False, id="late")],
)
async def test_kill_9_loses_no_delivery_and_repeats_only_parts_in_flight(
    tmp_path: Path, database: Database, kill_after: int, hold: bool
) -> None:
    async with LocalBotApi() as api:
        outbox = await prepare(api, database)
        async with bots(api.token, api.url, outbox.url, tmp_path, LEASE_SECONDS) as launcher:
            # 1. The first bot sends until the chosen moment, then dies by SIGKILL.
            first = await launcher.start("first", RATE_PER_CHAT)
            await wait_for(api, lambda: count_sent(api, outbox) >= kill_after, 30,
                           f"{kill_after} parts from the first bot", first)
            if hold:
                rule = api.delay_next("sendMessage", seconds=HOLD_SECONDS, times=SUBSCRIBERS)
                await wait_for(api, lambda: rule.hits >= 1, 10, "a held sendMessage", first)
                await asyncio.sleep(0.3)  # the other chats run into a held answer or go idle
            killed_at = time.monotonic()
            os.kill(first.pid, signal.SIGKILL)
            assert await asyncio.wait_for(first.wait(), 10) == -signal.SIGKILL
            await asyncio.sleep(0.3)  # requests already on the wire are served (or dropped)
            api.clear_faults()

            seen = transcript(api, outbox)
            at_kill = sum(len(parts) for parts in seen.values())
            assert 0 < at_kill < TOTAL, f"the kill came at {at_kill} of {TOTAL} parts"
            repeats = expected_duplicates(seen, await outbox.rows(), outbox)
            repeats_per_chat = collections.Counter(outbox.chat_of[row] for row, _ in repeats)
            assert all(n == 1 for n in repeats_per_chat.values()), repeats
            if hold:
                assert repeats, "a held send was in flight at the kill"
            assert count_sent(api, outbox) == at_kill  # nothing arrives while no bot runs

            # 2. Once the lease has run out, a second bot recovers and sends everything. Its
            # first tick (a second after start) releases the stuck rows; a tick before the
            # lease ran out would leave them to the next one, a minute later.
            await asyncio.sleep(max(0.0, killed_at + LEASE_SECONDS + 0.1 - time.monotonic()))
            second = await launcher.start("second", RECOVERY_RATE_PER_CHAT)
            everything = {(row, p) for row in range(ROWS) for p in range(PARTS)}

            def all_arrived() -> bool:
                return {p for parts in transcript(api, outbox).values() for p in parts} \
                    >= everything

            await wait_for(api, all_arrived, RECOVERY_TIMEOUT, "every part", second)
            rows = await all_rows_sent(outbox, 10)
            second.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(second.wait(), 20) == 0
            second_log = launcher.logs[-1].read_text(errors="replace")
            assert "Traceback" not in second_log

            # 3. Everything arrived, at its own chat, in order per row; only `repeats` twice.
            final = transcript(api, outbox)
            for chat, parts in final.items():
                assert {outbox.chat_of[row] for row, _ in parts} == {chat}
                for row in {row for row, _ in parts}:
                    mine = [p for r, p in parts if r == row]
                    assert mine == sorted(mine) and set(mine) == set(range(PARTS)), (row, mine)
            counts = collections.Counter(p for parts in final.values() for p in parts)
            assert set(counts) == everything
            twice = {part for part, n in counts.items() if n > 1}
            assert twice == repeats and all(counts[part] == 2 for part in twice)
            assert len(twice) <= SUBSCRIBERS
            print(f"killed at {at_kill}/{TOTAL} parts; repeated {sorted(twice)}")

            # The database records each row as sent, with the ids of the copies it counted.
            for row, delivery in rows.items():
                ids: list[Any] = delivery.payload["message_ids"]
                assert delivery.payload["sent"] == PARTS and len(ids) == PARTS
                assert delivery.telegram_message_id == ids[0]
                chat = outbox.chat_of[row]
                texts = [found.text if (found := api.find_message(chat, i)) else None
                         for i in ids]
                assert texts == [part_text(row, p) for p in range(PARTS)]
