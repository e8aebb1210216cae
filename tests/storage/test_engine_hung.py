"""A PostgreSQL server that hangs cannot hang the bot: connecting and disposing are bounded."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

import storage.engine
from storage.engine import create_engine, dispose_engine
from tests.support.database import Database, sqlite_url
from tests.support.freezable_proxy import FreezableProxy
from tests.support.world import free_port


async def test_disposing_while_the_server_hangs_drops_the_connections_in_time(
    migrated_postgres: Database, caplog: pytest.LogCaptureFixture
) -> None:
    target = make_url(migrated_postgres.url)
    proxy = FreezableProxy(target.host or "127.0.0.1", target.port or 5432, free_port())
    await proxy.open()
    proxied = target.set(port=proxy.port).render_as_string(hide_password=False)
    engine = create_engine(proxied, schema=migrated_postgres.schema)
    try:
        async with engine.connect() as first, engine.connect() as second:
            for connection in (first, second):
                await connection.execute(text("SELECT 1"))
            drivers = [
                (await connection.get_raw_connection()).driver_connection
                for connection in (first, second)
            ]
        proxy.freeze()
        started = time.monotonic()
        # Before: engine.dispose() waited for the server's goodbye until the proxy thawed.
        async with asyncio.timeout(15):
            await dispose_engine(engine, timeout=1)
        assert time.monotonic() - started < 5
        assert all(driver.is_closed() for driver in drivers)
        problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert [r.getMessage() for r in problems] == [
            "closing the database connections took over 1 s; dropped the database connections"
        ]
    finally:
        proxy.thaw()
        await proxy.close()


async def test_connecting_to_a_server_that_never_answers_times_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(storage.engine, "CONNECT_TIMEOUT_SECONDS", 0.5)
    with socket.socket() as silent:  # the kernel accepts the connection; nobody ever answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        engine = create_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/test")
        try:
            # asyncpg's own default waits 60 s.
            async with asyncio.timeout(10):
                with pytest.raises(TimeoutError):
                    async with engine.connect():
                        pass
        finally:
            await dispose_engine(engine)


async def test_disposing_a_sqlite_engine_closes_it_quietly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_engine(sqlite_url(tmp_path / "quiet.db"))
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))
    await dispose_engine(engine, timeout=1)
    assert engine.sync_engine.pool.checkedin() == 0
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
