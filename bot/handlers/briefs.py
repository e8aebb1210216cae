"""Reading briefs: /latest, /topic and the "full text" button."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot.context import BotContext
from bot.handlers.common import reply, send_parts, thread_of
from outbox.send import DEFAULT_OPTIONS, SendOptions
from rendering.messages import Summaries, render_briefs, render_full_text
from rendering.text import escape
from rendering.translation import N_, ascii_digits
from storage.models import MAX_ID, Brief
from storage.repositories import BriefRepository, SubscriberRepository

LATEST_DEFAULT = 5
LATEST_MAX = 20
TOPIC_RESULTS = 10
TOPIC_MAX_CHARS = 200
LATEST_USAGE = N_("Usage: /latest [N], the N newest briefs (default {default}, at most {most}).")
# A query quoted whole ("Северной Кореи") is shown without its quotes inside the heading's.
_QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb", "'": "'"}
TOPIC_USAGE = N_("Usage: /topic WORD or /topic PHRASE, for example /topic israel.")
FULL_PREFIX = "full:"
# The largest number a command or button takes is the largest id (storage's MAX_ID), so
# ``int()`` is never asked to parse thousands of digits.


def small_number(text: str) -> int | None:
    """``text`` as a positive whole number up to :data:`MAX_ID`, or None (ASCII digits only)."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


@dataclass(frozen=True)
class ReaderOptions:
    """What a chat chose for the briefs it reads: summary length and link previews."""

    length: int | None = None
    send: SendOptions = DEFAULT_OPTIONS


async def reader_options(session: AsyncSession, chat_id: int) -> ReaderOptions:
    """The chat's ``/length`` and ``/previews`` (the defaults for a chat never subscribed)."""
    subscriber = await SubscriberRepository(session).get_by_chat_id(chat_id)
    if subscriber is None:
        return ReaderOptions()
    return ReaderOptions(subscriber.summary_length, SendOptions(subscriber.link_previews))


async def summaries_for(
    context: BotContext, briefs: Sequence[Brief], options: ReaderOptions
) -> Summaries | None:
    """The briefs' summaries at the chat's ``/length`` (None: the stored ones)."""
    return await context.services.lengths.summaries(briefs, options.length)


def latest_count(args: list[str]) -> int | None:
    """How many briefs ``/latest`` should show (capped at 20), or None for a usage error."""
    if not args:
        return LATEST_DEFAULT
    # Digits of any script as a reader types them ("५" is 5); a long argument stays too long.
    count = small_number(ascii_digits(args[0][:20])) if len(args) == 1 else None
    return None if count is None else min(count, LATEST_MAX)


async def latest(update: Update, context: BotContext) -> None:
    """Show the N newest briefs."""
    chat = update.effective_chat
    assert chat is not None
    translator = context.translator
    _ = translator.gettext
    count = latest_count(context.args or [])
    if count is None:
        usage = _(LATEST_USAGE).format(default=LATEST_DEFAULT, most=LATEST_MAX)
        await reply(update, context, usage)
        return
    services = context.services
    async with services.read_session_factory() as session, session.begin():
        briefs = await BriefRepository(session).latest(count)
        options = await reader_options(session, chat.id)
    if not briefs:
        await reply(update, context, _("No briefs yet. Check back soon."))
        return
    heading = translator.ngettext(
        "The newest brief", "The {count} newest briefs", len(briefs)
    ).format(count=len(briefs))
    summaries = await summaries_for(context, briefs, options)
    parts = render_briefs(briefs, heading=heading, summaries=summaries, translator=translator)
    await send_parts(context, chat.id, parts, options.send, thread_id=thread_of(update))


def shown_query(query: str) -> str:
    """``query`` as a heading quotes it: without the one pair of quotes around all of it."""
    closer = _QUOTE_PAIRS.get(query[:1])
    inner = query[1:-1]
    if closer is None or len(query) < 3 or query[-1] != closer or query[0] in inner:
        return query
    return inner.strip() or query


async def topic(update: Update, context: BotContext) -> None:
    """Show the newest briefs about a word or phrase."""
    chat = update.effective_chat
    assert chat is not None
    translator = context.translator
    _ = translator.gettext
    query = " ".join(context.args or []).strip()
    if not query:
        await reply(update, context, _(TOPIC_USAGE))
        return
    if len(query) > TOPIC_MAX_CHARS:
        too_long = _("That topic is too long; keep it under {count} characters.")
        await reply(update, context, too_long.format(count=TOPIC_MAX_CHARS))
        return
    services = context.services
    async with services.read_session_factory() as session, session.begin():
        briefs = await BriefRepository(session).search(query, TOPIC_RESULTS, now=services.now())
        options = await reader_options(session, chat.id)
    if not briefs:
        await reply(
            update,
            context,
            _("No briefs about “{topic}” yet.").format(topic=escape(shown_query(query))),
        )
        return
    heading = _("About “{topic}”").format(topic=shown_query(query))
    summaries = await summaries_for(context, briefs, options)
    parts = render_briefs(briefs, heading=heading, summaries=summaries, translator=translator)
    await send_parts(context, chat.id, parts, options.send, thread_id=thread_of(update))


async def full_text(update: Update, context: BotContext) -> None:
    """Answer a "full text" button with the brief's whole text."""
    query = update.callback_query
    assert query is not None
    brief_id = small_number((query.data or "").removeprefix(FULL_PREFIX))
    brief = None
    if brief_id is not None:
        services = context.services
        async with services.read_session_factory() as session, session.begin():
            brief = await BriefRepository(session).get(brief_id)
    if brief is None:
        await query.answer(context.translator.gettext("That brief is no longer available."))
        return
    await query.answer()
    chat = update.effective_chat
    if chat is not None:
        parts = render_full_text(brief, translator=context.translator)
        await send_parts(context, chat.id, parts, thread_id=thread_of(update))


async def stale_button(update: Update, context: BotContext) -> None:
    """Answer a button this bot no longer knows, so the client stops spinning."""
    query = update.callback_query
    assert query is not None
    await query.answer(context.translator.gettext("That button has expired."))
