"""Subscribing and settings: /start, /stop, /digest, /settings, /help, and the /help pointer."""

from __future__ import annotations

import logging

from telegram import Chat, Update

from bot.context import BotContext
from bot.handlers import delivery
from bot.handlers.admins_only import is_admin
from bot.handlers.common import (
    GROUP_ADMINS_ONLY,
    NOT_SUBSCRIBED,
    active_subscriber,
    can_change_settings,
    chat_title,
    chat_type_of,
    command_message,
    describe_digest,
    reply,
    schedule_next_digest,
    subscribe_chat,
)
from bot.handlers.forum import bind_topic, describe_topic
from bot.handlers.menus import give_chat_menu
from rendering.text import escape
from rendering.translation import N_
from storage.models import RuleKind, SubscriberState
from storage.repositories import SubscriberRepository, TopicRuleRepository
from tick.calendar import DigestUsageError, parse_digest_args

_LOG = logging.getLogger(__name__)

WELCOME = N_(
    "<b>Welcome to briefbot.</b> I condense the news into short briefs: a title, the date, "
    "the source and a few summary sentences.\n"
    "• /latest shows the newest briefs, /topic israel the newest about a topic\n"
    "• /follow WORD pushes new briefs about it as they arrive; /mute WORD keeps it out\n"
    "• /digest 07:30 Europe/London sets when your daily digest comes\n"
)
# A channel's readers cannot send commands; its admins post them, and only these are read there.
CHANNEL_WELCOME = N_(
    "<b>Welcome to briefbot.</b> I post a daily digest of short news briefs here: a title, "
    "the date, the source and a few summary sentences.\n"
    "• /digest 07:30 Europe/London, posted here by an admin, sets when it comes\n"
    "• /help lists the other commands an admin can post here\n"
)
CHANNEL_HELP = N_(
    "<b>What an admin can post in this channel</b>\n"
    "/digest [HH:MM [Area/City] | off] — show or set the daily digest\n"
    "/length N — summary sentences per brief, 1 to 5 (/length default resets it)\n"
    "/previews on|off — link previews in digests\n"
    "/silent on|off — digests without a notification\n"
    "/settings — the subscription at a glance\n"
    "/language [CODE] — the language I post in here\n"
    "/start — subscribe; /stop — unsubscribe\n"
    "/latest, /topic and /follow work in a private chat with me."
)
NOT_IN_CHANNELS = N_(
    "In a channel I read only what its admins post to set me up: /help lists it. "
    "/latest, /topic and /follow work in a private chat with me."
)
HELP = N_(
    "<b>What I can do</b>\n"
    "/latest [N] — the N newest briefs (default 5, at most 20)\n"
    "/topic WORD|PHRASE — the newest briefs about a topic\n"
    "/follow WORD — get new briefs about it as they arrive\n"
    "/unfollow WORD — stop following it; /following lists what you follow and mute\n"
    "/mute WORD — keep briefs about it out of digests and alerts; /unmute WORD undoes it\n"
    "/digest [HH:MM [Area/City] | off] — show or set your daily digest\n"
    "/digest followed|all — a digest of only what you follow, or of every new brief\n"
    "/length N — summary sentences per brief, 1 to 5 (/length default resets it)\n"
    "/previews on|off — link previews in digests, alerts, /latest and /topic\n"
    "/silent on|off — digests and alerts without a notification\n"
    "/settings — your subscription at a glance\n"
    "/language [CODE] — the language I speak here\n"
    "/start — subscribe; /stop — unsubscribe\n"
    "In a group with topics, /start inside a topic sends digests and alerts there\n"
    "/channel @name — deliver to a channel you and I administer\n"
    "Tap “Full text” under a brief to read all of it."
)
ADMIN_HELP = N_(
    "<b>For admins</b>\n"
    "/add TEXT (or with a document, or as a reply) — store a brief\n"
    "/sources — the feeds and pages I poll, with their errors\n"
    "/addsource URL [every] — poll a feed, or the feed a site's page leads to (default 1h)\n"
    "/removesource ID|URL — stop polling a source\n"
    "/filter ID [include|exclude PHRASES | clear] — push only briefs with (or without) words\n"
    "/exportsources — the feeds as an OPML file; send me an .opml file to import one\n"
    "/stats — subscribers, briefs today, deliveries"
)
# A subscriber's state as /settings names it.
STATES = {
    SubscriberState.ACTIVE: N_("active"),
    SubscriberState.STOPPED: N_("stopped"),
    SubscriberState.BLOCKED: N_("blocked"),
}
UNSUBSCRIBED = N_("Unsubscribed: nothing more will be sent here. /start to come back.")
POINTER = N_("I only understand commands. /help lists them.")
UNKNOWN_COMMAND = N_("I don't know that command. /help lists the ones I know.")


