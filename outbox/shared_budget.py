"""One send budget per token across instances: rate shares over a membership table.

Each instance that sends (roles ``all``, ``updates``, ``worker``) keeps a row in
``send_budget_members`` (PostgreSQL): its demand and its *claim*. Every ``HEARTBEAT_SECONDS``
it runs one short transaction, serialised per token by an advisory transaction lock: delete
the rows whose heartbeat is older than ``LEASE_SECONDS`` (dead instances), read the rest,
compute its share (:func:`outbox.shares.next_rate`), write its row. Nothing happens per send:
the share is a rate given to the process's :class:`outbox.budget.GlobalPacer`.

Why the instances together never exceed ``L`` in any sliding second:

1. *The claims in the table never sum past L.* Heartbeats are serialised, so each one sees
   every other row as committed. It writes ``claim = max(allowed, counted)``, where
   ``allowed <= L - (the others' claims)`` and ``counted`` (this process's sends in flight or
   answered within the last second) is at most its previous claim (below), so the sum stays
   within ``L``.
2. *An instance's sends in any second never exceed its claim in the table.* Take the sends
   Telegram received in a second ``(t - 1, t]`` and the last of them to be admitted, ``y``.
   The pacer counts a send from its start until a second after its answer, so when ``y`` was
   admitted all the others were counted and fewer than the rate then in force: the second
   holds at most the rate in force when ``y`` started. A rate is lowered at once (before the
   row is written), raised only after the row with the higher claim has committed, and a claim
   is lowered only to ``max(new rate, counted)``: a second that ends after the write holds
   either sends admitted under the new rate (at most that) or sends already counted at the
   write (at most ``counted``). So the claim covers every second that ends while it stands.
3. *A row is deleted only when its instance has stopped.* Each heartbeat's rate is valid until
   ``LEASE_SECONDS - LAPSE_MARGIN_SECONDS`` after that heartbeat began (the pacer lapses to 0
   then: :meth:`GlobalPacer.set_rate` ``until``), while peers delete the row only a full lease
   after the database stamped it, which is later. An instance whose heartbeats fail (database
   away, event loop stalled) therefore stops sending ``LAPSE_MARGIN_SECONDS`` before its share
   is given away; the margin covers the last second's sends and answers up to a second late.

So the sum over instances of their sends in any second is at most the sum of the claims,
at most ``L``. A newcomer starts at 0 and gets what the others' claims leave free; a busy
peer gives way at its next heartbeats (it lowers its rate, then its claim once its last
second's sends have drained), so a new or newly busy instance reaches its share in about
two heartbeats plus a second. Remaining gaps: a send answered more than a second after
its rate lapsed (outage), and a process frozen mid-send for longer than the lease.

Demand: ``L`` while the pacer has made a send wait for a full count within the last
``DEMAND_MEMORY_SECONDS`` (due work queued), else ``IDLE_DEMAND`` (room for command replies)
or 1.5 times its recent rate, whichever is higher. Outages of the heartbeat are logged once
each (:mod:`runtime.episodes`); shares are recomputed as soon as it succeeds again.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import math
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from outbox.budget import GlobalPacer
from outbox.shares import Member, next_rate
from runtime.episodes import FaultEpisode
from runtime.services import BotServices
from storage.repositories.send_budget import SendBudgetRepository

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 0.25
LEASE_SECONDS = 5.0  # a row this old belongs to a dead instance
LAPSE_MARGIN_SECONDS = 2.0  # a share lapses this long before peers may give it away
IDLE_DEMAND = 3  # messages per second an instance with nothing queued asks for (replies)
DEMAND_MEMORY_SECONDS = 2.0  # a queue seen this recently still counts as due work

Decide = Callable[[Sequence[Member]], Member]


class BudgetStore(Protocol):
    """Where the members' rows live; each heartbeat is one serialised exchange."""

    async def exchange(self, instance: str, decide: Decide) -> None:
        """Under the token's lock: drop dead rows, ``decide`` from the live ones, write mine."""

    async def leave(self, instance: str) -> None:
        """Delete my row (clean shutdown)."""


def token_key(token: str) -> str:
    """The token's key in the table: a hash, never the token."""
    return hashlib.sha256(f"briefbot-send-budget/{token}".encode()).hexdigest()[:32]


