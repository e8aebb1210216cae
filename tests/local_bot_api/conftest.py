"""Fixtures: a local Bot API server on an ephemeral port and a real PTB Bot pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from local_bot_api import LocalBotApi
from tests.support.world import make_bot


@pytest.fixture
async def api() -> AsyncIterator[LocalBotApi]:
    """A running local Bot API server."""
    async with LocalBotApi(bot_username="briefbot_bot") as server:
        yield server


@pytest.fixture
async def bot(api: LocalBotApi) -> AsyncIterator[Bot]:
    """An initialized PTB Bot (``getMe`` already called)."""
    async with make_bot(api) as client:
        yield client
