"""The rows of the instances sharing a token's send budget (PostgreSQL only); never commits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import SendBudgetMember


class SendBudgetRepository:
    """``send_budget_members`` in the caller's short transaction, on the database's clock."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock(self, token_key: str) -> None:
        """Take the token's transaction-level advisory lock: one heartbeat at a time per token.

        Keyed by the schema too, so installations in two schemas never wait for each other.
        """
        await self._session.execute(
            text(
                "SELECT pg_advisory_xact_lock("
                "hashtextextended(current_schema() || '/send-budget/' || :key, 0))"
            ),
            {"key": token_key},
        )

    async def live_members(self, token_key: str, lease_seconds: float) -> list[SendBudgetMember]:
        """Delete the token's rows older than the lease (dead instances); the rest, by id."""
        stale = func.now() - dt.timedelta(seconds=lease_seconds)
        await self._session.execute(
            delete(SendBudgetMember).where(
                SendBudgetMember.token_key == token_key, SendBudgetMember.heartbeat_at < stale
            )
        )
        found = await self._session.scalars(
            select(SendBudgetMember)
            .where(SendBudgetMember.token_key == token_key)
            .order_by(SendBudgetMember.instance_id)
        )
        return list(found.all())

    async def beat(self, instance_id: str, token_key: str, demand: float, claim: int) -> None:
        """Insert or update ``instance_id``'s row, stamped with the database's now()."""
        statement = insert(SendBudgetMember).values(
            instance_id=instance_id, token_key=token_key, heartbeat_at=func.now(),
            demand=demand, claim=claim, started_at=func.now(),
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[SendBudgetMember.instance_id],
                set_={
                    "token_key": statement.excluded.token_key,
                    "heartbeat_at": statement.excluded.heartbeat_at,
                    "demand": statement.excluded.demand,
                    "claim": statement.excluded.claim,
                },
            )
        )

    async def leave(self, instance_id: str) -> None:
        """Delete ``instance_id``'s row."""
        await self._session.execute(
            delete(SendBudgetMember).where(SendBudgetMember.instance_id == instance_id)
        )
