"""Chat and file methods: getChat, chat members and administrators, member count, getFile."""

from __future__ import annotations

from local_bot_api.errors import bad_request
from local_bot_api.membership import Membership
from local_bot_api.methods.access import ChatAccess
from local_bot_api.models import JSON, member_status_api
from local_bot_api.params import Handler, Params
from local_bot_api.state import BotState


class ChatMethods:
    """Handlers that describe chats, their members and stored files."""

    def __init__(self, state: BotState, access: ChatAccess, membership: Membership) -> None:
        """Describe the chats of ``state``, as far as ``access`` lets the bot see them."""
        self.state = state
        self.access = access
        self.membership = membership

    def handlers(self) -> dict[str, Handler]:
        """The Bot API methods of this group by their Telegram names."""
        return {
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
            "getChatMemberCount": self.get_chat_member_count,
            "getFile": self.get_file,
        }

    async def get_chat(self, p: Params) -> JSON:
        """Return ``ChatFullInfo``."""
        return self.access.readable_chat(p).to_full_api()

    async def get_chat_member(self, p: Params) -> JSON:
        """Return the ``ChatMember`` of ``user_id``."""
        chat = self.access.readable_chat(p)
        user_id = p.integer("user_id")
        bot = self.state.bot
        user = bot if user_id == bot.id else self.state.users.get(user_id or 0)
        if user is None:
            raise bad_request("user not found")
        return member_status_api(user, self.membership.member_status(chat, user.id))

    async def get_chat_administrators(self, p: Params) -> list[JSON]:
        """Return the owner, the admins and (if an admin) the bot."""
        chat = self.access.resolve_chat(p)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        self.access.check_access(chat, posting=False)
        ids = [i for i in [chat.owner_id, *chat.admin_ids] if i is not None]
        admins = [
            member_status_api(self.state.users[i], self.membership.member_status(chat, i))
            for i in ids
        ]
        if chat.bot_status == "administrator":
            admins.append(member_status_api(self.state.bot, "administrator"))
        return admins

    async def get_chat_member_count(self, p: Params) -> int:
        """Count members, including the bot."""
        chat = self.access.readable_chat(p)
        return len(chat.member_ids) + (chat.bot_status in ("member", "administrator"))

    async def get_file(self, p: Params) -> JSON:
        """Return the ``File`` for a file_id; download it from ``/file/bot<token>/<path>``."""
        stored = self.state.files.get(p.string("file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        return stored.to_file()
