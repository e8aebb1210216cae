"""The store stage of the ingest pipeline: a summarized chunk written in one transaction.

First all its briefs at once inside one SAVEPOINT; if anything in that fails, each brief is
written again inside a SAVEPOINT of its own, so a failing brief never stops the others. If the
chunk transaction as a whole fails, every brief is stored again in a transaction of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingest.database_errors import store_problem
from ingest.items import Rejection
from ingest.phrases import Phrase
from ingest.store import PreparedBrief, add_brief, add_briefs


@dataclass(frozen=True)
class Ready:
    """A candidate with everything stored alongside it."""

    prepared: PreparedBrief
    summary: Sequence[str]
    topics: list[str]


# What storing one brief came to: its id, None for a duplicate, or why it failed.
_Stored = int | None | Rejection


async def store_chunk(
    ready: Sequence[Ready],
    session_factory: async_sessionmaker[AsyncSession],
    source_id: int | None,
) -> list[_Stored]:
    """Store a chunk in one transaction; see the module docstring.

    First the whole chunk is written at once inside one SAVEPOINT (two statements). If
    that fails, the savepoint is rolled back, undoing every row of the attempt, and each
    brief is written again inside a SAVEPOINT of its own, so that only a failing brief is
    rolled back. If the chunk transaction itself fails (BEGIN, COMMIT, or a savepoint that
    cannot be rolled back), nothing of the chunk is kept and each brief is stored again in
    a transaction of its own.
    """
    try:
        async with session_factory() as session, session.begin():
            if len(ready) > 1 and (stored := await _store_together(session, ready, source_id)):
                return stored
            return [await _store_in_savepoint(session, r, source_id) for r in ready]
    except (SQLAlchemyError, OSError):
        return [await _store_alone(session_factory, r, source_id) for r in ready]


async def _store_together(
    session: AsyncSession, ready: Sequence[Ready], source_id: int | None
) -> list[_Stored]:
    """All briefs in one SAVEPOINT; ``[]`` (and nothing written) if any of them fails."""
    savepoint = await session.begin_nested()
    try:
        ids = await add_briefs(
            session, [(r.prepared, r.summary, r.topics) for r in ready], source_id
        )
    except (SQLAlchemyError, ValueError, TypeError):
        # Not guarded: if this rollback fails, the error aborts the whole chunk transaction.
        await savepoint.rollback()
        return []
    await savepoint.commit()
    return list(ids)


async def _store_in_savepoint(
    session: AsyncSession, ready: Ready, source_id: int | None
) -> _Stored:
    savepoint = await session.begin_nested()
    try:
        brief_id = await add_brief(session, ready.prepared, ready.summary, ready.topics, source_id)
    except (SQLAlchemyError, ValueError, TypeError) as error:
        # Not guarded: if this rollback fails, the error aborts the whole chunk transaction.
        await savepoint.rollback()
        return _failure(ready.prepared, error)
    await savepoint.commit()
    return brief_id


async def _store_alone(
    session_factory: async_sessionmaker[AsyncSession], ready: Ready, source_id: int | None
) -> _Stored:
    try:
        async with session_factory() as session, session.begin():
            return await add_brief(session, ready.prepared, ready.summary, ready.topics, source_id)
    except (SQLAlchemyError, ValueError, TypeError) as error:
        return _failure(ready.prepared, error)


def _failure(prepared: PreparedBrief, error: Exception) -> _Stored:
    if isinstance(error, IntegrityError):
        return None  # a unique key is taken: a concurrent ingester stored it first
    reason = Phrase("could not store: {error}", error=store_problem(error))
    return Rejection(prepared.candidate.origin, reason, ours=True)
