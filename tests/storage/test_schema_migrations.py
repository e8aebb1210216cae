"""Migrations, the schema check, and agreement between models and migrated schema."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

import storage.schema
from storage.models import Base
from storage.schema import (
    SchemaAheadError,
    SchemaBehindError,
    SchemaState,
    ensure_schema_current,
    schema_status,
    upgrade_engine,
)
from storage.search import include_object
from tests.storage.conftest import Database


async def test_migrated_schema_is_up_to_date(engine: AsyncEngine) -> None:
    status = await schema_status(engine)
    assert status.state is SchemaState.UP_TO_DATE
    assert await ensure_schema_current(engine) == status


async def test_models_match_migrated_schema(engine: AsyncEngine) -> None:
    def differences(connection: Connection) -> list[object]:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_blank_database_raises_schema_behind_naming_upgrade_command(
    blank_database: Database,
) -> None:
    engine = blank_database.engine()
    try:
        assert (await schema_status(engine)).state is SchemaState.EMPTY
        with pytest.raises(SchemaBehindError, match="run `briefbot db upgrade`"):
            await ensure_schema_current(engine)
        await upgrade_engine(engine)
        assert (await schema_status(engine)).state is SchemaState.UP_TO_DATE
    finally:
        await engine.dispose()


async def test_older_revision_raises_schema_behind(
    engine: AsyncEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(storage.schema.MIGRATIONS_DIR, migrations)
    (migrations / "versions" / "0002_next.py").write_text(
        'revision = "0002"\ndown_revision = "0001"\nbranch_labels = None\n'
        "depends_on = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n"
    )
    monkeypatch.setattr(storage.schema, "MIGRATIONS_DIR", migrations)
    status = await schema_status(engine)
    assert (status.state, status.current, status.head) == (SchemaState.BEHIND, "0001", "0002")
    with pytest.raises(SchemaBehindError) as raised:
        await ensure_schema_current(engine)
    message = str(raised.value)
    assert "\n" not in message and "briefbot db upgrade" in message


async def test_unknown_revision_is_reported_ahead(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    try:
        assert (await schema_status(engine)).state is SchemaState.AHEAD
        with pytest.raises(SchemaAheadError):
            await ensure_schema_current(engine)
    finally:  # the PostgreSQL schema is shared by the whole test session
        async with engine.begin() as connection:
            await connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
