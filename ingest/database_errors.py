"""Common database failures in words the catalogues translate, instead of the driver's English.

A brief that cannot be stored is reported to the admin who sent it (``/add``'s answer, the
CLI's problems) as ``could not store: <why>``. The why is the database's own text ("(sqlite3.
OperationalError) database is locked"), so the failures an operator meets most (a database
busy past the busy timeout, a full disk, a read-only file or server, a file that cannot be
opened or written, a lost connection, no connection free) are said as Phrases, told by the
driver's error code, not its words; anything else keeps its first line.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError

from ingest.phrases import Phrase

# sqlite3's primary result codes (``sqlite_errorcode`` holds the extended one; the low byte is
# the primary): https://www.sqlite.org/rescode.html
_SQLITE = {
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_LOCKED: "busy",
    sqlite3.SQLITE_FULL: "full",
    sqlite3.SQLITE_READONLY: "read-only",
    sqlite3.SQLITE_IOERR: "unreadable",
    sqlite3.SQLITE_CANTOPEN: "unreadable",
}
# PostgreSQL's SQLSTATEs: https://www.postgresql.org/docs/current/errcodes-appendix.html
_POSTGRES = {
    "53100": "full",  # disk_full
    "25006": "read-only",  # read_only_sql_transaction (a standby, default_transaction_read_only)
    "53300": "no-connection",  # too_many_connections
    "57P01": "lost",  # admin_shutdown
    "57P02": "lost",  # crash_shutdown
    "57P03": "lost",  # cannot_connect_now
}


_SAID: dict[str | None, Phrase] = {
    "busy": Phrase("the database is busy (another writer holds it); try again later"),
    "full": Phrase("the database's disk is full"),
    "read-only": Phrase("the database is read-only"),
    "unreadable": Phrase("the database file cannot be read or written"),
    "no-connection": Phrase("the database has no connection free; try again later"),
    "lost": Phrase("the connection to the database was lost"),
}


def store_problem(error: BaseException) -> str:
    """Why a brief could not be stored: a Phrase for a common failure, else the first line."""
    said = _SAID.get(_kind(error)) if isinstance(error, DBAPIError) else None
    if said is not None:
        return said
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _kind(error: DBAPIError) -> str | None:
    driver = error.orig
    code = getattr(driver, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _SQLITE.get(code & 0xFF)
    sqlstate = getattr(driver, "sqlstate", None)
    if isinstance(sqlstate, str):
        return _POSTGRES.get(sqlstate, "lost" if sqlstate.startswith("08") else None)
    return "lost" if error.connection_invalidated else None
