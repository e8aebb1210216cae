"""Named cursors: integer positions that background jobs advance (e.g. the alert scan)."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Cursor


class CursorRepository:
    """Cursors in one session; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, name: str) -> int:
        """The cursor's value; 0 when it was never set."""
        cursor = await self._session.get(Cursor, name, populate_existing=True)
        return 0 if cursor is None else cursor.value

    async def set(self, name: str, value: int) -> None:
        """Create or overwrite the cursor (one upsert statement)."""
        dialect = self._session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = insert(Cursor).values(name=name, value=value)
        statement = statement.on_conflict_do_update(
            index_elements=[Cursor.name], set_={"value": statement.excluded.value}
        )
        await self._session.execute(statement)

    async def advance(self, name: str, value: int) -> bool:
        """Move the cursor up to ``value`` if it is below (or unset); whether it moved.

        One statement, so of several transactions advancing it to the same value at once
        exactly one sees True (PostgreSQL re-checks the condition on the row it waited for).
        """
        dialect = self._session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = insert(Cursor).values(name=name, value=value)
        upsert = statement.on_conflict_do_update(
            index_elements=[Cursor.name],
            set_={"value": statement.excluded.value},
            where=Cursor.value < statement.excluded.value,
        )
        return (await self._session.scalar(upsert.returning(Cursor.name))) is not None
