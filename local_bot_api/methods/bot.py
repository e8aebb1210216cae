"""Bot-level methods: getMe, logOut/close and the bot's command lists."""

from __future__ import annotations

import json
import re

from local_bot_api.errors import bad_request
from local_bot_api.models import JSON
from local_bot_api.params import Handler, Params
from local_bot_api.state import BotState

_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")


class BotMethods:
    """Handlers for the bot's identity, its session and the command lists it publishes."""

    def __init__(self, state: BotState) -> None:
        """Serve the bot of ``state``."""
        self.state = state

    def handlers(self) -> dict[str, Handler]:
        """The Bot API methods of this group by their Telegram names."""
        return {
            "getMe": self.get_me,
            "logOut": self.log_out,
            "close": self.close,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
        }

    async def get_me(self, p: Params) -> JSON:
        """Describe the bot."""
        return self.state.bot.to_api() | {
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def log_out(self, p: Params) -> bool:
        """Accept and do nothing."""
        return True

    async def close(self, p: Params) -> bool:
        """Accept and do nothing."""
        return True

    async def set_my_commands(self, p: Params) -> bool:
        """Validate and store the command list."""
        commands = p.obj("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("commands must be a list of at most 100 commands")
        for command in commands:
            if not _COMMAND_RE.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.state.commands[_commands_key(p)] = commands
        return True

    async def get_my_commands(self, p: Params) -> list[JSON]:
        """Return the stored command list for a scope."""
        return self.state.commands.get(_commands_key(p), [])

    async def delete_my_commands(self, p: Params) -> bool:
        """Drop the stored command list for a scope."""
        self.state.commands.pop(_commands_key(p), None)
        return True


def _commands_key(p: Params) -> str:
    """Storage key of a command list: scope plus language."""
    scope = p.obj("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True) + "|" + (p.string("language_code") or "")
