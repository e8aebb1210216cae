"""Reading and rendering due digests, outside any write transaction.

Planning reads the subscribers' briefs and rules and renders their digests in a read-only
session: on SQLite it holds no write lock, so command replies and the outbox worker write
meanwhile (:mod:`tick.digests` then writes a batch of plans in one short transaction). The
subscribers of one tick mostly share the same window (``since``: their previous digest, or the
last 24 hours), so a window's briefs, each phrase's matches among them and each rendered digest
are computed once (:class:`DigestCache`), not once per subscriber.

A chat's delivery options shape its digest: ``/digest followed`` keeps only the briefs matching
what it follows (all of them while it follows nothing), and ``/length N`` renders each brief
with its text summarised again at N sentences (:class:`ingest.lengths.SummaryLengths`, shared
by every chat and tick of this process, so a brief is summarised once per length).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ingest.lengths import SummaryLengths
from rendering.messages import render_digest
from rendering.parts import parts_to_payload
from rendering.translation import Catalogues
from storage.models import Brief, DigestScope, RuleKind, Subscriber, SubscriberState, TopicRule
from storage.repositories import BriefRepository
from tick.calendar import local_date_of, next_digest_at

logger = logging.getLogger("tick.digests")

FIRST_DIGEST_SPAN = dt.timedelta(hours=24)
MAX_DIGEST_BRIEFS = 200


@dataclass(frozen=True)
class Seen:
    """The schedule a plan was made from: the write applies the plan only if it is unchanged."""

    state: SubscriberState
    digest_time: dt.time | None
    timezone: str
    next_digest_at: dt.datetime | None
    last_digest_at: dt.datetime | None

    @classmethod
    def of(cls, subscriber: Subscriber) -> Seen:
        """The subscriber's schedule fields as they are now."""
        return cls(
            subscriber.state,
            subscriber.digest_time,
            subscriber.timezone,
            subscriber.next_digest_at,
            subscriber.last_digest_at,
        )


@dataclass(frozen=True)
class DigestPlan:
    """One due subscriber's digest, rendered, and its next instant; not yet written."""

    subscriber_id: int
    seen: Seen
    scheduled_on: dt.date  # the local date of the instant that fell due (the dedup key's)
    next_at: dt.datetime
    payload: dict[str, Any] | None  # None: nothing new, only the schedule advances


@dataclass
class DigestCache:
    """What subscribers sharing a window share: its briefs, phrase matches, rendered digests."""

    # The bot's words in each language (the services' own: loading them reads every .po file).
    catalogues: Catalogues
    arrivals: dict[dt.datetime, list[Brief]] = field(default_factory=dict)
    matches: dict[tuple[str, dt.datetime], set[int]] = field(default_factory=dict)
    # (brief ids, local date, summary length, language) -> the rendered digest
    payloads: dict[tuple[tuple[int, ...], dt.date, int | None, str], dict[str, Any]] = field(
        default_factory=dict
    )


