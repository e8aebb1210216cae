"""The one error handler: log the failure (the token is redacted by logging) and say sorry.

The apology is in the chat's language: its ``/language`` choice, looked up for at most
:data:`LANGUAGE_LOOKUP_SECONDS` (the failure may be the database's), else the sender's
Telegram language (a channel's: the one seen at its ``/start``), else English.

At most one apology per update: PTB calls the error handler once per failing handler group,
and with the database away both the language lookup (group -1) and the command fail. Each
error is still logged. The apology goes out like every other reply (:func:`send_reply_part`:
the chat's pace and the overall budget, replies first), so it never outruns the chat's limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.error import TelegramError

from bot.context import BotContext
from bot.handlers.common import send_reply_part, telegram_language, thread_of
from rendering.parts import MessagePart
from rendering.text import escape
from rendering.translation import N_, Translator
from runtime.services import BotServices
from storage.repositories import SubscriberRepository

_LOG = logging.getLogger(__name__)
SORRY = N_("Sorry, something went wrong. Please try again in a moment.")
LANGUAGE_LOOKUP_SECONDS = 2.0
# chat_data key: the last update this chat was told about. A chat's updates are handled one at
# a time and in order (bot.updates), so the last one is all that needs remembering.
_APOLOGISED = "briefbot.apologised_update"


async def on_error(update: object, context: BotContext) -> None:
    """Log an exception raised while handling an update; tell the user in one line."""
    error = context.error
    where = f"update {update.update_id}" if isinstance(update, Update) else "a job"
    _LOG.error("error while handling %s: %s", where, error, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if not first_apology(update, context):
        return
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    chat = update.effective_chat
    # A fresh context (the update's translator is not on it): the language is looked up again.
    services = context.bot_data.services
    try:
        if services is None:  # not started or already closed: no pacer to go through
            await chat.send_message(SORRY, message_thread_id=thread_of(update))
            return
        sorry = (await apology_language(update, services)).gettext(SORRY)
        part = MessagePart(escape(sorry))
        await send_reply_part(context, chat.id, part, thread_id=thread_of(update))
    except TelegramError as failure:
        _LOG.warning("could not tell the chat about the error: %s", failure)


def first_apology(update: Update, context: BotContext) -> bool:
    """True the first time for ``update`` (and marks it), False for its later errors."""
    chat_data = context.chat_data
    if chat_data is None:  # no chat: nothing to remember it by (and no chat to tell)
        return True
    if chat_data.get(_APOLOGISED) == update.update_id:
        return False
    chat_data[_APOLOGISED] = update.update_id
    return True


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
