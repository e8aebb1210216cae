"""Ingest fixtures: the migrated SQLite copy opened, a fake summarizer."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.engine import create_session_factory
from summarizer.api import SummaryInputError
from tests.support import database as migrated


@dataclass
class Database:
    """A migrated SQLite database with an open engine and its session factory."""

    url: str
    engine: AsyncEngine
    factory: async_sessionmaker[AsyncSession]


@pytest.fixture
async def database(database: migrated.Database) -> AsyncIterator[Database]:
    """The suite's fresh migrated SQLite copy (``tests/conftest.py``), opened."""
    engine = database.engine()
    try:
        yield Database(database.url, engine, create_session_factory(engine))
    finally:
        await engine.dispose()


def make_fake_summarizer() -> Callable[[str, str | None], object]:
    async def summarize(text: str, title: str | None) -> Sequence[str]:
        if "UNSUMMARIZABLE" in text:
            raise SummaryInputError("the fake summarizer refuses this text")
        if "EXPLODE" in text:
            raise RuntimeError("boom")
        return [part.strip() + "." for part in text.split(".")[:2] if part.strip()]

    return summarize


@pytest.fixture
def fake_summarize() -> Callable[[str, str | None], object]:
    return make_fake_summarizer()
