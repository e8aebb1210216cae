"""In-memory world of the local Bot API: users, chats, messages, files and the update queue."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.local_api.html import utf16_len

JSON = dict[str, Any]

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
_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_post_messages",
    "can_edit_messages",
    "can_pin_messages",
)
_AUTO_ENTITIES = re.compile(
    r"(?P<bot_command>(?<![\w/])/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?(?![\w@]))"
    r"|(?P<url>https?://[^\s<>\"]+)"
    r"|(?P<mention>(?<![\w@/])@[a-zA-Z0-9_]{5,32}\b)"
    r"|(?P<hashtag>(?<![\w#])#[^\W\d][\w]*)"
)


class ApiError(Exception):
    """A Bot API error response: HTTP status, description, optional ``ResponseParameters``."""

    def __init__(
        self,
        status: int,
        description: str,
        retry_after: int | None = None,
        *,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Store the status, description, flood-wait seconds and the chat's new id (if any)."""
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def to_api(self) -> JSON:
        """Render the JSON body Telegram would return."""
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        parameters: JSON = {}
        if self.migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = self.migrate_to_chat_id
        if self.retry_after is not None:
            parameters["retry_after"] = self.retry_after
        if parameters:
            body["parameters"] = parameters
        return body


class Notifier:
    """Wakes every coroutine waiting for 'something changed' in the state."""

    def __init__(self) -> None:
        """Start with no waiters."""
        self._waiters: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        """Wake all current waiters."""
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Wait until ``predicate()`` is true or ``timeout`` seconds pass; return the predicate."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.add(waiter)
            try:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter, remaining)
            finally:
                self._waiters.discard(waiter)
        return True


@dataclass
class User:
    """A Telegram user (simulated human or the bot itself)."""

    id: int
    first_name: str
    is_bot: bool = False
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = None

    def to_api(self) -> JSON:
        """Render as a Bot API ``User`` object."""
        data: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class Chat:
    """A private chat, group, supergroup or channel and the bot's standing in it."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    user: User | None = None
    owner_id: int | None = None
    admin_ids: list[int] = field(default_factory=list)
    member_ids: set[int] = field(default_factory=set)
    bot_status: str = "member"
    blocked: bool = False
    next_message_id: int = 1
    migrated_to: int | None = None

    def to_api(self) -> JSON:
        """Render as a Bot API ``Chat`` object."""
        data: JSON = {"id": self.id, "type": self.type}
        if self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.last_name:
                data["last_name"] = self.user.last_name
        if self.title is not None:
            data["title"] = self.title
        username = self.user.username if self.user is not None else self.username
        if username:
            data["username"] = username
        return data

    def to_full_api(self) -> JSON:
        """Render as a Bot API ``ChatFullInfo`` object."""
        gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")
        return {
            **self.to_api(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {**dict.fromkeys(gifts, True), "gifts_from_channels": True},
        }


@dataclass
class StoredFile:
    """A file known to the server (uploaded by the bot or sent by a simulated user)."""

    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    file_name: str | None = None
    mime_type: str | None = None

    def to_document(self) -> JSON:
        """Render as a Bot API ``Document`` object."""
        data: JSON = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
        }
        if self.file_name:
            data["file_name"] = self.file_name
        if self.mime_type:
            data["mime_type"] = self.mime_type
        return data

    def to_file(self) -> JSON:
        """Render as a Bot API ``File`` object (the ``getFile`` result)."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
            "file_path": self.file_path,
        }


