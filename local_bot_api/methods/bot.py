"""Bot-level methods: getMe, logOut/close, getUpdates long polling, webhooks and bot commands."""

from __future__ import annotations

import json
import re

from local_bot_api.errors import ApiError, bad_request
from local_bot_api.methods.access import MethodsBase
from local_bot_api.models import JSON
from local_bot_api.params import Params
from local_bot_api.state import DEFAULT_ALLOWED_UPDATES

_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")


class BotMethods(MethodsBase):
    """Handlers for the bot's identity, the update queue, the webhook and the command lists."""

    # -- bot and updates --------------------------------------------------------------------
    async def getMe(self, p: Params) -> JSON:
        """Describe the bot."""
        return self.state.bot.to_api() | {
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def logOut(self, p: Params) -> bool:
        """Accept and do nothing."""
        return True

    async def close(self, p: Params) -> bool:
        """Accept and do nothing."""
        return True

    async def getUpdates(self, p: Params) -> list[JSON]:
        """Long-poll the update queue; a newer call terminates an older one with 409."""
        state = self.state
        if state.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset, limit = p.integer("offset"), min(max(p.integer("limit") or 100, 1), 100)
        timeout = max(p.number("timeout") or 0.0, 0.0)
        allowed = p.obj("allowed_updates")
        if allowed is not None:
            state.allowed_updates = frozenset(allowed) if allowed else DEFAULT_ALLOWED_UPDATES
        if offset:
            state.confirm_updates(offset)
        if self._poll is not None:
            self._poll[0] = True
        ticket = self._poll = [False]
        state.changed.notify()
        try:
            await state.changed.wait_until(
                lambda: ticket[0] or state.closed or bool(state.updates), timeout
            )
        finally:
            if self._poll is ticket:
                self._poll = None
        if ticket[0]:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        return state.updates[:limit]

    async def setWebhook(self, p: Params) -> bool:
        """Remember the webhook URL (updates are not pushed to it)."""
        self.state.webhook_url = p.string("url") or ""
        return True

    async def deleteWebhook(self, p: Params) -> bool:
        """Forget the webhook URL, optionally dropping pending updates."""
        self.state.webhook_url = ""
        if p.flag("drop_pending_updates"):
            self.state.updates.clear()
        return True

    async def getWebhookInfo(self, p: Params) -> JSON:
        """Describe the webhook state."""
        return {
            "url": self.state.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }

    def _commands_key(self, p: Params) -> str:
        """Storage key of a command list: scope plus language."""
        scope = p.obj("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True) + "|" + (p.string("language_code") or "")

    async def setMyCommands(self, p: Params) -> bool:
        """Validate and store the command list."""
        commands = p.obj("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("commands must be a list of at most 100 commands")
        for command in commands:
            if not _COMMAND_RE.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.state.commands[self._commands_key(p)] = commands
        return True

    async def getMyCommands(self, p: Params) -> list[JSON]:
        """Return the stored command list for a scope."""
        return self.state.commands.get(self._commands_key(p), [])

    async def deleteMyCommands(self, p: Params) -> bool:
        """Drop the stored command list for a scope."""
        self.state.commands.pop(self._commands_key(p), None)
        return True
