"""Group commit of delivery progress: many chats' accepted parts in one transaction.

Each chat task still waits for *its own* progress to be committed before it sends its next
part (the crash contract of :mod:`outbox.worker`); what changes is that the parts accepted
while one transaction runs are committed together by the next. On SQLite this matters most:
every transaction takes the write lock (``BEGIN IMMEDIATE``), and tasks that queue on it
sleep in SQLite's busy handler; one writer at a time, shared, never queues there.

On PostgreSQL the writer also waits :data:`COALESCE_SECONDS` before each commit, so the parts of
other chats accepted meanwhile join it. Without the wait a batch held only the parts accepted
while the previous statement ran: one or two at a share of 100 messages a second, so nearly a
statement per message, and with three workers on two cores that CPU was the broadcast's
ceiling (three workers at L = 300, A/B medians of 3: 0.948 -> 0.968 x L, the workers' CPU
4.67 -> 3.62 ms a message, ``benchmarks/results/broadcast_ab-coalesce-pg-3-L300.md``). The wait
delays only a chat's *next* part, which its pace holds back a second anyway, never a send's place
in the budget; a commit cancelled while it waits is still written (its part was accepted).
SQLite does not wait: there ``serial`` also holds the claims back.

``serial`` is the worker's one-writer lock. On SQLite its claims run under it too
(:meth:`ProgressWriter.claiming`); on PostgreSQL they do not: a claim writes only pending rows
and locks only idle chats, never a row progress writes, and a claim of hundreds of chats would
otherwise hold every chat's next part until it commits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from outbox.outcomes import Claim
from runtime.services import BotServices
from storage.engine import create_autocommit_session_factory
from storage.repositories import DeliveryRepository
from storage.repositories.deliveries import Progress

logger = logging.getLogger("outbox.worker")

# How long a PostgreSQL commit waits for other chats' parts to join it (see the module's
# docstring); a chat's next part is a second away at least (its pace), so 20 ms costs nothing.
COALESCE_SECONDS = 0.02


@dataclass
class _Pending:
    """One claim's progress waiting for the next commit."""

    claim: Claim
    sent: int
    done: bool
    result: asyncio.Future[bool]


class ProgressWriter:
    """Commits ``payload["sent"]``, message ids and (when done) the sent state, batched."""

    def __init__(self, services: BotServices, *, coalesce_seconds: float | None = None) -> None:
        self._services = services
        self._queue: list[_Pending] = []
        self.serial = asyncio.Lock()
        self._one_writer = services.engine.dialect.name == "sqlite"
        if coalesce_seconds is None:  # by default: COALESCE_SECONDS on PostgreSQL, not on SQLite
            coalesce_seconds = 0.0 if self._one_writer else COALESCE_SECONDS
        self.coalesce_seconds = coalesce_seconds
        # On PostgreSQL a commit is one conditional UPDATE, atomic on its own: in autocommit it
        # needs no BEGIN and COMMIT round trips. SQLite keeps its write transaction (engine.py).
        self._sessions = (
            services.session_factory
            if self._one_writer
            else create_autocommit_session_factory(services.engine)
        )

    def claiming(self) -> AbstractAsyncContextManager[object]:
        """What a claim runs under: ``serial`` on SQLite (one writer), nothing on PostgreSQL."""
        return self.serial if self._one_writer else contextlib.nullcontext()

    async def commit(self, claim: Claim, sent: int, *, done: bool) -> bool:
        """Commit ``sent`` parts of ``claim``; False if the row is no longer ours."""
        pending = _Pending(claim, sent, done, asyncio.get_running_loop().create_future())
        self._queue.append(pending)
        async with self.serial:
            if not pending.result.done():  # nobody committed it while we queued
                try:
                    if self.coalesce_seconds > 0:
                        await asyncio.sleep(self.coalesce_seconds)  # let other chats' parts join
                finally:  # cancelled while waiting: still written, the parts were accepted
                    batch, self._queue = self._queue, []
                    await self._flush(batch)
        return pending.result.result()

    async def finish(self) -> None:
        """Commit the progress cancelled chats left queued (the worker is stopping): their
        parts were accepted, and a row given back without them would send them again."""
        async with self.serial:
            batch = [pending for pending in self._queue if not pending.result.done()]
            self._queue = []
            if not batch:
                return
            await self._flush(batch)
        # Nobody waits for these futures: read each one's error (so asyncio logs none) and
        # raise the batch's, which is one error for all of them.
        errors = [
            error for pending in batch
            if not pending.result.cancelled() and (error := pending.result.exception()) is not None
        ]
        if errors:
            raise errors[0]

    async def _flush(self, batch: list[_Pending]) -> None:
        """One transaction for ``batch``; each future gets its outcome (or the error)."""
        try:
            outcomes = await self._write(batch)
        except BaseException as error:  # cancelled too: no waiter is left hanging
            for pending in batch:
                if pending.result.done():
                    continue
                if isinstance(error, Exception):
                    pending.result.set_exception(error)
                else:  # cancelled (the worker is stopping): its waiters are cancelled too
                    pending.result.cancel()
            if not isinstance(error, Exception):
                raise
            # The flushing caller reads the error from its own future like the others, so no
            # future is left with an unretrieved exception (asyncio would log each one).
            return
        for pending, outcome in zip(batch, outcomes, strict=True):
            pending.result.set_result(outcome)

    async def _write(self, batch: list[_Pending]) -> list[bool]:
        """Record every item of ``batch`` whose row is still the claim it was; which were.

        One conditional UPDATE (:meth:`~storage.repositories.DeliveryRepository.record_progress`).
        """
        now = self._services.now()
        progress: list[Progress] = []
        for pending in batch:
            claim = pending.claim
            payload = {
                **claim.payload, "sent": pending.sent, "message_ids": list(claim.message_ids)
            }
            progress.append(
                Progress(
                    claim.delivery_id, payload, pending.done,
                    claim.message_ids[0] if claim.message_ids else None, claim.claimed_at,
                )
            )
        for pending in batch:
            if not pending.done:
                pending.claim.renewing = now  # for a stop interrupting the write (worker.py)
        async with self._sessions() as session, session.begin():
            recorded = await DeliveryRepository(session).record_progress(progress, now)
        outcomes: list[bool] = []
        for pending, item in zip(batch, progress, strict=True):
            claim = pending.claim
            if claim.delivery_id not in recorded:
                logger.warning("delivery %s was taken over mid-send", claim.delivery_id)
                outcomes.append(False)
                continue
            claim.payload = dict(item.payload)
            if not pending.done:
                claim.claimed_at = now  # the lease record_progress renewed
                claim.renewing = None
            outcomes.append(True)
        return outcomes