async def start(update: Update, context: BotContext) -> None:
    """Subscribe this chat (idempotent) and say what the bot does and when the digest comes."""
    chat = update.effective_chat
    assert chat is not None
    _ = context.translator.gettext
    if not await can_change_settings(update, context):
        await reply(update, context, _(GROUP_ADMINS_ONLY))
        return
    if context.args:
        _LOG.info("start in chat %s with payload %r", chat.id, " ".join(context.args)[:64])
    services = context.services
    async with services.session_factory() as session, session.begin():
        user = update.effective_user
        subscriber, before = await subscribe_chat(
            session,
            services,
            chat.id,
            chat_type_of(chat),
            chat_title(chat),
            user.language_code if user is not None else None,
        )
        schedule = describe_digest(subscriber, context.translator)
        topic = bind_topic(subscriber, chat, command_message(update), context.translator)
        language = subscriber.language
    if before is SubscriberState.BLOCKED and language is not None and chat.type != Chat.CHANNEL:
        # Blocked chats are passed over when the menus change (bot.handlers.menus): back, its
        # chosen language's menu again.
        await give_chat_menu(context.bot, chat.id, services.catalogues.get(language))
    welcome = _(CHANNEL_WELCOME if chat.type == Chat.CHANNEL else WELCOME)
    await reply(update, context, f"{welcome}\n{schedule}" + (f"\n{topic}" if topic else ""))


async def stop(update: Update, context: BotContext) -> None:
    """Unsubscribe this chat: no digests or alerts are sent to it any more."""
    chat = update.effective_chat
    assert chat is not None
    _ = context.translator.gettext
    if not await can_change_settings(update, context):
        await reply(update, context, _(GROUP_ADMINS_ONLY))
        return
    services = context.services
    async with services.session_factory() as session, session.begin():
        subscriber = await active_subscriber(session, chat.id)
        if subscriber is not None:
            subscriber.state = SubscriberState.STOPPED
    if subscriber is None:
        await reply(update, context, _("This chat is not subscribed; nothing to stop."))
    else:
        await reply(update, context, _(UNSUBSCRIBED))


async def digest(update: Update, context: BotContext) -> None:
    """Show or set the daily digest time and time zone, turn it off, or set what it holds."""
    chat = update.effective_chat
    assert chat is not None
    _ = context.translator.gettext
    scope = delivery.parse_scope(context.args or [])
    if scope is not None:
        await delivery.digest_scope(update, context, scope)
        return
    try:
        setting = parse_digest_args(context.args or [])
    except DigestUsageError as error:
        await reply(update, context, escape(error.in_language(context.translator)))
        return
    if setting is not None and not await can_change_settings(update, context):
        await reply(update, context, _(GROUP_ADMINS_ONLY))
        return
    services = context.services
    # Showing the setting only reads: a read session never waits for a writer (storage.engine).
    sessions = services.read_session_factory if setting is None else services.session_factory
    async with sessions() as session, session.begin():
        subscriber = await active_subscriber(session, chat.id)
        if subscriber is not None and setting is not None:
            subscriber.digest_time = setting.time
            if setting.zone is not None:
                subscriber.timezone = setting.zone
            schedule_next_digest(subscriber, services.now())
        if subscriber is None:
            answer = _(NOT_SUBSCRIBED)
        else:
            answer = describe_digest(subscriber, context.translator)
            if setting is None:
                answer += "\n" + await delivery.describe_scope_line(
                    session, subscriber, context.translator
                )
    await reply(update, context, answer)


