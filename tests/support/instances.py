"""Several bot instances in one test process, each with its own engine on one shared budget."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import ExtBot

from ingest.http import Fetcher
from local_bot_api import LocalBotApi
from outbox.shared_budget import shared_budget
from runtime.services import BotServices
from storage.engine import create_session_factory
from tests.support.database import Database
from tests.support.world import make_app_bot, make_settings, summarize_first_sentence


@asynccontextmanager
async def shared_budget_instance(
    api: LocalBotApi, database: Database, rate_global_per_second: float
) -> AsyncIterator[tuple[BotServices, ExtBot[Any]]]:
    """One instance on the token's shared send budget (1 message a chat a second): its services
    (engine, pacer) and bot; its budget row and engine go when the block ends."""
    engine = database.engine()
    settings = make_settings(
        api,
        database,
        send_budget="shared",
        rate_global_per_second=rate_global_per_second,
        rate_per_chat_per_second=1,
    )
    try:
        async with Fetcher(allow_private=True) as fetcher, make_app_bot(api) as bot:
            services = BotServices(
                settings, engine, create_session_factory(engine), summarize_first_sentence, fetcher
            )
            async with shared_budget(services, api.token):
                yield services, bot
    finally:
        await engine.dispose()