class PostgresBudgetStore:
    """:class:`BudgetStore` on ``send_budget_members``, one short transaction per exchange."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        key: str,
        *,
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        self._sessions = sessions
        self._key = key
        self._lease = lease_seconds

    async def exchange(self, instance: str, decide: Decide) -> None:
        async with self._sessions() as session, session.begin():
            repository = SendBudgetRepository(session)
            await repository.lock(self._key)
            rows = await repository.live_members(self._key, self._lease)
            members = [
                Member(row.instance_id, round(row.demand), row.claim) for row in rows
            ]
            mine = decide(members)
            await repository.beat(instance, self._key, float(mine.demand), mine.claim)

    async def leave(self, instance: str) -> None:
        async with self._sessions() as session, session.begin():
            await SendBudgetRepository(session).leave(instance)


class ShareGovernor:
    """Keeps one process's :class:`GlobalPacer` at its share of the token's budget."""

    def __init__(
        self,
        pacer: GlobalPacer,
        limit: int,
        store: BudgetStore,
        episode: FaultEpisode,
        *,
        instance: str | None = None,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
        lease_seconds: float = LEASE_SECONDS,
        lapse_margin_seconds: float = LAPSE_MARGIN_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.pacer = pacer
        self.limit = limit
        self.instance = instance or str(uuid.uuid4())
        self.target = 0
        self._store = store
        self.episode = episode
        self._heartbeat = heartbeat_seconds
        self._lease = lease_seconds
        self._valid = lease_seconds - lapse_margin_seconds
        self._clock = clock
        self._sleep = sleep
        self._valid_until = clock()
        pacer.set_rate(0)  # nothing until the first heartbeat says what is free

    def demand(self) -> int:
        """Messages per second this process wants now."""
        if self.pacer.saturated_within(DEMAND_MEMORY_SECONDS):
            return self.limit
        recent = math.ceil(1.5 * self.pacer.counted())
        return min(self.limit, max(IDLE_DEMAND, recent))

    async def beat(self) -> None:
        """One heartbeat: write my demand and claim, move my rate to what is free."""
        started = self._clock()
        demand = self.demand()
        decided: list[int] = []

        def decide(members: Sequence[Member]) -> Member:
            target, allowed = next_rate(self.limit, self.instance, demand, members)
            if allowed < self.pacer.limit:  # lower at once, before the claim is written
                self.pacer.set_rate(allowed, until=self._valid_until)
            decided[:] = [target, allowed]
            return Member(self.instance, demand, max(allowed, self.pacer.counted()))

        await self._store.exchange(self.instance, decide)
        self.target, allowed = decided
        if allowed != self.pacer.limit_now():
            logger.debug("send budget: %d msg/s (share %d, demand %d)", allowed, self.target,
                         demand)
        # Committed: the claim covers `allowed`, valid for a lease from this heartbeat's start.
        self._valid_until = started + self._valid
        self.pacer.set_rate(allowed, until=self._valid_until)

    async def run(self) -> None:
        """Heartbeat until cancelled; each outage of the heartbeat is logged once."""
        while True:
            try:
                async with asyncio.timeout(self._lease):
                    await self.beat()
            except Exception as error:
                self.episode.failed(error)
            else:
                self.episode.succeeded()
            await self._sleep(self._heartbeat)

    async def leave(self) -> None:
        """Stop sending and delete my row, so peers may use my share at once."""
        self.pacer.set_rate(0)
        await self._store.leave(self.instance)


@contextlib.asynccontextmanager
async def shared_budget(services: BotServices, token: str) -> AsyncIterator[ShareGovernor]:
    """Share ``services``' overall pacer with the token's other instances for the block.

    The first heartbeat runs before the block starts (its failure is logged as an outage and
    retried); a task heartbeats until the block ends, then the row is deleted.
    """
    pacer = services.pacer.overall
    assert pacer is not None, "the services' pacer has no overall budget"
    governor = ShareGovernor(
        pacer,
        max(1, math.floor(services.settings.rate_global_per_second)),
        PostgresBudgetStore(services.session_factory, token_key(token)),
        services.episodes.get(logger, "send budget heartbeat"),
    )
    try:
        await governor.beat()
    except Exception as error:
        governor.episode.failed(error)
    task = asyncio.create_task(governor.run(), name="briefbot-send-budget")
    try:
        yield governor
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        try:
            await governor.leave()
        except Exception as error:  # the row goes with the lease instead
            logger.warning("send budget: could not remove this instance's row: %s", error)
