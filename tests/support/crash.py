"""A broadcast through ``kill -9``: ``briefbot run`` killed at seeded random moments, restarted.

Every subscriber has one due outbox row of one message. The server's call log (over its HTTP
control endpoints, so the server may run in this process or another) and the database are
compared at each kill, as ``tests/outbox/test_crash_recovery.py`` does: a chat whose message
the server accepted but whose row the database has not recorded as sent was *in flight* at
the kill, and is the only kind of chat that may get its message twice (the worker commits
after each accepted part). After a kill the benchmark waits out the lease
(``BRIEFBOT_DELIVERY_LEASE_SECONDS``) before restarting, so the new process's first tick
returns the rows left ``sending`` to pending.

With ``workers=N`` (PostgreSQL) the bot is several instances instead: one ``--role scheduler``
(the tick: it returns a dead worker's rows once their lease has passed) and N ``--role worker``
processes sharing the send budget; the first worker is the one killed, and it is restarted at
once while the others go on sending. It is killed only once it has a share of the budget (its
row in ``send_budget_members``, new since its start, claims sends), so every kill finds it
sending rather than still starting up. Its sends in flight are told apart from the others' by
reading the database a little later (``OTHERS_COMMIT_SECONDS``, well within the lease): a live
worker has recorded what the server accepted from it by then, the dead one never will.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import httpx
from sqlalchemy import select

from storage.engine import create_engine
from storage.models import Delivery, DeliveryState, SendBudgetMember, Subscriber
from tests.support.bot_process import Bots

POLL_SECONDS = 0.2
SETTLE_SECONDS = 0.5  # after a kill, requests already on the wire are served or dropped
OTHERS_COMMIT_SECONDS = 1.5  # live workers record an accepted send within this (several instances)


@dataclass
class Kill:
    """One kill: how far the broadcast was, what was in flight, how fast the restart resumed."""

    accepted: int  # messages the server had accepted at the kill
    in_flight: list[int]  # chats accepted by the server but not recorded as sent
    resume_seconds: float | None = None  # restart's process start -> its first accepted send
    at: float = 0.0  # the kill's wall-clock time (the server's call times are on that clock)


@dataclass
class CrashReport:
    """The whole run: each kill, and what the subscribers got in the end."""

    kills: list[Kill] = field(default_factory=list)
    lost: list[int] = field(default_factory=list)  # chats without their message
    duplicated: list[int] = field(default_factory=list)  # chats that got it more than once
    seconds: float = 0.0
    sends: dict[int, list[float]] = field(default_factory=dict)  # duplicated chat -> its sends

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
    instances: Instances,
    timeout: float,
) -> int:
    """Wait until the server accepted ``count`` messages; how many it had."""
    deadline = time.monotonic() + timeout
    while True:
        accepted = len(await accepted_sends(client, api_url))
        if accepted >= count:
            return accepted
        instances.check()
        assert time.monotonic() < deadline, f"only {accepted} of {count} accepted in time"
        await asyncio.sleep(POLL_SECONDS)


class Instances:
    """The bot's processes: one ``briefbot run``, or a scheduler and ``workers`` workers."""

    def __init__(
        self, launcher: Bots, database_url: str, workers: int, rate_per_chat: float
    ) -> None:
        self.launcher, self.database_url = launcher, database_url
        self.workers, self.rate_per_chat = workers, rate_per_chat
        self.victim: asyncio.subprocess.Process | None = None  # the one killed
        self.others: list[asyncio.subprocess.Process] = []
        self.starts = 0
        self.known: set[str] = set()  # budget members that are not the victim's current run

    async def start(self, timeout: float) -> None:
        """Start every process: the others first, then (once they joined the budget) the victim."""
        if self.workers:
            self.others.append(await self.launcher.start("scheduler", 1.0, "--role", "scheduler"))
            for number in range(1, self.workers):
                name = f"worker-{number}"
                self.others.append(
                    await self.launcher.start(name, self.rate_per_chat, "--role", "worker")
                )
            await self._until(lambda m: len(m) >= self.workers - 1, timeout)
        await self.restart()

    async def restart(self) -> None:
        """Start the victim (again)."""
        if self.workers:
            self.known |= set(await budget_members(self.database_url))
        name = f"{'worker-0' if self.workers else 'run'}-{self.starts}"
        role = ("--role", "worker") if self.workers else ()
        self.victim = await self.launcher.start(name, self.rate_per_chat, *role)
        self.starts += 1

    async def until_victim_joined(self, timeout: float) -> None:
        """With several workers: wait until the victim's run has its row in the budget."""
        if self.workers:
            await self._until(lambda m: bool(m.keys() - self.known), timeout)

    async def until_victim_sends(self, timeout: float) -> None:
        """With several workers: wait until the victim's run holds a share of the budget."""
        if self.workers:
            await self._until(
                lambda m: any(claim > 0 for i, claim in m.items() if i not in self.known), timeout
            )

    async def _until(self, ready: Callable[[dict[str, int]], bool], timeout: float) -> None:
        """Wait until ``ready`` holds for the budget members (instance id -> claim)."""
        deadline = time.monotonic() + timeout
        while not ready(await budget_members(self.database_url)):
            self.check()
            assert time.monotonic() < deadline, "the workers did not join the send budget"
            await asyncio.sleep(POLL_SECONDS / 4)

    def check(self) -> None:
        """Fail if a process has exited."""
        for process in self.running():
            assert process.returncode is None, f"briefbot run exited ({process.returncode})"

    def running(self) -> list[asyncio.subprocess.Process]:
        """Every process meant to be running."""
        return [*self.others, *([self.victim] if self.victim is not None else [])]


