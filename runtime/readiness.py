"""Readiness checks: the database answers, its schema is current, the tick runs, Telegram answers.

A check is an async callable that returns ``None`` when it passes and one line saying why not
otherwise; :func:`evaluate` runs them side by side, each bounded by its own timeout, and turns
anything a check raises into such a line, so ``/readyz`` always answers.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from runtime.logs import redact
from runtime.metrics import Metrics
from runtime.services import Clock

Check = Callable[[], Awaitable[str | None]]
PASSED = "ok"
DATABASE_TIMEOUT_SECONDS = 2.0
BOT_API_TIMEOUT_SECONDS = 5.0
BOT_API_REFRESH_SECONDS = 30.0
# The tick is stale when no tick succeeded for this many intervals.
STALE_TICKS = 3


def one_line(error: BaseException) -> str:
    """``error`` as one line: its type and its message's words."""
    words = " ".join(str(error).split())
    return f"{type(error).__name__}: {words}" if words else type(error).__name__


async def evaluate(checks: Mapping[str, Check], *, secrets: Iterable[str] = ()) -> dict[str, str]:
    """Each check's name with ``ok`` or the one line why it failed (``secrets`` redacted)."""
    fragments = tuple(secrets)

    async def run(check: Check) -> str:
        try:
            outcome = await check()
        except Exception as error:
            outcome = one_line(error)
        return PASSED if outcome is None else redact(" ".join(outcome.split()), fragments)

    results = await asyncio.gather(*(run(check) for check in checks.values()))
    return dict(zip(checks, results, strict=True))


def database_check(engine: AsyncEngine, timeout: float = DATABASE_TIMEOUT_SECONDS) -> Check:
    """``SELECT 1`` answers within ``timeout`` seconds."""

    async def check() -> str | None:
        try:
            async with asyncio.timeout(timeout):
                async with engine.connect() as connection:
                    await connection.execute(text("SELECT 1"))
        except TimeoutError:
            return f"no answer within {timeout:g} s"
        return None

    return check


def schema_check(
    engine: AsyncEngine, head: str, timeout: float = DATABASE_TIMEOUT_SECONDS
) -> Check:
    """The database's schema revision is ``head`` (the packaged migrations' newest)."""
    from alembic.runtime.migration import MigrationContext

    def current(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async def check() -> str | None:
        try:
            async with asyncio.timeout(timeout):
                async with engine.connect() as connection:
                    revision = await connection.run_sync(current)
        except TimeoutError:
            return f"no answer within {timeout:g} s"
        if revision != head:
            return f"schema is at {revision or 'none'}, this briefbot needs {head}"
        return None

    return check


def tick_check(metrics: Metrics, clock: Clock, interval: float) -> Check:
    """A tick succeeded within :data:`STALE_TICKS` intervals (counted from now, at the start)."""
    started = clock()
    limit = dt.timedelta(seconds=STALE_TICKS * interval)

    async def check() -> str | None:
        last = metrics.last_tick_success
        since = clock() - (last or started)
        if since <= limit:
            return None
        seconds = int(since.total_seconds())
        if last is None:
            return f"no tick has succeeded in the {seconds} s since start"
        return f"last successful tick {seconds} s ago (limit {int(limit.total_seconds())} s)"

    return check


@dataclass
class BotApiCheck:
    """``getMe`` answers; its outcome is kept for ``refresh`` seconds, one call at a time."""

    get_me: Callable[[], Awaitable[object]]
    refresh: float = BOT_API_REFRESH_SECONDS
    timeout: float = BOT_API_TIMEOUT_SECONDS
    monotonic: Callable[[], float] = time.monotonic
    calls: int = 0
    _outcome: str | None = None
    _asked_at: float | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def __call__(self) -> str | None:
        async with self._lock:
            asked_at = self._asked_at
            if asked_at is None or self.monotonic() - asked_at >= self.refresh:
                self._outcome = await self._ask()
                self._asked_at = self.monotonic()
            return self._outcome

    async def _ask(self) -> str | None:
        self.calls += 1
        try:
            async with asyncio.timeout(self.timeout):
                await self.get_me()
        except TimeoutError:
            return f"getMe: no answer within {self.timeout:g} s"
        except Exception as error:
            return f"getMe: {one_line(error)}"
        return None
