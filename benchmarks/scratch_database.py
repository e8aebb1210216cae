"""A migrated database for one benchmark run that a ``briefbot run`` subprocess can open too.

SQLite: a new file in the run's folder. PostgreSQL: a new database on the server ``url`` names
(not a schema: ``briefbot run`` has no schema setting), dropped at the end with ``FORCE`` so a
killed bot's leftover connections cannot keep it.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.engine import create_engine
from storage.schema import upgrade


@asynccontextmanager
async def scratch_database(url: str | None, folder: Path, prefix: str) -> AsyncIterator[str]:
    """The URL of a fresh migrated database: a SQLite file (``url`` None) or a PostgreSQL one."""
    if url is None:
        sqlite = f"sqlite+aiosqlite:///{folder / f'{prefix}-{secrets.token_hex(3)}.db'}"
        await upgrade(sqlite)
        yield sqlite
        return
    name = f"briefbot_{prefix}_{secrets.token_hex(4)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        own = make_url(url).set(database=name).render_as_string(hide_password=False)
        await upgrade(own)
        yield own
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()
