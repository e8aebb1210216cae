"""What becomes of a claimed outbox row that is not sent: errors, set-asides, migrations.

Forum topics. A subscriber bound to a forum topic (``Subscriber.message_thread_id``, read when
its rows are claimed) is sent to in that topic. When Telegram answers a send there with 400
"message thread not found" (the topic was deleted; "TOPIC_CLOSED" for a closed one is taken
alike), the rule is :func:`leave_gone_topic`: the part is sent again at once, once, to the
General topic (no thread id), as are the rest of the row and the chat's other rows; the binding
is cleared only if it still names that topic (a topic bound anew meanwhile is kept); and the
one call that cleared it queues one notice to the chat, in the General topic, saying the topic
is gone and how to bind another. Several rows, workers or instances meeting the same gone topic
clear it once and so tell the group once; a send without a thread id is never retried this way,
so a 400 there fails the row as any 400 does (no loop).
"""

from __future__ import annotations

import datetime as dt
import logging
import warnings
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.warnings import PTBDeprecationWarning

from outbox.pacing import ChatPacer
from outbox.send import DEFAULT_OPTIONS, SendOptions
from rendering.parts import MessagePart, parts_to_payload
from rendering.translation import N_
from runtime.episodes import is_telegram_outage
from runtime.services import BotServices
from storage.models import Delivery, DeliveryKind, DeliveryState, Subscriber, SubscriberState
from storage.repositories import DeliveryRepository, SubscriberRepository

# The worker's logger: these records read as they did before the split.
logger = logging.getLogger("outbox.worker")

# Telegram's answers (lower case) to a send in a forum topic that was deleted or closed.
TOPIC_GONE_ERRORS = ("message thread not found", "topic_closed", "topic_deleted")
TOPIC_GONE = N_(
    "The topic I sent this group's digests and alerts to is gone (deleted or closed), so "
    "they come here now. An admin can send /start inside another topic to have them there."
)

BACKOFF_BASE_SECONDS = 2
BACKOFF_CAP = dt.timedelta(minutes=5)


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the n-th failed attempt: 2, 4, 8 ... seconds, capped at 5 minutes."""
    exponent = min(max(attempts, 1), 20)
    return min(dt.timedelta(seconds=BACKOFF_BASE_SECONDS**exponent), BACKOFF_CAP)


def retry_after_seconds(error: RetryAfter) -> float:
    """``error.retry_after`` in seconds, whichever int/timedelta form PTB hands out."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def describe(error: BaseException) -> str:
    """One line naming the error, for ``last_error``."""
    return f"{type(error).__name__}: {error}"


def send_outcome(error: BaseException) -> str:
    """The ``briefbot_sends_total`` outcome of a failed send (see :mod:`runtime.metrics`)."""
    if isinstance(error, RetryAfter):
        return "429"
    if isinstance(error, Forbidden):
        return "403"
    if is_telegram_outage(error):  # 5xx and timeouts
        return "5xx"
    return "failed"


@dataclass
class Claim:
    """What the worker needs of one claimed row, detached from its session."""

    delivery_id: int
    chat_id: int
    subscriber_id: int
    subscriber_state: SubscriberState
    payload: dict[str, Any]
    attempts: int
    claimed_at: dt.datetime
    message_ids: list[int] = field(default_factory=list)
    options: SendOptions = DEFAULT_OPTIONS  # the chat's link previews and silence
    thread_id: int | None = None  # the subscriber's forum topic when claimed
    # A lease renewal written but not known to be committed (interrupted by a stop): the row's
    # ``claimed_at`` is this or ``claimed_at``, and either is still this claim.
    renewing: dt.datetime | None = None

    def claimed_ats(self) -> frozenset[dt.datetime]:
        """Every ``claimed_at`` the row may carry while it is still this claim."""
        return frozenset(t for t in (self.claimed_at, self.renewing) if t is not None)


@dataclass(frozen=True)
class Stop:
    """Why a row is not sent now: it goes back to pending at ``retry_at``, or (None) fails."""

    reason: str
    retry_at: dt.datetime | None = None


async def owned(session: AsyncSession, claim: Claim) -> Delivery | None:
    """The row if it is still this worker's claim, else None."""
    row = await DeliveryRepository(session).get(claim.delivery_id)
    if row is None or row.state is not DeliveryState.SENDING:
        return None
    return row if row.claimed_at == claim.claimed_at else None


