"""The ``Methods`` dispatcher: every Bot API method the local server understands, by name."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from local_bot_api.errors import bad_request
from local_bot_api.methods.bot import BotMethods
from local_bot_api.methods.chats import ChatMethods
from local_bot_api.methods.messages import MAX_CAPTION, MAX_TEXT, MessageMethods
from local_bot_api.params import Params, Upload
from local_bot_api.user_actions import BotState

__all__ = [
    "MAX_CAPTION",
    "MAX_TEXT",
    "METHOD_NAMES",
    "Handler",
    "Methods",
    "Params",
    "Upload",
    "bad_request",
]

Handler = Callable[["Params"], Awaitable[Any]]
METHOD_NAMES = (
    "getMe",
    "logOut",
    "close",
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "sendMessage",
    "sendDocument",
    "editMessageText",
    "editMessageReplyMarkup",
    "deleteMessage",
    "answerCallbackQuery",
    "sendChatAction",
    "getChat",
    "getChatMember",
    "getChatAdministrators",
    "getChatMemberCount",
    "getFile",
)


class Methods(BotMethods, MessageMethods, ChatMethods):
    """Bot API method handlers bound to one :class:`BotState`."""

    def __init__(self, state: BotState) -> None:
        """Bind to ``state``; rate limiting is off until ``limiter`` is set."""
        super().__init__(state)
        self.handlers: dict[str, Handler] = {
            name.lower(): getattr(self, name) for name in METHOD_NAMES
        }
