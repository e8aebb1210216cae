"""The bot's job-queue jobs: the minute tick, run with the services of the typed context, and
how a stopping bot ends a tick under way (:func:`stop_ticks`)."""

from __future__ import annotations

import asyncio
import logging

from bot.context import BotApplication, BotContext
from tick.once import run_tick_once

logger = logging.getLogger(__name__)
TICK_JOB_NAME = "briefbot-tick"
# How long a tick running at shutdown may go on before it is cancelled (its transactions roll
# back; the next start's tick does the work).
TICK_STOP_GRACE_SECONDS = 2.0


async def tick_job(context: BotContext) -> None:
    """The job-queue callback: this minute's tick, unless another instance runs it."""
    report = await run_tick_once(context.services)
    if report.skipped is None:
        logger.debug("tick: %s", report)


class TickRuns:
    """The tick job's callback, which knows its runs in progress so shutdown can end them."""

    def __init__(self) -> None:
        self._running: set[asyncio.Task[object]] = set()

    async def run(self, context: BotContext) -> None:
        """One tick; cancelled (the bot is stopping), it ends as a normal run."""
        task = asyncio.current_task()
        assert task is not None
        self._running.add(task)
        try:
            await tick_job(context)
        except asyncio.CancelledError:
            # Only shutdown cancels a tick. Raised on, APScheduler logs "Error running job"
            # with a traceback; the task ends right here, so nothing else awaits the cancel.
            logger.info("tick stopped: the bot is shutting down")
        finally:
            self._running.discard(task)

    async def stop(self, grace: float = TICK_STOP_GRACE_SECONDS) -> None:
        """Let running ticks end within ``grace`` seconds, then cancel them (and wait as long)."""
        running = set(self._running)
        if not running:
            return
        _, late = await asyncio.wait(running, timeout=grace)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late, timeout=grace)


async def stop_ticks(application: BotApplication) -> None:
    """Pause the tick job (no tick starts from now on) and end the running one, if any.

    Called before ``Application.stop``, which waits for running jobs without a bound and then
    shuts the scheduler down, cancelling a tick it started meanwhile (logged as an error).
    """
    job_queue = application.job_queue
    if job_queue is None or not job_queue.scheduler.running:
        return
    job_queue.scheduler.pause()
    for job in job_queue.get_jobs_by_name(TICK_JOB_NAME):
        runs = getattr(job.callback, "__self__", None)
        if isinstance(runs, TickRuns):
            await runs.stop()
