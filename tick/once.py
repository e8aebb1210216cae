"""The minute tick once per minute across every instance that shares the database.

On PostgreSQL several ``briefbot run`` processes may schedule the tick. Each minute, the
first to arrive runs it and the others skip it, by two guards:

* an advisory lock held for the whole tick (:func:`storage.locks.singleton`), so two ticks
  never overlap, even one that overruns its minute;
* the minute itself, taken under that lock with a cursor that only moves forward
  (:data:`TICK_CURSOR` = the tick's minute since the epoch), so instances whose timers fire
  at different seconds of the minute do not each run it. Minutes are read from each
  instance's clock, so the instances' clocks are assumed to agree (NTP); a skew only makes
  a minute's tick run twice or wait for the next one, and the stages are safe either way
  (digests re-check under a row lock and have dedup keys, sources are claimed, alerts have
  dedup keys).

SQLite has one process: the tick simply runs (:func:`tick.job.run_tick`).
"""

from __future__ import annotations

import logging
import time

from runtime.services import BotServices
from storage.locks import singleton
from storage.repositories import CursorRepository
from tick.job import TICK_INTERVAL_SECONDS, TickReport, run_tick

logger = logging.getLogger(__name__)

TICK_LOCK = "briefbot-tick"
TICK_CURSOR = "tick_minute"


async def run_tick_once(services: BotServices) -> TickReport:
    """Run the tick unless another instance is running it or ran it this minute; record it.

    The tick counts as a success (``briefbot_tick_last_success_timestamp_seconds``, the
    readiness check) when it ran without an outage, or another instance ran this minute's.
    """
    started = time.perf_counter()
    report = await _tick_once(services)
    succeeded = not report.outage and not (report.skipped is not None and report.errors)
    seconds = time.perf_counter() - started if report.skipped is None else None
    services.metrics.record_tick(seconds, succeeded=succeeded, at=services.now())
    return report


async def _tick_once(services: BotServices) -> TickReport:
    """Run the tick unless another instance is running it or ran it this minute."""
    if services.engine.dialect.name != "postgresql":
        return await run_tick(services)
    try:
        async with singleton(services.engine, TICK_LOCK) as taken:
            if not taken:
                return _skipped("another instance is running the tick")
            if not await _claim_minute(services):
                return _skipped("this minute's tick already ran")
            return await run_tick(services)
    except Exception as error:
        # The stages never raise (see tick.job), so this is the lock or the minute's claim:
        # the database is unreachable. The next minute tries again.
        logger.warning("tick skipped: cannot take the tick lock: %s", error)
        return TickReport(skipped="the database is unreachable", errors=[f"lock: {error!r}"])


async def _claim_minute(services: BotServices) -> bool:
    """Move the tick cursor to this minute; False when it is there already (committed)."""
    minute = int(services.now().timestamp()) // TICK_INTERVAL_SECONDS
    async with services.session_factory() as session, session.begin():
        return await CursorRepository(session).advance(TICK_CURSOR, minute)


def _skipped(reason: str) -> TickReport:
    """The report of a tick this instance left to another, logged at DEBUG."""
    logger.debug("tick skipped: %s", reason)
    return TickReport(skipped=reason)
