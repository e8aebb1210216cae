"""One scheduler tick: recover stale sends, enqueue digests, poll sources, enqueue alerts,
prune the shared chat pace.

It needs only :class:`BotServices` (no handlers, no Telegram); the bot schedules it every
minute with :func:`bot.jobs.tick_job`.

Each stage is guarded: a failing stage is logged and noted in the report, and the
others still run, so one broken feed or query never stops digests from going out. A stage
that meets an outage (the database away or locked, :func:`runtime.episodes.is_transient`)
ends the tick there: the stages after it would only fail too. Each stage's failures are
logged as episodes (a line when it starts failing, one when it recovers), not once a minute.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from outbox.chat_pace import prune_chat_pace
from outbox.notices import announce_deliveries
from outbox.worker import lease_of
from runtime.episodes import is_transient
from runtime.services import BotServices
from storage.repositories import DeliveryRepository
from tick.alerts import enqueue_follow_alerts
from tick.digests import DigestSummary, enqueue_due_digests
from tick.polling import PollSummary, poll_due_sources

logger = logging.getLogger(__name__)

TICK_INTERVAL_SECONDS = 60
T = TypeVar("T")


@dataclass
class TickReport:
    """What one tick did; ``errors`` names the stages that failed (empty when all went well)."""

    released: int = 0
    digests: DigestSummary = field(default_factory=DigestSummary)
    polls: PollSummary = field(default_factory=PollSummary)
    alerts: int = 0
    # Rows of chat_pace (shared send budget only) that no longer held any chat back.
    pace_rows_pruned: int = 0
    errors: list[str] = field(default_factory=list)
    # Why this instance did not run the tick (see tick.once); None when it ran.
    skipped: str | None = None
    # A stage met an outage, so the stages after it did not run.
    outage: bool = False


async def run_tick(services: BotServices) -> TickReport:
    """Run every stage once, each at ``services.now()`` as it starts; then wake the worker."""
    report = TickReport()
    report.released = await _stage(
        services, report, "release", 0, lambda: release_stale(services, services.now())
    )
    report.digests = await _stage(
        services,
        report,
        "digests",
        DigestSummary(),
        lambda: enqueue_due_digests(services, services.now()),
    )
    report.polls = await _stage(
        services,
        report,
        "polling",
        PollSummary(),
        lambda: poll_due_sources(services, services.now()),
    )
    services.metrics.digests_enqueued.inc(report.digests.enqueued)
    # A fresh instant: briefs the polls just stored are alerted in this same tick.
    report.alerts = await _stage(
        services, report, "alerts", 0, lambda: enqueue_follow_alerts(services, services.now())
    )
    report.pace_rows_pruned = await _stage(
        services, report, "chat pace", 0, lambda: prune_pace(services)
    )
    await announce_deliveries(services)
    return report


async def prune_pace(services: BotServices) -> int:
    """Delete ``chat_pace`` rows that hold no chat back any more (shared chat pace only)."""
    if services.pacer.shared is None:
        return 0
    return await prune_chat_pace(services.session_factory)


async def release_stale(services: BotServices, now: dt.datetime) -> int:
    """Put rows stuck in ``sending`` past the lease back to pending (see ``outbox.worker``)."""
    async with services.session_factory() as session, session.begin():
        return await DeliveryRepository(session).release_stale(now, lease_of(services))


async def _stage(
    services: BotServices,
    report: TickReport,
    name: str,
    default: T,
    work: Callable[[], Awaitable[T]],
) -> T:
    """Run one stage; on an error log its episode, note it in ``report``, return ``default``."""
    if report.outage:
        report.errors.append(f"{name}: skipped (outage)")
        return default
    episode = services.episodes.get(logger, f"tick stage {name}")
    try:
        result = await work()
    except Exception as error:
        episode.failed(error)
        report.errors.append(f"{name}: {type(error).__name__}: {error}")
        report.outage = is_transient(error)
        return default
    episode.succeeded()
    return result
