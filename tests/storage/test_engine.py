"""SQLite connections: WAL on a writable file, and a read-only file still read."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from cli.main import main
from storage.engine import create_engine, create_read_session_factory
from storage.schema import SchemaState, schema_status
from tests.support.database import Database, sqlite_url


def journal_mode(path: Path) -> str:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    finally:
        connection.close()
    return str(mode)


def rollback_journal_copy(database: Database, folder: Path) -> Path:
    """A copy of ``database`` in rollback journal mode, as `briefbot db backup` writes."""
    source = sqlite3.connect(database.url.removeprefix("sqlite+aiosqlite:///"))
    copy = sqlite3.connect(folder / "copy.db")
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
        source.close()
    return folder / "copy.db"


async def test_a_writable_file_is_switched_to_wal(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    sqlite3.connect(path).close()
    engine = create_engine(sqlite_url(path))
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    finally:
        await engine.dispose()
    assert journal_mode(path) == "wal"


async def test_a_new_file_waits_for_another_processes_writer_before_its_switch_to_wal(
    tmp_path: Path,
) -> None:
    # CI once failed "database is locked" with two `db upgrade` at once: the switch to WAL ran
    # before the busy timeout was set, so it waited sqlite3's default 5 s and no longer. A
    # writer holding the file for 6 s must be waited for.
    path = tmp_path / "busy.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(6.0, lambda: holder.execute("COMMIT"))
    release.start()
    engine = create_engine(sqlite_url(path))
    try:
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar() == 0
    finally:
        release.join()
        holder.close()
        await engine.dispose()
    assert journal_mode(path) == "wal"


async def test_a_new_file_waits_for_another_processes_reserved_lock_before_its_switch_to_wal(
    tmp_path: Path,
) -> None:
    # CI failed "database is locked" again with two `db upgrade` at once, busy timeout set: the
    # switch to WAL reads the file first, and a reader asking for the write lock that another
    # connection holds gets SQLITE_BUSY at once, without the busy handler (SQLite's deadlock
    # rule). Another process's write transaction on the new file, committed 1 s later, must be
    # waited for, not fail the connection.
    path = tmp_path / "reserved.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO t VALUES (1)")
    release = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
    release.start()
    engine = create_engine(sqlite_url(path))
    try:
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar() == 1
    finally:
        release.join()
        holder.close()
        await engine.dispose()
    assert journal_mode(path) == "wal"


async def test_a_read_only_connection_reads_without_writing(
    database: Database, tmp_path: Path
) -> None:
    copy = rollback_journal_copy(database, tmp_path)
    before = copy.read_bytes()
    # mode=ro: what a file in a read-only folder (or without write permission) gets.
    engine = create_engine(f"sqlite+aiosqlite:///file:{copy}?mode=ro&uri=true")
    try:
        status = await schema_status(engine)
        async with create_read_session_factory(engine)() as session:
            briefs = (await session.execute(text("SELECT count(*) FROM briefs"))).scalar_one()
    finally:
        await engine.dispose()

    assert status.state is SchemaState.UP_TO_DATE and briefs == 0
    assert journal_mode(copy) == "delete" and copy.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_status_and_listing_work_on_a_copy_in_a_read_only_folder(
    database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    copy = rollback_journal_copy(database, folder)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", sqlite_url(copy))
    folder.chmod(0o555)
    try:
        assert main(["db", "status"]) == 0
        assert main(["briefs", "list"]) == 0
    finally:
        folder.chmod(0o755)
    assert "readonly" not in capsys.readouterr().err
