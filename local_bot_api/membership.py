"""Users, chats and membership of the simulated world: creation, bot status, group migration."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

from local_bot_api.models import Chat, User, member_status_api
from local_bot_api.state import BotState


class Membership:
    """Creates users and chats in a :class:`BotState` and changes who is in them."""

    def __init__(self, state: BotState) -> None:
        """Act on ``state``; each change of the bot's membership queues ``my_chat_member``."""
        self.state = state

    def create_user(
        self,
        first_name: str = "Alice",
        *,
        username: str | None = None,
        user_id: int | None = None,
        language_code: str | None = "en",
    ) -> User:
        """Register a simulated human user (``language_code`` as Telegram sends it; None: none)."""
        uid = user_id if user_id is not None else 100_000 + self.state.next_serial()
        user = User(uid, first_name, username=username, language_code=language_code)
        self.state.users[uid] = user
        return user

    def create_private_chat(
        self, user: User | None = None, *, first_name: str = "Alice", username: str | None = None
    ) -> Chat:
        """Open a private chat between the bot and ``user`` (created if omitted)."""
        user = user or self.create_user(first_name, username=username)
        self.state.users[user.id] = user
        chat = Chat(user.id, "private", user=user, member_ids={user.id})
        self.state.add_chat(chat)
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
        forum: bool = False,
    ) -> Chat:
        """Create a group (first admin is the owner), add the bot, queue ``my_chat_member``.

        ``forum=True``: a supergroup with topics (``is_forum``; see :mod:`local_bot_api.forums`).
        """
        if forum and not supergroup:
            raise ValueError("only a supergroup can have topics")
        serial = self.state.next_serial()
        chat_id = -1_001_000_000_000 - serial if supergroup else -500_000 - serial
        kind = "supergroup" if supergroup else "group"
        return self._create_multi(
            chat_id, kind, title, admins, members, bot_is_admin, username, forum=forum
        )

    def create_channel(
        self,
        title: str = "Test channel",
        *,
        admins: Sequence[User] = (),
        username: str | None = None,
        bot_is_admin: bool = True,
    ) -> Chat:
        """Create a channel (first admin is the owner), add the bot, queue ``my_chat_member``."""
        chat_id = -1_002_000_000_000 - self.state.next_serial()
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
        *,
        forum: bool = False,
    ) -> Chat:
        """Shared constructor for groups and channels."""
        admins = list(admins) or [self.create_user(f"{title} owner")]
        for user in [*admins, *members]:
            self.state.users[user.id] = user
        chat = Chat(
            chat_id, kind, title=title, username=username, bot_status="left", is_forum=forum
        )
        chat.owner_id = admins[0].id
        chat.admin_ids = [a.id for a in admins[1:]]
        chat.member_ids = {u.id for u in [*admins, *members]}
        self.state.add_chat(chat)
        self.set_bot_status(chat.id, "administrator" if bot_is_admin else "member", by=admins[0])
        return chat

    def member_status(self, chat: Chat, user_id: int) -> str:
        """Return the ``ChatMember.status`` of ``user_id`` in ``chat``."""
        if user_id == self.state.bot.id:
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
        chat = self.state.chats[chat_id]
        old = "kicked" if chat.blocked else chat.bot_status
        chat.bot_status = status
        if chat.type == "private":
            chat.blocked = status == "kicked"
            chat.bot_status = "member"
        actor = by or chat.user or self.state.users.get(chat.owner_id or 0) or self.state.bot
        self.state.queue_update(
            "my_chat_member",
            {
                "chat": chat.to_api(),
                "from": actor.to_api(),
                "date": int(time.time()),
                "old_chat_member": member_status_api(self.state.bot, old),
                "new_chat_member": member_status_api(self.state.bot, status),
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
        old = self.state.chats[chat_id]
        if old.type != "group":
            raise ValueError(f"chat {chat_id} is a {old.type}, only a basic group can migrate")
        if old.migrated_to is not None:
            raise ValueError(f"group {chat_id} already migrated to {old.migrated_to}")
        new = Chat(
            -1_001_000_000_000 - self.state.next_serial(),
            "supergroup",
            title=old.title,
            owner_id=old.owner_id,
            admin_ids=list(old.admin_ids),
            member_ids=set(old.member_ids),
            bot_status=old.bot_status,
        )
        self.state.add_chat(new)
        old.migrated_to = new.id
        actor = by or self.state.users.get(old.owner_id or 0) or self.state.bot
        first = self.state.new_message(old, actor, migrate_to_chat_id=new.id)
        second = self.state.new_message(new, actor, migrate_from_chat_id=old.id)
        if service_messages and old.bot_status in ("member", "administrator"):
            self.state.queue_update("message", first.to_api())
            self.state.queue_update("message", second.to_api())
        return new
