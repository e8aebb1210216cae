"""``@admins_only``: a command only briefbot's admins (``BRIEFBOT_ADMIN_IDS``) may use.

Anyone else is told so in the chat's language, and the command does nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.handlers.common import reply
from rendering.translation import N_

REFUSAL = N_("Only briefbot's admins can do that.")
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


def is_admin(update: Update, context: BotContext) -> bool:
    """Whether the sender is one of the configured admins."""
    user = update.effective_user
    return user is not None and user.id in context.services.settings.admin_ids


def admins_only(handler: Handler) -> Handler:
    """``handler`` for admins; everyone else gets :data:`REFUSAL` in their language."""

    @functools.wraps(handler)
    async def for_admins(update: Update, context: BotContext) -> None:
        if not is_admin(update, context):
            await reply(update, context, context.translator.gettext(REFUSAL))
            return
        await handler(update, context)

    return for_admins
