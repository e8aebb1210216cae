"""getUpdates: offsets, limits, long polling and ``allowed_updates``."""

from __future__ import annotations

import asyncio

from telegram import Bot

from local_bot_api import LocalBotApi


async def test_offset_confirms_updates_and_limit_caps_batch(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()
    for text in ("one", "two", "three"):
        api.user_sends(chat.id, text)

    first_batch = await bot.get_updates(limit=2)
    unconfirmed = await bot.get_updates()
    rest = await bot.get_updates(offset=first_batch[-1].update_id + 1)
    after_all = await bot.get_updates(offset=rest[-1].update_id + 1, timeout=0)

    assert [u.message.text for u in first_batch if u.message] == ["one", "two"]
    assert len(unconfirmed) == 3
    assert [u.message.text for u in rest if u.message] == ["three"]
    assert after_all == ()


async def test_long_poll_returns_as_soon_as_an_update_arrives(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()
    poll = asyncio.create_task(bot.get_updates(timeout=3))
    assert await api.changed.wait_until(lambda: api.methods.updates.is_polling, 1)
    api.user_sends(chat.id, "ping")

    updates = await asyncio.wait_for(poll, 1)

    assert [u.message.text for u in updates if u.message] == ["ping"]


async def test_allowed_updates_filters_later_updates(api: LocalBotApi, bot: Bot) -> None:
    chat = api.create_private_chat()
    await bot.get_updates(allowed_updates=["callback_query"])
    api.user_sends(chat.id, "ignored text")

    assert await bot.get_updates(timeout=0) == ()
