"""Updates of different chats handled concurrently, one chat's updates one at a time, in order.

PTB handles updates one at a time by default, so one chat's long answer (a 45-part full text
at the chat's one message a second) held every other chat's replies. With this processor
(``ApplicationBuilder.concurrent_updates``) each update waits only for the earlier updates of
its own chat: a chat's commands are still answered in the order they were sent, and a command
sent while the chat's long answer goes out is answered after it.

An update's chat is its effective chat; one without a chat is keyed by its user (a user's
private chat has the user's id, so the two stay in order together); one with neither runs
without waiting for any other.

Bounds: at most ``running_limit`` (256) handlers run at once. A handler takes that place
only once its chat's turn came, so updates queued behind their own chat never hold places other
chats could use (PTB's own semaphore, taken before :meth:`do_process_update`, is therefore left
unbounded). A chat is forgotten as soon as none of its updates is running or waiting, so memory
grows with the updates in progress, not with the chats ever seen.

Handlers are safe to run side by side: each opens its own short database session (never one
shared between updates), the pacer and the budget are asyncio-safe, and the error handler runs
inside the failing update's turn.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_RUNNING_UPDATES = 256
# PTB's semaphore is taken before the chat's turn, so it must never be the limit (see above).
UNBOUNDED = 1 << 30


@dataclass
class _Chat:
    """One chat's turn: the lock its updates queue on and how many hold or wait for it."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


def order_key(update: object) -> int | None:
    """The id whose updates must stay in order: the chat's, else the user's, else None."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    """Runs updates of different chats concurrently (bounded) and one chat's in arrival order."""

    def __init__(self, running_limit: int = MAX_RUNNING_UPDATES) -> None:
        if running_limit < 1:
            raise ValueError("running_limit must be a positive integer")
        super().__init__(UNBOUNDED)  # PTB's ``max_concurrent_updates``: waiting ones included
        self.running_limit = running_limit
        self._running = asyncio.Semaphore(running_limit)
        self._chats: dict[int, _Chat] = {}

    def tracked_chats(self) -> int:
        """How many chats have an update running or waiting."""
        return len(self._chats)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's earlier updates, then for a place; run the update's handlers."""
        key = order_key(update)
        if key is None:
            await self._run(coroutine)
            return
        chat = self._chats.setdefault(key, _Chat())
        chat.users += 1
        try:
            async with chat.lock:
                await self._run(coroutine)
        except asyncio.CancelledError:
            _close(coroutine)
            raise
        finally:
            chat.users -= 1
            if chat.users == 0:
                del self._chats[key]  # nobody holds or waits for the lock: forget the chat

    async def _run(self, coroutine: Awaitable[Any]) -> None:
        """Await ``coroutine`` within the bound on running handlers."""
        async with self._running:
            await coroutine

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close (PTB waits for pending updates before shutting down)."""


def _close(coroutine: Awaitable[Any]) -> None:
    """Close a handler coroutine cancelled before it ran (no "never awaited" warning)."""
    if isinstance(coroutine, Coroutine):
        coroutine.close()
