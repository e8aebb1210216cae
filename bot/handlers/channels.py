"""Channels and membership: /channel @name, and the bot being blocked or removed."""

from __future__ import annotations

import logging
import re

from telegram import Chat, ChatMember, Update
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from bot.handlers.common import (
    ADMIN_STATUSES,
    chat_title,
    describe_digest,
    reply,
    subscribe_chat,
)
from rendering.text import escape, label
from rendering.translation import N_
from storage.models import ChatType, SubscriberState
from storage.repositories import SubscriberRepository

_LOG = logging.getLogger(__name__)
CHANNEL_USAGE = N_("Usage: /channel @name, in this private chat, for a channel you administer.")
CHANNEL_IN_PRIVATE = N_(
    "/channel works in a private chat with me: send me /channel @name there, for a channel "
    "you administer."
)
_CHANNEL_NAME = re.compile(r"@?[A-Za-z][A-Za-z0-9_]{3,31}")
GONE_STATUSES = frozenset({ChatMember.BANNED, ChatMember.LEFT})


async def channel(update: Update, context: BotContext) -> None:
    """Subscribe a channel that both the sender and the bot administer."""
    user = update.effective_user
    args = context.args or []
    _ = context.translator.gettext
    if user is None or len(args) != 1 or not _CHANNEL_NAME.fullmatch(args[0]):
        await reply(update, context, _(CHANNEL_USAGE))
        return
    name = "@" + args[0].lstrip("@")
    problem = await _channel_problem(context, name, user.id)
    if isinstance(problem, str):
        await reply(update, context, problem)
        return
    target = problem
    services = context.services
    async with services.session_factory() as session, session.begin():
        subscriber, _before = await subscribe_chat(
            session, services, target.id, ChatType.CHANNEL, chat_title(target), user.language_code
        )
        schedule = describe_digest(subscriber, context.translator)
    shown = label(chat_title(target)) or name  # a title in "\u202e..." would reverse the line
    done = _("Subscribed {channel}.").format(channel=escape(shown))
    await reply(update, context, f"{done} {schedule}")


async def channel_elsewhere(update: Update, context: BotContext) -> None:
    """Say that /channel, given in a group, works in a private chat with the bot."""
    await reply(update, context, context.translator.gettext(CHANNEL_IN_PRIVATE))


async def _channel_problem(context: BotContext, name: str, user_id: int) -> Chat | str:
    """The channel called ``name`` if it may be subscribed by ``user_id``, else why not."""
    _ = context.translator.gettext
    shown = escape(name)
    missing = _("I can't find {channel}. Add me to the channel as an admin, then try again.")
    try:
        target = await context.bot.get_chat(name)
        if target.type != Chat.CHANNEL:
            return _("{channel} is not a channel.").format(channel=shown)
        member = await context.bot.get_chat_member(target.id, user_id)
        me = await context.bot.get_chat_member(target.id, context.bot.id)
    except (BadRequest, Forbidden):
        return missing.format(channel=shown)
    if member.status not in ADMIN_STATUSES:
        return _("Only an admin of {channel} can subscribe it.").format(channel=shown)
    if me.status not in ADMIN_STATUSES:
        text = _("Make me an admin of {channel} so I can post there, then try again.")
        return text.format(channel=shown)
    return Chat(id=target.id, type=target.type, title=target.title, username=target.username)


async def membership(update: Update, context: BotContext) -> None:
    """Mark the subscriber blocked when the bot is blocked or removed; never message on changes."""
    change = update.my_chat_member
    if change is None:
        return
    status = change.new_chat_member.status
    if status not in GONE_STATUSES:
        return
    services = context.services
    async with services.session_factory() as session, session.begin():
        repository = SubscriberRepository(session)
        subscriber = await repository.get_by_chat_id(change.chat.id)
        if subscriber is not None and subscriber.state is not SubscriberState.BLOCKED:
            await repository.set_state(subscriber, SubscriberState.BLOCKED)
            _LOG.info("chat %s blocked or removed the bot", change.chat.id)
