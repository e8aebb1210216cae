"""Which chat a call addresses and whether the bot may act there."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden

from local_bot_api import LocalBotApi


async def test_unknown_chat_is_bad_request(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(987654321, "anyone?")


async def test_a_channel_is_addressed_by_username_and_needs_admin_rights_to_post(
    api: LocalBotApi, bot: Bot
) -> None:
    api.create_channel("Wire", username="wire", bot_is_admin=False)

    with pytest.raises(BadRequest, match="Need administrator rights in the channel chat"):
        await bot.send_message("@wire", "hello")
    info = await bot.get_chat("@wire")

    assert (info.title, info.username) == ("Wire", "wire")


async def test_a_bot_that_left_a_group_can_neither_post_nor_look(
    api: LocalBotApi, bot: Bot
) -> None:
    group = api.create_group("Desk")
    api.remove_bot(group.id, kicked=False)

    with pytest.raises(Forbidden, match="bot is not a member of the supergroup chat"):
        await bot.send_message(group.id, "hello")
    with pytest.raises(Forbidden, match="bot is not a member of the supergroup chat"):
        await bot.get_chat(group.id)
