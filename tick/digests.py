"""Daily digests: for each subscriber whose digest is due, enqueue one and advance the schedule.

A tick takes the due subscribers in chunks (``DIGESTS_PER_TICK``) and each chunk in batches of
``WRITE_BATCH``. A batch is read and rendered first, in a read-only session
(:mod:`tick.digest_plans`), then written in one short transaction: each subscriber's digest row,
next digest instant and ``last_digest_at`` / ``last_digest_on`` commit together or not at all.
The write re-reads the batch's subscribers (locked on PostgreSQL) and applies a plan only if
that subscriber's schedule is still the one it was planned from; one changed meanwhile (a
/digest command, another tick) is left for the next pass. Why batches: on SQLite every write
transaction holds the file's one write lock, and a tick that read and rendered inside it (one
subscriber at a time) kept command replies and the outbox waiting for seconds.

The dedup key is ``digest:<local date of the scheduled instant>``: a digest that fires
late (the bot was down) still belongs to the day it was scheduled for, so it cannot
take the next day's slot. If a digest for that date already exists (the subscriber moved
the digest time later the same day), nothing is enqueued and ``last_digest_at`` stays,
so those briefs wait for the next digest instead of being skipped.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from outbox.notices import announce_deliveries
from runtime.episodes import is_transient
from runtime.services import BotServices
from storage.models import DeliveryKind, Subscriber
from storage.repositories import DeliveryRepository, SubscriberRepository
from tick.digest_plans import (
    FIRST_DIGEST_SPAN,
    MAX_DIGEST_BRIEFS,
    DigestCache,
    DigestPlan,
    Seen,
    is_due,
    order_by_importance,
    plan_digests,
    zone_of,
)

__all__ = [
    "DIGESTS_PER_TICK",
    "FIRST_DIGEST_SPAN",
    "MAX_CHUNKS",
    "MAX_DIGEST_BRIEFS",
    "WRITE_BATCH",
    "DigestResult",
    "DigestSummary",
    "enqueue_due_digests",
    "order_by_importance",
    "zone_of",
]

logger = logging.getLogger(__name__)

DIGESTS_PER_TICK = 500  # subscribers per chunk
MAX_CHUNKS = 200  # a tick enqueues at most this many chunks (100,000 digests)
# Digests per write transaction: large enough that commits are few, small enough that the
# write lock (SQLite) is held for a few milliseconds, not seconds.
WRITE_BATCH = 50


class DigestResult(enum.Enum):
    """What happened to one due subscriber."""

    ENQUEUED = "enqueued"
    EMPTY = "empty"  # nothing new: nothing sent, schedule advanced
    ALREADY = "already"  # a digest for that local date exists
    NOT_DUE = "not due"  # no longer due, or changed since it was planned (next pass)


@dataclass
class DigestSummary:
    """What one tick's digest pass did."""

    enqueued: int = 0
    empty: int = 0
    already: int = 0
    failed: int = 0

    def add(self, result: DigestResult) -> None:
        """Count one subscriber's result."""
        self.enqueued += result is DigestResult.ENQUEUED
        self.empty += result is DigestResult.EMPTY
        self.already += result is DigestResult.ALREADY


async def enqueue_due_digests(services: BotServices, now: dt.datetime) -> DigestSummary:
    """Enqueue a digest for every active subscriber whose digest instant has passed.

    In chunks of ``DIGESTS_PER_TICK`` until none is due (at most ``MAX_CHUNKS``): with one
    chunk per minute-tick, 5,000 subscribers due at one minute took ten minutes to enqueue,
    and the worker could send no faster than that.
    """
    summary = DigestSummary()
    for _ in range(MAX_CHUNKS):
        failed_before = summary.failed
        handled = await _enqueue_chunk(services, now, summary)
        if handled < DIGESTS_PER_TICK or summary.failed - failed_before == handled:
            break  # none left, or every one failed (they stay due for the next tick)
    return summary


