"""A broadcast through ``kill -9``: ``briefbot run`` killed at seeded random moments, restarted.

Every subscriber has one due outbox row of one message. The server's call log (over its HTTP
control endpoints, so the server may run in this process or another) and the database are
compared at each kill, as ``tests/outbox/test_crash_recovery.py`` does: a chat whose message
the server accepted but whose row the database has not recorded as sent was *in flight* at
the kill, and is the only kind of chat that may get its message twice (the worker commits
after each accepted part). After a kill the benchmark waits out the lease
(``BRIEFBOT_DELIVERY_LEASE_SECONDS``) before restarting, so the new process's first tick
returns the rows left ``sending`` to pending.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx
from sqlalchemy import select

from storage.engine import create_engine
from storage.models import Delivery, DeliveryState, Subscriber
from tests.support.bot_process import Bots

POLL_SECONDS = 0.2
SETTLE_SECONDS = 0.5  # after a kill, requests already on the wire are served or dropped


@dataclass
class Kill:
    """One kill: how far the broadcast was, what was in flight, how fast the restart resumed."""

    accepted: int  # messages the server had accepted at the kill
    in_flight: list[int]  # chats accepted by the server but not recorded as sent
    resume_seconds: float | None = None  # restart's process start -> its first accepted send


@dataclass
class CrashReport:
    """The whole run: each kill, and what the subscribers got in the end."""

    kills: list[Kill] = field(default_factory=list)
    lost: list[int] = field(default_factory=list)  # chats without their message
    duplicated: list[int] = field(default_factory=list)  # chats that got it more than once
    seconds: float = 0.0

    @property
    def unexpected(self) -> list[int]:
        """Duplicated chats that were not in flight at any kill (the crash contract: none)."""
        flying = {chat for kill in self.kills for chat in kill.in_flight}
        return sorted(set(self.duplicated) - flying)


async def accepted_sends(client: httpx.AsyncClient, api_url: str) -> list[tuple[int, float]]:
    """(chat id, server time) of every accepted ``sendMessage``."""
    answer = await client.get(f"{api_url}/_control/calls", params={"method": "sendMessage"})
    calls = answer.json()["result"]
    return [(int(c["chat_id"]), float(c["time"])) for c in calls if c["status"] == 200]


async def recorded(database_url: str) -> dict[int, bool]:
    """Each chat: whether the database records its message as accepted."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                select(Subscriber.chat_id, Delivery.state, Delivery.payload).join(
                    Subscriber, Subscriber.id == Delivery.subscriber_id
                )
            )
            return {
                int(chat): state is DeliveryState.SENT or int(payload.get("sent", 0)) >= 1
                for chat, state, payload in rows.all()
            }
    finally:
        await engine.dispose()


async def wait_until_accepted(
    client: httpx.AsyncClient,
    api_url: str,
    count: int,
    process: asyncio.subprocess.Process,
    timeout: float,
) -> int:
    """Wait until the server accepted ``count`` messages; how many it had."""
    deadline = time.monotonic() + timeout
    while True:
        accepted = len(await accepted_sends(client, api_url))
        if accepted >= count:
            return accepted
        assert process.returncode is None, f"briefbot run exited ({process.returncode})"
        assert time.monotonic() < deadline, f"only {accepted} of {count} accepted in time"
        await asyncio.sleep(POLL_SECONDS)


async def crash_broadcast(
    launcher: Bots,
    api_url: str,
    database_url: str,
    chats: Sequence[int],
    *,
    kills: int,
    seed: int,
    lease_seconds: float,
    rate_per_chat: float = 1.0,
    timeout: float = 600.0,
) -> CrashReport:
    """Run, kill -9 at ``kills`` seeded moments and restart, until every chat got its message."""
    began = time.monotonic()
    rng = random.Random(seed)
    targets = sorted(rng.randint(len(chats) // 10, 9 * len(chats) // 10) for _ in range(kills))
    report = CrashReport()
    before: Counter[int] = Counter()
    async with httpx.AsyncClient(timeout=60) as client:
        process = await launcher.start("run-0", rate_per_chat)
        started, accepted = time.time(), 0
        for number, target in enumerate(targets, start=1):
            accepted = await wait_until_accepted(
                client, api_url, max(target, accepted + 1), process, timeout
            )
            await _resumed(client, api_url, report, started)
            os.kill(process.pid, signal.SIGKILL)
            await process.wait()
            killed = time.monotonic()
            await asyncio.sleep(SETTLE_SECONDS)
            sends = await accepted_sends(client, api_url)
            seen = Counter(chat for chat, _ in sends)
            done = await recorded(database_url)
            # Accepted since the last kill, not recorded: the sends this kill caught in flight.
            flying = sorted(
                chat for chat in chats if seen[chat] > before[chat] and not done.get(chat, False)
            )
            report.kills.append(Kill(len(sends), flying))
            before = seen
            accepted = len(sends)
            await asyncio.sleep(max(0.0, killed + lease_seconds + 0.1 - time.monotonic()))
            process = await launcher.start(f"run-{number}", rate_per_chat)
            started = time.time()
        await _finish(client, api_url, database_url, chats, process, timeout)
        await _resumed(client, api_url, report, started)
        final = Counter(chat for chat, _ in await accepted_sends(client, api_url))
    report.lost = [chat for chat in chats if final[chat] == 0]
    report.duplicated = [chat for chat in chats if final[chat] > 1]
    report.seconds = time.monotonic() - began
    return report


async def _resumed(
    client: httpx.AsyncClient, api_url: str, report: CrashReport, started: float
) -> None:
    """Note, on the last kill, how long the process started at ``started`` took to send."""
    if not report.kills or report.kills[-1].resume_seconds is not None:
        return
    after = [at for _, at in await accepted_sends(client, api_url) if at >= started]
    report.kills[-1].resume_seconds = round(min(after) - started, 2) if after else None


async def _finish(
    client: httpx.AsyncClient,
    api_url: str,
    database_url: str,
    chats: Sequence[int],
    process: asyncio.subprocess.Process,
    timeout: float,
) -> None:
    """Wait until every chat got its message and every row is recorded; stop with SIGTERM."""
    deadline = time.monotonic() + timeout
    while True:
        got = {chat for chat, _ in await accepted_sends(client, api_url)}
        if got >= set(chats) and all((await recorded(database_url)).values()):
            break
        assert process.returncode is None, f"briefbot run exited ({process.returncode})"
        assert time.monotonic() < deadline, f"{len(set(chats) - got)} chats still waiting"
        await asyncio.sleep(POLL_SECONDS)
    process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(process.wait(), 60) == 0
