"""``UserActions``: the 'script plays a user' API: a user sends a message or presses a button."""

from __future__ import annotations

from local_bot_api.entities import detect_entities
from local_bot_api.forums import topic_opening
from local_bot_api.models import CallbackQueryRecord, StoredMessage, User
from local_bot_api.state import BotState


class UserActions:
    """What a script makes a simulated user do: post a message, press an inline button."""

    def __init__(self, state: BotState) -> None:
        """Act on ``state``; actions visible to the bot queue updates."""
        self.state = state

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
        message_thread_id: int | None = None,
        anonymous: bool = False,
    ) -> StoredMessage:
        """A user posts ``text`` (caption if ``document`` given); queued if the bot is present.

        ``message_thread_id`` posts in that topic of a forum supergroup (else the General one);
        ``anonymous``: an admin of a group posting as the group (``sender_chat``).
        """
        chat = self.state.chats[chat_id]
        if chat.migrated_to is not None:
            raise ValueError(f"group {chat_id} was upgraded to supergroup {chat.migrated_to}")
        opening = None
        if message_thread_id is not None:
            opening = topic_opening(self.state, chat, message_thread_id)
        sender = user or chat.user or self.state.users.get(chat.owner_id or 0)
        stored = (
            self.state.add_file(document, file_name=file_name, mime_type=mime_type)
            if (document is not None)
            else None
        )
        replied = self.state.find_message(chat_id, reply_to) if reply_to is not None else None
        if reply_to is not None and replied is None:
            raise ValueError(f"no message {reply_to} in chat {chat_id}")
        message = self.state.new_message(
            chat,
            sender,
            text=text if text or stored is None else None,
            raw_text=text,
            entities=detect_entities(text),
            reply_to=replied or opening,
            document=stored,
            message_thread_id=message_thread_id,
            anonymous=anonymous,
        )
        if not chat.blocked and chat.bot_status in ("member", "administrator"):
            kind = "channel_post" if chat.type == "channel" else "message"
            self.state.queue_update(kind, message.to_api())
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
        message = self.state.find_message(chat_id, message_id)
        if message is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        if strict and callback_data not in message.callback_data:
            raise ValueError(f"message {message_id} has no button with data {callback_data!r}")
        chat = message.chat
        presser = user or chat.user or self.state.users.get(chat.owner_id or 0) or self.state.bot
        query_id = str(4_000_000_000 + self.state.next_serial())
        query = CallbackQueryRecord(query_id, chat_id, message_id, callback_data, presser)
        self.state.callback_queries[query.id] = query
        self.state.queue_update(
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
