"""The bot's typed callback context (PTB's ``ContextTypes`` pattern): ``context.services``.

The composition root puts the open :class:`BotServices` on :class:`BotData` in ``post_init``;
handlers and jobs read them as ``context.services`` instead of from ``bot_data`` by key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from runtime.services import BotServices


@dataclass
class BotData:
    """What the application shares across chats: the services once ``post_init`` opened them."""

    services: BotServices | None = None

    def require_services(self) -> BotServices:
        """The open services; ``RuntimeError`` before ``post_init`` or after a failed start."""
        if self.services is None:
            raise RuntimeError("the bot's services are not open (post_init has not run)")
        return self.services


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The context every handler and job receives."""

    @property
    def services(self) -> BotServices:
        """The services the composition root opened in ``post_init``."""
        return self.bot_data.require_services()


# The bot type depends on the rate limiter and the job queue's on PTB's builder overloads.
BotApplication = Application[Any, BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]


def context_types() -> ContextTypes[BotContext, dict[Any, Any], dict[Any, Any], BotData]:
    """The ``ContextTypes`` to build the application with."""
    return ContextTypes(context=BotContext, bot_data=BotData)

