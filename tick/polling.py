"""Polling the feeds and pages that are due, a bounded number per tick, never raising."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass

from ingest.phrases import Phrase
from ingest.polling import poll_source
from ingest.sources.registry import POLLED_KINDS
from runtime.services import BotServices
from storage.models import Source
from storage.repositories import SourceRepository
from tick.source_health import notify_admins

logger = logging.getLogger(__name__)

POLLS_PER_TICK = 8
POLL_CONCURRENCY = 4
# A slow source must not hold up the tick (and with it digests and alerts) for long.
POLL_TIMEOUT_SECONDS = 45.0
# A claimed source whose poll never recorded an outcome (the instance died) is due again then.
POLL_CLAIM = dt.timedelta(minutes=5)


@dataclass
class PollSummary:
    """What one tick's polling did."""

    polled: int = 0
    stored: int = 0
    failed: int = 0


async def poll_due_sources(services: BotServices, now: dt.datetime) -> PollSummary:
    """Poll up to ``POLLS_PER_TICK`` due feeds/pages, a few at a time; errors become failures."""
    # Claimed and committed before any fetch: another instance's tick (or an overrunning one
    # of ours) finds them not due, so a source is fetched once per due time.
    async with services.session_factory() as session, session.begin():
        claimed = await SourceRepository(session).claim_due(
            now, kinds=POLLED_KINDS, limit=POLLS_PER_TICK, hold=POLL_CLAIM
        )
    summary = PollSummary()
    gate = asyncio.Semaphore(POLL_CONCURRENCY)

    async def poll(source: Source) -> None:
        async with gate:
            await _poll_one(services, source, now, summary)

    await asyncio.gather(*(poll(source) for source in claimed))
    return summary


async def _poll_one(
    services: BotServices, source: Source, now: dt.datetime, summary: PollSummary
) -> None:
    """Poll one source; an unexpected error or a timeout is recorded as a failed poll."""
    summary.polled += 1
    failures_before = source.consecutive_failures
    error_said: str | None = None
    try:
        report = await asyncio.wait_for(
            poll_source(
                source,
                session_factory=services.session_factory,
                fetcher=services.fetcher,
                summarize=services.summarize,
                now=now,
            ),
            POLL_TIMEOUT_SECONDS,
        )
    except Exception as error:
        summary.failed += 1
        timed_out = isinstance(error, TimeoutError)
        services.metrics.record_poll("timeout" if timed_out else "failed")
        reason = Phrase("poll timed out") if timed_out else repr(error)
        error_said = reason
        logger.warning("polling source %s failed: %s", source.id, reason)
        await _record_failure(services, source.id, reason, now)
    else:
        services.metrics.record_poll(
            "ok" if report.source_error is None else "failed", report.stored
        )
        summary.stored += report.stored
        error_said = report.source_error
    try:
        await notify_admins(services, source.id, failures_before, now, error_said)
    except Exception:
        logger.exception("could not tell the admins about source %s", source.id)


async def _record_failure(
    services: BotServices, source_id: int, reason: str, now: dt.datetime
) -> None:
    """Back the source off as for a fetch error; a database error here is only logged."""
    try:
        async with services.session_factory() as session, session.begin():
            repository = SourceRepository(session)
            source = await repository.get(source_id)
            if source is not None:
                await repository.record_failure(source, reason, now)
    except Exception:
        logger.exception("could not record the failed poll of source %s", source_id)
