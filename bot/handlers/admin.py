"""Admin commands (``BRIEFBOT_ADMIN_IDS``): /add and /stats; sources in bot.handlers.sources."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from typing import TypeVar

from telegram import Document, Message, Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.handlers.admins_only import admins_only
from bot.handlers.common import reply
from bot.handlers.ingest_words import said, with_first_problem
from ingest.items import IngestItem, Rejection
from ingest.phrases import Phrase
from ingest.pipeline import ingest_items
from ingest.sources import Upload
from ingest.sources.files import read_text_document
from ingest.sources.registry import read_location
from ingest.validation import MAX_INPUT_BYTES
from rendering.text import escape
from rendering.translation import N_, Translator
from storage.models import DeliveryState, SubscriberState
from storage.repositories import (
    BriefRepository,
    DeliveryRepository,
    SubscriberRepository,
)

StateT = TypeVar("StateT", bound=enum.StrEnum)
# /stats' counts: a state and its count as one message, so a language can word the pair
# ("активных: 3") instead of reusing /settings' "active", which agrees with "subscription".
SUBSCRIBER_COUNTS = {
    SubscriberState.ACTIVE: N_("active {count}"),
    SubscriberState.STOPPED: N_("stopped {count}"),
    SubscriberState.BLOCKED: N_("blocked {count}"),
}
DELIVERY_COUNTS = {
    DeliveryState.PENDING: N_("pending {count}"),
    DeliveryState.SENDING: N_("sending {count}"),
    DeliveryState.SENT: N_("sent {count}"),
    DeliveryState.FAILED: N_("failed {count}"),
}
ADD_USAGE = N_(
    "Usage: /add followed by a brief's text, or /add with a .txt, .md, .json or .jsonl "
    "document attached, or /add as a reply to such a message."
)


_ADDRESSEE = re.compile(r"/\w+@(\w+)")


def addressed_to_another_bot(message: Message, username: str) -> bool:
    """Whether the message's command (``/add@name``, in its text or caption) names another bot."""
    match = _ADDRESSEE.match((message.text or message.caption or "").lstrip())
    return match is not None and match.group(1).lower() != username.lower()


def _text_after_command(message: Message) -> str:
    """The message's text or caption without the leading ``/add`` (or ``/add@bot``)."""
    text = (message.text or message.caption or "").strip()
    if not text.startswith("/"):
        return text
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def download(context: BotContext, document: Document) -> bytes:
    """The bytes of an uploaded document."""
    file = await context.bot.get_file(document.file_id)
    return bytes(await file.download_as_bytearray())


async def add(update: Update, context: BotContext) -> None:
    """Ingest the text or document sent with /add (or replied to) through the ingest pipeline."""
    message = update.effective_message
    assert message is not None
    if addressed_to_another_bot(message, context.bot.username):
        return  # a captioned document's "/add@otherbot" is not for us (CommandHandler checks text)
    await _add(update, context)


@admins_only
async def _add(update: Update, context: BotContext) -> None:
    message = update.effective_message
    assert message is not None
    _ = context.translator.gettext
    replied = message.reply_to_message
    document = message.document or (replied.document if replied else None)
    text = _text_after_command(message) or (
        (replied.text or replied.caption or "").strip() if replied else ""
    )
    items: list[IngestItem]
    if document is not None:
        name = document.file_name or "document.txt"
        if (document.file_size or 0) > MAX_INPUT_BYTES:
            cap = f"{MAX_INPUT_BYTES:,}"
            items = [Rejection(name, Phrase("too large; the cap is {cap} bytes", cap=cap))]
        else:
            try:
                data = await download(context, document)
            except BadRequest as error:  # e.g. "file is too big": the Bot API serves up to 20 MB
                refused = Phrase("Telegram would not hand it over: {error}", error=error.message)
                items = [Rejection(name, refused)]
            else:  # read by its extension like ``briefbot ingest``, parsed off the event loop
                upload = await read_location(Upload(name, data), context.services.fetcher)
                items = upload.items_or_problem()
    elif text:
        items = [read_text_document(text, _("message"), markdown=True)]
    else:
        await reply(update, context, _(ADD_USAGE))
        return
    services = context.services
    report = await ingest_items(
        items, session_factory=services.session_factory, summarize=services.summarize
    )
    services.metrics.briefs_ingested.labels("add").inc(report.stored)
    answer = with_first_problem(context.translator, report.summary_line(), report.problems)
    # An upload read all the same, with a caveat (bad UTF-8 replaced, cp1252 read): one line.
    answer += "".join(f"\n{said(context.translator, notice)}" for notice in report.notices[:1])
    await reply(update, context, answer)


@admins_only
async def stats(update: Update, context: BotContext) -> None:
    """Show subscribers by state, briefs ingested today and deliveries by state."""
    _ = context.translator.gettext
    services = context.services
    now = services.now()
    local = now.astimezone(services.settings.zone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    async with services.session_factory() as session, session.begin():
        subscribers = await SubscriberRepository(session).count_by_state()
        today = await BriefRepository(session).count_ingested_since(midnight.astimezone(dt.UTC))
        deliveries = await DeliveryRepository(session).counts_by_state()
    none = _("none")
    lines = [
        _("<b>Subscribers:</b> {counts}").format(
            counts=_counts(subscribers, SUBSCRIBER_COUNTS, context.translator) or none
        ),
        _("<b>Briefs today:</b> {count}").format(count=today),
        _("<b>Deliveries:</b> {counts}").format(
            counts=_counts(deliveries, DELIVERY_COUNTS, context.translator) or none
        ),
    ]
    await reply(update, context, "\n".join(lines))


def _counts(
    counts: Mapping[StateT, int], names: Mapping[StateT, str], translator: Translator
) -> str:
    """``active 3, stopped 1`` (or empty), each state and count in the translator's language."""
    shown = [translator.gettext(names[key]).format(count=value) for key, value in counts.items()]
    return escape(", ".join(shown))
