"""The bot's job-queue jobs: the minute tick, run with the services of the typed context."""

from __future__ import annotations

import logging

from bot.context import BotContext
from tick.job import run_tick

logger = logging.getLogger(__name__)


async def tick_job(context: BotContext) -> None:
    """The job-queue callback: one tick (see :func:`tick.job.run_tick`)."""
    report = await run_tick(context.services)
    logger.debug("tick: %s", report)
