"""``BotState``: the whole simulated world plus the 'script plays a user' API (sends, presses)."""

from __future__ import annotations

from local_bot_api.entities import detect_entities
from local_bot_api.errors import ApiError
from local_bot_api.html import utf16_len
from local_bot_api.membership import Membership
from local_bot_api.models import (
    JSON,
    CallbackQueryRecord,
    CallRecord,
    Chat,
    StoredFile,
    StoredMessage,
    User,
    member_status_api,
)
from local_bot_api.notifier import Notifier
from local_bot_api.state import DEFAULT_ALLOWED_UPDATES

__all__ = [
    "DEFAULT_ALLOWED_UPDATES",
    "JSON",
    "ApiError",
    "BotState",
    "CallRecord",
    "CallbackQueryRecord",
    "Chat",
    "Notifier",
    "StoredFile",
    "StoredMessage",
    "User",
    "detect_entities",
    "member_status_api",
    "utf16_len",
]


class BotState(Membership):
    """All simulated Telegram state for one bot token, with the 'script plays a user' API."""

    # -- the simulated user -------------------------------------------------------------------
    def user_sends(
        self,
        chat_id: int,
        text: str = "",
        *,
        user: User | None = None,
        reply_to: int | None = None,
        document: bytes | None = None,
        file_name: str = "document.txt",
        mime_type: str = "text/plain",
    ) -> StoredMessage:
        """A user posts ``text`` (caption if ``document`` given); queued if the bot is present."""
        chat = self.chats[chat_id]
        if chat.migrated_to is not None:
            raise ValueError(f"group {chat_id} was upgraded to supergroup {chat.migrated_to}")
        sender = user or chat.user or self.users.get(chat.owner_id or 0)
        stored = (
            self.add_file(document, file_name=file_name, mime_type=mime_type)
            if (document is not None)
            else None
        )
        replied = self.find_message(chat_id, reply_to) if reply_to is not None else None
        if reply_to is not None and replied is None:
            raise ValueError(f"no message {reply_to} in chat {chat_id}")
        message = self.new_message(
            chat,
            sender,
            text=text if text or stored is None else None,
            raw_text=text,
            entities=detect_entities(text),
            reply_to=replied,
            document=stored,
        )
        if not chat.blocked and chat.bot_status in ("member", "administrator"):
            kind = "channel_post" if chat.type == "channel" else "message"
            self.queue_update(kind, message.to_api())
        return message

    def user_presses(
        self,
        chat_id: int,
        message_id: int,
        callback_data: str,
        *,
        user: User | None = None,
        strict: bool = True,
    ) -> CallbackQueryRecord:
        """A user presses an inline button; queues a ``callback_query`` update."""
        message = self.find_message(chat_id, message_id)
        if message is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        if strict and callback_data not in message.callback_data:
            raise ValueError(f"message {message_id} has no button with data {callback_data!r}")
        chat = message.chat
        presser = user or chat.user or self.users.get(chat.owner_id or 0) or self.bot
        query = CallbackQueryRecord(
            str(4_000_000_000 + next(self._ids)), chat_id, message_id, callback_data, presser
        )
        self.callback_queries[query.id] = query
        self.queue_update(
            "callback_query",
            {
                "id": query.id,
                "from": presser.to_api(),
                "message": message.to_api(),
                "chat_instance": str(abs(chat_id)),
                "data": callback_data,
            },
        )
        return query
