"""The one way briefbot sends a rendered message part, for command replies and the outbox alike.

Parse mode (HTML) and link previews (off) are not passed per call: they are the bot's
:func:`bot_defaults`, which only PTB's ``ExtBot`` honours, so ``send_part`` takes an
``ExtBot``. The application is built with them, and so are the bots tests drive the worker with.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.ext import Defaults, ExtBot

from outbox.pacing import ChatPacer
from rendering.messages import MessagePart

# Telegram refuses rows of more than 8 inline buttons; a digest part can carry 10.
BUTTONS_PER_ROW = 5


def bot_defaults() -> Defaults:
    """Every message in HTML without link previews."""
    return Defaults(
        parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )


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
    thread_id: int | None = None,
) -> Message:
    """One ``sendMessage`` of ``part`` inside ``chat_id``'s pacing slot; errors propagate.

    ``reply=True`` for command replies: they go ahead of queued outbox sends in the budget.
    ``observe`` is given the call's duration in seconds (the wait for the slot left out).
    ``thread_id``: the forum topic (``message_thread_id``) to send to; None, the chat itself.
    """
    async with pacer.slot(chat_id, reply=reply):
        markup = keyboard(part)
        if observe is None:
            return await bot.send_message(
                chat_id, part.text, reply_markup=markup, message_thread_id=thread_id
            )
        started = time.perf_counter()
        try:
            return await bot.send_message(
                chat_id, part.text, reply_markup=markup, message_thread_id=thread_id
            )
        finally:
            observe(time.perf_counter() - started)
