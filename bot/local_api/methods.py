"""Implementations of the Bot API methods the local server understands."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.local_api.faults import RateLimiter
from bot.local_api.html import HtmlParseError, parse_html, utf16_len
from bot.local_api.state import (
    DEFAULT_ALLOWED_UPDATES,
    JSON,
    ApiError,
    BotState,
    Chat,
    StoredMessage,
    member_status_api,
)

Handler = Callable[["Params"], Awaitable[Any]]
METHOD_NAMES = (
    "getMe",
    "logOut",
    "close",
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "sendMessage",
    "sendDocument",
    "editMessageText",
    "editMessageReplyMarkup",
    "deleteMessage",
    "answerCallbackQuery",
    "sendChatAction",
    "getChat",
    "getChatMember",
    "getChatAdministrators",
    "getChatMemberCount",
    "getFile",
)
MAX_TEXT = 4096
MAX_CAPTION = 1024
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


def bad_request(detail: str) -> ApiError:
    """A 400 error with Telegram's 'Bad Request: ' prefix."""
    return ApiError(400, f"Bad Request: {detail}")


@dataclass
class Upload:
    """A file part received in a multipart request."""

    filename: str | None
    content_type: str | None
    content: bytes


class Params:
    """Request parameters with Telegram's lenient coercion (form strings hold JSON values)."""

    def __init__(self, raw: Mapping[str, Any], files: Mapping[str, Upload] | None = None) -> None:
        """Wrap already-decoded fields and uploaded files."""
        self.raw = dict(raw)
        self.files = dict(files or {})

    def string(self, name: str) -> str | None:
        """A string field (numbers are stringified), or None."""
        value = self.raw.get(name)
        return None if value is None else str(value)

    def integer(self, name: str) -> int | None:
        """An integer field, or None; 400 when it is not a number."""
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return int(float(value)) if isinstance(value, (str, float)) else int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def number(self, name: str) -> float | None:
        """A numeric field, or None."""
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def flag(self, name: str) -> bool:
        """A boolean field (absent means False)."""
        return self.raw.get(name) in (True, 1, "true", "True", "1")

    def obj(self, name: str) -> Any:
        """A nested object field; form requests carry it JSON-encoded."""
        value = self.raw.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return value

    def chat_ref(self) -> int | str | None:
        """The raw ``chat_id`` (an int, or an ``@username`` string)."""
        value = self.raw.get("chat_id")
        if isinstance(value, str) and not value.lstrip("-").isdigit():
            return value
        return self.integer("chat_id")


