"""``ChatAccess``: which chat a call addresses and whether the bot may act there."""

from __future__ import annotations

from local_bot_api.errors import ApiError, bad_request
from local_bot_api.faults import RateLimiter
from local_bot_api.models import Chat, StoredMessage
from local_bot_api.params import Params
from local_bot_api.state import BotState


class ChatAccess:
    """Resolves the chat and messages a call names and enforces Telegram's access rules."""

    def __init__(self, state: BotState) -> None:
        """Look chats up in ``state``; flood control is off until ``limiter`` is set."""
        self.state = state
        self.limiter: RateLimiter | None = None

    def resolve_chat(self, p: Params) -> Chat:
        """Find the chat named by ``chat_id`` or raise 400 'chat not found'."""
        ref = p.chat_ref()
        if ref is None:
            raise bad_request("chat_id is empty")
        if isinstance(ref, str):
            found = [c for c in self.state.chats.values() if c.username == ref.lstrip("@")]
            if not found:
                raise bad_request("chat not found")
            return found[0]
        if ref not in self.state.chats:
            raise bad_request("chat not found")
        chat = self.state.chats[ref]
        if chat.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=chat.migrated_to,
            )
        return chat

    def check_access(self, chat: Chat, *, posting: bool) -> None:
        """Raise the 403/400 Telegram returns when the bot may not act in ``chat``."""
        kind = "supergroup" if chat.type == "supergroup" else chat.type
        if chat.type == "private":
            if chat.blocked and posting:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
        elif chat.bot_status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {kind} chat")
        elif chat.bot_status == "left":
            raise ApiError(403, f"Forbidden: bot is not a member of the {kind} chat")
        elif chat.type == "channel" and posting and chat.bot_status != "administrator":
            raise bad_request("need administrator rights in the channel chat")

    def readable_chat(self, p: Params) -> Chat:
        """Resolve the chat a query names and check the bot may look at it."""
        chat = self.resolve_chat(p)
        self.check_access(chat, posting=False)
        return chat

    def writable_chat(self, p: Params) -> Chat:
        """Resolve the target chat of a send, check access and flood limits."""
        chat = self.resolve_chat(p)
        self.check_access(chat, posting=True)
        if self.limiter is not None:
            self.limiter.check(chat.id, chat.type != "private")
        return chat

    def replied_message(self, chat: Chat, p: Params) -> StoredMessage | None:
        """Resolve ``reply_parameters``/``reply_to_message_id``."""
        params = p.obj("reply_parameters") or {}
        message_id = params.get("message_id") or p.integer("reply_to_message_id")
        if not message_id:
            return None
        replied = self.state.find_message(chat.id, int(message_id))
        allow = params.get("allow_sending_without_reply") or p.flag("allow_sending_without_reply")
        if replied is None and not allow:
            raise bad_request("message to be replied not found")
        return replied

    def own_message(self, p: Params, verb: str) -> StoredMessage:
        """The bot message addressed by ``chat_id``/``message_id`` for editing."""
        if p.string("inline_message_id"):
            raise bad_request("inline messages are not supported by the local Bot API")
        chat = self.resolve_chat(p)
        message = self.state.find_message(chat.id, p.integer("message_id") or 0)
        if message is None:
            raise bad_request(f"message to {verb} not found")
        if not message.outgoing:
            raise bad_request(f"message can't be {verb}ed")
        return message
