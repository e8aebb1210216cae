"""HTTP control endpoints (``/_control/...``) letting another process play users and faults."""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from local_bot_api.faults import RateLimits
from local_bot_api.models import JSON, StoredMessage, User

if TYPE_CHECKING:
    from local_bot_api.api import LocalBotApi

ControlHandler = Callable[["LocalBotApi", JSON], Awaitable[Any]]


def transcript_entry(message: StoredMessage) -> JSON:
    """A message as the Bot API renders it, plus raw input and bookkeeping flags."""
    return message.to_api() | {
        "raw_text": message.raw_text,
        "parse_mode": message.parse_mode,
        "outgoing": message.outgoing,
        "deleted": message.deleted,
        "disable_notification": message.disable_notification,
    }


def _user(api: LocalBotApi, body: JSON, key: str = "user_id") -> User | None:
    """Look up the user named by ``body[key]``, if given."""
    return api.users[int(body[key])] if body.get(key) is not None else None


def _users(api: LocalBotApi, ids: list[int] | None) -> list[User]:
    """Look up several users by id."""
    return [api.users[int(i)] for i in ids or []]


async def _state(api: LocalBotApi, body: JSON) -> JSON:
    """Bot, chats and queue size."""
    return {
        "bot": api.bot.to_api(),
        "base_url": api.base_url,
        "base_file_url": api.base_file_url,
        "chats": [c.to_api() for c in api.chats.values()],
        "pending_updates": len(api.updates),
    }


async def _create_user(api: LocalBotApi, body: JSON) -> JSON:
    """``{first_name, username?, user_id?}`` → User."""
    user = api.create_user(
        body.get("first_name", "Alice"), username=body.get("username"), user_id=body.get("user_id")
    )
    return user.to_api()


async def _private_chat(api: LocalBotApi, body: JSON) -> JSON:
    """``{user_id? | first_name?, username?}`` → Chat."""
    chat = api.create_private_chat(
        _user(api, body),
        first_name=body.get("first_name", "Alice"),
        username=body.get("username"),
    )
    return chat.to_api()


async def _group(api: LocalBotApi, body: JSON) -> JSON:
    """``{title, admin_ids?, member_ids?, supergroup?, bot_is_admin?, username?, forum?}``."""
    chat = api.create_group(
        body.get("title", "Test group"),
        admins=_users(api, body.get("admin_ids")),
        members=_users(api, body.get("member_ids")),
        supergroup=bool(body.get("supergroup", True)),
        bot_is_admin=bool(body.get("bot_is_admin", False)),
        username=body.get("username"),
        forum=bool(body.get("forum", False)),
    )
    return chat.to_api()


async def _channel(api: LocalBotApi, body: JSON) -> JSON:
    """``{title, admin_ids?, bot_is_admin?, username?}`` → Chat."""
    chat = api.create_channel(
        body.get("title", "Test channel"),
        admins=_users(api, body.get("admin_ids")),
        username=body.get("username"),
        bot_is_admin=bool(body.get("bot_is_admin", True)),
    )
    return chat.to_api()


async def _create_topic(api: LocalBotApi, body: JSON) -> JSON:
    """``{chat_id, name, user_id?}`` → ``{message_thread_id, name, icon_color}``."""
    topic = api.create_topic(int(body["chat_id"]), str(body["name"]), by=_user(api, body))
    return {"message_thread_id": topic.message_thread_id} | topic.to_created()


async def _delete_topic(api: LocalBotApi, body: JSON) -> bool:
    """``{chat_id, message_thread_id}``: delete a topic; sends to it then answer 400."""
    api.delete_topic(int(body["chat_id"]), int(body["message_thread_id"]))
    return True


async def _send(api: LocalBotApi, body: JSON) -> JSON:
    """``{chat_id, text, user_id?, reply_to?, message_thread_id?, document_base64?, …}``."""
    document = body.get("document_base64")
    message = api.user_sends(
        int(body["chat_id"]),
        body.get("text", ""),
        user=_user(api, body),
        reply_to=body.get("reply_to"),
        document=base64.b64decode(document) if document is not None else None,
        file_name=body.get("file_name", "document.txt"),
        mime_type=body.get("mime_type", "text/plain"),
        message_thread_id=body.get("message_thread_id"),
    )
    return transcript_entry(message)


async def _press(api: LocalBotApi, body: JSON) -> JSON:
    """``{chat_id, message_id, callback_data, user_id?, strict?}`` → ``{callback_query_id}``."""
    query = api.user_presses(
        int(body["chat_id"]),
        int(body["message_id"]),
        str(body["callback_data"]),
        user=_user(api, body),
        strict=bool(body.get("strict", True)),
    )
    return {"callback_query_id": query.id}


async def _block(api: LocalBotApi, body: JSON) -> bool:
    """``{user_id}``: the user blocks the bot."""
    api.block_bot(int(body["user_id"]))
    return True


async def _unblock(api: LocalBotApi, body: JSON) -> bool:
    """``{user_id}``: the user unblocks the bot."""
    api.unblock_bot(int(body["user_id"]))
    return True


async def _remove_bot(api: LocalBotApi, body: JSON) -> bool:
    """``{chat_id, kicked?}``: remove the bot from a group or channel."""
    api.remove_bot(int(body["chat_id"]), kicked=bool(body.get("kicked", True)))
    return True


