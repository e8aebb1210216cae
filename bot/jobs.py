"""The bot's job-queue jobs: the minute tick, run with the services of the typed context."""

from __future__ import annotations

import logging

from bot.context import BotContext
from tick.once import run_tick_once

logger = logging.getLogger(__name__)


async def tick_job(context: BotContext) -> None:
    """The job-queue callback: this minute's tick, unless another instance runs it."""
    report = await run_tick_once(context.services)
    if report.skipped is None:
        logger.debug("tick: %s", report)
