"""The suite's bound on closing a test's loop (tests/support/leftover_tasks.py)."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.leftover_tasks import LeftoverTaskWarning, cancel_leftover_tasks


async def _ignoring_its_cancel(started: asyncio.Event, release: asyncio.Event) -> None:
    started.set()
    try:
        await asyncio.Event().wait()
    except asyncio.CancelledError:
        await release.wait()  # what hung CI once: a wait nothing in the test would end


def test_a_task_that_ignores_its_cancel_is_reported_and_the_loop_closes() -> None:
    loop = asyncio.new_event_loop()
    try:
        started, release = asyncio.Event(), asyncio.Event()
        task = loop.create_task(_ignoring_its_cancel(started, release))
        loop.run_until_complete(started.wait())
        with pytest.warns(LeftoverTaskWarning, match="_ignoring_its_cancel"):
            cancel_leftover_tasks(loop, within=0.2)
        assert not task.done()
        release.set()  # let it end, so the loop closes with nothing pending
        loop.run_until_complete(task)
    finally:
        loop.close()


def test_tasks_that_end_on_their_cancel_are_waited_for_without_a_warning() -> None:
    loop = asyncio.new_event_loop()
    try:
        ended: list[bool] = []

        async def sleeper() -> None:
            try:
                await asyncio.sleep(60)
            except asyncio.CancelledError:
                ended.append(True)
                raise

        task = loop.create_task(sleeper())
        loop.run_until_complete(asyncio.sleep(0))
        cancel_leftover_tasks(loop, within=5)
        assert task.cancelled() and ended == [True]
    finally:
        loop.close()
