"""Delivery options per chat: /previews, /silent, /length, and /digest followed|all.

Each command alone shows the chat's current value and the accepted ones; a bad value gets a
one-line error; in groups only the group's admins change them (as every other setting).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot.context import BotContext
from bot.handlers.common import (
    GROUP_ADMINS_ONLY,
    NOT_SUBSCRIBED,
    active_subscriber,
    can_change_settings,
    reply,
)
from ingest.lengths import MAX_LENGTH, MIN_LENGTH
from rendering.text import escape
from rendering.translation import N_, Translator, UsageError, ascii_digits
from storage.models import DigestScope, RuleKind, Subscriber
from storage.repositories import TopicRuleRepository

PREVIEWS_USAGE = N_("Use /previews on or /previews off.")
SILENT_USAGE = N_("Use /silent on or /silent off.")
# The range is written out (MIN_LENGTH to MAX_LENGTH) so translators see the whole sentence.
LENGTH_USAGE = N_("Use /length N with N from 1 to 5, or /length default.")
SCOPE_USAGE = N_("Use /digest followed (only what you follow) or /digest all (every new brief).")
_SWITCH = {"on": True, "off": False}
_SCOPES = {scope.value: scope for scope in DigestScope}
_ECHO_CHARS = 20


class OptionUsageError(UsageError):
    """A bad option value: one line naming the accepted values."""


@dataclass(frozen=True)
class LengthSetting:
    """A parsed ``/length``: ``sentences`` None means the bot's default."""

    sentences: int | None


def _shown(value: str) -> str:
    """The value cut short to echo in an error message (whose catalogue entry quotes it, in
    each language's quotation marks)."""
    return value if len(value) <= _ECHO_CHARS else value[:_ECHO_CHARS] + "…"


def _one_argument(args: Sequence[str], usage: str) -> str | None:
    """The single argument lower-cased, None when there is none; more than one is an error."""
    if not args:
        return None
    if len(args) > 1:
        raise OptionUsageError(N_("Give one value."), usage)
    return args[0].strip().lower()


def parse_switch(args: Sequence[str], usage: str) -> bool | None:
    """``on`` / ``off`` as True / False; None when no argument (show the value)."""
    value = _one_argument(args, usage)
    if value is None:
        return None
    if value not in _SWITCH:
        raise OptionUsageError(N_("“{value}” is not on or off."), usage, _shown(value))
    return _SWITCH[value]


def parse_length(args: Sequence[str]) -> LengthSetting | None:
    """``/length N`` (1 to 5) or ``/length default``; None when no argument (show the value)."""
    value = _one_argument(args, LENGTH_USAGE)
    if value is None:
        return None
    if value == "default":
        return LengthSetting(None)
    value = ascii_digits(value) if len(value) <= 2 else value  # "३" is 3
    if not (value.isascii() and value.isdigit()) or len(value) > 2:
        raise OptionUsageError(
            N_("“{value}” is not a number of sentences."), LENGTH_USAGE, _shown(value)
        )
    sentences = int(value)
    if not MIN_LENGTH <= sentences <= MAX_LENGTH:
        raise OptionUsageError(N_("{value} is out of range."), LENGTH_USAGE, str(sentences))
    return LengthSetting(sentences)


def parse_scope(args: Sequence[str]) -> DigestScope | None:
    """``/digest followed`` or ``/digest all``; None when the arguments are another ``/digest``."""
    if len(args) != 1 or args[0].strip().lower() not in _SCOPES:
        return None
    return _SCOPES[args[0].strip().lower()]


def on_off(value: bool, translator: Translator) -> str:
    """``on`` or ``off``."""
    return translator.gettext("on") if value else translator.gettext("off")


def describe_length(subscriber: Subscriber, default: int, translator: Translator) -> str:
    """The chat's summary length in words."""
    if subscriber.summary_length is None:
        return translator.ngettext(
            "{count} sentence (the default)", "{count} sentences (the default)", default
        ).format(count=default)
    count = subscriber.summary_length
    return translator.ngettext("{count} sentence", "{count} sentences", count).format(count=count)


def describe_scope(scope: DigestScope, follows_anything: bool, translator: Translator) -> str:
    """What the chat's digest holds, in words."""
    _ = translator.gettext
    if scope is DigestScope.ALL:
        return _("every new brief")
    if follows_anything:
        return _("only briefs about what you follow")
    return _("only briefs about what you follow (you follow nothing yet, so every new brief)")


