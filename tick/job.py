"""One scheduler tick: recover stale sends, enqueue digests, poll sources, enqueue alerts.

It needs only :class:`BotServices` (no handlers, no Telegram); the bot schedules it every
minute with :func:`bot.jobs.tick_job`.

Each stage is guarded: a failing stage is logged and noted in the report, and the
others still run, so one broken feed or query never stops digests from going out.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import TypeVar

from outbox.worker import lease_of
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
    errors: list[str] = field(default_factory=list)
    # Why this instance did not run the tick (see tick.once); None when it ran.
    skipped: str | None = None


async def run_tick(services: BotServices) -> TickReport:
    """Run every stage once, each at ``services.now()`` as it starts; then wake the worker."""
    report = TickReport()
    report.released = await _stage(report, "release", 0, release_stale(services, services.now()))
    report.digests = await _stage(
        report, "digests", DigestSummary(), enqueue_due_digests(services, services.now())
    )
    report.polls = await _stage(
        report, "polling", PollSummary(), poll_due_sources(services, services.now())
    )
    # A fresh instant: briefs the polls just stored are alerted in this same tick.
    report.alerts = await _stage(
        report, "alerts", 0, enqueue_follow_alerts(services, services.now())
    )
    services.delivery_wakeup.set()
    return report


async def release_stale(services: BotServices, now: dt.datetime) -> int:
    """Put rows stuck in ``sending`` past the lease back to pending (see ``outbox.worker``)."""
    async with services.session_factory() as session, session.begin():
        return await DeliveryRepository(session).release_stale(now, lease_of(services))


async def _stage(report: TickReport, name: str, default: T, work: Awaitable[T]) -> T:
    """Await one stage; on an error log it, note it in ``report`` and return ``default``."""
    try:
        return await work
    except Exception as error:
        logger.exception("tick stage %s failed", name)
        report.errors.append(f"{name}: {type(error).__name__}: {error}")
        return default
