"""Storage fixtures: every test runs on SQLite (temp file) and PostgreSQL (private schema).

PostgreSQL comes from ``BRIEFBOT_TEST_POSTGRES_URL`` (default below). Each test
session creates its own schema ``briefbot_test_<random>``, migrates it once,
truncates it before each test and drops it at the end. If the server is
unreachable the PostgreSQL params are skipped, or fail when ``CI`` is set.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.engine import create_engine, create_session_factory
from storage.schema import upgrade

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
TABLES = "cursors, deliveries, topic_rules, subscribers, brief_fingerprints, briefs, sources"


@dataclass(frozen=True)
class Database:
    """Where one test's database lives."""

    dialect: str
    url: str
    schema: str | None = None

    def engine(self) -> AsyncEngine:
        return create_engine(self.url, schema=self.schema)


def postgres_url() -> str:
    return os.environ.get("BRIEFBOT_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


async def _execute_admin(url: str, statement: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


def create_postgres_schema() -> tuple[str, str]:
    """Create an empty private schema; skip (or fail under CI) if PostgreSQL is down."""
    url, schema = postgres_url(), f"briefbot_test_{secrets.token_hex(6)}"
    try:
        asyncio.run(asyncio.wait_for(_execute_admin(url, f'CREATE SCHEMA "{schema}"'), 15))
    except (OSError, TimeoutError, ConnectionError) as error:
        reason = f"PostgreSQL unreachable at {url}: {error}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this is an error)")
        pytest.skip(reason)
    return url, schema


def drop_postgres_schema(url: str, schema: str) -> None:
    asyncio.run(_execute_admin(url, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


@pytest.fixture(scope="session")
def migrated_postgres() -> Iterator[Database]:
    url, schema = create_postgres_schema()
    try:
        asyncio.run(upgrade(url, schema=schema))
        yield Database("postgresql", url, schema)
    finally:
        drop_postgres_schema(url, schema)


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    asyncio.run(upgrade(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    """A migrated, empty database of each dialect."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("migrated_sqlite_template")
        path = tmp_path / "briefbot.db"
        shutil.copyfile(template, path)
        return Database("sqlite", f"sqlite+aiosqlite:///{path}")
    migrated: Database = request.getfixturevalue("migrated_postgres")
    return migrated


@pytest.fixture(params=["sqlite", "postgresql"])
def blank_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database without any schema, of each dialect."""
    if request.param == "sqlite":
        yield Database("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'blank.db'}")
        return
    url, schema = create_postgres_schema()
    try:
        yield Database("postgresql", url, schema)
    finally:
        drop_postgres_schema(url, schema)


@pytest.fixture
async def engine(database: Database) -> AsyncIterator[AsyncEngine]:
    engine = database.engine()
    if database.dialect == "postgresql":
        async with engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
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
