"""Backups: a consistent copy of a SQLite database while the bot runs; pg_dump for PostgreSQL.

SQLite's online backup API copies the pages under one read transaction, so the copy is the
database as of one instant, whatever other connections write meanwhile (in WAL mode a reader
never blocks a writer). The copy is written beside the target under a temporary name and
renamed over it only when complete and checked, so a failed backup leaves nothing half-written.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
from pathlib import Path

from sqlalchemy.engine import URL, make_url

# How long the backup waits for a writer's lock before giving up (as the bot's busy timeout).
BUSY_TIMEOUT_SECONDS = 30.0


class BackupError(Exception):
    """The backup cannot be made; the message is one line fit for a user."""


def sqlite_path(database_url: str) -> Path | None:
    """The file of a SQLite URL, or None for PostgreSQL."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return None
    if url.database in (None, "", ":memory:"):
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(url.database)


def backup_sqlite(source: Path, target: Path, *, force: bool = False) -> int:
    """Copy the SQLite database ``source`` to ``target`` consistently; its size in bytes."""
    if not source.is_file():
        raise BackupError(f"database file {source} does not exist")
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError(f"{target} is the database itself")
    if target.exists() and not force:
        raise BackupError(f"{target} already exists; give --force to overwrite it")
    if target.is_dir():
        raise BackupError(f"{target} is a folder; give a file name")
    if not target.parent.is_dir():
        raise BackupError(f"cannot write {target}: its folder does not exist")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        _copy(source, partial)
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        raise BackupError(f"backup of {source} failed: {_one_line(error)}") from None
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


def _copy(source: Path, partial: Path) -> None:
    """Back ``source`` up into the new file ``partial`` and check the copy."""
    # mode=ro: the backup never writes to (or creates) the live database.
    reader = sqlite3.connect(
        f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS
    )
    try:
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)  # every page in one step: one snapshot
            # A self-contained file: no -wal beside it is ever read as part of it.
            writer.execute("PRAGMA journal_mode=DELETE")
            (verdict,) = writer.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"the copy fails its check: {verdict}")
        finally:
            writer.close()
    finally:
        reader.close()


def pg_dump_command(database_url: str, target: str) -> str:
    """The shell line that dumps the PostgreSQL database of ``database_url`` into ``target``.

    The password is left out of the line (pg_dump reads ``PGPASSWORD`` or ``~/.pgpass``), and
    asyncpg's query options are dropped: libpq names them differently.
    """
    url = make_url(database_url)
    return shlex.join(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={target}", libpq_uri(url)]
    )


def pg_restore_command(database_url: str, source: str) -> str:
    """The shell line restoring a dump of :func:`pg_dump_command` into an empty database."""
    url = make_url(database_url)
    return shlex.join(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={libpq_uri(url)}", source]
    )


def libpq_uri(url: URL) -> str:
    """``postgresql://USER@HOST:PORT/DB`` for the libpq tools, without the password."""
    plain = URL.create(
        "postgresql", username=url.username, host=url.host, port=url.port, database=url.database
    )
    return plain.render_as_string(hide_password=False)


def _one_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
