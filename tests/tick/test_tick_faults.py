"""The tick through an outage: the first failing stage ends the tick, logged once per episode."""

from __future__ import annotations

import logging

import pytest

from tests.support.sqlite_lock import short_busy_timeout, write_locked
from tests.support.world import World
from tick import run_tick

TICK = "tick.job"


async def test_a_locked_database_ends_each_tick_at_its_first_stage_and_logs_two_lines(
    w: World, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger=TICK):
        async with short_busy_timeout(w.services.engine, 50):
            with write_locked(w.settings.database_url):
                locked = [await run_tick(w.services) for _ in range(3)]
        after = await run_tick(w.services)

    for report in locked:
        assert report.outage
        assert [error.split(":")[0] for error in report.errors] == [
            "release",
            "digests",
            "polling",
            "alerts",
            "chat pace",
        ]
        assert report.errors[1:] == [
            "digests: skipped (outage)",
            "polling: skipped (outage)",
            "alerts: skipped (outage)",
            "chat pace: skipped (outage)",
        ]
    assert (after.outage, after.errors) == (False, [])
    logged = [r.getMessage() for r in caplog.records if r.name == TICK]
    assert len(logged) == 4, logged
    assert logged[0] == (
        "tick stage release failing: OperationalError: (sqlite3.OperationalError) "
        "database is locked"
    )
    assert logged[1:3] == [logged[0].replace("failing", "failing again")] * 2
    assert logged[3].startswith("tick stage release recovered after ")
    assert logged[3].endswith(" s, 3 failures")
    levels = [r.levelno for r in caplog.records if r.name == TICK]
    assert levels == [logging.WARNING, logging.DEBUG, logging.DEBUG, logging.WARNING]
