"""A local, in-memory Telegram Bot API server for tests, benchmarks and the offline demo."""

from local_bot_api.api import DEFAULT_TOKEN, LocalBotApi
from local_bot_api.errors import ApiError
from local_bot_api.faults import FaultRule, RateLimits
from local_bot_api.html import HtmlParseError, parse_html, utf16_len
from local_bot_api.models import (
    CallbackQueryRecord,
    CallRecord,
    Chat,
    ForumTopic,
    StoredFile,
    StoredMessage,
    User,
)

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "CallRecord",
    "CallbackQueryRecord",
    "Chat",
    "FaultRule",
    "ForumTopic",
    "HtmlParseError",
    "LocalBotApi",
    "RateLimits",
    "StoredFile",
    "StoredMessage",
    "User",
    "parse_html",
    "utf16_len",
]
