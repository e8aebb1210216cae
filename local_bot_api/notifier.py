"""The ``Notifier`` that wakes coroutines waiting for the simulated state to change."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable


class Notifier:
    """Wakes every coroutine waiting for 'something changed' in the state."""

    def __init__(self) -> None:
        """Start with no waiters."""
        self._waiters: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        """Wake all current waiters."""
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_until(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Wait until ``predicate()`` is true or ``timeout`` seconds pass; return the predicate."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.add(waiter)
            try:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter, remaining)
            finally:
                self._waiters.discard(waiter)
        return True