async def budget_members(database_url: str) -> dict[str, int]:
    """Each instance in the send budget table: its claim (messages a second)."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                select(SendBudgetMember.instance_id, SendBudgetMember.claim)
            )
            return {instance: int(claim) for instance, claim in rows.all()}
    finally:
        await engine.dispose()


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
    workers: int = 0,
    enqueue: Callable[[], Awaitable[None]] | None = None,
) -> CrashReport:
    """Run, kill -9 at ``kills`` seeded moments and restart, until every chat got its message.

    ``workers=0``: one ``briefbot run``, restarted once the lease has passed. ``workers=N``:
    a scheduler and N workers; the first worker is killed and restarted at once. ``enqueue``
    (if given) writes the messages once every instance runs, so none has sent them all before
    the last one started.
    """
    began = time.monotonic()
    rng = random.Random(seed)
    targets = sorted(rng.randint(len(chats) // 10, 9 * len(chats) // 10) for _ in range(kills))
    report = CrashReport()
    before: Counter[int] = Counter()
    instances = Instances(launcher, database_url, workers, rate_per_chat)
    async with httpx.AsyncClient(timeout=60) as client:
        await instances.start(timeout)
        if enqueue is not None:
            await instances.until_victim_joined(timeout)
            await enqueue()
        started, accepted = time.time(), 0
        for target in targets:
            accepted = await wait_until_accepted(
                client, api_url, max(target, accepted + 1), instances, timeout
            )
            await instances.until_victim_sends(timeout)
            await _resumed(client, api_url, report, started, workers)
            assert instances.victim is not None
            os.kill(instances.victim.pid, signal.SIGKILL)
            at = time.time()
            await instances.victim.wait()
            killed = time.monotonic()
            await asyncio.sleep(SETTLE_SECONDS)
            sends = await accepted_sends(client, api_url)
            if workers:  # the live workers record what they had in flight meanwhile
                await asyncio.sleep(OTHERS_COMMIT_SECONDS)
            seen = Counter(chat for chat, _ in sends)
            done = await recorded(database_url)
            # Accepted since the last kill, not recorded: the sends this kill caught in flight.
            flying = sorted(
                chat for chat in chats if seen[chat] > before[chat] and not done.get(chat, False)
            )
            report.kills.append(Kill(len(sends), flying, at=at))
            before = seen
            accepted = len(sends)
            if not workers:  # alone: wait out the lease, so the first tick returns the rows
                await asyncio.sleep(max(0.0, killed + lease_seconds + 0.1 - time.monotonic()))
            await instances.restart()
            started = time.time()
        await _finish(client, api_url, database_url, chats, instances, timeout)
        await _resumed(client, api_url, report, started, workers)
        every = await accepted_sends(client, api_url)
    final = Counter(chat for chat, _ in every)
    report.lost = [chat for chat in chats if final[chat] == 0]
    report.duplicated = [chat for chat in chats if final[chat] > 1]
    duplicated = set(report.duplicated)
    for chat, at in every:
        if chat in duplicated:
            report.sends.setdefault(chat, []).append(at)
    report.seconds = time.monotonic() - began
    return report


async def _resumed(
    client: httpx.AsyncClient, api_url: str, report: CrashReport, started: float, workers: int
) -> None:
    """Note, on the last kill, how long the process started at ``started`` took to send.

    Not with several workers: the server cannot tell whose send came first.
    """
    if workers or not report.kills or report.kills[-1].resume_seconds is not None:
        return
    after = [at for _, at in await accepted_sends(client, api_url) if at >= started]
    report.kills[-1].resume_seconds = round(min(after) - started, 2) if after else None


async def _finish(
    client: httpx.AsyncClient,
    api_url: str,
    database_url: str,
    chats: Sequence[int],
    instances: Instances,
    timeout: float,
) -> None:
    """Wait until every chat got its message and every row is recorded; stop with SIGTERM.

    With several workers, the last restarted victim is first let join the budget: a SIGTERM
    that lands while it still imports ends it by the signal (-15), not by its clean stop.
    """
    deadline = time.monotonic() + timeout
    while True:
        got = {chat for chat, _ in await accepted_sends(client, api_url)}
        if got >= set(chats) and all((await recorded(database_url)).values()):
            break
        instances.check()
        assert time.monotonic() < deadline, f"{len(set(chats) - got)} chats still waiting"
        await asyncio.sleep(POLL_SECONDS)
    await instances.until_victim_joined(timeout)
    for process in instances.running():
        process.send_signal(signal.SIGTERM)
    for process in instances.running():
        assert await asyncio.wait_for(process.wait(), 60) == 0
