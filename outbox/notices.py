"""Waking delivery workers in other processes when rows are enqueued (PostgreSQL).

In one process the tick sets ``services.delivery_wakeup`` and the worker claims at once. A
worker in another process (``--role worker`` beside a ``scheduler``) learns of new rows only at
its next poll, up to ``IDLE_POLL_SECONDS`` later, and several workers at different moments, so
a broadcast started on one worker alone. On PostgreSQL the enqueueing side therefore also sends
``NOTIFY briefbot_deliveries`` (:func:`announce_deliveries`, after the rows were committed), and
every running worker LISTENs on a connection of its own (:class:`DeliveryNotices`): a notice sets
its wake-up event.

A notice is only a hint. A notice that is lost (the listening connection dropped, or a network
partition that closes nothing) delays rows by one poll, never loses them: the poll stays. While
the listening connection is down it is opened again every ``RETRY_SECONDS``, and the worker
claims once it listens again (rows may have been announced meanwhile); the outage is one episode
in the log (:mod:`runtime.episodes`), as for the worker's other faults.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from runtime.episodes import FaultEpisode
from runtime.services import BotServices

logger = logging.getLogger("outbox.worker")

CHANNEL = "briefbot_deliveries"
RETRY_SECONDS = 5.0  # between attempts to listen again after the connection was lost
ANNOUNCE_SECONDS = 2.0  # the longest an announcement may take

_NOTIFY = text("SELECT pg_notify(:channel, '')")


async def announce_deliveries(services: BotServices) -> None:
    """Rows were enqueued (and committed): wake this process's worker and every other one."""
    services.delivery_wakeup.set()
    if services.engine.dialect.name != "postgresql":
        return  # SQLite: one process, the event is enough
    try:
        # Bounded: in an outage the tick must not wait a connect timeout for a hint.
        async with asyncio.timeout(ANNOUNCE_SECONDS), services.engine.connect() as connection:
            await connection.execute(_NOTIFY, {"channel": CHANNEL})
            await connection.commit()
    except Exception as error:  # the other workers' polls find the rows anyway
        logger.debug("could not announce new deliveries: %s", error)


class DeliveryNotices:
    """Sets ``wakeup`` at every notice on :data:`CHANNEL`, for as long as :meth:`run` runs."""

    def __init__(
        self,
        engine: AsyncEngine,
        wakeup: asyncio.Event,
        episode: FaultEpisode,
        *,
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        self._engine = engine
        self._wakeup = wakeup
        self._episode = episode
        self._retry_seconds = retry_seconds
        self.listening = asyncio.Event()  # set while the LISTEN is in force
        self.server_pid: int | None = None  # the PostgreSQL backend listening (logs, tests)

    async def run(self) -> None:
        """Listen until cancelled, listening again after ``retry_seconds`` when cut off."""
        while True:
            try:
                await self._listen_once()
            except Exception as error:
                self._episode.failed(error)
            await asyncio.sleep(self._retry_seconds)

    async def _listen_once(self) -> None:
        """Hold one connection that LISTENs, until the connection is lost."""
        lost = asyncio.Event()

        def notice(*_: Any) -> None:
            self._wakeup.set()

        def closed(*_: Any) -> None:
            lost.set()

        async with self._engine.connect() as connection:
            driver = (await connection.get_raw_connection()).driver_connection
            assert driver is not None
            driver.add_termination_listener(closed)
            try:
                await driver.add_listener(CHANNEL, notice)
                self.server_pid = driver.get_server_pid()
                self._episode.succeeded()
                self.listening.set()
                self._wakeup.set()  # rows announced while nobody here listened
                await lost.wait()
                raise ConnectionError("the connection listening for deliveries was closed")
            finally:
                self.listening.clear()
                driver.remove_termination_listener(closed)
                if lost.is_set():  # never hand a closed connection back to the pool
                    await connection.invalidate()
                else:  # cancelled: the connection goes back to the pool without the LISTEN
                    with contextlib.suppress(Exception):
                        await driver.remove_listener(CHANNEL, notice)
