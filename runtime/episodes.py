"""Fault episodes: one log line when a fault starts, one when it ends, DEBUG in between.

A database that went away or a Bot API answering 5xx fails every claim, send and commit
until it comes back: logging each failure would write thousands of lines (and tracebacks)
for one outage. A :class:`FaultEpisode` per place turns them into two lines: "... failing:
<error>" at the first failure (WARNING, no traceback for a known transient error; ERROR with
the traceback for anything else) and "... recovered after N s, M failures" at the next
success (WARNING). Repeats go to DEBUG, and so does a failure within ``SETTLE_SECONDS`` of a
recovery (requests that were already on their way when the fault ended): such an episode is
quiet, start and end, unless it goes on failing for longer than that.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Hashable

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from telegram.error import BadRequest, NetworkError

Monotonic = Callable[[], float]
# SQLSTATE classes of a server going away or not there yet: connection exceptions, operator
# intervention ("the database system is shutting down", "... is starting up"), resources.
TRANSIENT_SQLSTATES = ("08", "57P", "53")
SETTLE_SECONDS = 5.0


def is_telegram_outage(error: BaseException) -> bool:
    """Telegram unreachable, slow or answering 5xx (PTB's NetworkError, but not BadRequest)."""
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def is_transient(error: BaseException) -> bool:
    """A known passing fault: Telegram unreachable, slow or 5xx; the database away or locked."""
    if is_telegram_outage(error):  # TimedOut, and PTB's error for any 5xx answer
        return True
    if isinstance(error, (OperationalError, InterfaceError, PoolTimeout, OSError, TimeoutError)):
        return True  # SQLite "database is locked", connection refused, reset or closed
    if not isinstance(error, DBAPIError):
        return False
    sqlstate = getattr(error.orig, "sqlstate", None)
    # asyncpg's "another operation (n) is in progress": a connection a lost server left mid-query.
    return (
        error.connection_invalidated
        or (isinstance(sqlstate, str) and sqlstate.startswith(TRANSIENT_SQLSTATES))
        or "another operation" in str(error)
    )


def describe(error: BaseException) -> str:
    """One line naming the error."""
    first = (str(error).strip().splitlines() or [""])[0]
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


class FaultEpisode:
    """Logs a run of failures of one ``what`` as an episode: its start and its end."""

    def __init__(
        self, logger: logging.Logger, what: str, *, clock: Monotonic = time.monotonic
    ) -> None:
        self._logger = logger
        self._what = what
        self._clock = clock
        self._started: float | None = None
        self._failures = 0
        self._recovered_at: float | None = None
        self._quiet = False  # this episode's start and end were logged already
        self._sources: set[Hashable] = set()

    @property
    def ongoing(self) -> bool:
        """True between a failure and the next success."""
        return self._started is not None

    @property
    def widespread(self) -> bool:
        """Failing for more than one source (e.g. chat) since the last success: an outage."""
        return len(self._sources) > 1

    def failed(self, error: BaseException, source: Hashable = None) -> None:
        """Note a failure: logged if it starts an episode, DEBUG otherwise."""
        self._failures += 1
        self._sources.add(source)
        if self._started is not None:
            if self._quiet and self._clock() - self._started >= SETTLE_SECONDS:
                self._quiet = False  # no straggler: a new outage after all
                self._logger.warning("%s failing: %s", self._what, describe(error))
                return
            self._logger.debug("%s failing again: %s", self._what, describe(error))
            return
        self._started = self._clock()
        recovered_at, self._recovered_at = self._recovered_at, None
        if recovered_at is not None and self._started - recovered_at < SETTLE_SECONDS:
            self._quiet = True  # stragglers of the episode that just ended
            self._logger.debug("%s failing again: %s", self._what, describe(error))
            return
        if is_transient(error):
            self._logger.warning("%s failing: %s", self._what, describe(error))
        else:
            self._logger.error("%s failing: %s", self._what, describe(error), exc_info=error)

    def succeeded(self) -> None:
        """Note a success: ends an ongoing episode with one line."""
        if self._started is None:
            return
        now = self._clock()
        level = logging.DEBUG if self._quiet else logging.WARNING
        self._logger.log(
            level,
            "%s recovered after %.1f s, %d failures",
            self._what,
            now - self._started,
            self._failures,
        )
        self._started, self._failures, self._recovered_at = None, 0, now
        self._quiet = False
        self._sources.clear()


class FaultEpisodes:
    """The process's episodes by name, so one outage is one episode however often it is met."""

    def __init__(self, clock: Monotonic = time.monotonic) -> None:
        self._clock = clock
        self._episodes: dict[str, FaultEpisode] = {}

    def get(self, logger: logging.Logger, what: str) -> FaultEpisode:
        """The episode named ``what`` (created on first use, logging to ``logger``)."""
        if what not in self._episodes:
            self._episodes[what] = FaultEpisode(logger, what, clock=self._clock)
        return self._episodes[what]
