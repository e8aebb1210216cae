"""The bot's overall send budget: at most L messages in any sliding second, paced evenly.

Telegram counts the messages it *receives* in every sliding second. The client cannot see
that instant, only that it lies between the start of a send and its answer. So a send is
counted from its start until one second after its answer, and a new one starts only while
fewer than ``limit`` sends are counted: for any two sends ``limit`` apart, the later one
starts at least a second after the earlier one was answered, whatever the latency, and the
server can never see ``limit + 1`` of them within one second. Starts are also spaced
``1 / per_second`` apart, so the budget is spent evenly rather than in bursts of ``limit``.
The price is latency: the rate is ``limit / (1 + answer time)``.

Spacing from the plan. The next start is one interval after the *planned* start of the send
just admitted, not after the instant its sleep woke: an event loop busy with hundreds of sends
wakes sleepers a few milliseconds late, and spacing from the wake-up would add that lateness
to every interval (at L = 300 the interval is 3.3 ms: 2 ms late each time would hold the rate
to 0.62 L). A wake-up at most :data:`CATCH_UP_SECONDS` late is made up; a later one (an idle
spell, a wait for the count) restarts the plan from the wake-up, so no burst follows a pause.
Why 0.1 s: with several instances sharing two cores, a worker's event loop was measured waking
sleepers 10-35 ms late (median) and 30-100 ms late (p90), so 20 ms, the first choice, restarted
the plan on most wake-ups and admitted one send per wake-up; the most made up at once is a
tenth of a second's sends.
This never weakens the sliding-second rule, which does not depend on the spacing: a send still
starts only while fewer than ``limit`` sends are counted (in flight, or answered within the
last second), which alone keeps any second at ``limit``. Making up lateness only lets two
starts come closer than ``1 / per_second`` by at most ``CATCH_UP_SECONDS``; the count decides.

At most ``max_in_flight`` sends are in flight at once (by default a tenth of a second's
budget, at least 8): a few connections kept busy cost the HTTP client far less CPU per
request than hundreds each used once in a while (httpcore's pool scans every connection
for each request).

Command replies go first: ``slot(reply=True)`` takes the next free place ahead of every queued
outbox send (a subscriber waiting for an answer notices a second; a digest does not), under the
same count, so a reply never makes the budget exceed ``limit`` in a second. Replies queue among
themselves first come, first served, and so do outbox sends. Outbox sends wait while any reply
waits: a flood of replies could delay digests, never lose them, and replies are few (each
chat's are paced at its own rate by :class:`outbox.pacing.ChatPacer`). Two more rules keep a
reply from waiting behind a broadcast that fills every place:

- *A reserve.* While replies were admitted within the last second, outbox sends leave as many
  places free as there were such replies, at most :data:`REPLY_RESERVE_SHARE` of ``limit``: the
  next reply then usually finds a place at once instead of waiting for a digest's to expire.
  A broadcast without replies keeps the whole budget; one with a reply a second gives up one
  place (measured in ``benchmarks/commands.py``).
- *No spacing.* A reply starts as soon as the count allows, not one interval after the last
  start: the count alone keeps every second within ``limit`` (the even spacing is there so a
  broadcast is spread over the second rather than sent in bursts), and replies are few. A reply
  still moves the plan on, so the outbox sends after it keep their spacing.

One admission task. Each waiting send queues a ticket; a single task admits the tickets in
order, and admits every one that is due in one pass. Admitting by waiters taking turns on a
lock cost one turn of the event loop per send, so a loop busy with hundreds of sends capped
the rate at its own pace, far below L = 1,000 (see :meth:`GlobalPacer._dispatch`).

One ``GlobalPacer`` per process and token; PTB's ``AIORateLimiter`` instead pauses every
send on one 429 and does not pace private chats. Several processes on one token each get a
share of the budget (:mod:`outbox.shared_budget`) through :meth:`GlobalPacer.set_rate`: a new
rate changes the spacing and the count limit at once, and the sends already counted in the last
second still count, so a lower rate holds new sends back until the count has fallen below it.
A rate of 0 admits nothing until the next ``set_rate``; ``until`` makes a rate lapse to 0 at a
given instant (a share that is only valid while this process's heartbeat is fresh).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

WINDOW_SECONDS = 1.0
MIN_IN_FLIGHT = 8
# Lateness of a wake-up that the next start makes up (see "Spacing from the plan").
CATCH_UP_SECONDS = 0.1
# The most of the limit outbox sends leave free for replies while replies come (1/8: 4 of 30).
REPLY_RESERVE_SHARE = 1 / 8


def default_in_flight(per_second: float) -> int:
    """Sends allowed in flight at once: a tenth of a second's budget, at least 8."""
    return max(MIN_IN_FLIGHT, math.ceil(per_second / 10))


