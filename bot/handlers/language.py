"""The bot's language in a chat: ``/language [CODE]``, and the translator for each update.

The chat's ``/language`` choice wins; without one the sender's Telegram ``language_code``
(``en-GB`` -> ``en``) picks the language when the bot has it, else English; a channel's post
(no sender) follows the language seen at the channel's ``/start``, as its digests do. ``/language``
changes the bot's words, never the briefs'; the chat's command menu follows it
(bot.handlers.menus).
"""

from __future__ import annotations

from telegram import Chat, Update

from bot.context import BotContext
from bot.handlers.common import (
    GROUP_ADMINS_ONLY,
    NOT_SUBSCRIBED,
    can_change_settings,
    reply,
    telegram_language,
)
from bot.handlers.menus import give_chat_menu
from rendering.text import escape
from rendering.translation import Catalogues, Translator
from storage.repositories import SubscriberRepository

FOLLOW_TELEGRAM = "auto"  # /language auto: drop the chat's choice, follow Telegram again


async def choose_language(update: Update, context: BotContext) -> None:
    """Put this update's translator on the context (runs before every other handler)."""
    chat = update.effective_chat
    services = context.services
    choice = seen = None
    if chat is not None:
        async with services.read_session_factory() as session, session.begin():
            choice, seen = await SubscriberRepository(session).languages_of(chat.id)
    context.translator = services.catalogues.resolve(choice, telegram_language(update, seen))


def available(catalogues: Catalogues) -> str:
    """``en (English), hi (हिन्दी), ru (русский)``."""
    return ", ".join(f"{each.language} ({each.name})" for each in catalogues.translators)


async def language(update: Update, context: BotContext) -> None:
    """Show the languages and this chat's, or set it: ``/language CODE`` or ``/language auto``."""
    chat = update.effective_chat
    assert chat is not None
    _ = context.translator.gettext
    catalogues = context.services.catalogues
    args = context.args or []
    if not args:
        async with context.services.read_session_factory() as session, session.begin():
            choice = await SubscriberRepository(session).language_of(chat.id)
        await reply(update, context, _show(context.translator, catalogues, chosen=bool(choice)))
        return
    wanted = args[0].strip().lower()
    chosen = catalogues.named(wanted) if len(args) == 1 else None
    if chosen is None and (wanted != FOLLOW_TELEGRAM or len(args) != 1):
        shown = escape(" ".join(args)[:40])
        answer = _("Unknown language “{code}”. Available: {languages}.").format(
            code=shown, languages=available(catalogues)
        )
        await reply(update, context, answer)
        return
    if not await can_change_settings(update, context):
        await reply(update, context, _(GROUP_ADMINS_ONLY))
        return
    async with context.services.session_factory() as session, session.begin():
        subscriber = await SubscriberRepository(session).get_by_chat_id(chat.id)
        if subscriber is not None:
            subscriber.language = None if chosen is None else chosen.language
    if subscriber is None:
        await reply(update, context, _(NOT_SUBSCRIBED))
        return
    if chat.type != Chat.CHANNEL:  # a channel has no command menu
        await give_chat_menu(context.bot, chat.id, chosen)
    now = catalogues.resolve(
        subscriber.language, telegram_language(update, subscriber.seen_language)
    )
    context.translator = now
    if chosen is None:
        answer = now.gettext("Done: I follow your Telegram language here now ({language}).")
    else:
        answer = now.gettext("Done: I speak {language} here now.")
    await reply(update, context, answer.format(language=escape(now.name)))


def _show(translator: Translator, catalogues: Catalogues, *, chosen: bool) -> str:
    """The languages, this chat's (chosen with /language or Telegram's), and how to change it."""
    _ = translator.gettext
    if chosen:
        here = _("<b>Language here:</b> {language} (chosen with /language)")
    else:
        here = _("<b>Language here:</b> {language} (from your Telegram settings)")
    return "\n".join(
        [
            here.format(language=escape(translator.name)),
            _("<b>Available:</b> {languages}").format(languages=escape(available(catalogues))),
            _(
                "/language CODE changes my words here (not the briefs'); /language auto follows "
                "your Telegram language."
            ),
        ]
    )
