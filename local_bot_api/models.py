"""Telegram objects of the simulated world (users, chats, messages, files, calls) and ``to_api``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]
# The user Telegram names as the sender of an anonymous group admin's message.
GROUP_ANONYMOUS_BOT: JSON = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}

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
    is_forum: bool = False  # a supergroup with topics
    topics: dict[int, ForumTopic] = field(default_factory=dict)  # by message_thread_id

    def to_api(self) -> JSON:
        """Render as a Bot API ``Chat`` object."""
        data: JSON = {"id": self.id, "type": self.type}
        if self.is_forum:
            data["is_forum"] = True
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
class ForumTopic:
    """A topic of a forum supergroup; its id is the id of the message that created it."""

    message_thread_id: int
    name: str
    icon_color: int = 7322096
    deleted: bool = False

    def to_created(self) -> JSON:
        """Render as a Bot API ``ForumTopicCreated`` object."""
        return {"name": self.name, "icon_color": self.icon_color}


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
    # Sent with ``disable_notification``: kept for tests, not part of Telegram's Message.
    disable_notification: bool = False
    edit_date: int | None = None
    deleted: bool = False
    migrate_to_chat_id: int | None = None
    migrate_from_chat_id: int | None = None
    message_thread_id: int | None = None  # the forum topic (or reply thread) it is in
    forum_topic_created: ForumTopic | None = None  # the service message opening a topic
    # Posted by an anonymous admin of a group: Telegram sends it from GroupAnonymousBot with the
    # group itself as ``sender_chat``.
    anonymous: bool = False

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
        elif self.anonymous:
            data["sender_chat"] = self.chat.to_api()
            data["from"] = GROUP_ANONYMOUS_BOT
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
        if self.message_thread_id is not None:
            data["message_thread_id"] = self.message_thread_id
            if self.chat.is_forum:
                data["is_topic_message"] = True
        if self.forum_topic_created is not None:
            data["forum_topic_created"] = self.forum_topic_created.to_created()
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
