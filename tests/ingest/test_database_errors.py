"""A brief that cannot be stored says why in catalogue words for the database's common failures.

Each failure is the driver's own, raised by a real statement on a real database.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
import sqlalchemy
from sqlalchemy import make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from benchmarks.postgres_server import BIN, postgres_server
from ingest.database_errors import store_problem
from ingest.phrases import Phrase
from tests.support.database import Database, execute
from tests.support.tcp_proxy import TcpProxy
from tests.support.world import free_port


def sqlite_failure(url: str, *statements: str, timeout: float = 0) -> DBAPIError:
    """The error SQLAlchemy raises running ``statements`` on ``url`` (sqlite3, the sync driver
    whose errors aiosqlite passes on unchanged)."""
    engine = sqlalchemy.create_engine(url, connect_args={"timeout": timeout})
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    except DBAPIError as error:
        return error
    finally:
        engine.dispose()
    raise AssertionError(f"{statements} did not fail")


def sqlite_file(folder: Path) -> Path:
    """A SQLite file holding an empty table ``t``."""
    path = folder / "briefs.db"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE t (x INTEGER)")
    return path


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """``path`` with another writer holding its write lock."""
    holder = sqlalchemy.create_engine(f"sqlite:///{path}")
    with holder.connect() as connection:
        connection.exec_driver_sql("BEGIN EXCLUSIVE")
        yield
        connection.exec_driver_sql("ROLLBACK")
    holder.dispose()


def said(error: BaseException) -> Phrase:
    line = store_problem(error)
    assert isinstance(line, Phrase), f"not said in catalogue words: {line!r}"
    return line


def test_a_locked_sqlite_file_is_busy(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path)
    with locked(path):
        error = sqlite_failure(f"sqlite:///{path}", "INSERT INTO t VALUES (1)")
    assert "database is locked" in str(error)
    assert said(error).message.startswith("the database is busy")


def test_a_full_sqlite_file_says_the_disk_is_full(tmp_path: Path) -> None:
    error = sqlite_failure(
        f"sqlite:///{tmp_path / 'briefs.db'}",
        "PRAGMA max_page_count = 2",
        "CREATE TABLE t (x TEXT)",
        "INSERT INTO t VALUES (printf('%.10000c', 'x'))",
    )
    assert "full" in str(error)
    assert said(error) == "the database's disk is full"


def test_a_read_only_sqlite_file_says_so(tmp_path: Path) -> None:
    path = sqlite_file(tmp_path)
    error = sqlite_failure(f"sqlite:///file:{path}?mode=ro&uri=true", "INSERT INTO t VALUES (1)")
    assert "readonly" in str(error)
    assert said(error) == "the database is read-only"


def test_a_sqlite_file_that_cannot_be_opened_says_so(tmp_path: Path) -> None:
    error = sqlite_failure(f"sqlite:///{tmp_path / 'no' / 'such' / 'briefs.db'}", "SELECT 1")
    assert "unable to open" in str(error)
    assert said(error) == "the database file cannot be read or written"


def test_a_sqlite_write_the_file_system_refuses_says_the_file_cannot_be_written(
    tmp_path: Path,
) -> None:
    # A file-size limit (RLIMIT_FSIZE) makes the write fail with EFBIG, which SQLite reports as
    # an I/O error (SQLITE_IOERR_WRITE). The limit binds a whole process, so a child runs it.
    path = sqlite_file(tmp_path)
    code = textwrap.dedent(
        f"""
        import resource, signal
        from ingest.database_errors import store_problem
        from tests.ingest.test_database_errors import sqlite_failure

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the signal ends the child
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
        error = sqlite_failure({f"sqlite:///{path}"!r}, "INSERT INTO t VALUES (zeroblob(1000000))")
        print(error.orig.sqlite_errorname, str(error).splitlines()[0])
        print(store_problem(error))
        """
    )
    child = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.splitlines() == [
        "SQLITE_IOERR_WRITE (sqlite3.OperationalError) disk I/O error",
        "the database file cannot be read or written",
    ]


async def postgres_failure(database: Database, *statements: str) -> DBAPIError:
    engine = database.engine()
    try:
        async with engine.begin() as connection:
            for statement in statements:
                await connection.execute(text(statement))
    except DBAPIError as error:
        return error
    finally:
        await engine.dispose()
    raise AssertionError(f"{statements} did not fail")


async def test_a_read_only_postgresql_transaction_says_so(migrated_postgres: Database) -> None:
    error = await postgres_failure(
        migrated_postgres, "SET TRANSACTION READ ONLY", "CREATE TEMP TABLE t (x INTEGER)"
    )
    assert "read-only transaction" in str(error)
    assert said(error) == "the database is read-only"


async def test_a_postgresql_connection_ended_by_the_server_is_lost(
    migrated_postgres: Database,
) -> None:
    error = await postgres_failure(
        migrated_postgres, "SELECT pg_terminate_backend(pg_backend_pid())"
    )
    assert "terminat" in str(error)
    assert said(error) == "the connection to the database was lost"


async def test_a_postgresql_server_with_no_connection_free_says_so(
    migrated_postgres: Database,
) -> None:
    role = f"briefbot_full_{secrets.token_hex(4)}"  # roles are the server's: a name of its own
    await execute(migrated_postgres.url, f"CREATE ROLE {role} LOGIN CONNECTION LIMIT 0")
    try:
        url = make_url(migrated_postgres.url).set(username=role)
        error = await postgres_failure(
            Database(url.render_as_string(hide_password=False)), "SELECT 1"
        )
    finally:
        await execute(migrated_postgres.url, f"DROP ROLE {role}")
    assert "too many connections" in str(error)
    assert said(error) == "the database has no connection free; try again later"


async def test_a_postgresql_server_out_of_disk_says_the_disk_is_full() -> None:
    # A server of the test's own whose files may not grow past 24 MiB and 100 bytes: a table
    # growing past it gets a short write, which PostgreSQL reports as disk_full (53100).
    if not (BIN / "initdb").exists() and not os.environ.get("CI"):
        pytest.skip(f"no PostgreSQL server programs in {BIN}")
    async with postgres_server(file_size_limit=24 * 1024 * 1024 + 100) as server:
        error = await postgres_failure(
            Database(server.url),
            "CREATE TABLE t (x TEXT)",
            "INSERT INTO t SELECT repeat('x', 1000) FROM generate_series(1, 40000)",
        )
    assert getattr(error.orig, "sqlstate", None) == "53100"
    assert said(error) == "the database's disk is full"


async def running(engine: AsyncEngine, statement: str, seconds: float = 30) -> None:
    """Return once the server runs ``statement`` (pg_stat_activity); fail after ``seconds``."""
    async with asyncio.timeout(seconds), engine.connect() as connection:
        while not await connection.scalar(
            text("SELECT count(*) FROM pg_stat_activity WHERE query = :q AND state = 'active'"),
            {"q": statement},
        ):
            await asyncio.sleep(0.02)


async def test_a_postgresql_connection_cut_mid_statement_is_lost(
    migrated_postgres: Database,
) -> None:
    # The network drops the connection while a statement runs: the driver's SQLSTATE is of class
    # 08 (connection exception), which no server sent.
    proxy = TcpProxy("127.0.0.1", make_url(migrated_postgres.url).port or 5432, free_port())
    await proxy.open()
    url = make_url(migrated_postgres.url).set(port=proxy.port)
    engine = Database(url.render_as_string(hide_password=False)).engine()
    watcher = migrated_postgres.engine()  # straight to the server, to see the statement run
    sleep = f"SELECT pg_sleep(30) AS cut_{secrets.token_hex(4)}"
    try:
        async with engine.connect() as connection:
            statement = asyncio.create_task(connection.execute(text(sleep)))
            await running(watcher, sleep)
            await proxy.close()
            with pytest.raises(DBAPIError) as raised:
                await statement
    finally:
        await proxy.close()
        await engine.dispose()
        await watcher.dispose()
    assert getattr(raised.value.orig, "sqlstate", None) == "08003"
    assert said(raised.value) == "the connection to the database was lost"


async def test_a_postgresql_connection_closed_under_the_engine_is_lost(
    migrated_postgres: Database,
) -> None:
    # No SQLSTATE at all: SQLAlchemy tells the disconnect and marks the connection invalidated.
    engine = migrated_postgres.engine()
    try:
        async with engine.connect() as connection:
            raw = await connection.get_raw_connection()
            await raw.driver_connection.close()  # type: ignore[union-attr]
            with pytest.raises(DBAPIError) as raised:
                await connection.execute(text("SELECT 1"))
    finally:
        await engine.dispose()
    assert getattr(raised.value.orig, "sqlstate", None) is None
    assert raised.value.connection_invalidated
    assert said(raised.value) == "the connection to the database was lost"


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (ValueError("disk on fire\nsecond line"), "disk on fire"),
        (TypeError(), "TypeError"),
    ],
)
def test_any_other_failure_keeps_its_first_line(error: Exception, line: str) -> None:
    problem = store_problem(error)
    assert (problem, isinstance(problem, Phrase)) == (line, False)


def test_another_database_error_keeps_the_databases_words(tmp_path: Path) -> None:
    error = sqlite_failure(f"sqlite:///{tmp_path / 'briefs.db'}", "SELECT x FROM nowhere")
    problem = store_problem(error)
    assert (isinstance(problem, Phrase), "no such table: nowhere" in problem) == (False, True)