class Place:
    """One send's place in the budget; given back (not counted) if the send never started."""

    __slots__ = ("used",)

    def __init__(self) -> None:
        self.used = True

    def give_back(self) -> None:
        """Nothing was sent in this place (e.g. its chat's turn was refused): do not count it."""
        self.used = False


class GlobalPacer:
    """Admits sends one at a time, evenly spaced, never ``limit`` counted in a second."""

    def __init__(
        self,
        per_second: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        max_in_flight: int | None = None,
    ) -> None:
        if per_second <= 0:
            raise ValueError("per_second must be positive")
        self.limit = max(1, math.floor(per_second))
        self.max_in_flight = max_in_flight or default_in_flight(per_second)
        self.interval = 1.0 / per_second
        self._clock = clock
        self._sleep = sleep
        self._until: float | None = None  # the rate lapses to 0 then (None: never)
        self.saturated_at = -math.inf  # the last time a send waited for a full count
        self._next_start = -math.inf
        self._answered: deque[float] = deque()  # answer times of the last second's sends
        self._replied: deque[float] = deque()  # start times of the last second's replies
        self._in_flight = 0
        self._freed = asyncio.Event()  # set when a send is answered
        # Waiting sends' tickets, first come first served; a reply's queue goes first.
        self._replies: deque[asyncio.Future[None]] = deque()
        self._sends: deque[asyncio.Future[None]] = deque()
        self._dispatcher: asyncio.Task[None] | None = None

    def set_rate(self, per_second: float, *, until: float | None = None) -> None:
        """Admit at most ``floor(per_second)`` counted sends (0: none) until ``until``.

        The spacing becomes ``1 / per_second``; sends counted already keep counting, so a lower
        rate takes effect at once and a higher one frees places at once.
        """
        if per_second < 0:
            raise ValueError("per_second must not be negative")
        self.limit = math.floor(per_second)
        self.interval = 1.0 / per_second if per_second > 0 else math.inf
        self._until = until
        self._next_start = -math.inf if self.limit == 0 else self._next_start
        self._freed.set()  # waiters look at the new rate

    def limit_now(self) -> int:
        """The count limit in force now (0 once the rate lapsed)."""
        if self._until is not None and self._clock() >= self._until:
            return 0
        return self.limit

    def saturated_within(self, seconds: float) -> bool:
        """True if a send waited for a full count (or a zero rate) in the last ``seconds``."""
        return self._clock() - self.saturated_at <= seconds

    @asynccontextmanager
    async def slot(self, *, reply: bool = False) -> AsyncIterator[Place]:
        """Wait for a place in the budget, hold it while the body sends, count the answer.

        ``reply=True`` (a command reply) takes the next free place ahead of queued outbox sends.
        A body that sent nothing calls :meth:`Place.give_back`: the place is then not counted.
        """
        await self._admitted(reply)
        place = Place()
        try:
            yield place
        finally:
            self._in_flight -= 1
            if place.used:
                self._answered.append(self._clock())
            self._freed.set()

    async def _admitted(self, reply: bool) -> None:
        """Queue a ticket (replies ahead of outbox sends); return once the dispatcher took a
        place for it."""
        if reply and self._first(self._replies) is None and self._room(reply=True):
            self._take(reply=True)  # a place is free and no reply waits: no queue, no spacing
            return
        ticket: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        (self._replies if reply else self._sends).append(ticket)
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.create_task(self._dispatch(), name="briefbot-send-budget")
        try:
            await ticket
        except asyncio.CancelledError:
            if ticket.done() and not ticket.cancelled():  # admitted as it was cancelled
                self._in_flight -= 1  # the place was taken but never used: not counted
                self._freed.set()
            elif self._next_ticket() is None and self._dispatcher is not None:
                self._dispatcher.cancel()  # nobody else waits: it would wait for nothing
                self._dispatcher = None  # the next waiter starts a new one
            raise

    @staticmethod
    def _first(queue: deque[asyncio.Future[None]]) -> asyncio.Future[None] | None:
        """The queue's first waiting ticket; cancelled ones are dropped."""
        while queue and queue[0].done():
            queue.popleft()
        return queue[0] if queue else None

    def _next_ticket(self) -> asyncio.Future[None] | None:
        """The first waiting ticket, replies first."""
        return self._first(self._replies) or self._first(self._sends)

    def _cap(self, *, reply: bool) -> int:
        """How many sends may be counted for a send of this kind to start: the limit, less
        the reserve for replies when an outbox send asks (see the module's docstring)."""
        limit = self.limit_now()
        if reply:
            return limit
        horizon = self._clock() - WINDOW_SECONDS
        while self._replied and self._replied[0] <= horizon:
            self._replied.popleft()
        return limit - min(len(self._replied), math.ceil(limit * REPLY_RESERVE_SHARE))

    def _count_shrinks_at(self, reply: bool) -> float | None:
        """When the count, or for an outbox send the reserve, next shrinks by itself: the oldest
        answer (or reply) leaves the last second. None when only an answer can shrink it."""
        ends = [self._answered[0]] if self._answered else []
        if not reply and self._replied:
            ends.append(self._replied[0])
        return min(ends) + WINDOW_SECONDS if ends else None

    def _room(self, *, reply: bool) -> bool:
        """A send of this kind may start now as far as the count and in-flight cap go."""
        return self.counted() < self._cap(reply=reply) and self._in_flight < self.max_in_flight

    async def _dispatch(self) -> None:
        """Admit the queued tickets in order as places come free, until none waits.

        One task admits for every waiter: when the plan is behind (a late wake-up) it admits
        several in one pass. Waiters taking turns on a lock instead admit one per turn of the
        event loop, which caps the rate at the loop's pace (a loop busy with hundreds of sends
        turns every few milliseconds: 0.43 of L = 1,000 with 2 ms turns against 0.98 with this
        task, ``benchmarks/admission.py``).
        """
        while self._next_ticket() is not None:
            reply = await self._wait_turn()
            # A reply may have come meanwhile, or the first ticket gone: admit the first ticket
            # only if it is of the kind the turn was waited for.
            first_reply = self._first(self._replies)
            ticket = first_reply or self._first(self._sends)
            if ticket is not None and (ticket is first_reply) == reply:
                self._take(reply=reply)
                ticket.set_result(None)

    def _take(self, *, reply: bool = False) -> None:
        """Hold a place: one more in flight, the next start one interval after this one's plan.

        The plan is the start this send was due at if it woke at most :data:`CATCH_UP_SECONDS`
        after it, else the wake-up (see the module's docstring).
        """
        self._in_flight += 1
        now = self._clock()
        if reply:
            self._replied.append(now)
        if self.interval == math.inf:
            self._next_start = now
            return
        planned = self._next_start if now - self._next_start <= CATCH_UP_SECONDS else now
        self._next_start = planned + self.interval

    def counted(self) -> int:
        """Sends in flight or answered within the last second."""
        horizon = self._clock() - WINDOW_SECONDS
        while self._answered and self._answered[0] <= horizon:
            self._answered.popleft()
        return self._in_flight + len(self._answered)

    async def _wait_turn(self) -> bool:
        """Return once the first waiting send may start (the spacing has passed, unless it is a
        reply, and fewer than its cap are counted); whether it is a reply."""
        while True:
            now = self._clock()
            reply = self._first(self._replies) is not None
            wait = 0.0 if reply else self._next_start - now
            limit = self._cap(reply=reply)
            full = self.counted() >= limit
            if full:
                self.saturated_at = now
            if self.limit_now() == 0:  # no rate (or it lapsed): wait for the next set_rate
                self._freed.clear()
                await self._freed.wait()
                continue
            if full or self._in_flight >= self.max_in_flight:
                shrinks_at = self._count_shrinks_at(reply) if full else None
                if shrinks_at is None:  # wait for an answer (or a new rate)
                    self._freed.clear()
                    await self._freed.wait()
                    continue
                wait = max(wait, shrinks_at - now)
            if wait <= 0:
                return reply
            await self._sleep(wait)
