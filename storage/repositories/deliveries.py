"""The delivery outbox: idempotent enqueue, claiming due rows, recording outcomes."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnClause,
    FromClause,
    Text,
    and_,
    bindparam,
    case,
    cast,
    column,
    func,
    null,
    select,
    update,
    values,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.orm.attributes import flag_modified

from storage.models import Delivery, DeliveryKind, DeliveryState, Subscriber
from storage.models.base import UTCDateTime
from storage.repositories.upsert import insert_ignoring_conflicts, insert_many_ignoring_conflicts


@dataclass(frozen=True)
class Progress:
    """One claimed row's progress: its payload and, once ``done``, its first message's id.

    ``claimed_at`` is the claim it was made under: the row is written only while it is still
    that claim (kept when done, renewed to now otherwise).
    """

    delivery_id: int
    payload: Mapping[str, Any]
    done: bool
    first_message_id: int | None
    claimed_at: dt.datetime


def _sent(now: dt.datetime, telegram_message_id: int | None) -> dict[str, Any]:
    """The values of a row that was sent (:meth:`DeliveryRepository.mark_sent`; progress sets
    the same in SQL, :meth:`DeliveryRepository.record_progress`)."""
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

    async def record_progress(self, progress: Sequence[Progress], now: dt.datetime) -> set[int]:
        """Record each item whose row is still its claim (``sending``, claimed at its
        ``claimed_at``): payload and renewed lease, or (done) the sent state; the ids recorded.

        One ``UPDATE ... FROM`` the items ``... RETURNING``: the check of the claim and the write
        are one statement, so no lock is held between them and the tick cannot release a row in
        between; on PostgreSQL (in autocommit) it is the progress commit's only round trip. The
        items arrive as arrays (``unnest``), so the statement's text, and the prepared statement
        asyncpg caches for it, is the same whatever the batch's size; SQLite gets a VALUES list
        (one row per item: 5 of its 32,766 variables, far more than a worker has chats in flight).
        """
        if not progress:
            return set()
        items = _progress_items(self._session.get_bind().dialect.name, progress)
        done = items.c.done
        renewed = bindparam("renewed", now, type_=UTCDateTime())
        statement = (
            update(Delivery)
            .where(
                Delivery.id == items.c.id,
                Delivery.state == DeliveryState.SENDING,
                Delivery.claimed_at == items.c.claimed_at,
            )
            .values(
                payload=items.c.payload,
                state=case((done, DeliveryState.SENT.value), else_=Delivery.state),
                sent_at=case((done, bindparam("now", now, type_=UTCDateTime()))),
                telegram_message_id=case((done, items.c.message_id)),
                last_error=case((done, null()), else_=Delivery.last_error),
                claimed_at=case((done, Delivery.claimed_at), else_=renewed),
            )
            .returning(Delivery.id)
            .execution_options(synchronize_session=False)
        )
        return set((await self._session.scalars(statement)).all())

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

    async def release_claims(self, held: Mapping[int, Collection[dt.datetime]]) -> int:
        """Give back the rows a stopping worker still holds: ``held`` maps each row's id to the
        ``claimed_at`` values its claim may carry; how many went back to pending.

        A row is released only while it is still that claim (``sending``, claimed at one of
        them): a row already recorded, or taken over after a lease expiry, is left alone. Its
        payload (``sent``, message ids) and ``due_at`` are kept, so it is due at once and resumes
        after the parts already sent. The claim's attempt is given back (a stop is no failed
        attempt), so restarts never push a row towards "claimed too often without an outcome".
        The rows are locked, checked and written in the caller's one transaction.
        """
        if not held:
            return 0
        statement = (
            select(Delivery)
            .where(Delivery.id.in_(list(held)), Delivery.state == DeliveryState.SENDING)
            .order_by(Delivery.id)
            .with_for_update()
        )
        released = 0
        for delivery in (await self._session.scalars(statement)).all():
            if delivery.claimed_at not in held[delivery.id]:
                continue  # another worker's claim now
            delivery.state = DeliveryState.PENDING
            delivery.claimed_at = None
            delivery.attempts = max(delivery.attempts - 1, 0)
            released += 1
        await self._session.flush()
        return released

    async def counts_by_state(self) -> dict[DeliveryState, int]:
        """Deliveries per state; every state is present (0 when none)."""
        statement = select(Delivery.state, func.count()).group_by(Delivery.state)
        counts = dict.fromkeys(DeliveryState, 0)
        for state, number in (await self._session.execute(statement)).all():
            counts[state] = int(number)
        return counts


def _item_columns() -> list[ColumnClause[Any]]:
    """The columns of :func:`_progress_items`' rows, new each time (a construct owns its own)."""
    return [
        column("id", BigInteger),
        column("claimed_at", UTCDateTime()),
        column("payload", Text),
        column("done", Boolean),
        column("message_id", BigInteger),
    ]


def _progress_items(dialect: str, progress: Sequence[Progress]) -> FromClause:
    """``progress`` as rows ``(id, claimed_at, payload, done, message_id)`` to UPDATE FROM."""
    payloads = [json.dumps(dict(item.payload)) for item in progress]
    if dialect == "postgresql":
        arrays = func.unnest(
            bindparam("ids", [item.delivery_id for item in progress], type_=ARRAY(BigInteger)),
            bindparam(
                "claims", [item.claimed_at for item in progress], type_=ARRAY(UTCDateTime())
            ),
            bindparam("payloads", payloads, type_=ARRAY(Text)),
            bindparam("done", [item.done for item in progress], type_=ARRAY(Boolean)),
            bindparam(
                "message_ids", [item.first_message_id for item in progress],
                type_=ARRAY(BigInteger),
            ),
        )
        rows = arrays.table_valued(*_item_columns(), name="items").render_derived()
        return select(
            rows.c.id, rows.c.claimed_at, cast(rows.c.payload, JSONB).label("payload"),
            rows.c.done, rows.c.message_id,
        ).subquery("items")
    return values(*_item_columns(), name="items").data([
        (item.delivery_id, item.claimed_at, payload, item.done, item.first_message_id)
        for item, payload in zip(progress, payloads, strict=True)
    ]).cte("items")  # SQLite names a CTE's columns, not a subquery's: WITH items(id, ...) AS
