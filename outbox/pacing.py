"""Per-chat pacing: at most N messages per second to one chat.

PTB's ``AIORateLimiter`` applies the global limit and the per-group limit, but it
treats every positive chat id (a private chat) as unlimited, while Telegram allows
about one message per second to a single chat. ``ChatPacer`` fills that gap.

The spacing is measured from the *end* of the previous send (its answer received)
to the *start* of the next one. The server saw the previous message no later than
its answer came back and sees the next one no earlier than it is sent, so the gap
the server observes is never shorter than ``1 / per_second``, whatever the network
latency.

With ``overall_per_second`` (a :class:`outbox.budget.GlobalPacer` of that rate) each send
also takes a place in the bot's overall budget, after its chat's turn came, so a chat waiting
for its second never holds a place other chats could use. ``slot(chat_id, reply=True)`` (a
command reply) takes the overall place ahead of queued outbox sends (see
:class:`~outbox.budget.GlobalPacer`); within its chat it still waits its turn and the chat's
gap, so replies and digests to one chat together keep the chat's rate. A long multi-part answer
takes one overall place per part, once a second, so it never holds the budget other chats use.

With ``shared`` (a :class:`outbox.chat_pace.SharedChatPace`: several instances on one token)
each send, once it holds its overall place, also reserves its chat's start in the database, so
the chat's pace holds across instances (see :mod:`outbox.chat_pace`); a refused or failed
reservation gives the overall place back. The reserved chat's next start is remembered too,
so this process's next send to the chat waits for it before taking a place.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext

from outbox.budget import GlobalPacer, Place
from outbox.chat_pace import ChatTurns

logger = logging.getLogger(__name__)

# Idle chats are forgotten once this many are remembered, so memory stays bounded.
SWEEP_THRESHOLD = 1024


class ChatPacer:
    """Spaces sends to the same chat ``1 / per_second`` seconds apart; other chats run freely."""

    def __init__(
        self,
        per_second: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        overall_per_second: float | None = None,
        shared: ChatTurns | None = None,
    ) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self.interval = 1.0 / per_second
        self.overall = (
            None
            if overall_per_second is None
            else GlobalPacer(overall_per_second, clock=clock, sleep=sleep)
        )
        self.shared = shared
        self._clock = clock
        self._sleep = sleep
        self._next_allowed: dict[int, float] = {}
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}
        self._sweep_at = SWEEP_THRESHOLD

    @asynccontextmanager
    async def slot(self, chat_id: int, *, reply: bool = False) -> AsyncIterator[None]:
        """Wait for ``chat_id``'s turn, hold it while the body sends, then start the gap.

        ``reply=True`` (a command reply) goes ahead of queued outbox sends in the overall budget.
        """
        self._sweep()
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        self._users[chat_id] = self._users.get(chat_id, 0) + 1
        try:
            async with lock:
                wait = self._next_allowed.get(chat_id, 0.0) - self._clock()
                if wait > 0:
                    await self._sleep(wait)
                shared_next = 0.0  # the chat's next start by a shared reservation (if any)
                try:
                    async with self._turn(chat_id, reply) as shared_next:
                        yield
                finally:
                    ended = self._clock() + self.interval
                    self._next_allowed[chat_id] = max(ended, shared_next)
        finally:
            self._users[chat_id] -= 1

    @asynccontextmanager
    async def _turn(self, chat_id: int, reply: bool) -> AsyncIterator[float]:
        """A place in the overall budget and, when shared, the chat's reserved start.

        Yields the chat's next start as the database reserved it (this pacer's clock; 0 when
        not shared). A refused reservation gives the place back and asks again once the start
        is near; one that fails or is cancelled gives it back and raises.
        """
        while True:
            async with self._overall_slot(reply) as place:
                if self.shared is None:
                    yield 0.0
                    return
                try:
                    turn = await self.shared.reserve(chat_id)
                    next_start = self._clock() + turn.next_in
                    if turn.reserved and turn.wait > 0:
                        await self._sleep(turn.wait)
                except BaseException:
                    place.give_back()
                    raise
                if turn.reserved:
                    yield next_start
                    return
                place.give_back()
            await self._sleep(max(0.0, turn.wait - self.shared.rule.hold))

    def _overall_slot(self, reply: bool) -> AbstractAsyncContextManager[Place]:
        """A place in the overall budget, or one that counts nowhere without a budget."""
        return self.overall.slot(reply=reply) if self.overall is not None else nullcontext(Place())

    def hold(self, chat_id: int, seconds: float) -> None:
        """Let nothing more go to ``chat_id`` for ``seconds`` (after a 429 for that chat)."""
        until = self._clock() + seconds
        self._next_allowed[chat_id] = max(self._next_allowed.get(chat_id, 0.0), until)

    async def hold_for_all(self, chat_id: int, seconds: float) -> None:
        """:meth:`hold` here and, with a shared pace, on every instance (a 429's retry_after
        belongs to the token); a failure to share it is logged and the local hold stays."""
        self.hold(chat_id, seconds)
        if self.shared is None:
            return
        try:
            await self.shared.hold(chat_id, seconds)
        except Exception as error:  # the database away: its reservations fail anyway
            logger.warning("chat pace: could not share chat %s's %.0f s hold: %s",
                           chat_id, seconds, error)

    def tracked_chats(self) -> int:
        """How many chats the pacer currently remembers."""
        return len(self._next_allowed.keys() | self._locks.keys())

    def _sweep(self) -> None:
        """Forget chats nobody waits for whose gap has passed, once the table has grown."""
        if len(self._next_allowed) < self._sweep_at:
            return
        now = self._clock()
        for chat_id in [c for c, t in self._next_allowed.items() if t <= now]:
            if self._users.get(chat_id, 0) == 0:
                del self._next_allowed[chat_id]
                self._locks.pop(chat_id, None)
                self._users.pop(chat_id, None)
        self._sweep_at = max(SWEEP_THRESHOLD, 2 * len(self._next_allowed))
