"""Command latency: each command's callback timed into ``briefbot_command_duration_seconds``."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot.context import BotContext
from runtime.metrics import OTHER_COMMAND

Callback = Callable[[Update, BotContext], Coroutine[Any, Any, Any]]

__all__ = ["OTHER_COMMAND", "Callback", "timed"]


def timed(command: str, callback: Callback) -> Callback:
    """``callback``, recording how long each call took under ``command`` (errors included).

    ``command`` is a name from the bot's own table or :data:`OTHER_COMMAND`, never user text,
    so the label set stays bounded.
    """

    @functools.wraps(callback)
    async def run(update: Update, context: BotContext) -> Any:
        started = time.perf_counter()
        try:
            return await callback(update, context)
        finally:
            services = context.bot_data.services
            if services is not None:
                services.metrics.record_command(command, time.perf_counter() - started)

    return run
