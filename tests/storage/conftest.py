"""Storage fixtures: an engine, its session factory and a session, on each dialect."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.engine import create_session_factory
from tests.support.database import Database


@pytest.fixture
async def engine(any_database: Database) -> AsyncIterator[AsyncEngine]:
    """An engine on a migrated, empty database of each dialect."""
    engine = any_database.engine()
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
async def session(
    session_factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """A session inside an open transaction, rolled back at the end."""
    async with session_factory() as session, session.begin():
        yield session
        await session.rollback()
