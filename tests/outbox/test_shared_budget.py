"""Several instances' governors on one in-memory table, in virtual time: never L+1 in a second.

Each instance is a :class:`GlobalPacer` and its :class:`ShareGovernor`; busy ones keep L sends
queued. The scenario goes through a join, idle to busy, a death (no goodbye), a clean leave
and a database outage; at every step the rates in force sum to at most L, every heartbeat's
claims sum to at most L, and across all instances no sliding second can hold L + 1 sends
wherever in [start, answer] the server received each.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from outbox.budget import GlobalPacer
from outbox.shared_budget import (
    HEARTBEAT_SECONDS,
    LEASE_SECONDS,
    Decide,
    ShareGovernor,
)
from outbox.shares import Member
from runtime.episodes import FaultEpisode
from tests.support.virtual_time import VirtualTime

L = 20
LATENCIES = [random.Random(9).uniform(0.0, 0.3) for _ in range(23)]
# A pacer at rate r sends r / (1 + answer time) a second (outbox.budget); a little is lost more.
PER_SHARE = 0.9 / (1 + sum(LATENCIES) / len(LATENCIES))


@dataclass
class MemoryStore:
    """The membership table in memory: one exchange at a time, rows stamped when it starts."""

    time: VirtualTime
    rows: dict[str, tuple[Member, float]] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    down: set[str] = field(default_factory=set)  # instances that cannot reach the database
    claim_sums: list[int] = field(default_factory=list)

    async def exchange(self, instance: str, decide: Decide) -> None:
        if instance in self.down:
            raise OSError("connection refused")
        async with self.lock:
            now = self.time()
            for name, (_, at) in list(self.rows.items()):
                if at < now - LEASE_SECONDS:
                    del self.rows[name]
            mine = decide([member for member, _ in self.rows.values()])
            await self.time.sleep(0.01)  # the round trips
            self.rows[instance] = (mine, now)
            self.claim_sums.append(sum(member.claim for member, _ in self.rows.values()))

    async def leave(self, instance: str) -> None:
        self.rows.pop(instance, None)


@dataclass
class Instance:
    """One process: its pacer, governor, heartbeat task and busy senders."""

    name: str
    pacer: GlobalPacer
    governor: ShareGovernor
    heartbeat: asyncio.Task[None]
    senders: list[asyncio.Task[None]] = field(default_factory=list)


class Cluster:
    """Instances sharing one store; every send's (start, answer) recorded."""

    def __init__(self, time: VirtualTime, store: MemoryStore, logger: logging.Logger) -> None:
        self.time, self.store, self.logger = time, store, logger
        self.instances: dict[str, Instance] = {}
        self.spans: list[tuple[float, float]] = []
        self.rate_sums: list[int] = []

    def start(self, name: str) -> Instance:
        pacer = GlobalPacer(L, clock=self.time, sleep=self.time.sleep)
        episode = FaultEpisode(self.logger, f"{name} heartbeat", clock=self.time)
        governor = ShareGovernor(
            pacer, L, self.store, episode, instance=name, clock=self.time, sleep=self.time.sleep
        )
        instance = Instance(name, pacer, governor, asyncio.create_task(governor.run()))
        self.instances[name] = instance
        return instance

    def busy(self, name: str) -> None:
        instance = self.instances[name]
        instance.senders += [asyncio.create_task(self._send_forever(instance)) for _ in range(L)]

    def idle(self, name: str) -> None:
        for task in self.instances[name].senders:
            task.cancel()
        self.instances[name].senders = []

    def kill(self, name: str) -> None:
        """Die without a goodbye: the row stays until the lease ends."""
        self.idle(name)
        self.instances.pop(name).heartbeat.cancel()

    async def leave(self, name: str) -> None:
        self.idle(name)
        instance = self.instances.pop(name)
        instance.heartbeat.cancel()
        await instance.governor.leave()

    async def _send_forever(self, instance: Instance) -> None:
        n = 0
        while True:
            async with instance.pacer.slot():
                start = self.time()
                await self.time.sleep(LATENCIES[n % len(LATENCIES)])
                self.spans.append((start, self.time()))
            n += 1

    async def watch(self) -> None:
        """Every 10 ms: the rates in force across instances."""
        while True:
            self.rate_sums.append(sum(i.pacer.limit_now() for i in self.instances.values()))
            await self.time.sleep(0.01)

    def sent_between(self, begin: float, end: float) -> int:
        return sum(1 for start, _ in self.spans if begin <= start < end)


def assert_no_second_holds_more_than(spans: Sequence[tuple[float, float]], limit: int) -> None:
    """For any send and the one ``limit`` places later, the later starts a second after the
    earlier's answer: wherever each was received, no second holds ``limit + 1``."""
    ordered = sorted(spans)
    gaps = [ordered[i + limit][0] - ordered[i][1] for i in range(len(ordered) - limit)]
    assert gaps, "too few sends to check"
    assert min(gaps) >= 1.0 - 1e-9


