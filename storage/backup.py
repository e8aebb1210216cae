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
import stat
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
    _refuse_existing_target(source, target, force=force)
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


def _refuse_existing_target(source: Path, target: Path, *, force: bool) -> None:
    """Refuse a ``target`` that exists unless it is a regular file and ``force`` is given.

    The copy is renamed over the target, which replaces whatever the name points at: a
    device (``/dev/null`` for root), a FIFO or a socket would be silently swapped for a
    file, and a symbolic link (even a dangling one) would be replaced rather than followed.
    So only a regular file is ever overwritten, and never without ``--force``.
    """
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise BackupError(f"cannot write {target}: {_one_line(error)}") from None
    if stat.S_ISLNK(mode):
        raise BackupError(f"{target} is a symbolic link; give the path of a regular file")
    if stat.S_ISDIR(mode):
        raise BackupError(f"{target} is a folder; give a file name")
    if not stat.S_ISREG(mode):
        raise BackupError(f"{target} is not a regular file (a device, FIFO or socket); "
                          "give a file name")
    if target.samefile(source):  # also a second hard link to the database
        raise BackupError(f"{target} is the database itself")
    if not force:
        raise BackupError(f"{target} already exists; give --force to overwrite it")


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

    The password is left out of the line (pg_dump reads ``PGPASSWORD`` or ``~/.pgpass``); of
    asyncpg's query options only those libpq understands are kept (see :func:`libpq_uri`).
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


# asyncpg connect() options (given as URL query parameters) that libpq knows by the same name.
LIBPQ_SAME_NAME = ("host", "port", "passfile", "target_session_attrs", "krbsrvname", "gsslib")
# asyncpg's ssl= takes libpq's sslmode values.
SSL_MODES = frozenset({"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})


def libpq_uri(url: URL) -> str:
    """``postgresql://USER@HOST:PORT/DB`` for the libpq tools, without the password.

    What else says where and how to connect is carried over: ``?host=/socket/folder&port=``
    (asyncpg's way to a Unix socket) and ``ssl=MODE`` as ``sslmode=MODE``; asyncpg's other
    options (timeouts, caches) mean nothing to libpq and are left out.
    """
    query: dict[str, str | tuple[str, ...]] = {
        name: url.query[name] for name in LIBPQ_SAME_NAME if name in url.query
    }
    ssl = url.query.get("ssl")
    if isinstance(ssl, str) and ssl.strip().lower() in SSL_MODES:
        query["sslmode"] = ssl.strip().lower()
    plain = URL.create(
        "postgresql",
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=query,
    )
    return plain.render_as_string(hide_password=False)


def _one_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
