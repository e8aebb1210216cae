"""The bot's update handlers, registered on a python-telegram-bot ``Application``."""

from __future__ import annotations

from typing import Any

from telegram import BotCommand, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.handlers import (
    admin,
    briefs,
    channels,
    delivery,
    language,
    sources,
    subscription,
    supergroup,
    topics,
)
from bot.handlers.errors import on_error
from bot.handlers.timing import OTHER_COMMAND, timed
from rendering.translation import N_, Catalogues, Translator

# Commands only from new messages (never edits); channel posts only for what a channel needs.
MESSAGES = filters.UpdateType.MESSAGE
CHANNEL_POSTS = filters.UpdateType.CHANNEL_POST
PRIVATE = filters.ChatType.PRIVATE
# What a channel's admins may post there: subscribing and its options.
IN_CHANNELS = MESSAGES | CHANNEL_POSTS
ALLOWED_UPDATES = ("message", "channel_post", "callback_query", "my_chat_member")

# (command, callback, description for the menu or None to leave it out, filter)
COMMANDS: tuple[tuple[str, Any, str | None, filters.BaseFilter], ...] = (
    (
        "start",
        subscription.start,
        N_("subscribe to briefs and the daily digest"),
        IN_CHANNELS,
    ),
    ("stop", subscription.stop, N_("unsubscribe"), IN_CHANNELS),
    ("latest", briefs.latest, N_("the newest briefs: /latest [N]"), MESSAGES),
    ("topic", briefs.topic, N_("briefs about a topic: /topic israel"), MESSAGES),
    ("follow", topics.follow, N_("get new briefs about a word as they arrive"), MESSAGES),
    ("unfollow", topics.unfollow, N_("stop following a word"), MESSAGES),
    ("following", topics.following, N_("what you follow and mute"), MESSAGES),
    ("mute", topics.mute, N_("keep a word out of digests and alerts"), MESSAGES),
    ("unmute", topics.unmute, N_("unmute a word"), MESSAGES),
    (
        "digest",
        subscription.digest,
        N_("show or set the daily digest"),
        IN_CHANNELS,
    ),
    ("length", delivery.length, N_("summary sentences per brief: /length 1-5"), IN_CHANNELS),
    ("previews", delivery.previews, N_("link previews: /previews on|off"), IN_CHANNELS),
    (
        "silent",
        delivery.silent,
        N_("digests and alerts without sound: /silent on|off"),
        IN_CHANNELS,
    ),
    (
        "settings",
        subscription.settings,
        N_("your subscription at a glance"),
        IN_CHANNELS,
    ),
    (
        "language",
        language.language,
        N_("the language I speak here: /language ru"),
        IN_CHANNELS,
    ),
    ("help", subscription.help_command, N_("what I can do"), IN_CHANNELS),
    (
        "channel",
        channels.channel,
        N_("deliver to a channel you administer"),
        MESSAGES & PRIVATE,
    ),
    ("add", admin.add, None, MESSAGES),
    ("sources", sources.sources, None, MESSAGES),
    ("addsource", sources.addsource, None, MESSAGES),
    ("removesource", sources.removesource, None, MESSAGES),
    ("exportsources", sources.exportsources, None, MESSAGES),
    ("filter", sources.filter_command, None, MESSAGES),
    ("stats", admin.stats, None, MESSAGES),
)
# Runs before every other handler: puts the chat's translator on the context.
LANGUAGE_GROUP = -1


def bot_commands(translator: Translator) -> list[BotCommand]:
    """The command menu in ``translator``'s language (admin commands left out)."""
    return [
        BotCommand(name, translator.gettext(text))
        for name, _, text, _ in COMMANDS
        if text is not None
    ]


async def publish_command_menus(
    application: Application[Any, Any, Any, Any, Any, Any], catalogues: Catalogues
) -> None:
    """setMyCommands in English for everyone, then in each other language for its speakers."""
    await application.bot.set_my_commands(bot_commands(catalogues.english))
    for translator in catalogues.translators:
        if translator is not catalogues.english:
            await application.bot.set_my_commands(
                bot_commands(translator), language_code=translator.language
            )


def register_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add every handler and the error handler to ``application``."""
    application.add_handler(TypeHandler(Update, language.choose_language), group=LANGUAGE_GROUP)
    for name, callback, _, update_filter in COMMANDS:
        application.add_handler(CommandHandler(name, timed(name, callback), filters=update_filter))
    # A document whose caption is /add carries no bot_command entity in some clients.
    captioned_add = MESSAGES & filters.Document.ALL & filters.CaptionRegex(r"^/add(@\w+)?\b")
    application.add_handler(MessageHandler(captioned_add, timed("add", admin.add)))
    opml = MESSAGES & filters.Document.FileExtension("opml")
    application.add_handler(MessageHandler(opml, timed("importsources", sources.import_document)))
    application.add_handler(
        CallbackQueryHandler(briefs.full_text, pattern=rf"^{briefs.FULL_PREFIX}\d+$")
    )
    application.add_handler(CallbackQueryHandler(briefs.stale_button))
    membership = ChatMemberHandler(channels.membership, ChatMemberHandler.MY_CHAT_MEMBER)
    application.add_handler(membership)
    migrate = MESSAGES & filters.StatusUpdate.MIGRATE
    application.add_handler(MessageHandler(migrate, supergroup.migrated))
    # Posted in a channel, a command read only in chats and groups is answered, not ignored.
    elsewhere = [name for name, _, _, update_filter in COMMANDS if update_filter is not IN_CHANNELS]
    not_here = timed(OTHER_COMMAND, subscription.not_in_channels)
    application.add_handler(CommandHandler(elsewhere, not_here, filters=CHANNEL_POSTS))
    private = MESSAGES & PRIVATE
    unknown = timed(OTHER_COMMAND, subscription.unknown_command)
    application.add_handler(MessageHandler(private & filters.COMMAND, unknown))
    application.add_handler(MessageHandler(private & ~filters.COMMAND, subscription.free_text))
    application.add_error_handler(on_error)