async def describe_scope_line(
    session: AsyncSession, subscriber: Subscriber, translator: Translator
) -> str:
    """What the digest holds and how to change it, for ``/digest`` alone."""
    follows = await TopicRuleRepository(session).phrases(subscriber.id, RuleKind.FOLLOW)
    holds = describe_scope(subscriber.digest_scope, bool(follows), translator)
    return translator.gettext(
        "It holds {holds}; /digest followed or /digest all changes that."
    ).format(holds=holds)


async def _change(
    update: Update,
    context: BotContext,
    setting: object | None,
    apply: Callable[[Subscriber], None],
    answer: Callable[[Subscriber], str],
) -> None:
    """Show (``setting`` None) or apply an option to the chat's subscriber and answer."""
    chat = update.effective_chat
    assert chat is not None
    if setting is not None and not await can_change_settings(update, context):
        await reply(update, context, context.translator.gettext(GROUP_ADMINS_ONLY))
        return
    services = context.services
    sessions = services.read_session_factory if setting is None else services.session_factory
    async with sessions() as session, session.begin():
        subscriber = await active_subscriber(session, chat.id)
        if subscriber is not None and setting is not None:
            apply(subscriber)
        if subscriber is None:
            text = context.translator.gettext(NOT_SUBSCRIBED)
        else:
            text = answer(subscriber)
    await reply(update, context, text)


async def previews(update: Update, context: BotContext) -> None:
    """Show or set link previews in this chat's digests and alerts."""
    try:
        setting = parse_switch(context.args or [], PREVIEWS_USAGE)
    except OptionUsageError as error:
        await reply(update, context, escape(error.in_language(context.translator)))
        return

    def apply(subscriber: Subscriber) -> None:
        assert setting is not None
        subscriber.link_previews = setting

    def answer(subscriber: Subscriber) -> str:
        _ = context.translator.gettext
        now = on_off(subscriber.link_previews, context.translator)
        if setting is None:
            return _("Link previews are {value}.").format(value=now) + " " + _(PREVIEWS_USAGE)
        return _("Link previews are now {value} for digests, alerts, /latest and /topic.").format(
            value=now
        )

    await _change(update, context, setting, apply, answer)


async def silent(update: Update, context: BotContext) -> None:
    """Show or set whether digests and alerts arrive without a notification."""
    try:
        setting = parse_switch(context.args or [], SILENT_USAGE)
    except OptionUsageError as error:
        await reply(update, context, escape(error.in_language(context.translator)))
        return

    def apply(subscriber: Subscriber) -> None:
        assert setting is not None
        subscriber.silent = setting

    def answer(subscriber: Subscriber) -> str:
        _ = context.translator.gettext
        if setting is None:
            now = on_off(subscriber.silent, context.translator)
            return _("Silent delivery is {value}.").format(value=now) + " " + _(SILENT_USAGE)
        if subscriber.silent:
            return _("Digests and alerts now arrive silently, without a notification.")
        return _("Digests and alerts now arrive with a notification.")

    await _change(update, context, setting, apply, answer)


async def length(update: Update, context: BotContext) -> None:
    """Show or set how many summary sentences this chat's briefs have."""
    try:
        setting = parse_length(context.args or [])
    except OptionUsageError as error:
        await reply(update, context, escape(error.in_language(context.translator)))
        return
    default = context.services.settings.summary_sentences

    def apply(subscriber: Subscriber) -> None:
        assert setting is not None
        subscriber.summary_length = setting.sentences

    def answer(subscriber: Subscriber) -> str:
        _ = context.translator.gettext
        described = describe_length(subscriber, default, context.translator)
        if setting is None:
            shown = _("Summaries here are {length} long.").format(length=described)
            return f"{shown} {_(LENGTH_USAGE)}"
        return _(
            "Summaries here are now {length} long: digests, alerts, /latest and /topic."
        ).format(length=described)

    await _change(update, context, setting, apply, answer)


async def digest_scope(update: Update, context: BotContext, scope: DigestScope) -> None:
    """``/digest followed`` or ``/digest all``: what this chat's digest holds."""
    chat = update.effective_chat
    assert chat is not None
    if not await can_change_settings(update, context):
        await reply(update, context, context.translator.gettext(GROUP_ADMINS_ONLY))
        return
    _ = context.translator.gettext
    services = context.services
    async with services.session_factory() as session, session.begin():
        subscriber = await active_subscriber(session, chat.id)
        text = _(NOT_SUBSCRIBED)
        if subscriber is not None:
            subscriber.digest_scope = scope
            follows = await TopicRuleRepository(session).phrases(subscriber.id, RuleKind.FOLLOW)
            holds = describe_scope(scope, bool(follows), context.translator)
            text = _("Your digest now holds {holds}.").format(holds=holds)
            if scope is DigestScope.FOLLOWED and not follows:
                text += " " + _("/follow a word to narrow it.")
    await reply(update, context, text)
