"""Fixtures: a migrated database (SQLite, or both dialects) and a running world."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.support.tick_world import (
    Database,
    World,
    drop_postgres_schema,
    postgres_schema,
    sqlite_copy,
    sqlite_template,
    world,
)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sqlite_template(tmp_path_factory.mktemp("jobs-template"))


@pytest.fixture(scope="session")
def migrated_postgres() -> Iterator[Database]:
    database = postgres_schema()
    try:
        yield database
    finally:
        drop_postgres_schema(database)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_database(
    request: pytest.FixtureRequest, migrated_template: Path, tmp_path: Path
) -> Database:
    """A migrated empty database of each dialect."""
    if request.param == "sqlite":
        return sqlite_copy(migrated_template, tmp_path)
    migrated: Database = request.getfixturevalue("migrated_postgres")
    return migrated


@pytest.fixture
def database(migrated_template: Path, tmp_path: Path) -> Database:
    """A migrated empty SQLite database."""
    return sqlite_copy(migrated_template, tmp_path)


@pytest.fixture
async def w(database: Database) -> AsyncIterator[World]:
    """The world on SQLite."""
    async with world(database) as running:
        yield running