@dataclass
class StoredMessage:
    """One message in a chat transcript; ``text`` is rendered plain text, ``raw_text`` the input."""

    chat: Chat
    message_id: int
    date: int
    sender: User | None
    outgoing: bool
    text: str | None = None
    raw_text: str | None = None
    parse_mode: str | None = None
    entities: list[JSON] = field(default_factory=list)
    reply_markup: JSON | None = None
    reply_to: StoredMessage | None = None
    document: StoredFile | None = None
    link_preview_options: JSON | None = None
    edit_date: int | None = None
    deleted: bool = False
    migrate_to_chat_id: int | None = None
    migrate_from_chat_id: int | None = None

    @property
    def callback_data(self) -> list[str]:
        """All ``callback_data`` values of the inline keyboard, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [b["callback_data"] for row in rows for b in row if "callback_data" in b]

    def to_api(self, *, nested: bool = True) -> JSON:
        """Render as a Bot API ``Message`` object."""
        data: JSON = {"message_id": self.message_id, "date": self.date, "chat": self.chat.to_api()}
        if self.chat.type == "channel":
            data["sender_chat"] = self.chat.to_api()
        elif self.sender is not None:
            data["from"] = self.sender.to_api()
        if self.document is not None:
            data["document"] = self.document.to_document()
            text_key, entities_key = "caption", "caption_entities"
        else:
            text_key, entities_key = "text", "entities"
        if self.text is not None:
            data[text_key] = self.text
        if self.entities:
            data[entities_key] = self.entities
        if self.reply_markup is not None:
            data["reply_markup"] = self.reply_markup
        if self.link_preview_options is not None:
            data["link_preview_options"] = self.link_preview_options
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if nested and self.reply_to is not None:
            data["reply_to_message"] = self.reply_to.to_api(nested=False)
        for key in ("migrate_to_chat_id", "migrate_from_chat_id"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class CallbackQueryRecord:
    """A simulated button press and the bot's answer to it."""

    id: str
    chat_id: int
    message_id: int
    data: str
    user: User
    answered: bool = False
    answer: JSON = field(default_factory=dict)


@dataclass
class CallRecord:
    """One Bot API request received by the server."""

    method: str
    params: JSON
    time: float
    chat_id: int | str | None = None
    status: int = 0


def detect_entities(text: str) -> list[JSON]:
    """Find the entities Telegram auto-detects in user text (commands, URLs, mentions, tags)."""
    entities: list[JSON] = []
    for match in _AUTO_ENTITIES.finditer(text):
        kind = match.lastgroup or "url"
        entities.append(
            {
                "type": kind,
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group(0)),
            }
        )
    return entities


def member_status_api(user: User, status: str) -> JSON:
    """Render a Bot API ``ChatMember`` object for ``user`` with ``status``."""
    data: JSON = {"user": user.to_api(), "status": status}
    if status == "creator":
        data["is_anonymous"] = False
    elif status == "administrator":
        data |= {"can_be_edited": False, "is_anonymous": False} | dict.fromkeys(_ADMIN_RIGHTS, True)
    elif status == "kicked":
        data["until_date"] = 0
    return data


