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

A PostgreSQL server that hangs (a frozen network path, a stopped VM) must not hang the bot's
start or stop: a new connection gives up after :data:`CONNECT_TIMEOUT_SECONDS` (asyncpg's own
default is 60 s, and each pool checkout may try again), and :func:`dispose_engine` closes the
pool within :data:`DISPOSE_TIMEOUT_SECONDS`, then drops the connections still open without
waiting for the server (asyncpg's ``close`` waits for the server's goodbye, with no timeout).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
import weakref
from collections.abc import Awaitable
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.util import await_

SQLITE_BUSY_TIMEOUT_MS = 30_000
# How long a new SQLite file's switch to WAL waits before trying again (see _use_wal).
_WAL_RETRY_SECONDS = 0.05
# How long a new PostgreSQL connection may take (TCP, TLS, start-up) before TimeoutError.
CONNECT_TIMEOUT_SECONDS = 10.0
# How long dispose_engine waits for PostgreSQL to close the pool's connections politely.
DISPOSE_TIMEOUT_SECONDS = 2.0
# How long work whose connections were dropped (within_or_drop) may take to notice.
DROPPED_GRACE_SECONDS = 1.0
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
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    args = dict(connect_args or {})
    if schema is not None and backend != "postgresql":
        raise ValueError("schema= is only supported on PostgreSQL")
    if backend == "postgresql":
        server_settings = dict(args.get("server_settings", {}))
        if schema is not None:
            server_settings["search_path"] = schema
        server_settings.setdefault("plan_cache_mode", "force_custom_plan")
        args["server_settings"] = server_settings
        if "timeout" not in parsed.query:  # asyncpg's connect timeout; the URL's wins
            args.setdefault("timeout", CONNECT_TIMEOUT_SECONDS)
    engine = create_async_engine(url, connect_args=args, **engine_options)
    if backend == "sqlite":
        _configure_sqlite(engine)
    else:
        _track_connections(engine)
    return engine


# The driver connections each engine opened, so dispose_engine can drop them when closing them
# politely hangs (the pool forgets a connection once it starts closing it).
_OPENED: weakref.WeakKeyDictionary[Engine, weakref.WeakSet[Any]] = weakref.WeakKeyDictionary()


def _track_connections(engine: AsyncEngine) -> None:
    opened: weakref.WeakSet[Any] = weakref.WeakSet()
    _OPENED[engine.sync_engine] = opened

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        opened.add(dbapi_connection.driver_connection)


async def dispose_engine(
    engine: AsyncEngine, timeout: float = DISPOSE_TIMEOUT_SECONDS
) -> None:
    """``engine.dispose()``, but within about ``timeout`` seconds whatever the server does.

    On timeout every connection the engine opened is dropped without a goodbye (asyncpg's
    ``terminate``: the socket is closed) and one WARNING line says so; the server ends those
    sessions when it notices. SQLite closes its files locally: it never takes that long.
    """
    await within_or_drop(engine, engine.dispose(), timeout, "closing the database connections")


async def within_or_drop(
    engine: AsyncEngine, work: Awaitable[None], timeout: float, what: str
) -> bool:
    """Await ``work``; past ``timeout`` seconds drop ``engine``'s connections; whether in time.

    Dropped (one WARNING line: "<what> took over N s; dropped the database connections"), the
    queries ``work`` waits for fail at once, so it ends as after any lost connection. It gets
    :data:`DROPPED_GRACE_SECONDS` more (a connection still being opened is not dropped), then
    is cancelled. Cancelling it first instead leaves asyncpg
    and SQLAlchemy waiting for the server behind the cancel, and logging tracebacks.
    """
    task = asyncio.ensure_future(work)
    try:
        if await _finished(task, timeout):
            return True
        _terminate_connections(engine)
        logging.getLogger(__name__).warning(
            "%s took over %.0f s; dropped the database connections", what, timeout
        )
        await _finished(task, DROPPED_GRACE_SECONDS)
        return False
    finally:
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def _finished(task: asyncio.Future[None], timeout: float) -> bool:
    """Whether ``task`` ends within ``timeout`` seconds (its exception, if any, is raised)."""
    done, _ = await asyncio.wait([task], timeout=timeout)
    if done:
        task.result()
    return bool(done)


def _terminate_connections(engine: AsyncEngine) -> None:
    """Drop every connection of ``engine`` at once, the one the pool is closing included."""
    for connection in list(_OPENED.get(engine.sync_engine, ())):
        connection.terminate()  # asyncpg: aborts the socket unless already aborted


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
            # The busy timeout first: switching a new file to WAL waits for another process's
            # writer too (two `briefbot db upgrade` at once), and without it waited 5 s only.
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            _use_wal(cursor)
            cursor.execute("PRAGMA foreign_keys=ON")
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

    The switch reads the file, then asks for the write lock; SQLite answers a reader that asks
    for a write lock another connection holds with SQLITE_BUSY at once, without the busy
    handler (its rule against two readers deadlocking on the upgrade). Two processes opening a
    new file together (two `briefbot db upgrade`) meet exactly that, so the switch is tried
    again, reading the mode afresh, for up to the busy timeout.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        cursor.execute("PRAGMA journal_mode")
        (mode,) = cursor.fetchone()
        if str(mode).lower() == "wal":
            return
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            # The primary result code: the low byte of an extended result code.
            code = getattr(error, "sqlite_errorcode", 0) & 0xFF
            if code == sqlite3.SQLITE_READONLY:
                return
            if code != sqlite3.SQLITE_BUSY or time.monotonic() >= deadline:
                raise
        # The connect hook runs in SQLAlchemy's greenlet on the event loop: sleep there, not
        # in time.sleep, which would stall every other task of the process.
        await_(asyncio.sleep(_WAL_RETRY_SECONDS))