async def _enqueue_chunk(services: BotServices, now: dt.datetime, summary: DigestSummary) -> int:
    """Enqueue the digests of up to ``DIGESTS_PER_TICK`` due subscribers; how many were due."""
    async with services.read_session_factory() as session, session.begin():
        due = await SubscriberRepository(session).due_for_digest(now, limit=DIGESTS_PER_TICK)
        subscriber_ids = [subscriber.id for subscriber in due]
    for offset in range(0, len(subscriber_ids), WRITE_BATCH):
        batch = subscriber_ids[offset : offset + WRITE_BATCH]
        try:
            await _enqueue_batch(services, batch, now, summary)
        except Exception as error:
            if is_transient(error):
                raise
            logger.exception("digests of %s subscribers failed; retried next tick", len(batch))
            summary.failed += len(batch)
    return len(subscriber_ids)


async def _enqueue_batch(
    services: BotServices, subscriber_ids: Sequence[int], now: dt.datetime, summary: DigestSummary
) -> None:
    """Plan a batch in a read-only session, then write it in one short transaction."""
    async with services.read_session_factory() as session, session.begin():
        found = await session.scalars(
            select(Subscriber).where(Subscriber.id.in_(subscriber_ids)).order_by(Subscriber.id)
        )
        plans, failed = await plan_digests(
            session, found.all(), now, DigestCache(services.catalogues), services.lengths
        )
    summary.failed += failed
    try:
        results = await write_plans(services, plans, now)
    except Exception as error:
        if is_transient(error):
            raise  # an outage ends the stage (tick.job)
        # One bad row must not hold back the others: write them one by one.
        results = []
        for plan in plans:
            try:
                results += await write_plans(services, [plan], now)
            except Exception:
                logger.exception(
                    "digest for subscriber %s failed; retried next tick", plan.subscriber_id
                )
                summary.failed += 1
    for result in results:
        summary.add(result)
    if DigestResult.ENQUEUED in results:
        await announce_deliveries(services)


async def write_plans(
    services: BotServices, plans: Sequence[DigestPlan], now: dt.datetime
) -> list[DigestResult]:
    """In one transaction: for each plan still current, enqueue its digest, advance its schedule."""
    if not plans:
        return []
    async with services.session_factory() as session, session.begin():
        # Locked in id order on PostgreSQL, so two ticks never deadlock on a batch.
        statement = (
            select(Subscriber)
            .where(Subscriber.id.in_([plan.subscriber_id for plan in plans]))
            .order_by(Subscriber.id)
            .with_for_update()
        )
        subscribers = {s.id: s for s in (await session.scalars(statement)).all()}
        current = [
            plan
            for plan in plans
            if (subscriber := subscribers.get(plan.subscriber_id)) is not None
            and is_due(subscriber, now)
            and Seen.of(subscriber) == plan.seen
        ]
        inserted = await DeliveryRepository(session).enqueue_many(
            [
                {
                    "subscriber_id": plan.subscriber_id,
                    "kind": DeliveryKind.DIGEST,
                    "payload": plan.payload,
                    "dedup_key": f"digest:{plan.scheduled_on.isoformat()}",
                    "due_at": now,
                }
                for plan in current
                if plan.payload is not None
            ]
        )
        outcome: dict[int, DigestResult] = {}
        for plan in current:
            subscriber = subscribers[plan.subscriber_id]
            result = DigestResult.EMPTY
            if plan.payload is not None:
                enqueued = plan.subscriber_id in inserted
                result = DigestResult.ENQUEUED if enqueued else DigestResult.ALREADY
            subscriber.next_digest_at = plan.next_at
            if result is not DigestResult.ALREADY:
                subscriber.last_digest_at, subscriber.last_digest_on = now, plan.scheduled_on
            outcome[plan.subscriber_id] = result
    return [outcome.get(plan.subscriber_id, DigestResult.NOT_DUE) for plan in plans]
