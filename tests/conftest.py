"""Fixtures shared by the whole suite: migrated databases and the running worlds.

* ``database``: a fresh migrated SQLite file (a copy of a template migrated once per session);
* ``any_database``: the same, then an emptied private PostgreSQL schema (migrated once per run);
* ``blank_database``: an empty database without any schema, of each dialect;
* ``world``: the real bot polling the local Bot API, on ``database``;
* ``w``: the outbox world (services, a real bot, a test-driven delivery worker) on ``database``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.support import leftover_tasks
from tests.support.database import (
    Database,
    create_postgres_schema,
    drop_postgres_schema,
    empty_tables,
    migrate,
    sqlite_copy,
    sqlite_template,
    sqlite_url,
)
from tests.support.local_http import LocalServer, serving
from tests.support.world import World, outbox_world, running_bot

DIALECTS = ["sqlite", "postgresql"]


def pytest_configure(config: pytest.Config) -> None:
    """A task a test leaves that ignores its cancel is reported, not waited for forever."""
    leftover_tasks.install()


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, made once per session and copied for each test."""
    return sqlite_template(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def migrated_postgres() -> Iterator[Database]:
    """A private PostgreSQL schema, migrated once per run and dropped at its end."""
    database = create_postgres_schema()
    try:
        migrate(database)
        yield database
    finally:
        drop_postgres_schema(database)


@pytest.fixture
def database(migrated_sqlite_template: Path, tmp_path: Path) -> Database:
    """A migrated, empty SQLite database of this test's own."""
    return sqlite_copy(migrated_sqlite_template, tmp_path)


@pytest.fixture(params=DIALECTS)
def any_database(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    """A migrated, empty database of each dialect (PostgreSQL: the run's schema, emptied).

    A plain fixture, not a coroutine: the session fixtures it may start run their own loop.
    """
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("migrated_sqlite_template")
        return sqlite_copy(template, tmp_path)
    migrated: Database = request.getfixturevalue("migrated_postgres")
    asyncio.run(empty_tables(migrated))
    return migrated


@pytest.fixture(params=DIALECTS)
def blank_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database without any schema, of each dialect."""
    if request.param == "sqlite":
        yield Database(sqlite_url(tmp_path / "blank.db"))
        return
    blank = create_postgres_schema()
    try:
        yield blank
    finally:
        drop_postgres_schema(blank)


@pytest.fixture
async def world(database: Database) -> AsyncIterator[World]:
    """The real bot polling the local Bot API, with a test clock."""
    async with running_bot(database) as running:
        yield running


@pytest.fixture
async def w(database: Database) -> AsyncIterator[World]:
    """The outbox world on SQLite: no handlers; the test drives the tick and the worker."""
    async with outbox_world(database) as running:
        yield running


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    """A local HTTP server serving the pages and feeds a test puts on it."""
    with serving() as server:
        yield server