class Methods:
    """Bot API method handlers bound to one :class:`BotState`."""

    def __init__(self, state: BotState) -> None:
        """Bind to ``state``; rate limiting is off until ``limiter`` is set."""
        self.state = state
        self.limiter: RateLimiter | None = None
        self._poll: list[bool] | None = None
        self.handlers: dict[str, Handler] = {
            name.lower(): getattr(self, name) for name in METHOD_NAMES
        }

    # -- helpers ----------------------------------------------------------------------------
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

    def _check_access(self, chat: Chat, *, posting: bool) -> None:
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

    def _writable_chat(self, p: Params) -> Chat:
        """Resolve the target chat of a send, check access and flood limits."""
        chat = self.resolve_chat(p)
        self._check_access(chat, posting=True)
        if self.limiter is not None:
            self.limiter.check(chat.id, chat.type != "private")
        return chat

    def _render(
        self, text: str, p: Params, entities_key: str = "entities"
    ) -> tuple[str, list[JSON]]:
        """Apply ``parse_mode`` (HTML validated) or explicit entities to ``text``."""
        mode = (p.string("parse_mode") or "").lower()
        if mode == "html":
            try:
                parsed = parse_html(text)
            except HtmlParseError as exc:
                raise ApiError(400, str(exc)) from None
            return parsed.text, parsed.entities
        if mode not in ("", "markdown", "markdownv2"):
            raise bad_request("unsupported parse_mode")
        entities = p.obj(entities_key) or []
        return text, list(entities)

    def _markup(self, p: Params) -> JSON | None:
        """Validate and return ``reply_markup``."""
        markup = p.obj("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= 64:
                    raise bad_request("BUTTON_DATA_INVALID")
                if not button.get("text"):
                    raise bad_request("text buttons are unallowed in the inline keyboard")
        return markup

    def _reply_to(self, chat: Chat, p: Params) -> StoredMessage | None:
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

    def _own_message(self, p: Params, verb: str) -> StoredMessage:
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

    # -- bot and updates --------------------------------------------------------------------
    async def getMe(self, p: Params) -> JSON:
        """Describe the bot."""
        return self.state.bot.to_api() | {
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def logOut(self, p: Params) -> bool:
        """Accept and do nothing."""
        return True

    async def close(self, p: Params) -> bool:
        """Accept and do nothing."""
        return True

    async def getUpdates(self, p: Params) -> list[JSON]:
        """Long-poll the update queue; a newer call terminates an older one with 409."""
        state = self.state
        if state.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset, limit = p.integer("offset"), min(max(p.integer("limit") or 100, 1), 100)
        timeout = max(p.number("timeout") or 0.0, 0.0)
        allowed = p.obj("allowed_updates")
        if allowed is not None:
            state.allowed_updates = frozenset(allowed) if allowed else DEFAULT_ALLOWED_UPDATES
        if offset:
            state.confirm_updates(offset)
        if self._poll is not None:
            self._poll[0] = True
        ticket = self._poll = [False]
        state.changed.notify()
        try:
            await state.changed.wait_until(
                lambda: ticket[0] or state.closed or bool(state.updates), timeout
            )
        finally:
            if self._poll is ticket:
                self._poll = None
        if ticket[0]:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        return state.updates[:limit]

    async def setWebhook(self, p: Params) -> bool:
        """Remember the webhook URL (updates are not pushed to it)."""
        self.state.webhook_url = p.string("url") or ""
        return True

    async def deleteWebhook(self, p: Params) -> bool:
        """Forget the webhook URL, optionally dropping pending updates."""
        self.state.webhook_url = ""
        if p.flag("drop_pending_updates"):
            self.state.updates.clear()
        return True

    async def getWebhookInfo(self, p: Params) -> JSON:
        """Describe the webhook state."""
        return {
            "url": self.state.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }

    def _commands_key(self, p: Params) -> str:
        """Storage key of a command list: scope plus language."""
        scope = p.obj("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True) + "|" + (p.string("language_code") or "")

    async def setMyCommands(self, p: Params) -> bool:
        """Validate and store the command list."""
        commands = p.obj("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("commands must be a list of at most 100 commands")
        for command in commands:
            if not _COMMAND_RE.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.state.commands[self._commands_key(p)] = commands
        return True

    async def getMyCommands(self, p: Params) -> list[JSON]:
        """Return the stored command list for a scope."""
        return self.state.commands.get(self._commands_key(p), [])

    async def deleteMyCommands(self, p: Params) -> bool:
        """Drop the stored command list for a scope."""
        self.state.commands.pop(self._commands_key(p), None)
        return True

    # -- messages ---------------------------------------------------------------------------
    async def sendMessage(self, p: Params) -> JSON:
        """Send a text message (HTML validated, 4096 UTF-16 units)."""
        raw = p.string("text") or ""
        text, entities = self._render(raw, p)
        if not text.strip():
            raise bad_request("message text is empty")
        if utf16_len(text) > MAX_TEXT:
            raise bad_request("message is too long")
        chat = self._writable_chat(p)
        preview = p.obj("link_preview_options")
        if preview is None and p.flag("disable_web_page_preview"):
            preview = {"is_disabled": True}
        message = self.state.new_message(
            chat,
            self.state.bot,
            text=text,
            raw_text=raw,
            parse_mode=p.string("parse_mode"),
            entities=entities,
            reply_markup=self._markup(p),
            reply_to=self._reply_to(chat, p),
            link_preview_options=preview,
        )
        return message.to_api()

    async def sendDocument(self, p: Params) -> JSON:
        """Send a document: an uploaded file or a known file_id."""
        chat = self._writable_chat(p)
        upload, ref = p.files.get("document"), p.string("document")
        if upload is not None:
            if not upload.content:
                raise bad_request("file must be non-empty")
            stored = self.state.add_file(
                upload.content, file_name=upload.filename, mime_type=upload.content_type
            )
        elif ref is not None and ref in self.state.files:
            stored = self.state.files[ref]
        elif ref is not None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        else:
            raise bad_request("there is no document in the request")
        raw = p.string("caption")
        caption, entities = self._render(raw, p, "caption_entities") if raw else (None, [])
        if caption is not None and utf16_len(caption) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        message = self.state.new_message(
            chat,
            self.state.bot,
            text=caption,
            raw_text=raw,
            parse_mode=p.string("parse_mode"),
            entities=entities,
            reply_markup=self._markup(p),
            reply_to=self._reply_to(chat, p),
            document=stored,
        )
        return message.to_api()

    async def editMessageText(self, p: Params) -> JSON:
        """Edit the text (and keyboard; omitting it removes the keyboard) of a bot message."""
        message = self._own_message(p, "edit")
        if message.document is not None:
            raise bad_request("there is no text in the message to edit")
        raw = p.string("text") or ""
        text, entities = self._render(raw, p)
        if not text.strip():
            raise bad_request("message text is empty")
        if utf16_len(text) > MAX_TEXT:
            raise bad_request("message is too long")
        markup = self._markup(p)
        if (text, entities, markup) == (message.text, message.entities, message.reply_markup):
            raise bad_request(_NOT_MODIFIED)
        message.text, message.raw_text, message.entities = text, raw, entities
        message.parse_mode, message.reply_markup = p.string("parse_mode"), markup
        message.edit_date = message.date if message.edit_date is None else message.edit_date + 1
        self.state.changed.notify()
        return message.to_api()

    async def editMessageReplyMarkup(self, p: Params) -> JSON:
        """Replace (or remove) the inline keyboard of a bot message."""
        message = self._own_message(p, "edit")
        markup = self._markup(p)
        if markup == message.reply_markup:
            raise bad_request(_NOT_MODIFIED)
        message.reply_markup = markup
        self.state.changed.notify()
        return message.to_api()

    async def deleteMessage(self, p: Params) -> bool:
        """Delete a message (others' messages in groups need admin rights)."""
        chat = self.resolve_chat(p)
        message = self.state.find_message(chat.id, p.integer("message_id") or 0)
        if message is None:
            raise bad_request("message to delete not found")
        if not message.outgoing and chat.type != "private" and chat.bot_status != "administrator":
            raise bad_request("message can't be deleted")
        message.deleted = True
        self.state.changed.notify()
        return True

    async def answerCallbackQuery(self, p: Params) -> bool:
        """Answer a pending callback query once."""
        query = self.state.callback_queries.get(p.string("callback_query_id") or "")
        if query is None or query.answered:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        query.answered = True
        query.answer = {k: v for k, v in p.raw.items() if k != "callback_query_id"}
        self.state.changed.notify()
        return True

    async def sendChatAction(self, p: Params) -> bool:
        """Accept a chat action such as 'typing'."""
        chat = self.resolve_chat(p)
        self._check_access(chat, posting=True)
        if p.string("action") not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

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
