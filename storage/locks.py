"""Work that must run in one place at a time when several processes share one database.

On PostgreSQL :func:`singleton` takes a session-level advisory lock
(``pg_try_advisory_lock``) on a connection of its own and holds it until the block ends.
Session-level, so the work inside may commit as often as it likes; on a dedicated
connection in autocommit, so that connection is never left idle in a transaction. The lock
is released with ``pg_advisory_unlock``; if that fails (or is interrupted) the connection
is thrown away instead of going back to the pool, and closing it releases the lock, so a
pooled connection never keeps one by accident. A process that dies releases its locks with
its connections.

Advisory locks are per database, not per schema, so the key is a hash of the name *and*
``current_schema()``: two briefbot installations in schemas of one database (or the test
runs of several people) never block each other.

SQLite: one process owns the file, so the lock is always taken and nothing is held.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import AsyncIterator

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine


def lock_key(schema: str, name: str) -> int:
    """A signed 64-bit advisory lock key for ``name`` in ``schema``."""
    digest = hashlib.blake2b(f"{schema}/{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextlib.asynccontextmanager
async def singleton(engine: AsyncEngine, name: str) -> AsyncIterator[bool]:
    """Hold the lock ``name`` for the block if no other process holds it; yields whether taken."""
    if engine.dialect.name != "postgresql":
        yield True
        return
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        key = lock_key(await _current_schema(autocommit), name)
        taken = bool(
            await autocommit.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": key})
        )
        try:
            yield taken
        finally:
            if taken:
                await _unlock(autocommit, key)


async def _current_schema(connection: AsyncConnection) -> str:
    """The schema this connection's ``search_path`` resolves to first."""
    return str(await connection.scalar(text("SELECT current_schema()")))


async def _unlock(connection: AsyncConnection, key: int) -> None:
    """Release the lock; a connection that cannot say it did is closed, which releases it."""
    released = False
    try:
        released = bool(
            await connection.scalar(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
        )
    finally:
        if not released:
            await connection.invalidate()
