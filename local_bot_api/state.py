"""``BotState``: one bot's simulated world: users, chats, transcripts, files, updates, calls."""

from __future__ import annotations

import itertools
import time
from typing import Any

from local_bot_api.models import (
    JSON,
    CallbackQueryRecord,
    CallRecord,
    Chat,
    StoredFile,
    StoredMessage,
    User,
)
from local_bot_api.notifier import Notifier

DEFAULT_ALLOWED_UPDATES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
    }
)


class BotState:
    """Stores users, chats, transcripts, files, pending updates and the call log of one bot."""

    def __init__(self, token: str, *, bot_name: str = "BriefBot", bot_username: str = "") -> None:
        """Create an empty world for the bot identified by ``token``."""
        bot_id_text = token.split(":", 1)[0]
        bot_id = int(bot_id_text) if bot_id_text.isdigit() else 1
        self.token = token
        self.bot = User(bot_id, bot_name, is_bot=True, username=bot_username or "briefbot_bot")
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.transcripts: dict[int, list[StoredMessage]] = {}
        self.files: dict[str, StoredFile] = {}
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.updates: list[JSON] = []
        self.allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self.commands: dict[str, list[JSON]] = {}
        self.webhook_url = ""
        self.call_log: list[CallRecord] = []
        self.changed = Notifier()
        self.closed = False
        self._serials = itertools.count(1)
        self._next_update_id = 1

    def next_serial(self) -> int:
        """A fresh number for ids of users, chats, files and callback queries."""
        return next(self._serials)

    # -- chats and messages -----------------------------------------------------------------
    def add_chat(self, chat: Chat) -> None:
        """Register a chat and its empty transcript."""
        self.chats[chat.id] = chat
        self.transcripts.setdefault(chat.id, [])

    def chat(self, chat_id: int) -> Chat:
        """Return a chat by id (KeyError if unknown)."""
        return self.chats[chat_id]

    def new_message(self, chat: Chat, sender: User | None, **fields: Any) -> StoredMessage:
        """Append a message to a chat transcript and wake waiters."""
        message = StoredMessage(
            chat=chat,
            message_id=chat.next_message_id,
            date=int(time.time()),
            sender=sender,
            outgoing=sender is self.bot,
            **fields,
        )
        chat.next_message_id += 1
        self.transcripts.setdefault(chat.id, []).append(message)
        self.changed.notify()
        return message

    def find_message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        """Return a non-deleted message or None."""
        for message in self.transcripts.get(chat_id, []):
            if message.message_id == message_id and not message.deleted:
                return message
        return None

    def messages(
        self, chat_id: int, *, from_bot: bool | None = None, include_deleted: bool = False
    ) -> list[StoredMessage]:
        """The chat transcript, optionally only the bot's (True) or only users' (False) messages."""
        return [
            m
            for m in self.transcripts.get(chat_id, [])
            if (include_deleted or not m.deleted) and (from_bot is None or m.outgoing == from_bot)
        ]

    async def wait_for_messages(
        self, chat_id: int, count: int = 1, timeout: float = 5.0, *, after_message_id: int = 0
    ) -> list[StoredMessage]:
        """Wait until the bot has sent ``count`` messages after ``after_message_id``."""

        def found() -> list[StoredMessage]:
            bot_messages = self.messages(chat_id, from_bot=True, include_deleted=True)
            return [m for m in bot_messages if m.message_id > after_message_id]

        if not await self.changed.wait_until(lambda: len(found()) >= count, timeout):
            texts = [m.text for m in self.messages(chat_id)]
            raise TimeoutError(f"expected {count} bot message(s) in {chat_id}; transcript {texts}")
        return found()[:count]

    def add_file(
        self, content: bytes, *, file_name: str | None = None, mime_type: str | None = None
    ) -> StoredFile:
        """Store file bytes and give them a file_id and a download path."""
        serial = self.next_serial()
        suffix = file_name.rsplit(".", 1)[-1] if file_name and "." in file_name else "bin"
        stored = StoredFile(
            file_id=f"BQACAgIAAxkBAAI{serial:06d}LocalBotApiFile",
            file_unique_id=f"AgAD{serial:06d}",
            file_path=f"documents/file_{serial}.{suffix}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        return stored

    # -- updates ----------------------------------------------------------------------------
    def queue_update(self, kind: str, payload: JSON) -> int | None:
        """Queue an update of ``kind``; Telegram drops kinds excluded by ``allowed_updates``."""
        if kind not in self.allowed_updates:
            return None
        update_id = self._next_update_id
        self._next_update_id += 1
        self.updates.append({"update_id": update_id, kind: payload})
        self.changed.notify()
        return update_id

    def confirm_updates(self, offset: int) -> None:
        """Forget updates below ``offset`` (negative: keep only the last ``-offset``)."""
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def calls(self, method: str | None = None) -> list[CallRecord]:
        """Recorded Bot API calls, optionally only those of ``method`` (case-insensitive)."""
        if method is None:
            return list(self.call_log)
        return [c for c in self.call_log if c.method.lower() == method.lower()]
