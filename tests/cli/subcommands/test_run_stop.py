"""``briefbot run`` stops on SIGTERM promptly and quietly, whatever the database or Bot API do.

Operations attack test's finds: with PostgreSQL behind a frozen network path a SIGTERM was
ignored until the database answered again (closing the pool waited for its goodbye); during
start-up a SIGTERM waited for the Bot API retries or the database's connect timeout and then
exited 1; a tick running at shutdown was logged as an error with a traceback.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from benchmarks.scratch_database import scratch_database
from local_bot_api import LocalBotApi
from tests.support.bot_process import Bots, bots
from tests.support.database import Database
from tests.support.freezable_proxy import FreezableProxy
from tests.support.world import free_port

# Stopping with a hung database adds its bounds in turn: a running tick's 2 s, the worker's
# 3 s, leaving the send budget 2 + 1 s, closing the pool 2 + 1 s; typically 5-9 s in all.
STOP_WITHIN_SECONDS = 15.0
# With the database answering (or not yet opened) stopping takes well under a second or two.
PROMPT_STOP_SECONDS = 5.0


async def wait_for_line(log: Path, text: str, timeout: float = 60) -> None:
    """Wait until ``log`` contains ``text``; fail after ``timeout`` seconds."""
    async with asyncio.timeout(timeout):
        while text not in log.read_text(errors="replace"):
            await asyncio.sleep(0.05)


async def stop_and_time(bot: asyncio.subprocess.Process) -> tuple[int, float]:
    """SIGTERM ``bot``; its exit status and how long it took (fails past a generous bound)."""
    started = time.monotonic()
    bot.send_signal(signal.SIGTERM)
    async with asyncio.timeout(60):
        status = await bot.wait()
    return status, time.monotonic() - started


@asynccontextmanager
async def proxied_database(migrated_postgres: Database, folder: Path) -> AsyncIterator[
    tuple[str, FreezableProxy]
]:
    """A fresh migrated PostgreSQL database (the bot has no schema setting), reached through a
    proxy the test can freeze; its URL and the proxy."""
    async with scratch_database(migrated_postgres.url, folder, "stop") as url:
        target = make_url(url)
        proxy = FreezableProxy(target.host or "127.0.0.1", target.port or 5432, free_port())
        await proxy.open()
        try:
            yield target.set(port=proxy.port).render_as_string(hide_password=False), proxy
        finally:
            proxy.thaw()
            await proxy.close()


def assert_quiet(launcher: Bots) -> None:
    """No traceback, no ERROR line in any of the bot's logs."""
    for log in launcher.logs:
        text = log.read_text(errors="replace")
        assert "Traceback" not in text and " ERROR " not in text, text


@pytest.mark.parametrize("role", ["scheduler", "worker", "all"])
async def test_sigterm_while_the_database_hangs_stops_within_seconds(
    migrated_postgres: Database, tmp_path: Path, role: str
) -> None:
    async with (
        proxied_database(migrated_postgres, tmp_path) as (url, proxy),
        LocalBotApi() as api,
        bots(api.token, api.url, url, tmp_path, 120) as launcher,
    ):
        bot = await launcher.start("bot", 10, "--role", role)
        await wait_for_line(launcher.logs[0], "running as")
        proxy.freeze()
        status, took = await stop_and_time(bot)
        log = launcher.logs[0].read_text(errors="replace")
    # Before: still running after 40 s (role all: 3 minutes), until the proxy thawed.
    assert took < STOP_WITHIN_SECONDS, f"took {took:.1f} s:\n{log}"
    assert status == 0, log


async def test_sigterm_while_opening_a_hung_database_exits_0_at_once(
    migrated_postgres: Database, tmp_path: Path
) -> None:
    async with (
        proxied_database(migrated_postgres, tmp_path) as (url, proxy),
        LocalBotApi() as api,
        bots(api.token, api.url, url, tmp_path, 120) as launcher,
    ):
        proxy.freeze()
        bot = await launcher.start("bot", 10, "--role", "scheduler")
        async with asyncio.timeout(60):  # the bot is waiting for the database to answer
            while not proxy._writers:
                await asyncio.sleep(0.05)
        status, took = await stop_and_time(bot)
        log = launcher.logs[0].read_text(errors="replace")
    # Before: exit 1 "cannot open the database: TimeoutError" a minute later.
    assert took < PROMPT_STOP_SECONDS, f"took {took:.1f} s:\n{log}"
    assert status == 0, log
    assert "stopped while starting" in log and "cannot open the database" not in log
    assert_quiet(launcher)


class RefusingApi:
    """A Bot API address that accepts each connection and closes it: getMe always fails."""

    def __init__(self) -> None:
        self.attempts = 0
        self.url = ""
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> RefusingApi:
        self._server = await asyncio.start_server(self._refuse, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._server is not None
        self._server.close()

    async def _refuse(self, _reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.attempts += 1
        writer.close()


async def test_sigterm_while_retrying_the_bot_api_exits_0_at_once(
    tmp_path: Path, database: Database
) -> None:
    async with (
        RefusingApi() as api,
        bots(LocalBotApi().token, api.url, database.url, tmp_path, 120) as launcher,
    ):
        bot = await launcher.start("bot", 10, "--connect-attempts", "6", "--connect-delay", "2")
        async with asyncio.timeout(60):  # the first attempt failed: the bot waits to retry
            while api.attempts < 1:
                await asyncio.sleep(0.05)
        status, took = await stop_and_time(bot)
        log = launcher.logs[0].read_text(errors="replace")
    # Before: the retries went on (2 + 4 + 8 + 16 s), then exit 1 "cannot reach the Bot API".
    assert took < PROMPT_STOP_SECONDS, f"took {took:.1f} s:\n{log}"
    assert status == 0, log
    assert "cannot reach" not in log and "stopped while starting" in log
    assert_quiet(launcher)


async def test_sigterm_as_the_first_tick_falls_due_logs_no_error(
    tmp_path: Path, database: Database
) -> None:
    async with LocalBotApi() as api, bots(
        api.token, api.url, database.url, tmp_path, 120
    ) as launcher:
        # The first tick runs a second after start; stopping takes about that long, so the
        # tick started while the application stopped, and the scheduler's shutdown cancelled it.
        for attempt in range(3):
            bot = await launcher.start(f"bot{attempt}", 10, "--role", "scheduler")
            await wait_for_line(launcher.logs[-1], "running as")
            status, _ = await stop_and_time(bot)
            assert status == 0
        assert_quiet(launcher)