async def test_join_busy_idle_death_leave_never_exceed_the_budget(
    caplog: pytest.LogCaptureFixture,
) -> None:
    time = VirtualTime()
    store = MemoryStore(time)
    cluster = Cluster(time, store, logging.getLogger("test.shared_budget"))
    t0 = time()

    async def scenario() -> dict[str, int]:
        watcher = asyncio.create_task(cluster.watch())
        sent: dict[str, int] = {}
        cluster.start("a")
        cluster.busy("a")
        await time.sleep(4)
        sent["a alone"] = cluster.sent_between(t0 + 1, t0 + 4)
        cluster.start("b")  # joins idle: a keeps most of the budget
        await time.sleep(4)
        sent["b idle"] = cluster.sent_between(t0 + 5, t0 + 8)
        cluster.busy("b")  # idle to busy: they converge to halves
        cluster.start("c")  # joins idle
        await time.sleep(6)
        shares = {n: i.governor.target for n, i in cluster.instances.items()}
        sent["a, b busy, c idle"] = cluster.sent_between(t0 + 11, t0 + 14)
        cluster.kill("a")  # dies: its row lapses after the lease
        await time.sleep(LEASE_SECONDS + 4)
        sent["after a died"] = cluster.sent_between(t0 + 21, t0 + 23)
        await cluster.leave("b")  # clean: c may take everything at once
        cluster.busy("c")
        await time.sleep(4)
        sent["c alone"] = cluster.sent_between(t0 + 25, t0 + 27)
        for name in list(cluster.instances):
            cluster.kill(name)
        watcher.cancel()
        assert shares == {"a": 9, "b": 8, "c": 3}
        return sent

    sent = await time.run(scenario())

    assert max(cluster.rate_sums) <= L
    assert max(store.claim_sums) <= L
    assert_no_second_holds_more_than(cluster.spans, L)
    # And the budget is used: the busy ones' shares (all but an idle one's 3) go out.
    assert sent["a alone"] >= PER_SHARE * L * 3
    assert sent["b idle"] >= PER_SHARE * (L - 3) * 3
    assert sent["a, b busy, c idle"] >= PER_SHARE * (L - 3) * 3
    assert sent["after a died"] >= PER_SHARE * (L - 3) * 2
    assert sent["c alone"] >= PER_SHARE * L * 2


async def test_an_instance_cut_off_from_the_database_stops_before_its_share_is_given_away(
    caplog: pytest.LogCaptureFixture,
) -> None:
    time = VirtualTime()
    store = MemoryStore(time)
    cluster = Cluster(time, store, logging.getLogger("test.shared_budget"))
    t0 = time()

    async def scenario() -> tuple[int, int]:
        watcher = asyncio.create_task(cluster.watch())
        for name in ("a", "b"):
            cluster.start(name)
            cluster.busy(name)
        await time.sleep(5)
        store.down.add("a")  # a keeps sending on its last share, then lapses to 0
        await time.sleep(LEASE_SECONDS + 5)
        during = cluster.sent_between(t0 + 5 + LEASE_SECONDS + 2, t0 + 10 + LEASE_SECONDS)
        a_rate = cluster.instances["a"].pacer.limit_now()
        store.down.clear()
        await time.sleep(5)
        for name in list(cluster.instances):
            cluster.kill(name)
        watcher.cancel()
        assert a_rate == 0
        return during, cluster.sent_between(t0 + 13 + LEASE_SECONDS, t0 + 15 + LEASE_SECONDS)

    with caplog.at_level(logging.WARNING, logger="test.shared_budget"):
        during, after = await time.run(scenario())

    assert max(cluster.rate_sums) <= L
    assert max(store.claim_sums) <= L
    assert_no_second_holds_more_than(cluster.spans, L)
    assert during >= PER_SHARE * L * 3  # b took the whole budget once a's row lapsed
    assert after >= PER_SHARE * L * 2  # a back: the two share it again
    lines = [r.getMessage() for r in caplog.records if r.name == "test.shared_budget"]
    assert len(lines) == 2, lines  # one outage: one line as it starts, one as it ends
    assert lines[0] == "a heartbeat failing: OSError: connection refused"
    assert lines[1].startswith("a heartbeat recovered after")


async def test_a_busy_newcomer_gets_half_only_after_the_busy_one_s_last_second_drained() -> None:
    time = VirtualTime()
    store = MemoryStore(time)
    cluster = Cluster(time, store, logging.getLogger("test.shared_budget"))
    t0 = time()

    async def scenario() -> dict[str, int]:
        cluster.start("a")
        cluster.busy("a")
        await time.sleep(3.05)
        cluster.start("b")
        cluster.busy("b")
        await time.sleep(6)
        shares = {n: i.pacer.limit_now() for n, i in cluster.instances.items()}
        for name in list(cluster.instances):
            cluster.kill(name)
        return shares

    shares = await time.run(scenario())

    assert shares == {"a": 10, "b": 10}
    assert max(store.claim_sums) <= L
    assert_no_second_holds_more_than(cluster.spans, L)
    assert cluster.sent_between(t0 + 1, t0 + 9) >= PER_SHARE * L * 8  # the hand-over is quick


async def test_a_lowered_rate_keeps_its_claim_while_the_last_second_s_sends_count() -> None:
    time = VirtualTime()
    store = MemoryStore(time)
    cluster = Cluster(time, store, logging.getLogger("test.shared_budget"))

    async def scenario() -> list[tuple[int, int]]:
        a = cluster.start("a")
        cluster.busy("a")
        await time.sleep(3.0)
        store.rows["b"] = (Member("b", L, 0), time() + 60)  # a busy peer shows up
        seen = []
        for _ in range(4):  # a's next heartbeats: (rate in force, claim written)
            await time.sleep(HEARTBEAT_SECONDS)
            seen.append((a.pacer.limit_now(), store.rows["a"][0].claim))
        cluster.kill("a")
        return seen

    seen = await time.run(scenario())

    assert seen[0] == (10, L)  # lowered at once; the claim still covers the sends counted
    assert seen[-1] == (10, 10)  # a second later they drained: the claim follows the rate


def test_the_lease_outlives_a_few_heartbeats() -> None:
    assert LEASE_SECONDS >= 5 * HEARTBEAT_SECONDS
