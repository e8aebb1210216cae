"""Message methods: send text/documents, edit, delete, answer callback queries, chat actions."""

from __future__ import annotations

from local_bot_api.errors import bad_request
from local_bot_api.forums import send_thread
from local_bot_api.html import utf16_len
from local_bot_api.methods.access import ChatAccess
from local_bot_api.methods.inputs import render_text, reply_markup
from local_bot_api.models import JSON
from local_bot_api.params import Handler, Params
from local_bot_api.state import BotState

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
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class MessageMethods:
    """Handlers that create, change or remove messages in a chat."""

    def __init__(self, state: BotState, access: ChatAccess) -> None:
        """Write to the transcripts of ``state`` where ``access`` allows it."""
        self.state = state
        self.access = access

    def handlers(self) -> dict[str, Handler]:
        """The Bot API methods of this group by their Telegram names."""
        return {
            "sendMessage": self.send_message,
            "sendDocument": self.send_document,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendChatAction": self.send_chat_action,
        }

    async def send_message(self, p: Params) -> JSON:
        """Send a text message (HTML validated, 4096 UTF-16 units), in a topic if given one."""
        raw = p.string("text") or ""
        text, entities = render_text(raw, p)
        if not text.strip():
            raise bad_request("message text is empty")
        if utf16_len(text) > MAX_TEXT:
            raise bad_request("message is too long")
        chat = self.access.writable_chat(p)
        thread, opening = send_thread(self.state, chat, p.integer("message_thread_id"))
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
            reply_markup=reply_markup(p),
            reply_to=self.access.replied_message(chat, p) or opening,
            link_preview_options=preview,
            disable_notification=p.flag("disable_notification"),
            message_thread_id=thread,
        )
        return message.to_api()

    async def send_document(self, p: Params) -> JSON:
        """Send a document: an uploaded file or a known file_id, in a topic if given one."""
        chat = self.access.writable_chat(p)
        thread, opening = send_thread(self.state, chat, p.integer("message_thread_id"))
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
        caption, entities = render_text(raw, p, "caption_entities") if raw else (None, [])
        if caption is not None and utf16_len(caption) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        message = self.state.new_message(
            chat,
            self.state.bot,
            text=caption,
            raw_text=raw,
            parse_mode=p.string("parse_mode"),
            entities=entities,
            reply_markup=reply_markup(p),
            reply_to=self.access.replied_message(chat, p) or opening,
            document=stored,
            message_thread_id=thread,
        )
        return message.to_api()

    async def edit_message_text(self, p: Params) -> JSON:
        """Edit the text (and keyboard; omitting it removes the keyboard) of a bot message."""
        message = self.access.own_message(p, "edit")
        if message.document is not None:
            raise bad_request("there is no text in the message to edit")
        raw = p.string("text") or ""
        text, entities = render_text(raw, p)
        if not text.strip():
            raise bad_request("message text is empty")
        if utf16_len(text) > MAX_TEXT:
            raise bad_request("message is too long")
        markup = reply_markup(p)
        if (text, entities, markup) == (message.text, message.entities, message.reply_markup):
            raise bad_request(_NOT_MODIFIED)
        message.text, message.raw_text, message.entities = text, raw, entities
        message.parse_mode, message.reply_markup = p.string("parse_mode"), markup
        message.edit_date = message.date if message.edit_date is None else message.edit_date + 1
        self.state.changed.notify()
        return message.to_api()

    async def edit_message_reply_markup(self, p: Params) -> JSON:
        """Replace (or remove) the inline keyboard of a bot message."""
        message = self.access.own_message(p, "edit")
        markup = reply_markup(p)
        if markup == message.reply_markup:
            raise bad_request(_NOT_MODIFIED)
        message.reply_markup = markup
        self.state.changed.notify()
        return message.to_api()

    async def delete_message(self, p: Params) -> bool:
        """Delete a message (others' messages in groups need admin rights)."""
        chat = self.access.resolve_chat(p)
        message = self.state.find_message(chat.id, p.integer("message_id") or 0)
        if message is None:
            raise bad_request("message to delete not found")
        if not message.outgoing and chat.type != "private" and chat.bot_status != "administrator":
            raise bad_request("message can't be deleted")
        message.deleted = True
        self.state.changed.notify()
        return True

    async def answer_callback_query(self, p: Params) -> bool:
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

    async def send_chat_action(self, p: Params) -> bool:
        """Accept a chat action such as 'typing'."""
        chat = self.access.resolve_chat(p)
        self.access.check_access(chat, posting=True)
        if p.string("action") not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True
