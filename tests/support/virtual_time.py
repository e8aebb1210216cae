"""Virtual time for pacing tests: sleepers wake in deadline order, no real waiting."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")
RUNNABLE_TURNS = 20  # event-loop turns that let every woken task run before time moves


class VirtualTime:
    """Virtual time: sleepers wake in deadline order, and time jumps only when all are idle."""

    def __init__(self) -> None:
        self.now = 50.0
        self._timers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._sequence = itertools.count()

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        heapq.heappush(self._timers, (self.now + seconds, next(self._sequence), future))
        await future

    async def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run ``work`` to the end, waking the earliest sleeper whenever everything waits."""
        task = asyncio.create_task(work)
        for _ in range(100_000):
            for _ in range(RUNNABLE_TURNS):
                await asyncio.sleep(0)
            if task.done():
                return task.result()
            assert self._timers, "deadlock: nothing sleeps and nothing runs"
            deadline, _, future = heapq.heappop(self._timers)
            self.now = max(self.now, deadline)
            if not future.done():  # a cancelled sleeper is skipped
                future.set_result(None)
        raise AssertionError("virtual time did not finish")


class FakeTime:
    """A monotonic clock that only moves when the pacer sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds
