"""Schema migrations (Alembic, run programmatically) and the schema check.

Briefbot never upgrades the schema on its own: commands check
:func:`schema_status` and stop with :class:`SchemaBehindError`, whose message
tells the operator to run ``briefbot db upgrade``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import create_engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
UPGRADE_COMMAND = "briefbot db upgrade"


class SchemaState(enum.StrEnum):
    UP_TO_DATE = "up_to_date"
    BEHIND = "behind"
    EMPTY = "empty"
    AHEAD = "ahead"


@dataclass(frozen=True)
class SchemaStatus:
    state: SchemaState
    current: str | None
    head: str

    def describe(self) -> str:
        """One line for humans."""
        current = self.current or "none"
        return f"schema {self.state.value.replace('_', ' ')} (current {current}, head {self.head})"


class SchemaError(RuntimeError):
    """The database schema does not match this version of briefbot."""


class SchemaBehindError(SchemaError):
    def __init__(self, status: SchemaStatus) -> None:
        what = "has no briefbot schema" if status.state is SchemaState.EMPTY else (
            f"schema is at {status.current}, this briefbot needs {status.head}"
        )
        super().__init__(f"database {what}; run `{UPGRADE_COMMAND}`")
        self.status = status


class SchemaAheadError(SchemaError):
    def __init__(self, status: SchemaStatus) -> None:
        super().__init__(
            f"database schema {status.current} is newer than this briefbot knows "
            f"(head {status.head}); upgrade briefbot"
        )
        self.status = status


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (URL kept out of the ini)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.attributes["url"] = url
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


async def upgrade_engine(engine: AsyncEngine, revision: str = "head") -> None:
    """Migrate the database behind ``engine`` (in one transaction) to ``revision``."""

    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def upgrade(url: str, *, schema: str | None = None, revision: str = "head") -> None:
    """Migrate the database at ``url`` to ``revision`` (default: the newest)."""
    engine = create_engine(url, schema=schema)
    try:
        await upgrade_engine(engine, revision)
    finally:
        await engine.dispose()


async def schema_status(engine: AsyncEngine) -> SchemaStatus:
    """Where the database's schema revision stands relative to the packaged head."""
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None

    def current(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as connection:
        revision = await connection.run_sync(current)
    if revision is None:
        state = SchemaState.EMPTY
    elif revision == head:
        state = SchemaState.UP_TO_DATE
    elif revision in {rev.revision for rev in script.walk_revisions()}:
        state = SchemaState.BEHIND
    else:
        state = SchemaState.AHEAD
    return SchemaStatus(state=state, current=revision, head=head)


async def ensure_schema_current(engine: AsyncEngine) -> SchemaStatus:
    """Raise :class:`SchemaBehindError` / :class:`SchemaAheadError` unless up to date."""
    status = await schema_status(engine)
    if status.state in (SchemaState.EMPTY, SchemaState.BEHIND):
        raise SchemaBehindError(status)
    if status.state is SchemaState.AHEAD:
        raise SchemaAheadError(status)
    return status
