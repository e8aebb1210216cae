"""Engine and session factory construction; nothing here is global or reads the environment.

SQLite concurrency (several tasks of one process writing at once)
-----------------------------------------------------------------
Each pooled aiosqlite connection runs with WAL, ``foreign_keys=ON``,
``synchronous=NORMAL`` and a ``busy_timeout``. (WAL is kept in the file: a connection
switches the file to it only when it is not in WAL yet, so a read-only file, such as a
backup copy in a read-only folder, stays in its rollback journal mode and is still read;
everything below about concurrent writers concerns the writable, WAL database.)
pysqlite's own transaction handling is switched off and every SQLAlchemy transaction starts with
``BEGIN IMMEDIATE`` (SQLAlchemy's documented "begin" event recipe). Why:
with the default deferred ``BEGIN`` a transaction that first reads and then
writes must *upgrade* its lock; if another connection committed meanwhile,
SQLite fails at once with "database is locked" (``SQLITE_BUSY``) and the busy
timeout cannot help. Taking the write lock up front makes writers queue on the
busy timeout instead. The cost is that transactions are serialised, reads
included; WAL still lets other *processes* read during a write. Briefbot's
transactions are short, so this is the simple, safe trade.

Except for sessions that only read (:func:`create_read_session_factory`, the bot's
/latest, /topic and full-text answers): they begin with a plain deferred ``BEGIN``.
They never write, so they never need the upgrade that fails, and under WAL they
read their snapshot at once instead of queueing behind a long writer (a digest
tick's transaction), which held command replies for up to the 30 s busy timeout.

PostgreSQL uses asyncpg; ``schema`` sets the ``search_path`` (tests use a
private schema per run). ``plan_cache_mode=force_custom_plan``: asyncpg
prepares every statement, and after five runs PostgreSQL may switch to a
generic plan that cannot see how selective a search query is (a rare word then
scans the table instead of the GIN index); planning our queries is cheap.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

SQLITE_BUSY_TIMEOUT_MS = 30_000
# Execution option of an engine whose transactions only read (see the module docstring).
READ_ONLY_OPTION = "briefbot_read_only"


def create_engine(
    url: str,
    *,
    schema: str | None = None,
    connect_args: dict[str, Any] | None = None,
    **engine_options: Any,
) -> AsyncEngine:
    """An async engine for ``sqlite+aiosqlite://`` or ``postgresql+asyncpg://`` URLs.

    ``schema`` (PostgreSQL only) becomes the connection's ``search_path``;
    ``connect_args`` and ``engine_options`` pass through to SQLAlchemy.
    """
    backend = make_url(url).get_backend_name()
    args = dict(connect_args or {})
    if schema is not None and backend != "postgresql":
        raise ValueError("schema= is only supported on PostgreSQL")
    if backend == "postgresql":
        server_settings = dict(args.get("server_settings", {}))
        if schema is not None:
            server_settings["search_path"] = schema
        server_settings.setdefault("plan_cache_mode", "force_custom_plan")
        args["server_settings"] = server_settings
    engine = create_async_engine(url, connect_args=args, **engine_options)
    if backend == "sqlite":
        _configure_sqlite(engine)
    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded attributes after commit; callers own the transaction."""
    return async_sessionmaker(engine, expire_on_commit=False)


def create_autocommit_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions whose every statement commits on its own (PostgreSQL): for one-statement writes
    that need no BEGIN and COMMIT round trips."""
    return async_sessionmaker(
        engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
    )


def create_read_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for transactions that only read; on SQLite they never wait for a writer."""
    reader = engine.execution_options(**{READ_ONLY_OPTION: True})
    return async_sessionmaker(reader, expire_on_commit=False)


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Hand BEGIN/COMMIT control to SQLAlchemy (see the module docstring).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            _use_wal(cursor)
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY_OPTION, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _use_wal(cursor: Any) -> None:
    """Put the database in WAL mode unless it is already, or is read-only.

    WAL is a property of the file, kept across connections: the first writable connection
    sets it and later ones find it set, so they need not write. A read-only database (a
    backup copy in a read-only folder, or ``?mode=ro``) cannot be switched, and does not need
    to be: it is only read, so it keeps its rollback journal mode.
    """
    cursor.execute("PRAGMA journal_mode")
    (mode,) = cursor.fetchone()
    if str(mode).lower() == "wal":
        return
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as error:
        # The primary result code (low byte) of every SQLITE_READONLY_* extended code.
        if (getattr(error, "sqlite_errorcode", 0) & 0xFF) != sqlite3.SQLITE_READONLY:
            raise
