"""The one way briefbot sends a rendered message part, for command replies and the outbox alike.

Parse mode (HTML) and link previews (off) are the bot's :func:`bot_defaults`, which only PTB's
``ExtBot`` honours, so ``send_part`` takes an ``ExtBot``. The application is built with them,
and so are the bots tests drive the worker with. A chat's delivery options (``/previews``,
``/silent``) travel as one :class:`SendOptions` built from its subscriber row.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.ext import Defaults, ExtBot

from outbox.pacing import ChatPacer
from rendering.messages import MessagePart

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
        """The ``sendMessage`` arguments that differ from :func:`bot_defaults`."""
        found: dict[str, Any] = {}
        if self.link_previews:
            found["link_preview_options"] = LinkPreviewOptions(is_disabled=False)
        if self.silent:
            found["disable_notification"] = True
        return found


DEFAULT_OPTIONS = SendOptions()


def keyboard(part: MessagePart) -> InlineKeyboardMarkup | None:
    """The part's buttons in rows of at most :data:`BUTTONS_PER_ROW`; ``None`` without buttons."""
    buttons = [InlineKeyboardButton(b.text, callback_data=b.data) for b in part.buttons]
    if not buttons:
        return None
    rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return InlineKeyboardMarkup(rows)


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
) -> Message:
    """One ``sendMessage`` of ``part`` inside ``chat_id``'s pacing slot; errors propagate.

    ``reply=True`` for command replies: they go ahead of queued outbox sends in the budget.
    ``observe`` is given the call's duration in seconds (the wait for the slot left out).
    ``still_ours`` (the outbox) is asked once the slot is held, just before sending: the wait
    for a place in the budget can outlast a claim's lease, and a row the tick has given to
    another worker meanwhile must not go out twice; False raises :class:`ClaimLost`.
    ``options``: the chat's link previews and silence.
    ``thread_id``: the forum topic (``message_thread_id``) to send to; None, the chat itself.
    """
    extra = options.arguments()
    async with pacer.slot(chat_id, reply=reply):
        if still_ours is not None and not await still_ours():
            raise ClaimLost(chat_id)
        markup = keyboard(part)
        if observe is None:
            return await bot.send_message(
                chat_id, part.text, reply_markup=markup, message_thread_id=thread_id, **extra
            )
        started = time.perf_counter()
        try:
            return await bot.send_message(
                chat_id, part.text, reply_markup=markup, message_thread_id=thread_id, **extra
            )
        finally:
            observe(time.perf_counter() - started)
