"""A chat's command menu follows its /language choice, and is published again when menus change.

Driven through the local Bot API server and the real bot.
"""

from __future__ import annotations

import asyncio
import json

from telegram import Bot

from bot.handlers.menus import CHAT_MENUS_CURSOR, menus_fingerprint, republish_chat_menus
from rendering.translation import Catalogues
from storage.models import ChatType, Subscriber, SubscriberState
from storage.repositories import CursorRepository
from tests.support.database import Database
from tests.support.world import World, free_port, running_bot

RUSSIAN_START = "подписаться на сводки и ежедневный дайджест"
HINDI_START = "ब्रीफ़ और दैनिक डाइजेस्ट की सदस्यता लें"


def chat_menu(world: World, chat_id: int) -> list[dict[str, str]] | None:
    """The menu the local server holds for ``chat_id``'s own scope, if any."""
    scope = json.dumps({"chat_id": chat_id, "type": "chat"}, sort_keys=True)
    menu: list[dict[str, str]] | None = world.api.commands.get(f"{scope}|")
    return menu


async def test_language_gives_the_chat_a_menu_in_it_and_auto_takes_it_away(world: World) -> None:
    chat = world.api.create_private_chat(first_name="Bob")  # Telegram says "en"
    await world.say(chat.id, "/start")
    assert chat_menu(world, chat.id) is None
    await world.say(chat.id, "/language ru")
    menu = chat_menu(world, chat.id)
    assert menu is not None and menu[0] == {"command": "start", "description": RUSSIAN_START}
    english = world.api.commands['{"type": "default"}|']
    assert [c["command"] for c in menu] == [c["command"] for c in english]
    await world.say(chat.id, "/language auto")
    assert chat_menu(world, chat.id) is None


async def test_a_groups_language_is_its_menu_and_a_channel_gets_none(world: World) -> None:
    owner = world.api.create_user("Olga")
    group = world.api.create_group("Newsroom", admins=[owner])
    await world.say(group.id, "/start", user=owner)
    await world.say(group.id, "/language hi", user=owner)
    menu = chat_menu(world, group.id)
    assert menu is not None and menu[0]["description"] == HINDI_START
    channel = world.api.create_channel("Wire")
    await world.say(channel.id, "/start")
    [done] = await world.say(channel.id, "/language ru")
    assert done.text is not None and done.text.startswith("Готово")
    assert chat_menu(world, channel.id) is None  # Telegram shows channels no menu


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
        russian, hindi = chat_menu(world, 501), chat_menu(world, -502)
        assert russian is not None and russian[0]["description"] == RUSSIAN_START
        assert hindi is not None and hindi[0]["description"] == HINDI_START
        for left_out in (-1003, 504, 505, 506):
            assert chat_menu(world, left_out) is None, left_out
        deletes = world.api.calls("deleteMyCommands")
        assert [call.status for call in deletes] == [200]  # 506's language is gone: its own goes
        catalogues = world.services.catalogues
        # Unchanged menus: nothing to publish at the next start.
        assert await republish_chat_menus(world.bot, catalogues, world.sessions) is None


async def test_a_network_error_stops_the_run_and_leaves_it_for_the_next_start(
    any_database: Database,
) -> None:
    await seed(any_database)
    unreachable = Bot("1:x", base_url=f"http://127.0.0.1:{free_port()}/bot")
    async with any_database.sessions() as sessions:
        assert await republish_chat_menus(unreachable, Catalogues.load(), sessions) == 0
        async with sessions() as session:
            assert await CursorRepository(session).get(CHAT_MENUS_CURSOR) == 12345
