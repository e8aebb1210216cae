"""Follow alerts: briefs newer than the alert cursor that match a subscriber's followed phrase.

One tick catches up with every settled brief past the cursor (up to :data:`CATCH_UP_LIMIT`),
reading them :data:`ALERT_BATCH` at a time (ids and times only). Each chat then gets at most
one alert per tick: the brief itself when one matched, else one message listing the first
:data:`ALERT_LIST` matches and "…and K more". Never for a brief ingested before the follow
was created, nor for one the subscriber muted. The alerts and the advanced cursor commit in
one transaction, so a crash re-scans the same briefs, and the dedup key (``alert:<first
brief id>``) keeps them from alerting twice.

A chat with a ``/length`` gets the alert's briefs summarised again at that length
(:class:`ingest.lengths.SummaryLengths`, cached per brief and length, shared with the digests).

On PostgreSQL, briefs ingested in the last ``SETTLE`` are left for the next tick: ids are
taken when a row is inserted, not when it commits, so a brief with a lower id may still
become visible after a higher one; scanning only settled briefs keeps the cursor from
jumping past it. SQLite serialises write transactions, so ids are visible in order there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from ingest.lengths import SummaryLengths
from outbox.notices import announce_deliveries
from rendering.messages import render_alert, render_alert_list
from rendering.parts import MessagePart, parts_to_payload
from rendering.translation import Catalogues
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
ALERT_BATCH = 500  # briefs read and matched at a time
CATCH_UP_LIMIT = 50_000  # most briefs one tick scans (the next tick goes on from there)
ALERT_LIST = 5  # most briefs one alert message lists
SETTLE = dt.timedelta(seconds=10)

Follows = Sequence[tuple[Subscriber, TopicRule]]


@dataclass
class _Matches:
    """What one subscriber's alert will say: how many matched, the first few and by what."""

    total: int = 0
    first: dict[int, str] = field(default_factory=dict)  # brief id -> the phrase it matched
    phrases: list[str] = field(default_factory=list)


async def enqueue_follow_alerts(services: BotServices, now: dt.datetime) -> int:
    """Scan the settled briefs past the cursor; enqueue at most one alert per chat; advance."""
    async with services.session_factory() as session, session.begin():
        cursors = CursorRepository(session)
        start = await cursors.get(ALERT_CURSOR)
        settle = SETTLE if session.get_bind().dialect.name == "postgresql" else dt.timedelta()
        follows = await TopicRuleRepository(session).follows_of_active()
        matches: dict[int, _Matches] = {}
        last = await _scan(session, start, now - settle, follows, matches)
        if last == start:
            return 0
        lengths = {subscriber.id: subscriber.summary_length for subscriber, _ in follows}
        enqueued = await _enqueue_alerts(
            session, matches, now, services.lengths, lengths, services.catalogues
        )
        await cursors.set(ALERT_CURSOR, last)
    if enqueued:
        await announce_deliveries(services)
    return enqueued


async def _scan(
    session: AsyncSession,
    cursor: int,
    settled_by: dt.datetime,
    follows: Follows,
    matches: dict[int, _Matches],
) -> int:
    """Match the settled briefs past ``cursor`` batch by batch into ``matches``; the last id."""
    briefs = BriefRepository(session)
    mutes: dict[int, list[str]] = {}
    scanned = 0
    while scanned < CATCH_UP_LIMIT:
        newer = await briefs.arrivals_after(cursor, min(ALERT_BATCH, CATCH_UP_LIMIT - scanned))
        batch = _settled_prefix(newer, settled_by)
        if not batch:
            break
        if follows:
            await _match_batch(session, dict(batch), follows, mutes, matches)
        cursor, scanned = batch[-1][0], scanned + len(batch)
        if len(batch) < len(newer) or len(newer) < ALERT_BATCH:
            break  # an unsettled brief, or nothing more
    return cursor


def _settled_prefix(
    arrivals: Sequence[tuple[int, dt.datetime]], settled_by: dt.datetime
) -> list[tuple[int, dt.datetime]]:
    """The leading ``(id, ingested_at)`` pairs (ascending id) ingested by ``settled_by``."""
    prefix: list[tuple[int, dt.datetime]] = []
    for arrival in arrivals:
        if arrival[1] > settled_by:
            break
        prefix.append(arrival)
    return prefix


async def _match_batch(
    session: AsyncSession,
    ingested: dict[int, dt.datetime],
    follows: Follows,
    mutes: dict[int, list[str]],
    matches: dict[int, _Matches],
) -> None:
    """Add the batch's matches (``ingested``: brief id -> when) to each subscriber's."""
    briefs = BriefRepository(session)
    hits = {
        phrase: await briefs.matching(phrase, ingested)
        for phrase in sorted({rule.phrase for _, rule in follows})
    }
    chosen: dict[int, dict[int, str]] = {}  # subscriber id -> brief id -> the phrase it matched
    for subscriber, rule in follows:
        per_subscriber = chosen.setdefault(subscriber.id, {})
        for brief_id in sorted(hits[rule.phrase]):
            if ingested[brief_id] > rule.created_at:
                per_subscriber.setdefault(brief_id, rule.shown)
    for subscriber_id, found in chosen.items():
        if not found:
            continue
        if subscriber_id not in mutes:
            rules = TopicRuleRepository(session)
            mutes[subscriber_id] = list(await rules.phrases(subscriber_id, RuleKind.MUTE))
        muted = await matching_any(briefs, mutes[subscriber_id], found)
        summary = matches.setdefault(subscriber_id, _Matches())
        for brief_id, phrase in sorted(found.items()):
            if brief_id in muted:
                continue
            summary.total += 1
            if len(summary.first) < ALERT_LIST:
                summary.first[brief_id] = phrase
            if phrase not in summary.phrases:
                summary.phrases.append(phrase)


async def _enqueue_alerts(
    session: AsyncSession,
    matches: dict[int, _Matches],
    now: dt.datetime,
    summaries: SummaryLengths,
    lengths: dict[int, int | None],
    catalogues: Catalogues,
) -> int:
    """One alert per subscriber with matches, at its ``/length``, in its language; new rows."""
    enqueued = 0
    for subscriber_id, summary in sorted(matches.items()):
        if not summary.first:
            continue
        shown: list[Brief] = []
        for brief_id in summary.first:
            brief = await session.get(Brief, brief_id)
            if brief is not None:
                shown.append(brief)
        if not shown:
            continue  # deleted meanwhile
        subscriber = await session.get(Subscriber, subscriber_id)
        if subscriber is None:
            continue  # deleted meanwhile
        translator = catalogues.resolve(subscriber.language, subscriber.seen_language)
        at_length = await summaries.summaries(shown, lengths.get(subscriber_id))
        parts: list[MessagePart]
        if summary.total == 1:
            phrase = summary.first[shown[0].id]
            parts = [
                render_alert(shown[0], phrase=phrase, summaries=at_length, translator=translator)
            ]
        else:
            parts = render_alert_list(
                shown,
                phrases=summary.phrases,
                total=summary.total,
                summaries=at_length,
                translator=translator,
            )
        row = await DeliveryRepository(session).enqueue(
            subscriber_id,
            DeliveryKind.ALERT,
            due_at=now,
            payload=parts_to_payload(parts),
            brief_id=shown[0].id,
            dedup_key=f"alert:{shown[0].id}",
        )
        enqueued += row is not None
    return enqueued
