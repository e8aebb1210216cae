"""Every Bot API method the local server understands, in groups that each own one idea."""

from __future__ import annotations

from local_bot_api.membership import Membership
from local_bot_api.methods.access import ChatAccess
from local_bot_api.methods.bot import BotMethods
from local_bot_api.methods.chats import ChatMethods
from local_bot_api.methods.messages import MAX_CAPTION, MAX_TEXT, MessageMethods
from local_bot_api.methods.updates import UpdateMethods
from local_bot_api.params import Handler
from local_bot_api.state import BotState

__all__ = ["MAX_CAPTION", "MAX_TEXT", "ChatAccess", "MethodTable"]


class MethodTable:
    """The method handler groups over one :class:`BotState`, looked up by method name."""

    def __init__(self, state: BotState, access: ChatAccess, membership: Membership) -> None:
        """Build the groups; method names are case-insensitive, as on Telegram."""
        self.bot = BotMethods(state)
        self.updates = UpdateMethods(state)
        self.messages = MessageMethods(state, access)
        self.chats = ChatMethods(state, access, membership)
        self._handlers: dict[str, Handler] = {}
        self.names: list[str] = []
        for group in (self.bot, self.updates, self.messages, self.chats):
            for name, handler in group.handlers().items():
                self._handlers[name.lower()] = handler
                self.names.append(name)

    def find(self, method: str) -> Handler | None:
        """The handler of ``method`` (any case), or None for an unknown method."""
        return self._handlers.get(method.lower())
