"""The command menu Telegram shows beside the message box, in each reader's language.

Telegram picks a chat's menu by scope, then by the user's app language: a menu set for the
chat itself (``BotCommandScopeChat``) wins over the default scope in any language. So the
default menu is published in English and in each other catalogue's language for the users
whose app speaks it, and a chat that chose a language with ``/language CODE`` gets a menu of
its own in that language (``/language auto`` deletes it, and the app's language rules again).

Those per-chat menus are copies: when the menu changes (a command, a description, a new
translation), each must be published again. Its fingerprint is kept as a cursor; at start, when
it differs from the menu built now, every chat with a chosen language gets its menu again, one
call after another (``setMyCommands`` is not a message: no per-chat pace applies), and the
cursor moves only when all went through, so an interrupted run is done again at the next start.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import BadRequest, Forbidden, TelegramError

from rendering.translation import N_, Catalogues, Translator
from storage.models import ChatType, Subscriber, SubscriberState
from storage.repositories import CursorRepository

_LOG = logging.getLogger(__name__)

# (command, description) in the menu's order; admin commands are left out.
MENU: tuple[tuple[str, str], ...] = (
    ("start", N_("subscribe to briefs and the daily digest")),
    ("stop", N_("unsubscribe")),
    ("latest", N_("the newest briefs: /latest [N]")),
    ("topic", N_("briefs about a topic: /topic israel")),
    ("follow", N_("get new briefs about a word as they arrive")),
    ("unfollow", N_("stop following a word")),
    ("following", N_("what you follow and mute")),
    ("mute", N_("keep a word out of digests and alerts")),
    ("unmute", N_("unmute a word")),
    ("digest", N_("show or set the daily digest")),
    ("length", N_("summary sentences per brief: /length 1-5")),
    ("previews", N_("link previews: /previews on|off")),
    ("silent", N_("digests and alerts without sound: /silent on|off")),
    ("settings", N_("your subscription at a glance")),
    ("language", N_("the language I speak here: /language ru")),
    ("help", N_("what I can do")),
    ("channel", N_("deliver to a channel you administer")),
)
# The cursor holding the fingerprint of the menus the chats with a chosen language were given.
CHAT_MENUS_CURSOR = "chat_command_menus"


def bot_commands(translator: Translator) -> list[BotCommand]:
    """The command menu in ``translator``'s language."""
    return [BotCommand(name, translator.gettext(text)) for name, text in MENU]


def menus_fingerprint(catalogues: Catalogues) -> int:
    """A number that changes when any language's menu does (63 bits: a BIGINT cursor)."""
    digest = hashlib.sha256()
    for translator in catalogues.translators:
        for command in bot_commands(translator):
            digest.update(
                f"{translator.language}\0{command.command}\0{command.description}\0".encode()
            )
    return int.from_bytes(digest.digest()[:8], "big") >> 1


async def publish_command_menus(bot: Bot, catalogues: Catalogues) -> None:
    """setMyCommands in English for everyone, then in each other language for its speakers."""
    await bot.set_my_commands(bot_commands(catalogues.english))
    for translator in catalogues.translators:
        if translator is not catalogues.english:
            await bot.set_my_commands(bot_commands(translator), language_code=translator.language)


async def publish_chat_menu(bot: Bot, chat_id: int, translator: Translator | None) -> bool:
    """Give ``chat_id`` the menu in ``translator``'s language, or drop its own (None).

    Whether Telegram took it; a chat that is gone or refuses is only logged: the chat's
    language is chosen all the same.
    """
    scope = BotCommandScopeChat(chat_id)
    try:
        if translator is None:
            await bot.delete_my_commands(scope=scope)
        else:
            await bot.set_my_commands(bot_commands(translator), scope=scope)
    except (BadRequest, Forbidden) as error:
        _LOG.info("no command menu for chat %s: %s", chat_id, error)
        return False
    return True


async def republish_chat_menus(
    bot: Bot, catalogues: Catalogues, sessions: async_sessionmaker[AsyncSession]
) -> int | None:
    """Publish again the menu of every chat with a chosen language, if the menus changed.

    How many chats were given theirs (None: the menus had not changed). A chat that is gone
    is skipped; a network or server error stops the run, to be done again at the next start.
    """
    fingerprint = menus_fingerprint(catalogues)
    async with sessions() as session:
        if await CursorRepository(session).get(CHAT_MENUS_CURSOR) == fingerprint:
            return None
        rows = await session.execute(
            select(Subscriber.chat_id, Subscriber.language).where(
                Subscriber.language.is_not(None),
                Subscriber.chat_type != ChatType.CHANNEL,  # a channel has no menu
                Subscriber.state != SubscriberState.BLOCKED,
            )
        )
        chosen = [(chat_id, language) for chat_id, language in rows if language]
    given = 0
    try:
        for chat_id, language in chosen:
            # A language no longer offered: the chat's own menu goes, the app's language rules.
            given += await publish_chat_menu(bot, chat_id, catalogues.get(language))
    except TelegramError as error:
        _LOG.warning("chat command menus: stopped after %s of %s: %s", given, len(chosen), error)
        return given
    async with sessions() as session, session.begin():
        await CursorRepository(session).set(CHAT_MENUS_CURSOR, fingerprint)
    if chosen:
        _LOG.info("chat command menus published again: %s of %s chats", given, len(chosen))
    return given
