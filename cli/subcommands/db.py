"""``briefbot db upgrade`` and ``briefbot db status``: the schema, managed by hand.

Briefbot never migrates the database on its own: other commands (and the bot)
check the schema first and, if it is behind, stop with one line telling the
operator to run ``briefbot db upgrade``. Upgrading is a deliberate step.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from runtime.settings import Settings

# Heavy imports (SQLAlchemy, storage.*) are deferred into the functions that use them
# to keep CLI start-up fast.
if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

POSTGRES_CONNECT_TIMEOUT_SECONDS = 10
T = TypeVar("T")


class DatabaseMissing(Exception):
    """The SQLite database file (or its folder) does not exist; read commands never create it."""


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    """Add ``db`` (with ``upgrade`` and ``status``) to the CLI."""
    parser = subcommands.add_parser(
        "db", help="manage the database schema",
        description="Manage the database schema (briefbot never upgrades it on its own).",
    )
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = actions.add_parser("upgrade", help="migrate the database to the newest schema")
    upgrade.set_defaults(handler=run_upgrade)
    status = actions.add_parser(
        "status", help="show the schema revision; exit 1 unless it is up to date"
    )
    status.set_defaults(handler=run_status)
    backup = actions.add_parser(
        "backup",
        help="copy a SQLite database safely while the bot runs (PostgreSQL: pg_dump)",
        description="Copy the SQLite database to PATH (consistent even while the bot writes). "
        "On PostgreSQL nothing is written: it prints the pg_dump line to run and exits 2.",
    )
    backup.add_argument("path", metavar="PATH", help="the backup file to write")
    backup.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    backup.set_defaults(handler=run_backup)


def open_engine(settings: Settings, *, must_exist: bool) -> AsyncEngine:
    """An engine for ``settings.database_url``; optionally refuse a missing SQLite file."""
    from sqlalchemy.engine import make_url

    from storage.engine import create_engine

    url = make_url(settings.database_url)
    if url.get_backend_name() == "postgresql":
        return create_engine(
            settings.database_url, connect_args={"timeout": POSTGRES_CONNECT_TIMEOUT_SECONDS}
        )
    database = url.database or ""
    if database not in ("", ":memory:"):
        if must_exist and not Path(database).exists():
            raise DatabaseMissing(
                f"database file {database} does not exist; run `briefbot db upgrade`"
            )
        if not Path(database).parent.is_dir():
            raise DatabaseMissing(f"cannot create {database}: its folder does not exist")
    return create_engine(settings.database_url)


def describe_error(error: BaseException) -> str:
    """One line for stderr: the driver's message without SQLAlchemy's SQL and links."""
    from sqlalchemy.exc import DBAPIError

    if isinstance(error, DBAPIError) and error.orig is not None:
        error = error.orig
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def run_database_command(
    name: str,
    settings: Settings,
    action: Callable[[AsyncEngine], Awaitable[T]],
    *,
    must_exist: bool = True,
    failure_status: int = 1,
) -> tuple[int, T | None]:
    """Run ``action`` with an engine; any database problem (a missing SQLite file, an
    unreachable server, a schema behind) becomes one line and ``failure_status``."""
    from sqlalchemy.exc import SQLAlchemyError

    from storage.schema import SchemaError

    async def main() -> T:
        engine = open_engine(settings, must_exist=must_exist)
        try:
            return await action(engine)
        finally:
            await engine.dispose()

    try:
        return 0, asyncio.run(main())
    except (SchemaError, DatabaseMissing, SQLAlchemyError, OSError, TimeoutError) as error:
        print(f"briefbot {name}: {describe_error(error)}", file=sys.stderr)
        return failure_status, None


async def checked(engine: AsyncEngine) -> None:
    """Raise :class:`storage.schema.SchemaBehindError` unless the schema is current."""
    from storage.schema import ensure_schema_current

    await ensure_schema_current(engine)


def run_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    """Migrate to the newest schema; refuse a database newer than this briefbot, with a
    revision it does not know, or with its tables but no revision."""
    from storage.schema import SchemaState, migrate

    async def upgrade(engine: AsyncEngine) -> str:
        before = await migrate(engine)
        if before.state is SchemaState.UP_TO_DATE:
            return f"schema already up to date ({before.head})"
        return f"schema upgraded from {before.current or 'empty'} to {before.head}"

    status, message = run_database_command("db upgrade", settings, upgrade, must_exist=False)
    if message is not None:
        print(message)
    return status


def run_status(args: argparse.Namespace, settings: Settings) -> int:
    """Print the schema state; exit 0 only when it is up to date."""
    from storage.schema import SchemaState, schema_status

    status, result = run_database_command("db status", settings, schema_status)
    if result is None:
        return status
    print(result.describe())
    if result.state in (SchemaState.EMPTY, SchemaState.BEHIND):
        print("run `briefbot db upgrade` to migrate", file=sys.stderr)
    return 0 if result.state is SchemaState.UP_TO_DATE else 1


def run_backup(args: argparse.Namespace, settings: Settings) -> int:
    """Back SQLite up to PATH; for PostgreSQL print the pg_dump line and exit 2."""
    from storage.backup import BackupError, backup_sqlite, pg_dump_command, sqlite_path

    if not args.path.strip():  # Path("") is ".", the working folder: never meant
        print("briefbot db backup: a target path is required", file=sys.stderr)
        return 1
    try:
        source = sqlite_path(settings.database_url)
        if source is None:
            print(pg_dump_command(settings.database_url, args.path))
            print(
                "briefbot db backup: PostgreSQL is backed up with pg_dump, nothing was written; "
                "run the line above",
                file=sys.stderr,
            )
            return 2
        size = backup_sqlite(source, Path(args.path), force=args.force)
    except BackupError as error:
        print(f"briefbot db backup: {error}", file=sys.stderr)
        return 1
    print(f"backed up {source} to {args.path} ({size:,} bytes)")
    return 0
