"""What the handlers share: replies in HTML, subscriber lookup, admin checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Chat, ChatMember, Message, Update
from telegram.error import RetryAfter

from bot.context import BotContext
from outbox.outcomes import retry_after_seconds
from outbox.send import DEFAULT_OPTIONS, SendOptions, send_part
from rendering.parts import MessagePart
from rendering.text import escape
from rendering.translation import N_, Translator
from runtime.services import BotServices
from storage.models import ChatType, Subscriber, SubscriberState
from storage.repositories import SubscriberRepository
from tick.calendar import next_digest_at

ADMIN_STATUSES = frozenset({ChatMember.ADMINISTRATOR, ChatMember.OWNER})
# Every user-facing string is marked for the catalogue (rendering.translation): a constant with
# N_() and translated where it is used, _(NOT_SUBSCRIBED) with _ = context.translator.gettext.
NOT_SUBSCRIBED = N_("This chat is not subscribed. Send /start to subscribe.")
GROUP_ADMINS_ONLY = N_("Only this group's admins can change its settings.")
# A reply hit by flood control (429) waits and is sent again, but only for short waits: a chat's
# updates are handled one at a time (bot.updates), so a long wait here would hold up its answers.
REPLY_RETRIES = 3
REPLY_MAX_WAIT_SECONDS = 10.0


def thread_of(update: Update) -> int | None:
    """The forum topic the update's message is in (its ``message_thread_id``); None outside one.

    A reply sent with it lands in the same topic; None is the chat itself (a forum's General
    topic). Reply threads of groups without topics carry an id too, but are no topic.
    """
    message = update.effective_message
    if message is None or not message.is_topic_message:
        return None
    return message.message_thread_id


async def send_reply_part(
    context: BotContext,
    chat_id: int,
    part: MessagePart,
    options: SendOptions = DEFAULT_OPTIONS,
    *,
    thread_id: int | None = None,
) -> int:
    """Send one part (see :func:`outbox.send.send_part`); a short 429 is waited out; its id.

    The pacer is the one the delivery worker uses, so replies and digests to one private chat
    together stay within its per-chat rate (``AIORateLimiter`` paces groups only); a reply
    takes its place in the overall budget ahead of queued outbox sends. ``thread_id``: the
    forum topic to answer in (see :func:`thread_of`).
    """
    pacer = context.services.pacer
    for attempt in range(1, REPLY_RETRIES + 1):
        try:
            return await send_part(
                context.bot,
                chat_id,
                part,
                pacer=pacer,
                reply=True,
                options=options,
                thread_id=thread_id,
            )
        except RetryAfter as error:
            wait = retry_after_seconds(error)
            if attempt == REPLY_RETRIES or wait > REPLY_MAX_WAIT_SECONDS:
                raise
            await pacer.hold_for_all(chat_id, wait)
    raise AssertionError("unreachable")


async def send_parts(
    context: BotContext,
    chat_id: int,
    parts: Sequence[MessagePart],
    options: SendOptions = DEFAULT_OPTIONS,
    *,
    thread_id: int | None = None,
) -> None:
    """Send rendered parts in order (in forum topic ``thread_id`` if given)."""
    for part in parts:
        await send_reply_part(context, chat_id, part, options, thread_id=thread_id)


async def reply(update: Update, context: BotContext, text: str) -> None:
    """Answer in the update's chat (and topic) with ``text`` (HTML; callers escape)."""
    chat = update.effective_chat
    if chat is None:
        return
    await send_reply_part(context, chat.id, MessagePart(text), thread_id=thread_of(update))


def command_message(update: Update) -> Message:
    """The message (or channel post) that carried the command."""
    message = update.effective_message
    assert message is not None
    return message


def chat_type_of(chat: Chat) -> ChatType:
    """The storage chat type of a Telegram chat."""
    return ChatType(chat.type)


def chat_title(chat: Chat) -> str | None:
    """A display name for a chat, for the subscribers table."""
    return chat.title or chat.effective_name


def telegram_language(update: Update, seen: str | None) -> str | None:
    """The sender's Telegram language; without one (a channel's post has no sender, an
    anonymous admin no language) ``seen``, the one seen at the chat's ``/start``, which its
    digests follow too."""
    user = update.effective_user
    return (user.language_code if user is not None else None) or seen


async def can_change_settings(update: Update, context: BotContext) -> bool:
    """True in private chats and channels; in groups only for the group's admins."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return False
    if chat.type in (Chat.PRIVATE, Chat.CHANNEL):
        return True
    if message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous admin posting as the group
    user = update.effective_user
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in ADMIN_STATUSES


async def active_subscriber(session: AsyncSession, chat_id: int) -> Subscriber | None:
    """The chat's subscriber if it is active."""
    subscriber = await SubscriberRepository(session).get_by_chat_id(chat_id)
    if subscriber is None or subscriber.state is not SubscriberState.ACTIVE:
        return None
    return subscriber


def schedule_next_digest(subscriber: Subscriber, now: dt.datetime) -> None:
    """Set the next digest instant strictly after ``now`` (None when the digest is off)."""
    if subscriber.digest_time is None:
        subscriber.next_digest_at = None
        return
    subscriber.next_digest_at = next_digest_at(
        subscriber.digest_time, ZoneInfo(subscriber.timezone), now
    )


def describe_digest(subscriber: Subscriber, translator: Translator) -> str:
    """One line (HTML) saying when this subscriber's digest comes, in ``translator``'s words."""
    _ = translator.gettext
    if subscriber.state is not SubscriberState.ACTIVE:
        return _("No digests while unsubscribed; /start resumes them.")
    if subscriber.digest_time is None or subscriber.next_digest_at is None:
        return _("The daily digest is off; /digest 08:00 turns it on.")
    zone = ZoneInfo(subscriber.timezone)
    local = subscriber.next_digest_at.astimezone(zone)
    return _("Daily digest at {time} {zone}; the next one on {day} at {next_time}.").format(
        time=translator.format_time(subscriber.digest_time),
        zone=escape(subscriber.timezone),
        day=translator.format_day(local.date()),
        next_time=translator.format_time(local),
    )


async def subscribe_chat(
    session: AsyncSession,
    services: BotServices,
    chat_id: int,
    chat_type: ChatType,
    title: str | None,
    language_code: str | None = None,
) -> tuple[Subscriber, SubscriberState | None]:
    """Subscribe a chat: new ones get the default digest; stopped or blocked ones come back.
    The subscriber, and its state before (None: new).

    An active subscriber is left as it is (``/start`` twice changes nothing). The sender's
    Telegram ``language_code`` is kept for what the bot pushes unasked (digests, alerts).
    """
    repository = SubscriberRepository(session)
    existing = await repository.get_by_chat_id(chat_id)
    before = None if existing is None else existing.state
    subscriber = existing or await repository.get_or_create(chat_id, chat_type, title)
    now = services.now()
    if existing is None:
        subscriber.timezone = services.settings.timezone
        subscriber.digest_time = services.settings.digest_time
        schedule_next_digest(subscriber, now)
    elif subscriber.state is not SubscriberState.ACTIVE:
        subscriber.state = SubscriberState.ACTIVE
        subscriber.last_digest_at = None  # the first digest back holds the last 24 hours
        schedule_next_digest(subscriber, now)
    if title and subscriber.title != title:
        subscriber.title = title
    if language_code and subscriber.seen_language != language_code:
        subscriber.seen_language = language_code[:16]
    await session.flush()
    return subscriber, before
