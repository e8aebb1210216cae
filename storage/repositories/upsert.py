"""``INSERT ... ON CONFLICT DO NOTHING`` on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


async def insert_ignoring_conflicts(
    session: AsyncSession,
    model: type[DeclarativeBase],
    values: dict[str, Any],
    conflict_columns: Sequence[str],
) -> int | None:
    """Insert one row; return its id, or None if it clashed with ``conflict_columns``.

    Python-side column defaults are applied by SQLAlchemy as for ORM inserts.
    """
    ids = await insert_many_ignoring_conflicts(session, model, [values], conflict_columns, "id")
    return int(ids[0]) if ids else None


async def insert_many_ignoring_conflicts(
    session: AsyncSession,
    model: type[DeclarativeBase],
    rows: Sequence[dict[str, Any]],
    conflict_columns: Sequence[str],
    returning: str,
) -> list[Any]:
    """Insert ``rows`` in one statement; ``returning``'s value of each row actually inserted.

    Rows that clash with ``conflict_columns`` are skipped. An ORM bulk insert, so Python-side
    column defaults are applied to each row.
    """
    if not rows:
        return []
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(model)
        .on_conflict_do_nothing(index_elements=list(conflict_columns))
        .returning(model.__table__.c[returning])
    )
    return list((await session.scalars(statement, list(rows))).all())
