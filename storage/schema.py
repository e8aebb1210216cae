"""Schema migrations (Alembic, run programmatically) and the schema check.

Briefbot never upgrades the schema on its own: commands check
:func:`schema_status` and stop with :class:`SchemaBehindError`, whose message
tells the operator to run ``briefbot db upgrade``.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.engine import create_engine
from storage.locks import lock_key

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
UPGRADE_COMMAND = "briefbot db upgrade"
MIGRATION_LOCK = "migrations"
# Briefbot's revisions are numbered 0001, 0002, ...: a higher number is a newer briefbot's.
REVISION_SHAPE = re.compile(r"\d{4}")
UNVERSIONED_PROBLEM = (
    "has briefbot's tables but no schema revision (no alembic_version row), so "
    f"`{UPGRADE_COMMAND}` cannot tell what to do; restore a backup or use an empty database"
)


class SchemaState(enum.StrEnum):
    UP_TO_DATE = "up_to_date"
    BEHIND = "behind"
    EMPTY = "empty"
    AHEAD = "ahead"
    # Briefbot's tables without a revision row: `db upgrade` would fail creating them again.
    UNVERSIONED = "unversioned"
    # A revision that is no briefbot's: not a known one, nor numbered as ours are.
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SchemaStatus:
    state: SchemaState
    current: str | None
    head: str

    def describe(self) -> str:
        """One line for humans."""
        if self.state is SchemaState.UNVERSIONED:
            return f"schema unversioned: {UNVERSIONED_PROBLEM} (head {self.head})"
        if self.state is SchemaState.UNKNOWN:
            return (f"schema revision {self.current!r} is unknown to this briefbot "
                    f"(head {self.head})")
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


class SchemaUnknownError(SchemaError):
    def __init__(self, status: SchemaStatus) -> None:
        super().__init__(
            f"database schema revision {status.current!r} is unknown to this briefbot "
            f"(head {status.head}); is BRIEFBOT_DATABASE_URL the bot's database?"
        )
        self.status = status


class SchemaUnversionedError(SchemaError):
    def __init__(self, status: SchemaStatus) -> None:
        super().__init__(f"database {UNVERSIONED_PROBLEM}")
        self.status = status


def schema_error(status: SchemaStatus) -> SchemaError | None:
    """The error of a schema that is not up to date; None when it is."""
    errors: dict[SchemaState, type[SchemaError]] = {
        SchemaState.EMPTY: SchemaBehindError,
        SchemaState.BEHIND: SchemaBehindError,
        SchemaState.AHEAD: SchemaAheadError,
        SchemaState.UNKNOWN: SchemaUnknownError,
        SchemaState.UNVERSIONED: SchemaUnversionedError,
    }
    error = errors.get(status.state)
    return None if error is None else error(status)


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
    async with engine.begin() as connection:
        await _lock_migrations(connection)
        await connection.run_sync(_run_upgrade, revision)


async def migrate(engine: AsyncEngine) -> SchemaStatus:
    """Upgrade to the newest schema, refusing a database an upgrade cannot mend (ahead,
    unknown, unversioned: :func:`schema_error`'s error is raised); the status found before.

    The status is read and the upgrade run in one transaction under the migration lock, so
    several ``briefbot db upgrade`` started at once (one per replica, say) upgrade once:
    the others wait for it, then find the schema up to date.
    """
    async with engine.begin() as connection:
        await _lock_migrations(connection)
        before = await connection.run_sync(_status_on)
        refusal = schema_error(before)
        if refusal is not None and before.state not in (SchemaState.EMPTY, SchemaState.BEHIND):
            raise refusal
        if before.state is not SchemaState.UP_TO_DATE:
            await connection.run_sync(_run_upgrade, "head")
    return before


async def _lock_migrations(connection: AsyncConnection) -> None:
    """On PostgreSQL, wait for the migration lock, held until the transaction ends.

    Without it two upgrades of one database race: both read "empty" (or the same revision),
    and the second fails creating what the first created. SQLite needs none: its write
    transactions begin IMMEDIATE (storage/engine.py), which serialises them, and Alembic
    reads the revision inside the transaction.
    """
    if connection.dialect.name != "postgresql":
        return
    schema = str(await connection.scalar(text("SELECT current_schema()")))
    await connection.execute(
        text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(schema, MIGRATION_LOCK)}
    )


def _run_upgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def upgrade(url: str, *, schema: str | None = None, revision: str = "head") -> None:
    """Migrate the database at ``url`` to ``revision`` (default: the newest)."""
    engine = create_engine(url, schema=schema)
    try:
        await upgrade_engine(engine, revision)
    finally:
        await engine.dispose()


async def schema_status(engine: AsyncEngine) -> SchemaStatus:
    """Where the database's schema revision stands relative to the packaged head."""
    async with engine.connect() as connection:
        return await connection.run_sync(_status_on)


def _status_on(connection: Connection) -> SchemaStatus:
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    revision = MigrationContext.configure(connection).get_current_revision()
    if revision is None:
        has_tables = bool(_briefbot_tables(connection))
        state = SchemaState.UNVERSIONED if has_tables else SchemaState.EMPTY
    elif revision == head:
        state = SchemaState.UP_TO_DATE
    elif revision in {rev.revision for rev in script.walk_revisions()}:
        state = SchemaState.BEHIND
    elif REVISION_SHAPE.fullmatch(revision) and revision > head:
        state = SchemaState.AHEAD
    else:
        state = SchemaState.UNKNOWN
    return SchemaStatus(state=state, current=revision, head=head)


def _briefbot_tables(connection: Connection) -> set[str]:
    """Which of briefbot's tables exist in the connection's (default) schema."""
    from storage.models import Base  # the package registers every table

    return set(inspect(connection).get_table_names()) & set(Base.metadata.tables)


async def ensure_schema_current(engine: AsyncEngine) -> SchemaStatus:
    """Raise the :class:`SchemaError` of the schema (behind, ahead, ...) unless up to date."""
    status = await schema_status(engine)
    error = schema_error(status)
    if error is not None:
        raise error
    return status
