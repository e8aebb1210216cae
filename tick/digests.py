"""Daily digests: for each subscriber whose digest is due, enqueue one and advance the schedule.

Each subscriber is handled in its own transaction: the digest row, the next digest instant
and ``last_digest_at`` / ``last_digest_on`` commit together or not at all.

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
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from rendering.messages import parts_to_payload, render_digest
from runtime.services import BotServices
from storage.models import Brief, DeliveryKind, RuleKind, Subscriber, SubscriberState
from storage.repositories import (
    BriefRepository,
    DeliveryRepository,
    SubscriberRepository,
    TopicRuleRepository,
)
from tick.calendar import local_date_of, next_digest_at
from tick.rules import matching_any

logger = logging.getLogger(__name__)

FIRST_DIGEST_SPAN = dt.timedelta(hours=24)
MAX_DIGEST_BRIEFS = 200
DIGESTS_PER_TICK = 500  # subscribers per chunk
MAX_CHUNKS = 200  # a tick enqueues at most this many chunks (100,000 digests)


class DigestResult(enum.Enum):
    """What happened to one due subscriber."""

    ENQUEUED = "enqueued"
    EMPTY = "empty"  # nothing new: nothing sent, schedule advanced
    ALREADY = "already"  # a digest for that local date exists
    NOT_DUE = "not due"


@dataclass
class DigestSummary:
    """What one tick's digest pass did."""

    enqueued: int = 0
    empty: int = 0
    already: int = 0
    failed: int = 0


def zone_of(subscriber: Subscriber) -> ZoneInfo:
    """The subscriber's zone; UTC if the stored name is unknown to this machine."""
    try:
        return ZoneInfo(subscriber.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


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
    async with services.session_factory() as session, session.begin():
        due = await SubscriberRepository(session).due_for_digest(now, limit=DIGESTS_PER_TICK)
        subscriber_ids = [subscriber.id for subscriber in due]
    for subscriber_id in subscriber_ids:
        try:
            result = await enqueue_digest(services, subscriber_id, now)
        except Exception:
            logger.exception("digest for subscriber %s failed; retried next tick", subscriber_id)
            summary.failed += 1
            continue
        summary.enqueued += result is DigestResult.ENQUEUED
        summary.empty += result is DigestResult.EMPTY
        summary.already += result is DigestResult.ALREADY
    return len(subscriber_ids)


async def enqueue_digest(
    services: BotServices, subscriber_id: int, now: dt.datetime
) -> DigestResult:
    """In one transaction: re-check it is due, enqueue its digest, advance its schedule."""
    async with services.session_factory() as session, session.begin():
        subscriber = await session.get(Subscriber, subscriber_id, with_for_update=True)
        if subscriber is None or not _is_due(subscriber, now):
            return DigestResult.NOT_DUE
        assert subscriber.digest_time is not None and subscriber.next_digest_at is not None
        zone = zone_of(subscriber)
        scheduled_on = local_date_of(subscriber.next_digest_at, zone)
        since = subscriber.last_digest_at or now - FIRST_DIGEST_SPAN
        briefs = await digest_briefs(session, subscriber.id, since, now)
        result = DigestResult.EMPTY
        if briefs:
            parts = render_digest(briefs, local_date=local_date_of(now, zone))
            row = await DeliveryRepository(session).enqueue(
                subscriber.id,
                DeliveryKind.DIGEST,
                due_at=now,
                payload=parts_to_payload(parts),
                dedup_key=f"digest:{scheduled_on.isoformat()}",
            )
            result = DigestResult.ALREADY if row is None else DigestResult.ENQUEUED
        subscriber.next_digest_at = next_digest_at(subscriber.digest_time, zone, now)
        if result is not DigestResult.ALREADY:
            subscriber.last_digest_at, subscriber.last_digest_on = now, scheduled_on
    if result is DigestResult.ENQUEUED:
        services.delivery_wakeup.set()
    return result


def _is_due(subscriber: Subscriber, now: dt.datetime) -> bool:
    """Active, digest on, and its instant has come (checked again under the row lock)."""
    return (
        subscriber.state is SubscriberState.ACTIVE
        and subscriber.digest_time is not None
        and subscriber.next_digest_at is not None
        and subscriber.next_digest_at <= now
    )


async def digest_briefs(
    session: AsyncSession, subscriber_id: int, since: dt.datetime, until: dt.datetime
) -> list[Brief]:
    """Briefs ingested in ``(since, until]`` minus muted ones, most important first.

    Important: matching a followed phrase, then reported more often (``duplicate_count``),
    then newest. At most ``MAX_DIGEST_BRIEFS`` of the newest arrivals are considered.
    """
    briefs = BriefRepository(session)
    rules = TopicRuleRepository(session)
    arrived = await briefs.arrived_since(since, until, limit=MAX_DIGEST_BRIEFS)
    muted = await matching_any(
        briefs, await rules.phrases(subscriber_id, RuleKind.MUTE), [b.id for b in arrived]
    )
    kept = [brief for brief in arrived if brief.id not in muted]
    followed = await matching_any(
        briefs, await rules.phrases(subscriber_id, RuleKind.FOLLOW), [b.id for b in kept]
    )
    return order_by_importance(kept, followed)


def order_by_importance(briefs: Sequence[Brief], followed: set[int]) -> list[Brief]:
    """Followed first, then by ``duplicate_count`` descending, then newest first."""
    return sorted(
        briefs,
        key=lambda b: (b.id not in followed, -b.duplicate_count, -b.ingested_at.timestamp(), -b.id),
    )