async def _migrate(api: LocalBotApi, body: JSON) -> JSON:
    """``{chat_id, user_id?, service_messages?}``: upgrade a group → the new supergroup."""
    chat = api.migrate_group(
        int(body["chat_id"]),
        by=_user(api, body),
        service_messages=bool(body.get("service_messages", True)),
    )
    return chat.to_api()


async def _messages(api: LocalBotApi, body: JSON) -> list[JSON]:
    """``?chat_id=&from_bot=true|false&include_deleted=true`` → transcript."""
    from_bot = body.get("from_bot")
    messages = api.messages(
        int(body["chat_id"]),
        from_bot=None if from_bot is None else str(from_bot).lower() == "true",
        include_deleted=str(body.get("include_deleted", "")).lower() == "true",
    )
    return [transcript_entry(m) for m in messages]


async def _wait(api: LocalBotApi, body: JSON) -> list[JSON]:
    """``{chat_id, count?, timeout?, after_message_id?}`` → bot messages (408 on timeout)."""
    try:
        messages = await api.wait_for_messages(
            int(body["chat_id"]),
            int(body.get("count", 1)),
            float(body.get("timeout", 5.0)),
            after_message_id=int(body.get("after_message_id", 0)),
        )
    except TimeoutError as exc:
        raise web.HTTPRequestTimeout(text=str(exc)) from None
    return [transcript_entry(m) for m in messages]


async def _add_fault(api: LocalBotApi, body: JSON) -> JSON:
    """``{method?, chat_id?, status?, retry_after?, description?, times?, delay?}``."""
    if body.get("status", 500) is None:
        rule = api.delay_next(
            body.get("method"),
            seconds=float(body.get("delay", 0.0)),
            times=int(body.get("times", 1)),
            chat_id=body.get("chat_id"),
        )
    else:
        rule = api.fail_next(
            body.get("method"),
            status=int(body.get("status", 500)),
            retry_after=body.get("retry_after"),
            description=body.get("description"),
            times=int(body.get("times", 1)),
            chat_id=body.get("chat_id"),
            delay=float(body.get("delay", 0.0)),
        )
    return dataclasses.asdict(rule)


async def _clear_faults(api: LocalBotApi, body: JSON) -> bool:
    """Drop all scripted faults."""
    api.clear_faults()
    return True


async def _rate_limits(api: LocalBotApi, body: JSON) -> bool:
    """``{enabled?, per_chat_per_second?, per_group_per_minute?, global_per_second?}``."""
    if body.pop("enabled", True) is False:
        api.disable_rate_limits()
    else:
        api.enforce_rate_limits(RateLimits(**body))
    return True


async def _calls(api: LocalBotApi, body: JSON) -> list[JSON]:
    """``?method=`` → recorded Bot API calls."""
    return [dataclasses.asdict(c) for c in api.calls(body.get("method"))]


async def _callback_queries(api: LocalBotApi, body: JSON) -> list[JSON]:
    """Simulated button presses and their answers."""
    return [
        {"id": q.id, "data": q.data, "answered": q.answered, "answer": q.answer}
        for q in api.callback_queries.values()
    ]


ROUTES: dict[tuple[str, str], ControlHandler] = {
    ("GET", "state"): _state,
    ("POST", "users"): _create_user,
    ("POST", "chats/private"): _private_chat,
    ("POST", "chats/group"): _group,
    ("POST", "chats/channel"): _channel,
    ("POST", "chats/migrate"): _migrate,
    ("POST", "chats/topics"): _create_topic,
    ("POST", "chats/topics/delete"): _delete_topic,
    ("POST", "send"): _send,
    ("POST", "press"): _press,
    ("POST", "block"): _block,
    ("POST", "unblock"): _unblock,
    ("POST", "remove_bot"): _remove_bot,
    ("GET", "messages"): _messages,
    ("POST", "wait"): _wait,
    ("POST", "faults"): _add_fault,
    ("DELETE", "faults"): _clear_faults,
    ("POST", "rate_limits"): _rate_limits,
    ("GET", "calls"): _calls,
    ("GET", "callback_queries"): _callback_queries,
}


def add_control_routes(app: web.Application, api: LocalBotApi) -> None:
    """Mount every control endpoint under ``/_control/``."""
    for (verb, path), handler in ROUTES.items():
        app.router.add_route(verb, f"/_control/{path}", _wrap(api, handler))


def _wrap(api: LocalBotApi, handler: ControlHandler) -> Callable[[web.Request], Awaitable[Any]]:
    """Adapt a control handler: JSON/query in, ``{"ok", "result"}`` out, 400 on bad input."""

    async def endpoint(request: web.Request) -> web.Response:
        """Run the handler for one control request."""
        body: JSON = dict(request.query)
        if request.body_exists:
            payload = await request.json()
            if isinstance(payload, dict):
                body.update(payload)
        try:
            result = await handler(api, body)
        except (KeyError, ValueError, TypeError) as exc:
            return web.json_response({"ok": False, "description": repr(exc)}, status=400)
        return web.json_response({"ok": True, "result": result})

    return endpoint
