"""Chat and file methods: getChat, chat members and administrators, member count, getFile."""

from __future__ import annotations

from local_bot_api.errors import bad_request
from local_bot_api.methods.access import MethodsBase
from local_bot_api.models import JSON, member_status_api
from local_bot_api.params import Params


class ChatMethods(MethodsBase):
    """Handlers that describe chats, their members and stored files."""

    # -- chats and files --------------------------------------------------------------------
    async def getChat(self, p: Params) -> JSON:
        """Return ``ChatFullInfo``."""
        chat = self.resolve_chat(p)
        self._check_access(chat, posting=False)
        return chat.to_full_api()

    async def getChatMember(self, p: Params) -> JSON:
        """Return the ``ChatMember`` of ``user_id``."""
        chat = self.resolve_chat(p)
        self._check_access(chat, posting=False)
        user_id = p.integer("user_id")
        user = (
            self.state.bot if user_id == self.state.bot.id else self.state.users.get(user_id or 0)
        )
        if user is None:
            raise bad_request("user not found")
        return member_status_api(user, self.state.member_status(chat, user.id))

    async def getChatAdministrators(self, p: Params) -> list[JSON]:
        """Return the owner, the admins and (if an admin) the bot."""
        chat = self.resolve_chat(p)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        self._check_access(chat, posting=False)
        ids = [i for i in [chat.owner_id, *chat.admin_ids] if i is not None]
        admins = [
            member_status_api(self.state.users[i], self.state.member_status(chat, i)) for i in ids
        ]
        if chat.bot_status == "administrator":
            admins.append(member_status_api(self.state.bot, "administrator"))
        return admins

    async def getChatMemberCount(self, p: Params) -> int:
        """Count members, including the bot."""
        chat = self.resolve_chat(p)
        self._check_access(chat, posting=False)
        return len(chat.member_ids) + (chat.bot_status in ("member", "administrator"))

    async def getFile(self, p: Params) -> JSON:
        """Return the ``File`` for a file_id; download it from ``/file/bot<token>/<path>``."""
        stored = self.state.files.get(p.string("file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        return stored.to_file()
