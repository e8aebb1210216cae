"""The one error handler: log the failure (the token is redacted by logging) and say sorry.

The apology is in the chat's language: its ``/language`` choice, looked up for at most
:data:`LANGUAGE_LOOKUP_SECONDS` (the failure may be the database's), else the sender's
Telegram language (a channel's: the one seen at its ``/start``), else English.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.error import TelegramError

from bot.context import BotContext
from bot.handlers.common import telegram_language, thread_of
from rendering.translation import N_, Translator
from runtime.services import BotServices
from storage.repositories import SubscriberRepository

_LOG = logging.getLogger(__name__)
SORRY = N_("Sorry, something went wrong. Please try again in a moment.")
LANGUAGE_LOOKUP_SECONDS = 2.0


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
    # A fresh context (the update's translator is not on it): the language is looked up again.
    services = context.bot_data.services
    sorry = SORRY if services is None else (await apology_language(update, services)).gettext(SORRY)
    try:
        await update.effective_chat.send_message(sorry, message_thread_id=thread_of(update))
    except TelegramError as failure:
        _LOG.warning("could not tell the chat about the error: %s", failure)


async def apology_language(update: Update, services: BotServices) -> Translator:
    """The chat's ``/language`` choice if the database answers in time, else Telegram's."""
    chat = update.effective_chat
    choice = seen = None
    if chat is not None:
        try:
            async with asyncio.timeout(LANGUAGE_LOOKUP_SECONDS):
                async with services.read_session_factory() as session, session.begin():
                    choice, seen = await SubscriberRepository(session).languages_of(chat.id)
        except (TimeoutError, SQLAlchemyError, OSError) as failure:
            _LOG.warning("the apology's language: no /language choice (%s)", failure)
    return services.catalogues.resolve(choice, telegram_language(update, seen))
