"""The command menu Telegram shows beside the message box, in each reader's language.

Telegram picks a chat's menu by scope, then by the user's app language: a menu set for the
chat itself (``BotCommandScopeChat``) wins over the default scope in any language. So the
default menu is published in English and in each other catalogue's language for the users
whose app speaks it, and a chat that chose a language with ``/language CODE`` gets a menu of
its own in that language (``/language auto`` deletes it, and the app's language rules again).

Those per-chat menus are copies: when the menu changes (a command, a description, a new
translation), each must be published again. Its fingerprint is kept as a cursor; at start, when
it differs from the menu built now, every chat with a chosen language (channels, which show no
menu, and blocked chats aside) gets its menu again, in the background and in one instance only
(an advisory lock on PostgreSQL): in chat id order, :data:`MENU_CALLS_PER_SECOND` at most, a
429 waited out as Telegram asks, each chat's language read just before its call (a
``/language`` meanwhile wins), and the last chat done kept as a cursor, so a run a network
error or a stop cut short goes on from there at the next start. The fingerprint cursor moves
once all went through.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

from outbox.outcomes import retry_after_seconds
from rendering.translation import N_, Catalogues, Translator
from storage.locks import singleton
from storage.models import ChatType, Subscriber, SubscriberState
from storage.repositories import CursorRepository, SubscriberRepository

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
# The cursor holding the fingerprint of the menus the chats with a chosen language were given;
# the fingerprint a run is publishing, and the last chat id it did.
CHAT_MENUS_CURSOR = "chat_command_menus"
CHAT_MENUS_TARGET = "chat_command_menus_target"
CHAT_MENUS_PROGRESS = "chat_command_menus_done"
# setMyCommands is no message, but every method has its limits: a run's pace.
MENU_CALLS_PER_SECOND = 10
FIRST_CHAT = -(2**63)  # below every chat id: a run from the start


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


async def give_chat_menu(bot: Bot, chat_id: int, translator: Translator | None) -> None:
    """:func:`publish_chat_menu` from a handler: any Telegram error is logged, never raised
    (what the chat asked for stands; the menu follows at the next start's run)."""
    try:
        await publish_chat_menu(bot, chat_id, translator)
    except TelegramError as error:
        _LOG.warning("command menu of chat %s not published: %s", chat_id, error)


async def republish_chat_menus(
    bot: Bot,
    catalogues: Catalogues,
    sessions: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> int | None:
    """Publish again the menu of every chat with a chosen language, if the menus changed.

    How many chats were given theirs (None: unchanged, or another instance is at it). A chat
    that is gone or moved is skipped; a network or server error stops the run, to go on at the
    next start (see the module docstring).
    """
    fingerprint = menus_fingerprint(catalogues)
    async with singleton(engine, CHAT_MENUS_CURSOR) as taken:
        if not taken:
            return None
        async with sessions() as session:
            cursors = CursorRepository(session)
            if await cursors.get(CHAT_MENUS_CURSOR) == fingerprint:
                return None
            resumed = await cursors.get(CHAT_MENUS_TARGET) == fingerprint
            after = await cursors.get(CHAT_MENUS_PROGRESS) if resumed else FIRST_CHAT
            chosen = await _chats_with_a_language(session, after)
        if not resumed:  # a new run: from the first chat
            await _set_cursors(
                sessions, {CHAT_MENUS_TARGET: fingerprint, CHAT_MENUS_PROGRESS: FIRST_CHAT}
            )
        given = 0
        try:
            for chat_id in chosen:
                given += await _publish_again(bot, catalogues, sessions, chat_id, sleep)
                await _set_cursors(sessions, {CHAT_MENUS_PROGRESS: chat_id})
                await sleep(1 / MENU_CALLS_PER_SECOND)
        except TelegramError as error:
            _LOG.warning(
                "chat command menus: stopped after %s of %s, to go on at the next start: %s",
                given, len(chosen), error,
            )  # fmt: skip
            return given
        await _set_cursors(sessions, {CHAT_MENUS_CURSOR: fingerprint})
    if chosen:
        _LOG.info("chat command menus published again: %s of %s chats", given, len(chosen))
    return given


async def _chats_with_a_language(session: AsyncSession, after: int) -> list[int]:
    """The chats after ``after`` that chose a language (channels and blocked chats aside),
    in id order."""
    statement = select(Subscriber.chat_id).where(
        Subscriber.language.is_not(None),
        Subscriber.chat_type != ChatType.CHANNEL,  # a channel has no menu
        Subscriber.state != SubscriberState.BLOCKED,
    )
    statement = statement.where(Subscriber.chat_id > after).order_by(Subscriber.chat_id)
    return list((await session.scalars(statement)).all())


async def _publish_again(
    bot: Bot,
    catalogues: Catalogues,
    sessions: async_sessionmaker[AsyncSession],
    chat_id: int,
    sleep: Callable[[float], Awaitable[None]],
) -> bool:
    """One chat's menu in the language it has chosen now; whether Telegram took it."""
    async with sessions() as session:
        choice, _ = await SubscriberRepository(session).languages_of(chat_id)
    if choice is None:
        return False  # back to Telegram's language since: its /language deleted the menu
    migrated = False
    while True:
        try:
            # A language no longer offered: the chat's own menu goes, the app's language rules.
            return await publish_chat_menu(bot, chat_id, catalogues.get(choice))
        except RetryAfter as error:
            await sleep(retry_after_seconds(error))
        except ChatMigrated as error:  # a group become a supergroup: the menu goes there, once
            if migrated:
                return False
            chat_id, migrated = error.new_chat_id, True


async def _set_cursors(sessions: async_sessionmaker[AsyncSession], values: dict[str, int]) -> None:
    async with sessions() as session, session.begin():
        cursors = CursorRepository(session)
        for name, value in values.items():
            await cursors.set(name, value)
