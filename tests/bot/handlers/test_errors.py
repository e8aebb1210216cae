"""The error handler: one apology per failing update, sent through the chat's pace."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from bot.handlers.errors import SORRY
from tests.support.world import World


class CutDatabase:
    """The services' read sessions, failing (the database cut) while ``cut`` is set."""

    def __init__(
        self, working: async_sessionmaker[AsyncSession], broken: async_sessionmaker[AsyncSession]
    ) -> None:
        self.working = working
        self.broken = broken
        self.cut = True
        self.calls = 0  # sessions asked for while cut

    def __call__(self) -> AsyncSession:
        if not self.cut:
            return self.working()
        self.calls += 1
        return self.broken()


@pytest.fixture
async def cut(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[CutDatabase]:
    """Every read session of the running bot fails (SQLite cannot open a file in a missing
    directory) until ``cut.cut`` is cleared."""
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'gone.db'}")
    sessions = CutDatabase(world.services.read_session_factory, async_sessionmaker(engine))
    monkeypatch.setattr(world.services, "read_session_factory", sessions)
    try:
        yield sessions
    finally:
        await engine.dispose()


async def test_an_update_failing_in_two_handler_groups_is_apologised_for_once_at_the_chats_pace(
    world: World, cut: CutDatabase
) -> None:
    user = world.api.create_user("Ann")
    chat = world.api.create_private_chat(user=user)
    cut.cut = False
    [helped] = await world.say(chat.id, "/help", user=user)
    after = helped.message_id
    cut.cut = True

    # The language lookup (group -1) fails, the apology's lookup fails, /latest (group 0) fails.
    world.api.user_sends(chat.id, "/latest", user=user)
    await until(lambda: cut.calls >= 3, "three failed sessions")
    cut.cut = False  # the sentinel's own language lookup must work
    replies = await world.replies_before_sentinel(chat.id, after, user=user)

    assert [reply.text for reply in replies] == [SORRY]
    sends = [c for c in world.api.calls("sendMessage") if str(c.chat_id) == str(chat.id)]
    helping = next(c for c in sends if "What I can do" in c.params["text"])
    [sorry] = [c for c in sends if c.params["text"] == SORRY]
    # Paced as every reply: a second after the reply to /help (1 message/s), not at once.
    assert sorry.status == 200
    assert sorry.time - helping.time >= 0.9


async def until(condition: Callable[[], bool], what: str, timeout: float = 5.0) -> None:
    """Return once ``condition()`` holds; fail after ``timeout`` seconds naming ``what``."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"no {what} within {timeout} s"
        await asyncio.sleep(0.01)
