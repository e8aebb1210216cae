"""The one error handler: log the failure (the token is redacted by logging) and say sorry."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError

from bot.context import BotContext
from bot.handlers.common import thread_of
from rendering.translation import N_

_LOG = logging.getLogger(__name__)
SORRY = N_("Sorry, something went wrong. Please try again in a moment.")


async def on_error(update: object, context: BotContext) -> None:
    """Log an exception raised while handling an update; tell the user in one line."""
    error = context.error
    where = f"update {update.update_id}" if isinstance(update, Update) else "a job"
    _LOG.error("error while handling %s: %s", where, error, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    # A fresh context (the update's translator is not on it): the sender's Telegram language.
    services = context.bot_data.services
    user = update.effective_user
    if services is not None:
        translator = services.catalogues.resolve(None, user.language_code if user else None)
        sorry = translator.gettext(SORRY)
    else:
        sorry = SORRY
    try:
        await update.effective_chat.send_message(sorry, message_thread_id=thread_of(update))
    except TelegramError as failure:
        _LOG.warning("could not tell the chat about the error: %s", failure)
