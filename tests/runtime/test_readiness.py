"""Readiness checks: each passes when its part works and names the fault in one line when not."""

from __future__ import annotations

import asyncio

from runtime.metrics import Metrics
from runtime.readiness import (
    PASSED,
    BotApiCheck,
    database_check,
    evaluate,
    schema_check,
    tick_check,
)
from storage.engine import create_engine
from storage.schema import head_revision
from tests.support.database import Database
from tests.support.world import Clock, free_port


async def test_database_and_schema_pass_on_a_migrated_database(any_database: Database) -> None:
    engine = any_database.engine()
    try:
        checks = {
            "database": database_check(engine),
            "schema": schema_check(engine, head_revision()),
        }
        assert await evaluate(checks) == {"database": PASSED, "schema": PASSED}
    finally:
        await engine.dispose()


async def test_a_database_at_a_closed_port_fails_both_checks_in_one_line() -> None:
    engine = create_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/test")
    try:
        checks = {
            "database": database_check(engine),
            "schema": schema_check(engine, head_revision()),
        }
        results = await evaluate(checks)
    finally:
        await engine.dispose()
    assert set(results) == {"database", "schema"}
    for result in results.values():
        assert result != PASSED and "\n" not in result
        assert "refused" in result.lower() or "connect" in result.lower(), result


async def test_a_database_without_the_schema_fails_the_schema_check(
    blank_database: Database,
) -> None:
    engine = blank_database.engine()
    try:
        results = await evaluate({
            "database": database_check(engine),
            "schema": schema_check(engine, head_revision()),
        })
    finally:
        await engine.dispose()
    assert results["database"] == PASSED
    assert results["schema"] == f"schema is at none, this briefbot needs {head_revision()}"


async def test_the_tick_turns_stale_three_intervals_after_its_last_success() -> None:
    clock, metrics = Clock(), Metrics()
    check = tick_check(metrics, clock, interval=60)
    assert await check() is None  # a fresh start has three intervals of grace
    clock.advance(seconds=181)
    assert await check() == "no tick has succeeded in the 181 s since start"
    metrics.record_tick(0.2, succeeded=True, at=clock())
    assert await check() is None
    clock.advance(seconds=180)
    assert await check() is None
    metrics.record_tick(0.2, succeeded=False, at=clock())  # an outage does not count
    clock.advance(seconds=1)
    assert await check() == "last successful tick 181 s ago (limit 180 s)"


async def test_get_me_is_asked_at_most_once_per_refresh_and_its_failure_is_kept() -> None:
    moment = [0.0]
    outcomes: list[Exception | None] = [RuntimeError("Bad Gateway"), None]

    async def get_me() -> object:
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome
        return object()

    check = BotApiCheck(get_me, refresh=30, monotonic=lambda: moment[0])
    assert await check() == "getMe: RuntimeError: Bad Gateway"
    moment[0] = 29.9
    assert await check() == "getMe: RuntimeError: Bad Gateway"
    assert check.calls == 1
    moment[0] = 30.0
    assert await check() is None
    assert check.calls == 2


async def test_concurrent_readiness_questions_share_one_get_me() -> None:
    release = asyncio.Event()

    async def get_me() -> object:
        await release.wait()
        return object()

    check = BotApiCheck(get_me)
    waiting = [asyncio.create_task(check()) for _ in range(5)]
    await asyncio.sleep(0)
    release.set()
    assert await asyncio.gather(*waiting) == [None] * 5
    assert check.calls == 1


async def test_a_slow_get_me_fails_after_its_timeout() -> None:
    async def get_me() -> object:
        await asyncio.Event().wait()
        return object()

    assert await BotApiCheck(get_me, timeout=0.05)() == "getMe: no answer within 0.05 s"


async def test_evaluate_turns_a_raising_check_into_one_redacted_line() -> None:
    async def raising() -> str | None:
        raise ValueError("token 123456:SECRET-part\nsecond line")

    async def passing() -> str | None:
        return None

    results = await evaluate({"a": raising, "b": passing}, secrets=["123456:SECRET-part"])
    assert results == {"a": "ValueError: token <redacted> second line", "b": PASSED}

