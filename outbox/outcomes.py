"""What becomes of a claimed outbox row that is not sent: errors, set-asides, migrations."""

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
from runtime.episodes import is_telegram_outage
from runtime.services import BotServices
from storage.models import Delivery, DeliveryState, Subscriber, SubscriberState
from storage.repositories import DeliveryRepository, SubscriberRepository

# The worker's logger: these records read as they did before the split.
logger = logging.getLogger("outbox.worker")

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
    async with services.session_factory() as session, session.begin():
        row = await owned(session, claim)
        if row is None:
            return None
        repository = DeliveryRepository(session)
        if isinstance(error, RetryAfter):
            seconds = retry_after_seconds(error)
            pacer.hold(claim.chat_id, seconds)
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
