"""Follow alerts: briefs newer than the alert cursor that match a subscriber's followed phrase.

One alert per chat per brief (dedup key ``alert:<brief id>``), even when several of the
subscriber's phrases match; never for a brief ingested before the follow was created, nor for
one the subscriber muted. The alerts and the advanced cursor commit in one transaction, so a
crash re-scans the batch and the dedup keys keep it from alerting twice.

On PostgreSQL, briefs ingested in the last ``SETTLE`` are left for the next tick: ids are
taken when a row is inserted, not when it commits, so a brief with a lower id may still
become visible after a higher one; scanning only settled briefs keeps the cursor from
jumping past it. SQLite serialises write transactions, so ids are visible in order there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from rendering.messages import parts_to_payload, render_alert
from runtime.services import BotServices
from storage.models import Brief, DeliveryKind, RuleKind, Subscriber, TopicRule
from storage.repositories import (
    BriefRepository,
    CursorRepository,
    DeliveryRepository,
    TopicRuleRepository,
)
from tick.rules import matching_any

ALERT_CURSOR = "follow_alerts"
ALERT_BATCH = 200
SETTLE = dt.timedelta(seconds=10)


async def enqueue_follow_alerts(services: BotServices, now: dt.datetime) -> int:
    """Scan one batch of settled briefs past the cursor; enqueue alerts; advance the cursor."""
    async with services.session_factory() as session, session.begin():
        cursors = CursorRepository(session)
        newer = await BriefRepository(session).newer_than_id(
            await cursors.get(ALERT_CURSOR), ALERT_BATCH
        )
        settle = SETTLE if session.get_bind().dialect.name == "postgresql" else dt.timedelta()
        batch = _settled_prefix(newer, now - settle)
        if not batch:
            return 0
        follows = await TopicRuleRepository(session).follows_of_active()
        enqueued = await _enqueue_alerts(session, batch, follows, now) if follows else 0
        await cursors.set(ALERT_CURSOR, batch[-1].id)
    if enqueued:
        services.delivery_wakeup.set()
    return enqueued


def _settled_prefix(briefs: Sequence[Brief], settled_by: dt.datetime) -> list[Brief]:
    """The leading briefs (ascending id) ingested by ``settled_by``."""
    prefix: list[Brief] = []
    for brief in briefs:
        if brief.ingested_at > settled_by:
            break
        prefix.append(brief)
    return prefix


async def _enqueue_alerts(
    session: AsyncSession,
    batch: Sequence[Brief],
    follows: Sequence[tuple[Subscriber, TopicRule]],
    now: dt.datetime,
) -> int:
    """Enqueue the alerts for ``batch``; how many new rows."""
    briefs = BriefRepository(session)
    by_id = {brief.id: brief for brief in batch}
    hits = {
        phrase: await briefs.matching(phrase, by_id)
        for phrase in sorted({rule.phrase for _, rule in follows})
    }
    chosen: dict[int, dict[int, str]] = {}  # subscriber id -> brief id -> the phrase it matched
    for subscriber, rule in follows:
        per_subscriber = chosen.setdefault(subscriber.id, {})
        for brief_id in sorted(hits[rule.phrase]):
            if by_id[brief_id].ingested_at > rule.created_at:
                per_subscriber.setdefault(brief_id, rule.phrase)
    enqueued = 0
    for subscriber_id, matches in chosen.items():
        if not matches:
            continue
        mutes = await TopicRuleRepository(session).phrases(subscriber_id, RuleKind.MUTE)
        muted = await matching_any(briefs, mutes, matches)
        for brief_id, phrase in sorted(matches.items()):
            if brief_id in muted:
                continue
            row = await DeliveryRepository(session).enqueue(
                subscriber_id,
                DeliveryKind.ALERT,
                due_at=now,
                payload=parts_to_payload([render_alert(by_id[brief_id], phrase=phrase)]),
                brief_id=brief_id,
                dedup_key=f"alert:{brief_id}",
            )
            enqueued += row is not None
    return enqueued
