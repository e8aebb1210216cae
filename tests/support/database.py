"""Migrated databases for tests: a SQLite template copied per test, a private PostgreSQL schema.

PostgreSQL comes from ``BRIEFBOT_TEST_POSTGRES_URL`` (default below). A run creates its own
schema ``briefbot_test_<random>``, migrates it once, empties it before each test that uses it
and drops it at the end. If the server is unreachable the PostgreSQL tests are skipped, or
fail when ``CI`` is set.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

import storage.models  # noqa: F401  (registers every table on the metadata)
from rendering.parts import MessagePart, parts_to_payload
from runtime.services import utc_now
from storage.engine import create_engine, create_session_factory
from storage.models import DeliveryKind
from storage.models.base import Base
from storage.repositories import DeliveryRepository
from storage.schema import upgrade
from tests.support.factories import make_subscriber

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


@dataclass(frozen=True)
class Database:
    """Where one test's database lives: a SQLite file, or a schema on a PostgreSQL server."""

    url: str
    schema: str | None = None

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return "postgresql" if self.url.startswith("postgresql") else "sqlite"

    def engine(self) -> AsyncEngine:
        """A new engine on this database (the caller disposes of it)."""
        return create_engine(self.url, schema=self.schema)

    @asynccontextmanager
    async def sessions(self) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
        """A session factory on a new engine, disposed of when the block ends."""
        engine = self.engine()
        try:
            yield create_session_factory(engine)
        finally:
            await engine.dispose()


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite+aiosqlite:///{path}"


def postgres_url() -> str:
    """The test server's URL: ``BRIEFBOT_TEST_POSTGRES_URL`` or the local default."""
    return os.environ.get("BRIEFBOT_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def sqlite_template(folder: Path) -> Path:
    """A migrated SQLite file in ``folder``, made once and copied by each test."""
    path = folder / "template.db"
    if not path.exists():
        asyncio.run(upgrade(sqlite_url(path)))
    return path


def sqlite_copy(template: Path, folder: Path) -> Database:
    """A fresh copy of the migrated template in ``folder``."""
    path = folder / "briefbot.db"
    shutil.copyfile(template, path)
    return Database(sqlite_url(path))


async def execute(url: str, statement: str) -> None:
    """Run one statement on the server at ``url`` in its own transaction."""
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


def create_postgres_schema() -> Database:
    """An empty private schema; skip the test (or fail it under CI) if PostgreSQL is down."""
    url, schema = postgres_url(), f"briefbot_test_{secrets.token_hex(6)}"
    try:
        asyncio.run(asyncio.wait_for(execute(url, f'CREATE SCHEMA "{schema}"'), 15))
    except (OSError, TimeoutError, ConnectionError) as error:
        reason = f"PostgreSQL unreachable at {url}: {error}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this is an error)")
        pytest.skip(reason)
    return Database(url, schema)


def migrate(database: Database) -> None:
    """Upgrade ``database`` to the newest schema."""
    asyncio.run(upgrade(database.url, schema=database.schema))


def drop_postgres_schema(database: Database) -> None:
    """Drop the private schema and everything in it."""
    asyncio.run(execute(database.url, f'DROP SCHEMA IF EXISTS "{database.schema}" CASCADE'))


async def empty_tables(database: Database) -> None:
    """Delete every row of every briefbot table and restart the ids (PostgreSQL)."""
    tables = ", ".join(sorted(Base.metadata.tables))
    engine = database.engine()
    try:
        async with engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()


async def enqueue_message(database: Database, chat_id: int, text: str) -> None:
    """A subscriber in ``chat_id`` and one pending message to it, due now."""
    engine = database.engine()
    try:
        async with create_session_factory(engine)() as session, session.begin():
            subscriber = make_subscriber(chat_id=chat_id)
            session.add(subscriber)
            await session.flush()
            await DeliveryRepository(session).enqueue(
                subscriber.id, DeliveryKind.MESSAGE, due_at=utc_now(),
                payload=parts_to_payload([MessagePart(text)]), dedup_key="hello",
            )
    finally:
        await engine.dispose()