async def record_error(
    services: BotServices,
    pacer: ChatPacer,
    claim: Claim,
    error: Exception,
    *,
    counted: bool = True,
) -> Stop | None:
    """Record a failed send: reschedule, fail, or block the subscriber, as the error says.

    ``counted=False`` (Telegram failing for every chat, not for this message): the attempt
    does not count towards ``delivery_max_attempts``, so an outage fails no row.
    """
    now = services.now()
    if isinstance(error, RetryAfter):  # the chat's hold holds even if the row was taken over
        await pacer.hold_for_all(claim.chat_id, retry_after_seconds(error))
    async with services.session_factory() as session, session.begin():
        row = await owned(session, claim)
        if row is None:
            return None
        repository = DeliveryRepository(session)
        if isinstance(error, RetryAfter):
            seconds = retry_after_seconds(error)
            retry_at = now + dt.timedelta(seconds=seconds)
            row.attempts -= 1  # flood control is not the message's fault
            await repository.mark_retry(row, retry_at, describe(error))
            return Stop("waiting out the chat's flood limit", retry_at)
        if isinstance(error, Forbidden):
            subscriber = await session.get(Subscriber, claim.subscriber_id)
            if subscriber is not None:
                await SubscriberRepository(session).set_state(subscriber, SubscriberState.BLOCKED)
            await repository.mark_failed(row, f"blocked: {describe(error)}")
            return Stop("subscriber blocked the bot")
        if isinstance(error, (BadRequest, ChatMigrated)):
            await repository.mark_failed(row, describe(error))
            return None
        if not counted:
            row.attempts -= 1  # an outage is not the message's fault
        if counted and row.attempts >= services.settings.delivery_max_attempts:
            await repository.mark_failed(row, describe(error))
        else:
            await repository.mark_retry(row, now + backoff(row.attempts), describe(error))
        if not isinstance(error, NetworkError):  # TimedOut is one too
            logger.error("delivery %s: unexpected %s", claim.delivery_id, describe(error))
        return None


async def set_aside(services: BotServices, claim: Claim, stop: Stop) -> None:
    """Unsent, the row goes back to pending (uncounted) at ``stop.retry_at``, or fails."""
    async with services.session_factory() as session, session.begin():
        row = await owned(session, claim)
        if row is None:
            return
        repository = DeliveryRepository(session)
        if stop.retry_at is None:
            await repository.mark_failed(row, stop.reason)
            return
        row.attempts -= 1
        await repository.mark_retry(row, stop.retry_at, stop.reason)


async def migrate(services: BotServices, claim: Claim, new_chat_id: int) -> bool:
    """The group became a supergroup: move its subscriber; False if the row is set aside.

    The subscriber row keeps its id, so this and every other delivery of it follow. If the
    subscriber is no longer active once moved (it merged with a stopped one already at the
    new id), the row is set aside like any row of an inactive subscriber.
    """
    old_chat_id, claim.chat_id = claim.chat_id, new_chat_id
    async with services.session_factory() as session, session.begin():
        subscriber = await SubscriberRepository(session).move_chat(old_chat_id, new_chat_id)
        state = subscriber.state if subscriber is not None else claim.subscriber_state
    logger.info(
        "delivery %s: chat %s became supergroup %s; subscriber moved",
        claim.delivery_id, old_chat_id, new_chat_id,
    )
    if state is SubscriberState.ACTIVE:
        return True
    claim.subscriber_state = state
    await set_aside(services, claim, Stop(f"subscriber is {state.value}"))
    return False


def is_topic_gone(error: BaseException) -> bool:
    """Telegram's answer to a send in a forum topic that no longer takes messages."""
    text = error.message.lower() if isinstance(error, BadRequest) else ""
    return any(gone in text for gone in TOPIC_GONE_ERRORS)


async def leave_gone_topic(services: BotServices, claim: Claim, error: BaseException) -> bool:
    """The claim's topic is gone: send to the General topic from now on; False if not that.

    The binding is cleared if it still names the topic, and the one call that clears it
    queues :data:`TOPIC_GONE` to the chat (see the module's docstring for the whole rule).
    """
    thread_id = claim.thread_id
    if thread_id is None or not is_topic_gone(error):
        return False
    claim.thread_id = None
    async with services.session_factory() as session, session.begin():
        unbound = await SubscriberRepository(session).unbind_topic(claim.subscriber_id, thread_id)
        subscriber = await session.get(Subscriber, claim.subscriber_id) if unbound else None
        if subscriber is not None:
            said = services.catalogues.resolve(subscriber.language, subscriber.seen_language)
            await DeliveryRepository(session).enqueue(
                claim.subscriber_id,
                DeliveryKind.MESSAGE,
                due_at=services.now(),
                payload=parts_to_payload([MessagePart(said.gettext(TOPIC_GONE))]),
                dedup_key=f"topic-gone:{thread_id}",
            )
    if unbound:
        services.delivery_wakeup.set()
        logger.info(
            "delivery %s: topic %s of chat %s is gone; unbound, sending to its General topic",
            claim.delivery_id, thread_id, claim.chat_id,
        )
    return True
