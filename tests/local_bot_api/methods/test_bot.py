"""getMe and the bot's command lists, per scope and language."""

from __future__ import annotations

import pytest
from telegram import Bot, BotCommand, BotCommandScopeAllGroupChats
from telegram.error import BadRequest

from local_bot_api import LocalBotApi


async def test_get_me_describes_the_bot_of_the_token(api: LocalBotApi, bot: Bot) -> None:
    me = await bot.get_me()

    assert (me.id, me.username, me.is_bot) == (api.bot.id, "briefbot_bot", True)
    assert me.id == int(api.token.split(":")[0])


async def test_command_lists_are_kept_per_scope_and_validated(api: LocalBotApi, bot: Bot) -> None:
    groups = BotCommandScopeAllGroupChats()
    await bot.set_my_commands([BotCommand("latest", "Newest briefs")])
    await bot.set_my_commands([BotCommand("digest", "Digest time")], scope=groups)

    default = await bot.get_my_commands()
    in_groups = await bot.get_my_commands(scope=groups)
    await bot.delete_my_commands(scope=groups)
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Not-Valid", "x")])

    assert [c.command for c in default] == ["latest"]
    assert [c.command for c in in_groups] == ["digest"]
    assert await bot.get_my_commands(scope=groups) == ()
    assert len(api.commands) == 1
