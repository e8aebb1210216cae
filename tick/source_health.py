"""Admins hear when a source starts failing and when it recovers: one message per episode.

A poll's outcome is compared with the source's state before it (both from the database, so
an instance that polls knows what the previous poller recorded): the poll that brings
``consecutive_failures`` to :data:`FAILING_AFTER` starts an episode, the first success
after it ends one. One failed poll alone (a timeout, a 503 during a deploy) is no episode,
and the polls between start and end say nothing, however long the source stays down.

The message goes through the outbox (``DeliveryKind.MESSAGE``, durable and paced like any
other) to every admin (``BRIEFBOT_ADMIN_IDS``) subscribed in a private chat with the bot
(Telegram lets a bot write to a user only after the user wrote to it: ``/start``). The dedup
key names the source, the episode's start and the kind of news, so a retried tick cannot
send it twice.
"""

from __future__ import annotations

import datetime as dt

from outbox.notices import announce_deliveries
from rendering.parts import MessagePart, parts_to_payload
from rendering.text import escape
from rendering.translation import ENGLISH, Translator
from runtime.services import BotServices
from storage.models import DeliveryKind, Source, SubscriberState
from storage.repositories import DeliveryRepository, SourceRepository, SubscriberRepository

FAILING_AFTER = 2  # consecutive failed polls that make an episode
ERROR_CHARS = 300  # of the last error, quoted in the message


def episode_news(before: int, source: Source) -> str | None:
    """``failing`` or ``recovered`` when this poll started or ended an episode, else None."""
    after = source.consecutive_failures
    if before < FAILING_AFTER <= after:
        return "failing"
    if before >= FAILING_AFTER and after == 0:
        return "recovered"
    return None


def notice_text(
    news: str, source: Source, translator: Translator = ENGLISH, error: str | None = None
) -> str:
    """The admins' message in ``translator``'s words, HTML with everything from outside escaped.

    ``error`` is the failing poll's error as ingest made it (a Phrase, said in the translator's
    language); without it, the English ``last_error`` stored on the source.
    """
    _ = translator.gettext
    name = escape(source.title or source.url or _("source {id}").format(id=source.id))
    if news == "failing":
        last = translator.say(error) if error else source.last_error
        shown = escape((last or _("unknown error"))[:ERROR_CHARS])
        failures = source.consecutive_failures
        return "⚠️ " + translator.ngettext(
            "<b>Source #{id} is failing</b>: {name}\n"
            "{count} poll in a row failed; the last: {error}\n"
            "I back off and keep trying; /sources lists every source.",
            "<b>Source #{id} is failing</b>: {name}\n"
            "{count} polls in a row failed; the last: {error}\n"
            "I back off and keep trying; /sources lists every source.",
            failures,
        ).format(id=source.id, name=name, count=failures, error=shown)
    return "✅ " + _("<b>Source #{id} recovered</b>: {name}").format(id=source.id, name=name)


async def notify_admins(
    services: BotServices,
    source_id: int,
    failures_before: int,
    now: dt.datetime,
    error: str | None = None,
) -> int:
    """Enqueue the episode message for every subscribed admin; how many were enqueued.

    ``error``: this poll's error as ingest made it (see :func:`notice_text`), if it failed.
    """
    admins = services.settings.admin_ids
    if not admins:  # nobody to tell: no need to read the source after every poll
        return 0
    async with services.session_factory() as session, session.begin():
        source = await SourceRepository(session).get(source_id)
        news = None if source is None else episode_news(failures_before, source)
        if source is None or news is None:
            return 0
        since = source.last_error_at if news == "failing" else now
        key = f"source:{source.id}:{news}:{since.isoformat() if since else now.isoformat()}"
        subscribers = SubscriberRepository(session)
        deliveries = DeliveryRepository(session)
        enqueued = 0
        for admin_id in sorted(admins):
            subscriber = await subscribers.get_by_chat_id(admin_id)
            if subscriber is None or subscriber.state is not SubscriberState.ACTIVE:
                continue
            translator = services.catalogues.resolve(subscriber.language, subscriber.seen_language)
            text = notice_text(news, source, translator, error)
            payload = parts_to_payload([MessagePart(text)])
            row = await deliveries.enqueue(
                subscriber.id, DeliveryKind.MESSAGE, due_at=now, payload=payload, dedup_key=key
            )
            enqueued += row is not None
    if enqueued:
        await announce_deliveries(services)
    return enqueued
