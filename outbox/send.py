"""The one way briefbot sends a rendered message part, for command replies and the outbox alike.

Parse mode (HTML) and link previews (off) are the bot's :func:`bot_defaults`, which only PTB's
``ExtBot`` honours, so ``send_part`` takes an ``ExtBot``. The application is built with them,
and so are the bots tests drive the worker with. A chat's delivery options (``/previews``,
``/silent``) travel as one :class:`SendOptions` built from its subscriber row.

The send is PTB's low-level ``ExtBot._post("sendMessage", ...)``, not ``send_message``: the
answer's ``message_id`` is all briefbot keeps, and building a PTB ``Message`` (with its chat,
user and entities) from every answer was a tenth of a broadcast's CPU. ``_post`` still inserts
the bot's defaults, goes through its rate limiter and maps Telegram's errors (``RetryAfter``,
``Forbidden``, ``BadRequest``, ``ChatMigrated``, ``TimedOut`` ...) as ``send_message`` does, so
:mod:`outbox.outcomes` sees the same exceptions. ``_post`` is not PTB's public API: an upgrade
of python-telegram-bot must keep ``tests/outbox/test_send.py`` green. The keyboard goes as
plain JSON (:func:`keyboard_json`), never as PTB objects.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from telegram import LinkPreviewOptions
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram.constants import ParseMode
from telegram.ext import Defaults, ExtBot

from outbox.pacing import ChatPacer
from rendering.parts import MessagePart

if TYPE_CHECKING:
    from storage.models import Subscriber

# Telegram refuses rows of more than 8 inline buttons; a digest part can carry 10.
BUTTONS_PER_ROW = 5


class ClaimLost(Exception):
    """The outbox row was no longer this worker's when its turn to send came: nothing was sent."""


def bot_defaults() -> Defaults:
    """Every message in HTML without link previews."""
    return Defaults(
        parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )


@dataclass(frozen=True)
class SendOptions:
    """How one chat wants its messages sent; the defaults: no link previews, not silent."""

    link_previews: bool = False
    silent: bool = False

    @classmethod
    def of(cls, subscriber: Subscriber) -> SendOptions:
        """The subscriber's options (``/previews``, ``/silent``)."""
        return cls(link_previews=subscriber.link_previews, silent=subscriber.silent)

    def arguments(self) -> dict[str, Any]:
        """The ``sendMessage`` arguments that differ from :func:`bot_defaults` (plain JSON)."""
        found: dict[str, Any] = {}
        if self.link_previews:
            found["link_preview_options"] = {"is_disabled": False}
        if self.silent:
            found["disable_notification"] = True
        return found


DEFAULT_OPTIONS = SendOptions()


def keyboard(part: MessagePart) -> dict[str, Any] | None:
    """The part's ``reply_markup`` (plain JSON): buttons in rows of at most
    :data:`BUTTONS_PER_ROW`; ``None`` without buttons."""
    buttons = [{"text": b.text, "callback_data": b.data} for b in part.buttons]
    if not buttons:
        return None
    rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return {"inline_keyboard": rows}


def message_data(
    chat_id: int, part: MessagePart, options: SendOptions, thread_id: int | None
) -> dict[str, Any]:
    """The ``sendMessage`` parameters; parse mode and previews left to the bot's defaults."""
    data: dict[str, Any] = {
        "chat_id": chat_id,
        "text": part.text,
        "parse_mode": DEFAULT_NONE,
        "link_preview_options": DEFAULT_NONE,
        "disable_notification": DEFAULT_NONE,
        "protect_content": DEFAULT_NONE,
        "reply_markup": keyboard(part),
        "message_thread_id": thread_id,
    }
    data.update(options.arguments())
    return data


async def post_message(bot: ExtBot[Any], data: dict[str, Any]) -> int:
    """One ``sendMessage`` through the bot's low-level ``_post``; the accepted message's id."""
    answer = await bot._post("sendMessage", data)  # private: see the docstring
    message_id = answer.get("message_id") if isinstance(answer, dict) else None
    if not isinstance(message_id, int):
        raise TypeError(f"sendMessage answered without a message id: {answer!r}")
    return message_id


async def send_part(
    bot: ExtBot[Any],
    chat_id: int,
    part: MessagePart,
    *,
    pacer: ChatPacer,
    reply: bool = False,
    observe: Callable[[float], None] | None = None,
    still_ours: Callable[[], Awaitable[bool]] | None = None,
    options: SendOptions = DEFAULT_OPTIONS,
    thread_id: int | None = None,
) -> int:
    """One ``sendMessage`` of ``part`` inside ``chat_id``'s pacing slot: the message's id.

    Errors propagate as PTB raises them.

    ``reply=True`` for command replies: they go ahead of queued outbox sends in the budget.
    ``observe`` is given the call's duration in seconds (the wait for the slot left out).
    ``still_ours`` (the outbox) is asked once the slot is held, just before sending: the wait
    for a place in the budget can outlast a claim's lease, and a row the tick has given to
    another worker meanwhile must not go out twice; False raises :class:`ClaimLost`.
    ``options``: the chat's link previews and silence.
    ``thread_id``: the forum topic (``message_thread_id``) to send to; None, the chat itself.
    """
    data = message_data(chat_id, part, options, thread_id)
    async with pacer.slot(chat_id, reply=reply):
        if still_ours is not None and not await still_ours():
            raise ClaimLost(chat_id)
        if observe is None:
            return await post_message(bot, data)
        started = time.perf_counter()
        try:
            return await post_message(bot, data)
        finally:
            observe(time.perf_counter() - started)
