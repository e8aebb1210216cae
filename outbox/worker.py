"""The outbox worker: claims due deliveries, sends their parts, records each outcome.

Crash safety. A claimed row is ``sending`` with ``claimed_at`` set. After *each* part
Telegram accepted, the worker commits ``payload["sent"]`` and the message id (and renews
``claimed_at``). If the process dies, the row stays ``sending``; the scheduler tick's
``release_stale`` puts it back to ``pending`` once ``claimed_at`` is older than the lease
(``BRIEFBOT_DELIVERY_LEASE_SECONDS``, see :func:`lease_of`), and the next claim resumes
at ``payload["sent"]``. Every part before it was committed as accepted, so the only part
that can go twice is the one whose ``sendMessage`` was in flight (accepted by Telegram but
not yet committed) when the process died: at most one per chat, since a chat's parts go
out one at a time. Progress of many chats is committed together (:mod:`outbox.progress`),
but each chat waits for its own commit before its next part.

Graceful stop. The lease is for a worker that died. ``run`` cancelled (SIGTERM, the bot
stopping) cancels its chats, lets their progress commits finish, then gives back the rows it
still holds in one short transaction of its own (:meth:`DeliveryRepository.release_claims`):
``pending`` again, due at once, ``payload["sent"]`` and message ids kept, so the next worker
(after a restart, or a peer at once) sends only the parts not yet committed, and never one
committed as sent. A part whose ``sendMessage`` was cancelled in flight may go twice, exactly
as at a crash: still at most one per chat. Only rows still under this worker's claim are
released. The release is bounded (:data:`RELEASE_SECONDS`): with the database hung or away it
gives up, logs one line, and leaves the rows to the lease as after a crash.

Throughput. ``run`` keeps many chats in flight (:func:`chats_in_flight`), claiming whole chats
(``DeliveryRepository.claim_due_chats``: a chat with a row ``sending`` is never claimed
again, so one chat never has two senders), and every send takes its place in the bot's overall
budget (:mod:`outbox.budget`) and its chat's pace (:mod:`outbox.pacing`; with a shared send
budget, across instances: :mod:`outbox.chat_pace`).

Migrated groups. A send to a group upgraded to a supergroup answers ``ChatMigrated``: the
worker moves the subscriber to the new chat id (see ``SubscriberRepository.move_chat``) and
sends the same part there at once; that is not a failed attempt. The chat's other rows in the
batch go to the new id too.

Forum topics. A subscriber bound to a topic is sent to in it (``message_thread_id``, read from
the subscriber when its rows are claimed). A topic found deleted is left for the General topic
by the rule in :mod:`outbox.outcomes` (:func:`~outbox.outcomes.leave_gone_topic`); the chat's
other rows in the batch go there directly.

Ownership. Before each row, once each part holds its place in the budget (the wait for it can
outlast the lease when the budget is shared or the lease short) and with each progress commit
the worker checks that the row is still the one it claimed (``sending`` with the ``claimed_at``
it set), renewing the lease when half of it has passed; a row taken over after a lease expiry
is left to its new owner.

Faults. An outage (the database away or locked, Telegram answering 5xx or timing out) fails
every claim, send and commit until it ends; each is logged as one episode (a line when it
starts, one when it ends: :mod:`runtime.episodes`), not a line per message or per second. A
chat whose record could not be written stops there: its rows stay ``sending`` until the lease
returns them. A send error met while Telegram fails for several chats at once (an outage, not
the message) is retried without counting as one of the row's attempts, so no row fails for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from telegram.error import ChatMigrated
from telegram.ext import ExtBot

from outbox.notices import DeliveryNotices
from outbox.outcomes import (
    BACKOFF_BASE_SECONDS,
    BACKOFF_CAP,
    Claim,
    Stop,
    backoff,
    describe,
    leave_gone_topic,
    migrate,
    owned,
    record_error,
    retry_after_seconds,
    send_outcome,
    set_aside,
)
from outbox.pacing import ChatPacer
from outbox.progress import ProgressWriter
from outbox.send import DEFAULT_OPTIONS, ClaimLost, SendOptions, send_part
from rendering.parts import payload_parts
from runtime.episodes import is_telegram_outage, is_transient
from runtime.services import BotServices
from storage.models import Delivery, DeliveryKind, Subscriber, SubscriberState
from storage.repositories import DeliveryRepository

__all__ = [
    "BACKOFF_BASE_SECONDS",
    "BACKOFF_CAP",
    "BATCH_SIZE",
    "IDLE_POLL_SECONDS",
    "MAX_IN_FLIGHT",
    "MAX_MIGRATIONS",
    "Claim",
    "DeliveryWorker",
    "Stop",
    "backoff",
    "chats_in_flight",
    "describe",
    "lease_of",
    "retry_after_seconds",
]

logger = logging.getLogger(__name__)

BATCH_SIZE = 20
IDLE_POLL_SECONDS = 1.0
# A migrated group's new id answering ChatMigrated again is followed this often, then it fails.
MAX_MIGRATIONS = 3
# Chats sent to at once: about two seconds of this process's rate, within these bounds.
MAX_IN_FLIGHT = 500
ROWS_PER_CHAT = 10
# How long a stopping worker tries to give its claims back before leaving them to the lease.
RELEASE_SECONDS = 3.0
# The rows a chat's delivery options (/previews, /silent) apply to; notices to admins keep defaults.
BRIEF_KINDS = frozenset({DeliveryKind.DIGEST, DeliveryKind.ALERT})


def chats_in_flight(services: BotServices) -> int:
    """How many chats ``run`` sends to at once: about two seconds of the rate this process may
    send at now, enough to keep it busy.

    With a shared send budget that rate is this instance's share, not ``L``: chats claimed
    beyond what the share sends in two seconds would only wait here while a peer that ran out
    of due rows sat idle (three workers each holding two seconds of ``L`` end the broadcast
    with one of them sending its last chats alone, at its share).
    """
    overall = services.pacer.overall
    rate = services.settings.rate_global_per_second if overall is None else overall.limit_now()
    return min(MAX_IN_FLIGHT, max(BATCH_SIZE, math.ceil(2 * rate)))


def lease_of(services: BotServices) -> dt.timedelta:
    """How long a row may stay ``sending`` without progress before the tick takes it back."""
    return dt.timedelta(seconds=services.settings.delivery_lease_seconds)


class DeliveryWorker:
    """Sends due outbox rows through ``bot`` with per-chat pacing; ``run`` loops, ``drain`` once.

    ``bot`` must carry :func:`outbox.send.bot_defaults` (HTML, no link previews).
    """

    def __init__(
        self,
        services: BotServices,
        bot: ExtBot[Any],
        *,
        pacer: ChatPacer | None = None,
        batch_size: int = BATCH_SIZE,
        idle_seconds: float = IDLE_POLL_SECONDS,
    ) -> None:
        self._services = services
        self._bot = bot
        self._pacer = pacer or services.pacer
        self._batch_size = batch_size
        self._idle_seconds = idle_seconds
        self._writer = ProgressWriter(services)
        self._database = services.episodes.get(logger, "outbox database")
        self._telegram = services.episodes.get(logger, "Telegram sends")
        self.notices: DeliveryNotices | None = None  # PostgreSQL, while ``run`` runs
        # ``run``'s chat tasks and the claims each holds: given back when the worker stops.
        self._holding: dict[asyncio.Task[None], Sequence[Claim]] = {}

    async def run(self) -> None:
        """Send due rows until cancelled: many chats in flight, claimed whole as room frees up."""
        tasks: set[asyncio.Task[None]] = set()
        room = asyncio.Event()  # set by a finishing chat once a refill's room is free

        def free() -> int:
            """Chats that may be claimed now, or 0 until a quarter of the limit is free (claim
            in batches, not per finished chat)."""
            limit = chats_in_flight(self._services)  # follows this process's share
            room_now = limit - len(tasks)
            return room_now if room_now >= max(1, limit // 4) else 0

        def finished(task: asyncio.Task[None]) -> None:
            tasks.discard(task)
            self._holding.pop(task, None)
            if free():
                room.set()

        listener = self._listen_for_notices()
        try:
            while True:
                self._services.delivery_wakeup.clear()
                if not (chats := free()):
                    # One event, not asyncio.wait: that adds and removes a callback on every
                    # one of the hundreds of running chat tasks each time.
                    room.clear()
                    await room.wait()
                elif not await self._start(tasks, chats, finished):
                    await self._idle()
        finally:
            # The claims of chats still running, taken before their tasks end and forget them.
            held = [claim for claims in self._holding.values() for claim in claims]
            for task in tasks:
                task.cancel()
            if listener is not None:
                listener.cancel()
                tasks.add(listener)
            # Cancelled chats' progress is committed first (the commit under way finishes,
            # ProgressWriter.finish writes what was queued), so no accepted part goes again.
            await asyncio.gather(*tasks, return_exceptions=True)
            self._holding.clear()
            await self._release(held)

    async def _release(self, held: Sequence[Claim]) -> None:
        """Give back the rows of ``held`` still claimed by this worker, within
        :data:`RELEASE_SECONDS`; on failure log one line and leave them to the lease."""
        if not held:
            return
        rows = len({claim.delivery_id for claim in held})
        try:
            async with asyncio.timeout(RELEASE_SECONDS):
                await self._writer.finish()  # parts accepted but not yet committed
                # After finish: its commits renewed the claims they wrote.
                claimed_ats: dict[int, set[dt.datetime]] = defaultdict(set)
                for claim in held:
                    claimed_ats[claim.delivery_id] |= claim.claimed_ats()
                async with self._services.session_factory() as session, session.begin():
                    released = await DeliveryRepository(session).release_claims(claimed_ats)
        except Exception as error:  # TimeoutError included: a hung database must not hold us
            why = (
                f"no answer in {RELEASE_SECONDS:g} s" if isinstance(error, TimeoutError)
                else describe(error)
            )
            logger.warning(
                "stopping: could not give back %d claimed deliveries (%s); they are sent again "
                "after the %g s lease", rows, why,
                self._services.settings.delivery_lease_seconds,
            )
            return
        if released:
            logger.info("stopping: gave back %d claimed deliveries", released)

    def _listen_for_notices(self) -> asyncio.Task[None] | None:
        """On PostgreSQL, the task waking this worker when another process enqueues
        (:mod:`outbox.notices`); None on SQLite."""
        if self._services.engine.dialect.name != "postgresql":
            return None
        self.notices = DeliveryNotices(
            self._services.engine,
            self._services.delivery_wakeup,
            self._services.episodes.get(logger, "listening for deliveries"),
        )
        return asyncio.create_task(self.notices.run(), name="briefbot-delivery-notices")

    async def _start(
        self,
        tasks: set[asyncio.Task[None]],
        chats: int,
        finished: Callable[[asyncio.Task[None]], None],
    ) -> int:
        """Claim up to ``chats`` chats and start sending to each (``finished`` called when done);
        how many were claimed."""
        try:
            claimed = await self._claim(chats)
        except Exception as error:
            self._database.failed(error)  # logged once per outage; retried after a pause
            return 0
        self._database.succeeded()
        for rows in claimed:
            task = asyncio.create_task(self._send_chat(rows))
            tasks.add(task)
            self._holding[task] = rows
            task.add_done_callback(finished)
        return len(claimed)

    async def _idle(self) -> None:
        """Wait for a wake-up (something was enqueued) or a short poll."""
        # asyncio.timeout, not wait_for: on Python 3.11 wait_for swallows a cancel that lands
        # as the wake-up comes, and the worker would then never stop.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._idle_seconds):
                await self._services.delivery_wakeup.wait()

    async def drain(self) -> int:
        """Send everything due now (by the services clock); how many rows were handled."""
        total = 0
        while handled := await self.send_due():
            total += handled
        return total

    async def send_due(self) -> int:
        """Claim up to ``batch_size`` chats, send to them in parallel; how many rows."""
        claimed = await self._claim(self._batch_size)
        await asyncio.gather(*(self._send_chat(rows) for rows in claimed))
        return sum(len(rows) for rows in claimed)

    async def _claim(self, chats: int) -> list[list[Claim]]:
        """Claim whole chats in one short transaction; each chat's rows in order."""
        sessions = self._services.session_factory
        async with self._writer.claiming(), sessions() as session, session.begin():
            rows = await DeliveryRepository(session).claim_due_chats(
                self._services.now(), chats, ROWS_PER_CHAT
            )
            ids = {row.subscriber_id for row in rows}
            found = await session.scalars(select(Subscriber).where(Subscriber.id.in_(ids)))
            subscribers = {subscriber.id: subscriber for subscriber in found.all()}
        by_chat: dict[int, list[Claim]] = defaultdict(list)
        for row in rows:
            by_chat[row.subscriber_id].append(self._claim_of(row, subscribers[row.subscriber_id]))
        return list(by_chat.values())

    @staticmethod
    def _claim_of(row: Delivery, subscriber: Subscriber) -> Claim:
        """A detached ``Claim`` for ``row``."""
        assert row.claimed_at is not None
        return Claim(
            row.id,
            subscriber.chat_id,
            subscriber.id,
            subscriber.state,
            dict(row.payload),
            row.attempts,
            row.claimed_at,
            list(row.payload.get("message_ids") or []),
            SendOptions.of(subscriber) if row.kind in BRIEF_KINDS else DEFAULT_OPTIONS,
            subscriber.message_thread_id,
        )

    async def _send_chat(self, claims: Sequence[Claim]) -> None:
        """Send one chat's rows in order; a 429 or a block stops the rest of them."""
        stop: Stop | None = None
        moved: dict[int, int] = {}  # a migrated group's old chat id -> the supergroup's
        gone: set[int] = set()  # forum topics found deleted: the rest go to the General topic
        for claim in claims:
            old_chat_id = claim.chat_id
            claim.chat_id = moved.get(old_chat_id, old_chat_id)
            if claim.thread_id in gone:
                claim.thread_id = None
            thread_id = claim.thread_id
            try:
                if stop is None:
                    stop = await self._deliver(claim)
                else:
                    await set_aside(self._services, claim, stop)
            except Exception as error:
                if is_transient(error):
                    # The database went away: this row and the chat's rest stay `sending`
                    # until the lease expires (sending on would send parts it cannot record).
                    self._database.failed(error)
                    return
                logger.exception("delivery %s: could not record its outcome", claim.delivery_id)
            if claim.chat_id != old_chat_id:
                moved[old_chat_id] = claim.chat_id
            if thread_id is not None and claim.thread_id is None:
                gone.add(thread_id)

    async def _deliver(self, claim: Claim) -> Stop | None:
        """Send the row's remaining parts, committing after each; a Stop for the chat's rest."""
        if claim.subscriber_state is not SubscriberState.ACTIVE:
            stop = Stop(f"subscriber is {claim.subscriber_state.value}")
            await set_aside(self._services, claim, stop)
            return None
        if claim.attempts > self._services.settings.delivery_max_attempts + 2:
            # Claimed again and again without an outcome (crashing mid-send?): give up on it.
            stop = Stop("gave up: claimed too often without an outcome")
            await set_aside(self._services, claim, stop)
            return None
        try:
            parts = payload_parts(claim.payload)
        except ValueError as error:
            await set_aside(self._services, claim, Stop(f"bad payload: {error}"))
            return None
        if not self._fresh(claim) and not await self._renew(claim):
            return None
        start = int(claim.payload.get("sent", 0))
        if start >= len(parts):  # every part went out; only the final record was missing
            await self._progress(claim, start, done=True)
        migrations = 0
        index = start
        metrics = self._services.metrics
        while index < len(parts):
            took: list[float] = []
            try:
                message_id = await send_part(
                    self._bot, claim.chat_id, parts[index], pacer=self._pacer,
                    observe=took.append, still_ours=lambda: self._still_ours(claim),
                    options=claim.options, thread_id=claim.thread_id,
                )
            except ClaimLost:
                return None  # the tick gave the row to another claim while this one waited
            except ChatMigrated as error:
                migrations += 1
                if migrations > MAX_MIGRATIONS:
                    return await record_error(self._services, self._pacer, claim, error)
                if not await migrate(self._services, claim, error.new_chat_id):
                    return None
                continue  # the same part again, now to the supergroup
            except Exception as error:
                metrics.record_send(send_outcome(error), sum(took))
                if await leave_gone_topic(self._services, claim, error):
                    continue  # the same part again, now to the General topic
                counted = True
                if is_telegram_outage(error):  # 5xx and timeouts
                    self._telegram.failed(error, claim.chat_id)
                    counted = not self._telegram.widespread
                return await record_error(
                    self._services, self._pacer, claim, error, counted=counted
                )
            metrics.record_send("sent", sum(took))
            self._telegram.succeeded()
            index += 1
            claim.message_ids.append(message_id)
            if not await self._progress(claim, index, done=index == len(parts)):
                return None
        return None

    async def _still_ours(self, claim: Claim) -> bool:
        """Fresh, or renewed now; False if the row was taken over (see :func:`send_part`)."""
        return self._fresh(claim) or await self._renew(claim)

    def _fresh(self, claim: Claim) -> bool:
        """Claimed less than half a lease ago: nobody can have taken it over yet."""
        return self._services.now() - claim.claimed_at < lease_of(self._services) / 2

    async def _renew(self, claim: Claim) -> bool:
        """Check the claim is still ours and renew its lease; False if it was taken over."""
        async with self._services.session_factory() as session, session.begin():
            row = await owned(session, claim)
            if row is None:
                return False
            # Ours once committed; until then either value may be the row's (see _release).
            renewed = row.claimed_at = claim.renewing = self._services.now()
        claim.claimed_at, claim.renewing = renewed, None
        return True

    async def _progress(self, claim: Claim, sent: int, *, done: bool) -> bool:
        """Commit ``sent`` parts and their message ids; mark the row sent when ``done``."""
        recorded = await self._writer.commit(claim, sent, done=done)
        self._database.succeeded()
        return recorded
