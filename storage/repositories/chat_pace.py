"""Reserving chats' next message starts across instances (PostgreSQL only); never commits.

One statement reserves a batch of chats on the database's clock (``now()``), so the instances'
own clocks do not matter. A chat's start is the latest of: now, its ``next_at`` (the previous
start plus ``spacing``) and, for a group or channel (a negative chat id) that already has
``per_window`` starts in ``recent``, the oldest of them plus ``window``. A start later than
``hold`` from now is refused (nothing is written): the caller waits outside its place in the
send budget and asks again. Rows are inserted and locked in chat id order, so two instances
reserving overlapping batches never deadlock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import BigInteger, Float, Integer, bindparam, delete, func, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ChatPace

# The earliest start the existing row ``pace`` allows (GREATEST ignores the NULL of a chat
# that has not yet sent its window's worth).
_START = """greatest(
    now(),
    pace.next_at,
    CASE WHEN cardinality(pace.recent) >= :per_window
        THEN pace.recent[cardinality(pace.recent) + 1 - :per_window]
            + make_interval(secs => :window)
    END
)"""

# The same for the row as it stood (a refused chat's answer: when to ask again).
_CURRENT_START = _START.replace("pace.", "current.")

_RESERVE = text(f"""
WITH wanted AS (
    SELECT DISTINCT unnest(CAST(:chat_ids AS bigint[])) AS chat_id
),
reserved AS (
    INSERT INTO chat_pace AS pace (chat_id, next_at, recent)
    SELECT chat_id, now() + make_interval(secs => :spacing),
           CASE WHEN chat_id < 0 THEN ARRAY[now()] ELSE CAST('{{}}' AS timestamptz[]) END
    FROM wanted
    ORDER BY chat_id
    ON CONFLICT (chat_id) DO UPDATE SET
        next_at = {_START} + make_interval(secs => :spacing),
        recent = CASE WHEN pace.chat_id < 0
            THEN (pace.recent || {_START})[greatest(1, cardinality(pace.recent) + 2 - :per_window):]
            ELSE pace.recent
        END
    WHERE {_START} <= now() + make_interval(secs => :hold)
    RETURNING pace.chat_id, pace.next_at
)
SELECT wanted.chat_id,
       reserved.chat_id IS NOT NULL AS reserved,
       extract(epoch FROM coalesce(
           reserved.next_at - make_interval(secs => :spacing),
           {_CURRENT_START}
       ) - now()) AS wait,
       extract(epoch FROM coalesce(reserved.next_at, current.next_at, now()) - now()) AS next_in
FROM wanted
LEFT JOIN reserved ON reserved.chat_id = wanted.chat_id
LEFT JOIN chat_pace AS current ON current.chat_id = wanted.chat_id
ORDER BY wanted.chat_id
""").bindparams(
    bindparam("chat_ids", type_=ARRAY(BigInteger)),
    bindparam("spacing", type_=Float),
    bindparam("window", type_=Float),
    bindparam("hold", type_=Float),
    bindparam("per_window", type_=Integer),
)


# A 429's retry_after for one chat, for every instance: its next start no earlier than then.
_HOLD = text("""
INSERT INTO chat_pace AS pace (chat_id, next_at, recent)
VALUES (:chat_id, now() + make_interval(secs => :seconds), CAST('{}' AS timestamptz[]))
ON CONFLICT (chat_id) DO UPDATE SET next_at = greatest(pace.next_at, excluded.next_at)
""").bindparams(bindparam("chat_id", type_=BigInteger), bindparam("seconds", type_=Float))


@dataclass(frozen=True)
class Turn:
    """One chat's answer: reserved (start ``wait`` seconds from now) or refused (ask again then).

    ``next_in``: seconds from now until the chat's next start may be (its ``next_at``).
    """

    chat_id: int
    reserved: bool
    wait: float
    next_in: float


@dataclass(frozen=True)
class PaceRule:
    """How far apart one chat's starts must be, and how long a caller will hold its place.

    ``spacing``: between two starts to one chat; at most ``per_window`` starts to a group or
    channel within ``window`` seconds; a start more than ``hold`` seconds away is refused.
    """

    spacing: float
    per_window: int
    window: float
    hold: float


class ChatPaceRepository:
    """``chat_pace`` in the caller's transaction, on the database's clock (PostgreSQL only)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def reserve(self, chat_ids: Iterable[int], rule: PaceRule) -> dict[int, Turn]:
        """Reserve each chat's next start by ``rule``; each chat's :class:`Turn`."""
        ids = sorted(set(chat_ids))
        if not ids:
            return {}
        rows = await self._session.execute(
            _RESERVE,
            {
                "chat_ids": ids,
                "spacing": rule.spacing,
                "window": rule.window,
                "hold": rule.hold,
                "per_window": rule.per_window,
            },
        )
        return {
            chat_id: Turn(chat_id, bool(reserved), max(0.0, float(wait)), float(next_in))
            for chat_id, reserved, wait, next_in in rows.all()
        }

    async def hold(self, chat_id: int, seconds: float) -> None:
        """Let no reservation start ``chat_id``'s next send sooner than ``seconds`` from now."""
        await self._session.execute(_HOLD, {"chat_id": chat_id, "seconds": seconds})

    async def prune(self, older_than: dt.timedelta) -> int:
        """Delete the rows whose ``next_at`` is more than ``older_than`` ago; how many."""
        result = await self._session.execute(
            delete(ChatPace).where(ChatPace.next_at < func.now() - older_than)
        )
        return int(getattr(result, "rowcount", 0) or 0)
