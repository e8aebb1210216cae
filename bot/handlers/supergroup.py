"""A group upgraded to a supergroup: its subscriber follows it to the new chat id."""

from __future__ import annotations

import logging

from telegram import Update

from bot.context import BotContext
from bot.handlers.menus import give_chat_menu
from storage.repositories import SubscriberRepository

_LOG = logging.getLogger(__name__)


def migration_of(update: Update) -> tuple[int, int] | None:
    """``(old chat id, new chat id)`` of a migrate service message, else None.

    Telegram sends two: in the old group one with ``migrate_to_chat_id``, in the new
    supergroup one with ``migrate_from_chat_id``; either is enough.
    """
    message = update.effective_message
    if message is None:
        return None
    if message.migrate_to_chat_id:
        return message.chat.id, message.migrate_to_chat_id
    if message.migrate_from_chat_id:
        return message.migrate_from_chat_id, message.chat.id
    return None


async def migrated(update: Update, context: BotContext) -> None:
    """Move the group's subscriber (rules, outbox and chosen menu with it) to the supergroup;
    no reply.

    Idempotent: the second service message (and the delivery worker, which moves the
    subscriber too when a send answers ``ChatMigrated``) finds nothing left to move.
    """
    ids = migration_of(update)
    if ids is None:
        return
    old_chat_id, new_chat_id = ids
    async with context.services.session_factory() as session, session.begin():
        repository = SubscriberRepository(session)
        moved = None
        if await repository.get_by_chat_id(old_chat_id) is not None:
            moved = await repository.move_chat(old_chat_id, new_chat_id)
        # Moved now or before (by the delivery worker, on a send's ChatMigrated).
        language, _ = await repository.languages_of(new_chat_id)
    if moved is not None:
        _LOG.info("group %s became supergroup %s; subscriber moved", old_chat_id, new_chat_id)
    if language is not None:  # its chosen language's menu, as /language gave the old group
        await give_chat_menu(context.bot, new_chat_id, context.services.catalogues.get(language))