def zone_of(subscriber: Subscriber | Seen) -> ZoneInfo:
    """The subscriber's zone; UTC if the stored name is unknown to this machine."""
    try:
        return ZoneInfo(subscriber.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def is_due(subscriber: Subscriber | Seen, now: dt.datetime) -> bool:
    """Active, digest on, and its instant has come."""
    return (
        subscriber.state is SubscriberState.ACTIVE
        and subscriber.digest_time is not None
        and subscriber.next_digest_at is not None
        and subscriber.next_digest_at <= now
    )


async def plan_digests(
    session: AsyncSession,
    subscribers: Sequence[Subscriber],
    now: dt.datetime,
    cache: DigestCache,
    lengths: SummaryLengths | None = None,
) -> tuple[list[DigestPlan], int]:
    """Plans for the due ones among ``subscribers``, and how many could not be planned.

    ``lengths`` summarises briefs at a chat's ``/length``; without it every digest uses the
    stored summaries.
    """
    rules = await phrases_of(session, [subscriber.id for subscriber in subscribers])
    plans, failed = [], 0
    for subscriber in subscribers:
        if not is_due(subscriber, now):
            continue
        try:
            plans.append(await _plan(session, subscriber, rules, now, cache, lengths))
        except Exception:
            logger.exception("digest for subscriber %s failed; retried next tick", subscriber.id)
            failed += 1
    return plans, failed


async def _plan(
    session: AsyncSession,
    subscriber: Subscriber,
    rules: dict[tuple[int, RuleKind], list[str]],
    now: dt.datetime,
    cache: DigestCache,
    lengths: SummaryLengths | None,
) -> DigestPlan:
    """Render one due subscriber's digest (cached when another had the same one)."""
    seen = Seen.of(subscriber)
    assert seen.digest_time is not None and seen.next_digest_at is not None
    zone = zone_of(seen)
    since = seen.last_digest_at or now - FIRST_DIGEST_SPAN
    briefs = await _digest_briefs(
        session,
        since,
        now,
        rules.get((subscriber.id, RuleKind.MUTE), []),
        rules.get((subscriber.id, RuleKind.FOLLOW), []),
        cache,
        only_followed=subscriber.digest_scope is DigestScope.FOLLOWED,
    )
    payload = None
    if briefs:
        local_date = local_date_of(now, zone)
        length = None if lengths is None else lengths.resummarised(subscriber.summary_length)
        translator = cache.catalogues.resolve(subscriber.language, subscriber.seen_language)
        key = (tuple(brief.id for brief in briefs), local_date, length, translator.language)
        payload = cache.payloads.get(key)
        if payload is None:
            summaries = None if lengths is None else await lengths.summaries(briefs, length)
            rendered = render_digest(
                briefs, local_date=local_date, summaries=summaries, translator=translator
            )
            payload = parts_to_payload(rendered)
            cache.payloads[key] = payload
    return DigestPlan(
        subscriber.id,
        seen,
        local_date_of(seen.next_digest_at, zone),
        next_digest_at(seen.digest_time, zone, now),
        payload,
    )


async def phrases_of(
    session: AsyncSession, subscriber_ids: Sequence[int]
) -> dict[tuple[int, RuleKind], list[str]]:
    """Every rule of these subscribers in one query: (subscriber id, kind) -> phrases."""
    found: dict[tuple[int, RuleKind], list[str]] = defaultdict(list)
    if not subscriber_ids:
        return found
    statement = (
        select(TopicRule.subscriber_id, TopicRule.kind, TopicRule.phrase)
        .where(TopicRule.subscriber_id.in_(subscriber_ids))
        .order_by(TopicRule.subscriber_id, TopicRule.kind, TopicRule.phrase)
    )
    for subscriber_id, kind, phrase in (await session.execute(statement)).all():
        found[(subscriber_id, kind)].append(phrase)
    return found


async def _digest_briefs(
    session: AsyncSession,
    since: dt.datetime,
    until: dt.datetime,
    mutes: Sequence[str],
    follows: Sequence[str],
    cache: DigestCache,
    *,
    only_followed: bool = False,
) -> list[Brief]:
    """Briefs ingested in ``(since, until]`` minus muted ones, most important first.

    Important: matching a followed phrase, then reported more often (``duplicate_count``),
    then newest. At most ``MAX_DIGEST_BRIEFS`` of the newest arrivals are considered.
    ``only_followed`` (``/digest followed``) keeps only those matching a followed phrase; a
    chat that follows nothing gets them all (``/digest followed`` told it so when it was set).
    """
    briefs = BriefRepository(session)
    arrived = cache.arrivals.get(since)
    if arrived is None:
        arrived = await briefs.arrived_since(since, until, limit=MAX_DIGEST_BRIEFS)
        cache.arrivals[since] = arrived
    muted = await _matching_any(briefs, mutes, since, arrived, cache)
    kept = [brief for brief in arrived if brief.id not in muted]
    followed = await _matching_any(briefs, follows, since, arrived, cache)
    if only_followed and follows:
        kept = [brief for brief in kept if brief.id in followed]
    return order_by_importance(kept, followed)


async def _matching_any(
    briefs: BriefRepository,
    phrases: Sequence[str],
    since: dt.datetime,
    arrived: Sequence[Brief],
    cache: DigestCache,
) -> set[int]:
    """The ids among the window's briefs that at least one of ``phrases`` matches."""
    hits: set[int] = set()
    for phrase in phrases:
        key = (phrase, since)
        if key not in cache.matches:
            cache.matches[key] = await briefs.matching(phrase, [brief.id for brief in arrived])
        hits |= cache.matches[key]
    return hits


def order_by_importance(briefs: Sequence[Brief], followed: set[int]) -> list[Brief]:
    """Followed first, then by ``duplicate_count`` descending, then newest first."""
    return sorted(
        briefs,
        key=lambda b: (b.id not in followed, -b.duplicate_count, -b.ingested_at.timestamp(), -b.id),
    )
