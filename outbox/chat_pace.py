"""One chat's pace shared by every instance of a token (PostgreSQL): reservations in ``chat_pace``.

Each instance's :class:`outbox.pacing.ChatPacer` knows only its own sends. With a shared send
budget (``BRIEFBOT_SEND_BUDGET=shared``) an ``updates`` instance's command reply and a worker's
digest part to the same chat could otherwise start in the same second. So before every send,
once it holds its place in the overall budget, the pacer reserves the chat's next start in the
database (:class:`storage.repositories.ChatPaceRepository`, on PostgreSQL's clock) and sleeps
until it:

* a private chat's starts are ``1 / BRIEFBOT_RATE_PER_CHAT_PER_SECOND`` + ``MARGIN_SECONDS``
  apart, whichever instance sends;
* a group or channel (a negative chat id) also gets at most ``BRIEFBOT_RATE_GROUP_PER_MINUTE``
  starts within any ``GROUP_WINDOW_SECONDS`` + ``MARGIN_SECONDS`` (the row keeps its last ones).

Why the margin. The reservations space the *starts* of sends; Telegram counts the moments it
*receives* them, somewhere between a start and its answer. If the earlier send took ``d`` longer
to arrive than the later one, the gap the server sees is the spacing minus ``d``. The margin
(0.3 s) covers that difference in network delay, and a start a few milliseconds after its
reserved instant (the answer's way back, the event loop's lateness), for one Bot API server
that answers in tens of milliseconds. A send slower than that by more than the margin can
still meet a 429; it is then sent again after ``retry_after``, as before.

A 429's ``retry_after`` for a chat is written here too (:meth:`SharedChatPace.hold`: the chat's
next start no sooner than that), so every instance waits it out, not only the one that met it.

A start more than ``HOLD_SECONDS`` away is refused (nothing is written): the pacer gives back
its place in the overall budget (so a chat waiting out its second, or a group its minute, never
holds a place other chats could use), sleeps outside it and asks again. A reservation that fails
(database error) or is cancelled gives its place back too; its send is not made.

Requests from many chats at once go to the database together: while one statement is under
way the next ones queue, and the queue is sent as one batch (one short autocommit statement
each, ids sorted so two instances never deadlock). Rows whose next start is more than a window
past are pruned by the minute tick (:func:`prune_chat_pace`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.engine import create_autocommit_session_factory
from storage.repositories.chat_pace import ChatPaceRepository, PaceRule, Turn

MARGIN_SECONDS = 0.3  # covers differences in network delay between two sends (see above)
HOLD_SECONDS = 0.25  # the longest a send holds its budget place waiting for its chat's start
GROUP_WINDOW_SECONDS = 60.0  # Telegram's per-group limit counts a minute
# A row whose next start passed this long ago says nothing any more: every start it holds is
# older than a group's window.
PRUNE_AFTER = dt.timedelta(seconds=GROUP_WINDOW_SECONDS + MARGIN_SECONDS)


def pace_rule(per_second: float, group_per_minute: float) -> PaceRule:
    """The reservations' rule for the bot's per-chat and per-group rates."""
    return PaceRule(
        spacing=1.0 / per_second + MARGIN_SECONDS,
        per_window=max(1, math.floor(group_per_minute)),
        window=GROUP_WINDOW_SECONDS + MARGIN_SECONDS,
        hold=HOLD_SECONDS,
    )


class ChatTurns(Protocol):
    """Where a pacer reserves chats' starts (:class:`SharedChatPace`; tests pass stand-ins)."""

    rule: PaceRule

    async def reserve(self, chat_id: int) -> Turn:
        """Reserve ``chat_id``'s next start, or learn how long until it may ask again."""
        ...

    async def hold(self, chat_id: int, seconds: float) -> None:
        """Start nothing to ``chat_id`` sooner than ``seconds`` from now, on any instance."""
        ...


class SharedChatPace:
    """Reserves chats' next starts in ``chat_pace``, batching the requests that overlap."""

    def __init__(self, engine: AsyncEngine, rule: PaceRule) -> None:
        self.rule = rule
        self._sessions = create_autocommit_session_factory(engine)
        self._queue: list[tuple[int, asyncio.Future[Turn]]] = []
        self._flusher: asyncio.Task[None] | None = None
        self.statements = 0  # reservation statements run (a batch each)

    async def reserve(self, chat_id: int) -> Turn:
        """Reserve ``chat_id``'s next start, or learn how long until it may ask again."""
        future: asyncio.Future[Turn] = asyncio.get_running_loop().create_future()
        self._queue.append((chat_id, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name="briefbot-chat-pace")
        return await future

    async def _flush(self) -> None:
        """Send the queue as batches until it is empty (a chat asked twice waits for the next)."""
        while self._queue:
            batch: dict[int, asyncio.Future[Turn]] = {}
            later: list[tuple[int, asyncio.Future[Turn]]] = []
            for chat_id, future in self._queue:
                if future.done():  # its sender was cancelled
                    continue
                if chat_id in batch:
                    later.append((chat_id, future))
                else:
                    batch[chat_id] = future
            self._queue = later
            if not batch:
                continue
            try:
                turns = await self._reserve(list(batch))
            except Exception as error:
                for future in batch.values():
                    if not future.done():
                        future.set_exception(error)
                continue
            for chat_id, future in batch.items():
                if not future.done():
                    future.set_result(turns[chat_id])

    async def hold(self, chat_id: int, seconds: float) -> None:
        """Start nothing to ``chat_id`` sooner than ``seconds`` from now (a 429's retry_after),
        on any instance: one autocommit statement."""
        async with self._sessions() as session:
            await ChatPaceRepository(session).hold(chat_id, seconds)

    async def _reserve(self, chat_ids: list[int]) -> dict[int, Turn]:
        """One autocommit statement for the batch."""
        self.statements += 1
        async with self._sessions() as session:
            return await ChatPaceRepository(session).reserve(chat_ids, self.rule)


async def prune_chat_pace(sessions: async_sessionmaker[AsyncSession]) -> int:
    """Delete the rows that no longer hold anything back; how many."""
    async with sessions() as session, session.begin():
        return await ChatPaceRepository(session).prune(PRUNE_AFTER)