async def settings(update: Update, context: BotContext) -> None:
    """Show this chat's subscription: state, digest, delivery options, follows and mutes."""
    chat = update.effective_chat
    assert chat is not None
    _ = context.translator.gettext
    services = context.services
    async with services.read_session_factory() as session, session.begin():
        subscriber = await SubscriberRepository(session).get_by_chat_id(chat.id)
        answer = _(NOT_SUBSCRIBED)
        if subscriber is not None:
            rules = TopicRuleRepository(session)
            follows = await rules.shown_phrases(subscriber.id, RuleKind.FOLLOW)
            mutes = await rules.shown_phrases(subscriber.id, RuleKind.MUTE)
            nothing = _("nothing")
            default_length = services.settings.summary_sentences
            translator = context.translator
            holds = delivery.describe_scope(subscriber.digest_scope, bool(follows), translator)
            length = delivery.describe_length(subscriber, default_length, translator)
            answer = "\n".join(
                [
                    _("<b>Subscription:</b> {state}").format(state=_(STATES[subscriber.state])),
                    describe_digest(subscriber, translator),
                    _("<b>Time zone:</b> {zone}").format(zone=escape(subscriber.timezone)),
                    _("<b>Following:</b> {phrases}").format(
                        phrases=escape(", ".join(follows)) or nothing
                    ),
                    _("<b>Muted:</b> {phrases}").format(
                        phrases=escape(", ".join(mutes)) or nothing
                    ),
                    _("<b>Digest holds:</b> {holds}").format(holds=holds),
                    _("<b>Summary length:</b> {length}").format(length=length),
                    _("<b>Link previews:</b> {value}").format(
                        value=delivery.on_off(subscriber.link_previews, translator)
                    ),
                    _("<b>Silent delivery:</b> {value}").format(
                        value=delivery.on_off(subscriber.silent, translator)
                    ),
                    _("<b>Language:</b> {language}").format(language=escape(translator.name)),
                ]
            )
            topic = describe_topic(subscriber, chat, translator)
            answer += f"\n{topic}" if topic else ""
    await reply(update, context, answer)


async def help_command(update: Update, context: BotContext) -> None:
    """List the commands (the admins' to an admin, a channel's in one); in a forum, where to."""
    _ = context.translator.gettext
    chat = update.effective_chat
    if chat is not None and chat.type == Chat.CHANNEL:
        await reply(update, context, _(CHANNEL_HELP))
        return
    answer = f"{_(HELP)}\n\n{_(ADMIN_HELP)}" if is_admin(update, context) else _(HELP)
    if chat is not None and chat.is_forum:
        async with context.services.read_session_factory() as session, session.begin():
            subscriber = await active_subscriber(session, chat.id)
            topic = (
                describe_topic(subscriber, chat, context.translator)
                if subscriber is not None
                else None
            )
        answer += f"\n\n{topic}" if topic else ""
    await reply(update, context, answer)


async def not_in_channels(update: Update, context: BotContext) -> None:
    """Say, in a subscribed channel, that a command posted there is read elsewhere only.

    Any other channel is left alone: another bot there may answer the command.
    """
    chat = update.effective_chat
    assert chat is not None
    async with context.services.read_session_factory() as session, session.begin():
        subscribed = await active_subscriber(session, chat.id) is not None
    if subscribed:
        await reply(update, context, context.translator.gettext(NOT_IN_CHANNELS))


async def unknown_command(update: Update, context: BotContext) -> None:
    """Point an unknown command to /help."""
    await reply(update, context, context.translator.gettext(UNKNOWN_COMMAND))


async def free_text(update: Update, context: BotContext) -> None:
    """Point free text to /help."""
    await reply(update, context, context.translator.gettext(POINTER))
