"""The delivery outbox: idempotent enqueue, claiming due rows, recording outcomes."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, and_, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.orm.attributes import flag_modified

from storage.models import Delivery, DeliveryKind, DeliveryState, Subscriber
from storage.repositories.upsert import insert_ignoring_conflicts, insert_many_ignoring_conflicts


@dataclass(frozen=True)
class Progress:
    """One claimed row's progress: its payload and, once ``done``, its first message's id.

    ``claimed_at`` is the claim as read (kept when done, renewed to now otherwise);
    ``last_error`` is the row's, kept while it is still sending.
    """

    delivery_id: int
    payload: Mapping[str, Any]
    done: bool
    first_message_id: int | None
    claimed_at: dt.datetime | None
    last_error: str | None


def _sent(now: dt.datetime, telegram_message_id: int | None) -> dict[str, Any]:
    """The values of a row that was sent (:meth:`DeliveryRepository.mark_sent` and progress)."""
    return {
        "state": DeliveryState.SENT,
        "sent_at": now,
        "telegram_message_id": telegram_message_id,
        "last_error": None,
    }


class DeliveryRepository:
    """Outbox rows in one session; never commits.

    On PostgreSQL ``claim_due`` locks with ``FOR UPDATE SKIP LOCKED`` so several
    workers can claim concurrently; on SQLite the clause is dropped and the
    write transaction (``BEGIN IMMEDIATE``) serialises claimers instead.
    ``claim_due_chats`` claims whole chats: a chat with a row ``sending`` is never claimed,
    and on PostgreSQL its subscriber row is locked while claiming, so two workers never
    send to one chat at once.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, delivery_id: int) -> Delivery | None:
        return await self._session.get(Delivery, delivery_id)

    async def enqueue(
        self,
        subscriber_id: int,
        kind: DeliveryKind,
        *,
        due_at: dt.datetime,
        payload: dict[str, Any] | None = None,
        brief_id: int | None = None,
        dedup_key: str | None = None,
    ) -> Delivery | None:
        """Add a pending delivery; None if one with the same ``dedup_key`` already exists."""
        delivery_id = await insert_ignoring_conflicts(
            self._session,
            Delivery,
            {
                "subscriber_id": subscriber_id,
                "kind": kind,
                "brief_id": brief_id,
                "payload": payload or {},
                "dedup_key": dedup_key,
                "due_at": due_at,
            },
            conflict_columns=("subscriber_id", "dedup_key"),
        )
        return None if delivery_id is None else await self.get(delivery_id)

    async def enqueue_many(self, rows: Sequence[Mapping[str, Any]]) -> set[int]:
        """Add pending deliveries in one statement; the subscriber ids of those inserted.

        A row whose ``(subscriber_id, dedup_key)`` exists already is skipped, so give at most
        one row per subscriber.
        """
        inserted = await insert_many_ignoring_conflicts(
            self._session,
            Delivery,
            [dict(row) for row in rows],
            conflict_columns=("subscriber_id", "dedup_key"),
            returning="subscriber_id",
        )
        return set(inserted)

    async def claim_due(self, now: dt.datetime, limit: int = 10) -> list[Delivery]:
        """Mark up to ``limit`` pending rows due by ``now`` as sending and return them."""
        statement = (
            select(Delivery)
            .where(Delivery.state == DeliveryState.PENDING, Delivery.due_at <= now)
            .order_by(Delivery.due_at, Delivery.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        claimed = list((await self._session.scalars(statement)).all())
        for delivery in claimed:
            delivery.state = DeliveryState.SENDING
            delivery.claimed_at = now
            delivery.attempts += 1
        await self._session.flush()
        return claimed

    async def claim_due_chats(
        self, now: dt.datetime, chats: int, rows_per_chat: int = 10
    ) -> list[Delivery]:
        """Claim the due rows (up to ``rows_per_chat`` each) of up to ``chats`` idle chats.

        The rows come back ordered by chat, then due time. Two statements: the chats,
        oldest due first, locked as they are found; then one UPDATE ... RETURNING of their rows.
        """
        busy = aliased(Delivery)
        sending = (
            select(busy.id)
            .where(busy.subscriber_id == Delivery.subscriber_id,
                   busy.state == DeliveryState.SENDING)
            .exists()
        )
        due = and_(Delivery.state == DeliveryState.PENDING, Delivery.due_at <= now, ~sending)
        first_due = (
            select(Delivery.subscriber_id, func.min(Delivery.due_at).label("first_due"))
            .where(due)
            .group_by(Delivery.subscriber_id)
            .subquery()
        )
        # One scan in due order that locks each chat as it reaches it (PostgreSQL; SQLite drops
        # the clause, its write transaction serialising claimers): a chat another worker is
        # claiming is skipped for the next one, so workers claiming at the same moment get
        # disjoint chats and none comes back empty while chats are due.
        locked = (
            select(Subscriber.id)
            .join(first_due, first_due.c.subscriber_id == Subscriber.id)
            .order_by(first_due.c.first_due, Subscriber.id)
            .limit(chats)
            .with_for_update(of=Subscriber, skip_locked=True)
        )
        ids = list((await self._session.scalars(locked)).all())
        if not ids:
            return []
        # A new statement, so a new snapshot: a claim committed between the scan's snapshot and
        # its lock shows here as a row `sending`, and that chat's rows are left alone.
        ranked = (
            select(
                Delivery.id,
                func.row_number()
                .over(partition_by=Delivery.subscriber_id, order_by=(Delivery.due_at, Delivery.id))
                .label("rank"),
            )
            .where(due, Delivery.subscriber_id.in_(ids))
            .subquery()
        )
        claim = (
            update(Delivery)
            .where(Delivery.id.in_(select(ranked.c.id).where(ranked.c.rank <= rows_per_chat)))
            .values(state=DeliveryState.SENDING, claimed_at=now, attempts=Delivery.attempts + 1)
            .returning(Delivery)
            .execution_options(synchronize_session=False, populate_existing=True)
        )
        claimed = (await self._session.scalars(claim)).all()
        order = {chat: rank for rank, chat in enumerate(ids)}
        return sorted(claimed, key=lambda row: (order[row.subscriber_id], row.due_at, row.id))

    async def mark_sent(
        self, delivery: Delivery, now: dt.datetime, telegram_message_id: int | None = None
    ) -> None:
        for name, value in _sent(now, telegram_message_id).items():
            setattr(delivery, name, value)
        await self._session.flush()

    async def mark_retry(self, delivery: Delivery, due_at: dt.datetime, error: str) -> None:
        """Back to pending, to be claimed again at ``due_at``."""
        delivery.state = DeliveryState.PENDING
        delivery.due_at = due_at
        delivery.claimed_at = None
        delivery.last_error = error[:2000]
        await self._session.flush()

    async def mark_failed(self, delivery: Delivery, error: str) -> None:
        delivery.state = DeliveryState.FAILED
        delivery.last_error = error[:2000]
        await self._session.flush()

    async def save_progress(self, delivery: Delivery, payload: Mapping[str, Any]) -> None:
        """Store a new payload (e.g. parts sent so far); a copy, so in-place edits count too."""
        delivery.payload = copy.deepcopy(dict(payload))
        flag_modified(delivery, "payload")
        await self._session.flush()

    async def lock_claims(
        self, ids: Collection[int]
    ) -> dict[int, Row[int, DeliveryState, dt.datetime | None, str | None]]:
        """The rows' ``id, state, claimed_at, last_error`` by id, locked until the transaction
        ends (``FOR UPDATE`` on PostgreSQL, so the tick cannot release a row between a check of
        its claim and :meth:`record_progress`)."""
        found = await self._session.execute(
            select(Delivery.id, Delivery.state, Delivery.claimed_at, Delivery.last_error)
            .where(Delivery.id.in_(sorted(ids)))
            .order_by(Delivery.id)
            .with_for_update()
        )
        return {row.id: row for row in found.all()}

    async def record_progress(self, progress: Sequence[Progress], now: dt.datetime) -> None:
        """Every row's progress in one bulk UPDATE by primary key: payload and renewed lease,
        or (done) the sent state. Every change has the same keys, so it is one executemany."""
        if not progress:
            return
        changes: list[dict[str, Any]] = []
        for item in progress:
            change: dict[str, Any] = {"id": item.delivery_id, "payload": dict(item.payload)}
            if item.done:
                change |= _sent(now, item.first_message_id) | {"claimed_at": item.claimed_at}
            else:
                change |= {
                    "state": DeliveryState.SENDING, "sent_at": None, "telegram_message_id": None,
                    "last_error": item.last_error, "claimed_at": now,
                }
            changes.append(change)
        await self._session.execute(update(Delivery), changes)

    async def release_stale(self, now: dt.datetime, lease: dt.timedelta) -> int:
        """Put ``sending`` rows claimed before ``now - lease`` back to pending; how many."""
        # Crash recovery: a worker that died mid-send never recorded the outcome.
        # ``attempts`` and ``due_at`` are kept, so the row is due again at once.
        statement = (
            select(Delivery)
            .where(Delivery.state == DeliveryState.SENDING, Delivery.claimed_at < now - lease)
            .order_by(Delivery.id)
            .with_for_update(skip_locked=True)
        )
        stale = list((await self._session.scalars(statement)).all())
        for delivery in stale:
            delivery.state = DeliveryState.PENDING
            delivery.claimed_at = None
        await self._session.flush()
        return len(stale)

    async def counts_by_state(self) -> dict[DeliveryState, int]:
        """Deliveries per state; every state is present (0 when none)."""
        statement = select(Delivery.state, func.count()).group_by(Delivery.state)
        counts = dict.fromkeys(DeliveryState, 0)
        for state, number in (await self._session.execute(statement)).all():
            counts[state] = int(number)
        return counts