class BotState:
    """All simulated Telegram state for one bot token, with the 'script plays a user' API."""

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
        self._ids = itertools.count(1)
        self._next_update_id = 1

    # -- users and chats ------------------------------------------------------------------
    def create_user(
        self, first_name: str = "Alice", *, username: str | None = None, user_id: int | None = None
    ) -> User:
        """Register a simulated human user."""
        uid = user_id if user_id is not None else 100_000 + next(self._ids)
        user = User(uid, first_name, username=username, language_code="en")
        self.users[uid] = user
        return user

    def create_private_chat(
        self, user: User | None = None, *, first_name: str = "Alice", username: str | None = None
    ) -> Chat:
        """Open a private chat between the bot and ``user`` (created if omitted)."""
        user = user or self.create_user(first_name, username=username)
        self.users[user.id] = user
        chat = Chat(user.id, "private", user=user, member_ids={user.id})
        self._add_chat(chat)
        return chat

    def create_group(
        self,
        title: str = "Test group",
        *,
        admins: Sequence[User] = (),
        members: Iterable[User] = (),
        supergroup: bool = True,
        bot_is_admin: bool = False,
        username: str | None = None,
    ) -> Chat:
        """Create a group (first admin is the owner), add the bot, queue ``my_chat_member``."""
        serial = next(self._ids)
        chat_id = -1_001_000_000_000 - serial if supergroup else -500_000 - serial
        kind = "supergroup" if supergroup else "group"
        return self._create_multi(chat_id, kind, title, admins, members, bot_is_admin, username)

    def create_channel(
        self,
        title: str = "Test channel",
        *,
        admins: Sequence[User] = (),
        username: str | None = None,
        bot_is_admin: bool = True,
    ) -> Chat:
        """Create a channel (first admin is the owner), add the bot, queue ``my_chat_member``."""
        chat_id = -1_002_000_000_000 - next(self._ids)
        return self._create_multi(chat_id, "channel", title, admins, (), bot_is_admin, username)

    def _create_multi(
        self,
        chat_id: int,
        kind: str,
        title: str,
        admins: Sequence[User],
        members: Iterable[User],
        bot_is_admin: bool,
        username: str | None,
    ) -> Chat:
        """Shared constructor for groups and channels."""
        admins = list(admins) or [self.create_user(f"{title} owner")]
        for user in [*admins, *members]:
            self.users[user.id] = user
        chat = Chat(chat_id, kind, title=title, username=username, bot_status="left")
        chat.owner_id = admins[0].id
        chat.admin_ids = [a.id for a in admins[1:]]
        chat.member_ids = {u.id for u in [*admins, *members]}
        self._add_chat(chat)
        self.set_bot_status(chat.id, "administrator" if bot_is_admin else "member", by=admins[0])
        return chat

    def _add_chat(self, chat: Chat) -> None:
        """Register a chat and its empty transcript."""
        self.chats[chat.id] = chat
        self.transcripts.setdefault(chat.id, [])

    def chat(self, chat_id: int) -> Chat:
        """Return a chat by id (KeyError if unknown)."""
        return self.chats[chat_id]

    def member_status(self, chat: Chat, user_id: int) -> str:
        """Return the ``ChatMember.status`` of ``user_id`` in ``chat``."""
        if user_id == self.bot.id:
            return chat.bot_status
        if chat.type == "private":
            return "member" if user_id == chat.id else "left"
        if user_id == chat.owner_id:
            return "creator"
        if user_id in chat.admin_ids:
            return "administrator"
        return "member" if user_id in chat.member_ids else "left"

    def set_bot_status(self, chat_id: int, status: str, *, by: User | None = None) -> None:
        """Change the bot's membership in a chat and queue the ``my_chat_member`` update."""
        chat = self.chats[chat_id]
        old = "kicked" if chat.blocked else chat.bot_status
        chat.bot_status = status
        if chat.type == "private":
            chat.blocked = status == "kicked"
            chat.bot_status = "member"
        actor = by or chat.user or self.users.get(chat.owner_id or 0) or self.bot
        self.queue_update(
            "my_chat_member",
            {
                "chat": chat.to_api(),
                "from": actor.to_api(),
                "date": int(time.time()),
                "old_chat_member": member_status_api(self.bot, old),
                "new_chat_member": member_status_api(self.bot, status),
            },
        )

    def block_bot(self, user: User | int) -> None:
        """The user blocks the bot: sends to their chat now fail with 403."""
        uid = user if isinstance(user, int) else user.id
        self.set_bot_status(uid, "kicked")

    def unblock_bot(self, user: User | int) -> None:
        """The user unblocks (restarts) the bot."""
        uid = user if isinstance(user, int) else user.id
        self.set_bot_status(uid, "member")

    def remove_bot(self, chat_id: int, *, kicked: bool = True) -> None:
        """Remove the bot from a group or channel."""
        self.set_bot_status(chat_id, "kicked" if kicked else "left")

    def migrate_group(
        self, chat_id: int, *, by: User | None = None, service_messages: bool = True
    ) -> Chat:
        """Upgrade a basic group to a supergroup with a new id, as Telegram does.

        The new chat keeps the title, owner, admins, members and the bot's status. From now on
        every method addressed to the old id answers 400 "Bad Request: group chat was upgraded
        to a supergroup chat" with ``parameters.migrate_to_chat_id``. If the bot is in the group
        and ``service_messages``, two ``message`` updates are queued: in the old group one with
        ``migrate_to_chat_id``, then in the new supergroup one with ``migrate_from_chat_id``.
        """
        old = self.chats[chat_id]
        if old.type != "group":
            raise ValueError(f"chat {chat_id} is a {old.type}, only a basic group can migrate")
        if old.migrated_to is not None:
            raise ValueError(f"group {chat_id} already migrated to {old.migrated_to}")
        new = Chat(
            -1_001_000_000_000 - next(self._ids),
            "supergroup",
            title=old.title,
            owner_id=old.owner_id,
            admin_ids=list(old.admin_ids),
            member_ids=set(old.member_ids),
            bot_status=old.bot_status,
        )
        self._add_chat(new)
        old.migrated_to = new.id
        actor = by or self.users.get(old.owner_id or 0) or self.bot
        first = self.new_message(old, actor, migrate_to_chat_id=new.id)
        second = self.new_message(new, actor, migrate_from_chat_id=old.id)
        if service_messages and old.bot_status in ("member", "administrator"):
            self.queue_update("message", first.to_api())
            self.queue_update("message", second.to_api())
        return new

    # -- messages ---------------------------------------------------------------------------
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
        serial = next(self._ids)
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
