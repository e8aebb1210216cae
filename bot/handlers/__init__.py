"""The bot's update handlers, registered on a python-telegram-bot ``Application``."""

from __future__ import annotations

from typing import Any

from telegram import Update
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

# Commands only from new messages (never edits); channel posts only for what a channel needs.
MESSAGES = filters.UpdateType.MESSAGE
CHANNEL_POSTS = filters.UpdateType.CHANNEL_POST
PRIVATE = filters.ChatType.PRIVATE
# What a channel's admins may post there: subscribing and its options.
IN_CHANNELS = MESSAGES | CHANNEL_POSTS
ALLOWED_UPDATES = ("message", "channel_post", "callback_query", "my_chat_member")

# (command, callback, filter); the menu's entries and their order are in bot.handlers.menus.
COMMANDS: tuple[tuple[str, Any, filters.BaseFilter], ...] = (
    ("start", subscription.start, IN_CHANNELS),
    ("stop", subscription.stop, IN_CHANNELS),
    ("latest", briefs.latest, MESSAGES),
    ("topic", briefs.topic, MESSAGES),
    ("follow", topics.follow, MESSAGES),
    ("unfollow", topics.unfollow, MESSAGES),
    ("following", topics.following, MESSAGES),
    ("mute", topics.mute, MESSAGES),
    ("unmute", topics.unmute, MESSAGES),
    ("digest", subscription.digest, IN_CHANNELS),
    ("length", delivery.length, IN_CHANNELS),
    ("previews", delivery.previews, IN_CHANNELS),
    ("silent", delivery.silent, IN_CHANNELS),
    ("settings", subscription.settings, IN_CHANNELS),
    ("language", language.language, IN_CHANNELS),
    ("help", subscription.help_command, IN_CHANNELS),
    ("channel", channels.channel, MESSAGES & PRIVATE),
    ("add", admin.add, MESSAGES),
    ("sources", sources.sources, MESSAGES),
    ("addsource", sources.addsource, MESSAGES),
    ("removesource", sources.removesource, MESSAGES),
    ("exportsources", sources.exportsources, MESSAGES),
    ("filter", sources.filter_command, MESSAGES),
    ("stats", admin.stats, MESSAGES),
)
# Runs before every other handler: puts the chat's translator on the context.
LANGUAGE_GROUP = -1


def register_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add every handler and the error handler to ``application``."""
    application.add_handler(TypeHandler(Update, language.choose_language), group=LANGUAGE_GROUP)
    for name, callback, update_filter in COMMANDS:
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
    elsewhere = [name for name, _, update_filter in COMMANDS if update_filter is not IN_CHANNELS]
    not_here = timed(OTHER_COMMAND, subscription.not_in_channels)
    application.add_handler(CommandHandler(elsewhere, not_here, filters=CHANNEL_POSTS))
    private = MESSAGES & PRIVATE
    # /channel is in every chat's menu, a group's too: there it says where it works.
    in_groups = timed("channel", channels.channel_elsewhere)
    application.add_handler(CommandHandler("channel", in_groups, filters=MESSAGES & ~PRIVATE))
    unknown = timed(OTHER_COMMAND, subscription.unknown_command)
    application.add_handler(MessageHandler(private & filters.COMMAND, unknown))
    application.add_handler(MessageHandler(private & ~filters.COMMAND, subscription.free_text))
    application.add_error_handler(on_error)
