"""Another writer on a test's SQLite file: hold its write lock, and make the bot give up fast."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import ConnectionPoolEntry


@contextmanager
def write_locked(url: str) -> Iterator[None]:
    """Another connection holds the SQLite file's write lock (``BEGIN IMMEDIATE``) while inside."""
    other = sqlite3.connect(make_url(url).database or "", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
        other.execute("COMMIT")
    finally:
        other.close()


@asynccontextmanager
async def write_locked_beside(url: str) -> AsyncIterator[None]:
    """:func:`write_locked` taken off the event loop, beside a running bot.

    Waiting for the lock blocks; on the loop it would stall the bot's own write transaction
    that holds the lock (its commit needs the loop), and both would wait for nothing.
    """
    other = sqlite3.connect(
        make_url(url).database or "", isolation_level=None, check_same_thread=False
    )
    try:
        await asyncio.to_thread(other.execute, "BEGIN IMMEDIATE")
        yield
        other.execute("COMMIT")
    finally:
        other.close()


@asynccontextmanager
async def short_busy_timeout(engine: AsyncEngine, milliseconds: int) -> AsyncIterator[None]:
    """While inside, ``engine``'s connections give up on a held lock after ``milliseconds``."""

    def busy(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={milliseconds}")
        cursor.close()

    await engine.dispose()  # pooled connections keep the long default
    event.listen(engine.sync_engine, "connect", busy)
    try:
        yield
    finally:
        event.remove(engine.sync_engine, "connect", busy)
        await engine.dispose()  # and the long default is back
