"""A chat's command menu follows its /language choice, and is published again when menus change.

Driven through the local Bot API server and the real bot.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.handlers.menus import (
    CHAT_MENUS_CURSOR,
    MENU_CALLS_PER_SECOND,
    menus_fingerprint,
    republish_chat_menus,
)
from local_bot_api import LocalBotApi
from rendering.translation import Catalogues
from storage.engine import create_session_factory
from storage.models import ChatType, Subscriber, SubscriberState
from storage.repositories import CursorRepository, SubscriberRepository
from tests.support.database import Database
from tests.support.world import World, free_port, make_bot, running_bot

RUSSIAN_START = "подписаться на сводки и ежедневный дайджест"
HINDI_START = "ब्रीफ़ और दैनिक डाइजेस्ट की सदस्यता लें"


CATALOGUES = Catalogues.load()
FINGERPRINT = menus_fingerprint(CATALOGUES)


def chat_menu(api: LocalBotApi, chat_id: int) -> list[dict[str, str]] | None:
    """The menu the local server holds for ``chat_id``'s own scope, if any."""
    scope = json.dumps({"chat_id": chat_id, "type": "chat"}, sort_keys=True)
    menu: list[dict[str, str]] | None = api.commands.get(f"{scope}|")
    return menu


async def test_language_gives_the_chat_a_menu_in_it_and_auto_takes_it_away(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")  # Telegram says "en"
    await world.say(chat.id, "/start")
    assert chat_menu(world.api, chat.id) is None
    await world.say(chat.id, "/language ru")
    menu = chat_menu(world.api, chat.id)
    assert menu is not None and menu[0] == {"command": "start", "description": RUSSIAN_START}
    english = world.api.commands['{"type": "default"}|']
    assert [c["command"] for c in menu] == [c["command"] for c in english]
    await world.say(chat.id, "/language auto")
    assert chat_menu(world.api, chat.id) is None


async def test_a_groups_language_is_its_menu_and_a_channel_gets_none(world: World) -> None:
    owner = world.api.create_user("Olga")
    group = world.api.create_group("Newsroom", admins=[owner])
    await world.say(group.id, "/start", user=owner)
    await world.say(group.id, "/language hi", user=owner)
    menu = chat_menu(world.api, group.id)
    assert menu is not None and menu[0]["description"] == HINDI_START
    channel = world.api.create_channel("Wire")
    await world.say(channel.id, "/start")
    [done] = await world.say(channel.id, "/language ru")
    assert done.text is not None and done.text.startswith("Готово")
    assert chat_menu(world.api, channel.id) is None  # Telegram shows channels no menu


async def seed(database: Database) -> None:
    """Chats with and without a chosen language, and the menus' fingerprint out of date."""
    rows = [
        (501, ChatType.PRIVATE, "ru", SubscriberState.ACTIVE),
        (-502, ChatType.GROUP, "hi", SubscriberState.STOPPED),
        (-1003, ChatType.CHANNEL, "ru", SubscriberState.ACTIVE),
        (504, ChatType.PRIVATE, "ru", SubscriberState.BLOCKED),
        (505, ChatType.PRIVATE, None, SubscriberState.ACTIVE),
        (506, ChatType.PRIVATE, "de", SubscriberState.ACTIVE),  # a catalogue since removed
    ]
    async with database.sessions() as sessions, sessions() as session, session.begin():
        for chat_id, chat_type, language, state in rows:
            session.add(
                Subscriber(chat_id=chat_id, chat_type=chat_type, language=language, state=state)
            )
        await CursorRepository(session).set(CHAT_MENUS_CURSOR, 12345)


async def test_at_start_changed_menus_are_published_again_to_chats_that_chose_a_language(
    database: Database,
) -> None:
    await seed(database)
    fingerprint = menus_fingerprint(Catalogues.load())
    async with running_bot(database) as world:
        for _ in range(100):  # the background task moves the cursor once all went through
            async with world.sessions() as session:
                if await CursorRepository(session).get(CHAT_MENUS_CURSOR) == fingerprint:
                    break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the chats' menus were not published again")
        russian, hindi = chat_menu(world.api, 501), chat_menu(world.api, -502)
        assert russian is not None and russian[0]["description"] == RUSSIAN_START
        assert hindi is not None and hindi[0]["description"] == HINDI_START
        for left_out in (-1003, 504, 505, 506):
            assert chat_menu(world.api, left_out) is None, left_out
        deletes = world.api.calls("deleteMyCommands")
        assert [call.status for call in deletes] == [200]  # 506's language is gone: its own goes
        catalogues, engine = world.services.catalogues, world.services.engine
        # Unchanged menus: nothing to publish at the next start.
        assert await republish_chat_menus(world.bot, catalogues, world.sessions, engine) is None


@asynccontextmanager
async def menus_run(database: Database) -> AsyncIterator[tuple[LocalBotApi, Bot, Any, Any]]:
    """The local server, a bot on it, a session factory and an engine on ``database``."""
    engine = database.engine()
    try:
        async with LocalBotApi() as api, make_bot(api) as bot:
            yield api, bot, create_session_factory(engine), engine
    finally:
        await engine.dispose()


async def test_a_429_is_waited_out_and_the_run_goes_on(any_database: Database) -> None:
    await seed(any_database)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    async with menus_run(any_database) as (api, bot, sessions, engine):
        api.fail_next("setMyCommands", status=429, retry_after=7)
        given = await republish_chat_menus(bot, CATALOGUES, sessions, engine, sleep=sleep)
        assert given == 3  # 501, -502, and 506's deletion
        assert 7.0 in waits  # Telegram's retry_after, then the same chat again
        assert all(wait == 1 / MENU_CALLS_PER_SECOND for wait in waits if wait != 7.0)
        assert chat_menu(api, 501) is not None and chat_menu(api, -502) is not None
        async with sessions() as session:
            assert await CursorRepository(session).get(CHAT_MENUS_CURSOR) == FINGERPRINT


async def test_a_group_found_moved_during_the_run_gets_its_menu_in_the_supergroup(
    any_database: Database,
) -> None:
    await seed(any_database)
    async with menus_run(any_database) as (api, bot, sessions, engine):
        upgraded = "Bad Request: group chat was upgraded to a supergroup chat"
        api.fail_next("setMyCommands", status=400, description=upgraded, migrate_to_chat_id=-1009)
        given = await republish_chat_menus(bot, CATALOGUES, sessions, engine, sleep=no_wait)
        assert given == 3
        menu = chat_menu(api, -1009)  # -502, the first in id order, had become -1009
        assert menu is not None and menu[0]["description"] == HINDI_START
        assert chat_menu(api, -502) is None


async def test_a_run_cut_short_goes_on_from_the_chat_after_the_last_done(
    any_database: Database,
) -> None:
    await seed(any_database)

    async def stopped(seconds: float) -> None:  # the bot stops after the first chat
        raise asyncio.CancelledError

    async with menus_run(any_database) as (api, bot, sessions, engine):
        with pytest.raises(asyncio.CancelledError):
            await republish_chat_menus(bot, CATALOGUES, sessions, engine, sleep=stopped)
        assert chat_menu(api, -502) is not None and chat_menu(api, 501) is None  # id order
        first = len(api.calls("setMyCommands"))
        assert await republish_chat_menus(bot, CATALOGUES, sessions, engine, sleep=no_wait) == 2
        # The second run began after -502: 501's menu, then 506's deletion.
        assert len(api.calls("setMyCommands")) == first + 1
        assert chat_menu(api, 501) is not None


async def test_a_language_chosen_during_the_run_is_the_one_published(
    any_database: Database,
) -> None:
    await seed(any_database)

    async def meanwhile(seconds: float) -> None:  # 501 chooses Hindi while -502 is done
        async with any_database.sessions() as sessions, sessions() as session, session.begin():
            subscriber = await SubscriberRepository(session).get_by_chat_id(501)
            assert subscriber is not None
            subscriber.language = "hi"

    async with menus_run(any_database) as (api, bot, sessions, engine):
        await republish_chat_menus(bot, CATALOGUES, sessions, engine, sleep=meanwhile)
        menu = chat_menu(api, 501)
        assert menu is not None and menu[0]["description"] == HINDI_START


async def test_a_network_error_stops_the_run_and_leaves_it_for_the_next_start(
    any_database: Database,
) -> None:
    await seed(any_database)
    engine = any_database.engine()
    sessions = create_session_factory(engine)
    requests = HTTPXRequest(), HTTPXRequest()  # owned here: an uninitialised Bot never closes
    url = f"http://127.0.0.1:{free_port()}/bot"
    unreachable = Bot("1:x", base_url=url, request=requests[0], get_updates_request=requests[1])
    try:
        run = republish_chat_menus(unreachable, CATALOGUES, sessions, engine, sleep=no_wait)
        assert await run == 0
        async with sessions() as session:
            assert await CursorRepository(session).get(CHAT_MENUS_CURSOR) == 12345
    finally:
        await asyncio.gather(*(request.shutdown() for request in requests))
        await engine.dispose()


async def no_wait(seconds: float) -> None:
    """A run's pause, skipped."""


async def test_a_group_become_a_supergroup_keeps_its_chosen_menu(world: World) -> None:
    owner = world.api.create_user("Olga")
    group = world.api.create_group("Newsroom", admins=[owner], supergroup=False)
    await world.say(group.id, "/start", user=owner)
    await world.say(group.id, "/language ru", user=owner)
    supergroup = world.api.migrate_group(group.id)
    for _ in range(100):  # the service message's handler moves the reader, then its menu
        if (menu := chat_menu(world.api, supergroup.id)) is not None:
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError("the supergroup got no menu of its own")
    assert menu[0]["description"] == RUSSIAN_START


async def test_a_chat_back_from_blocking_the_bot_gets_its_chosen_menu_again(world: World) -> None:
    # Blocked chats are passed over when the menus change: one that comes back with /start
    # gets its chosen language's menu again.
    chat = world.api.create_private_chat(first_name="Bob")
    assert chat.user is not None
    await world.say(chat.id, "/start")
    await world.say(chat.id, "/language ru")
    world.api.block_bot(chat.user)
    for _ in range(100):  # the bot hears of the block (my_chat_member) and marks the chat
        async with world.sessions() as session:
            stored = await SubscriberRepository(session).get_by_chat_id(chat.id)
        if stored is not None and stored.state is SubscriberState.BLOCKED:
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError("the chat was not marked blocked")
    scope = json.dumps({"chat_id": chat.id, "type": "chat"}, sort_keys=True)
    world.api.commands.pop(f"{scope}|")  # as if the menus had changed meanwhile
    world.api.unblock_bot(chat.user)
    await world.say(chat.id, "/start")
    menu = chat_menu(world.api, chat.id)
    assert menu is not None and menu[0]["description"] == RUSSIAN_START
