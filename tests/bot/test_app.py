"""The composition root: lifecycle, schema check, and the tick job feeding the delivery worker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from bot.app import build_application, running
from local_bot_api import LocalBotApi
from storage.models import SendBudgetMember
from storage.schema import SchemaBehindError
from tests.support.database import Database, empty_tables
from tests.support.factories import brief
from tests.support.world import make_settings, running_bot


async def test_schema_behind_stops_start_up_naming_the_upgrade_command(tmp_path: Path) -> None:
    async with LocalBotApi() as api:
        settings = make_settings(api, tmp_path / "empty.db")
        application = build_application(settings, summary_workers=0, tick_interval=None)
        with pytest.raises(SchemaBehindError, match="briefbot db upgrade"):
            async with running(application):
                pass
        assert application.bot_data.services is None
        assert api.calls("setMyCommands") == []


def test_building_without_a_token_is_a_one_line_error(tmp_path: Path) -> None:
    settings = make_settings(
        LocalBotApi(), tmp_path / "x.db", telegram_token=None, telegram_api_url="http://127.0.0.1:9"
    )
    with pytest.raises(ValueError, match="BRIEFBOT_TELEGRAM_TOKEN is not set"):
        build_application(settings)


async def test_tick_job_enqueues_the_due_digest_and_the_worker_delivers_it(
    database: Database,
) -> None:
    async with running_bot(database, tick_interval=0.5) as world:
        # Briefs are stamped by the real clock, so the bot's clock starts at real time here.
        world.clock.now = now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
        chat = world.api.create_private_chat(first_name="Bob")
        await world.say(chat.id, "/start")
        await world.ingest(brief("Ceasefire talks", "Israel and Hamas negotiators met in Cairo."))
        await world.say(chat.id, f"/digest {now + dt.timedelta(minutes=2):%H:%M}")
        world.clock.now = now + dt.timedelta(minutes=3)
        [digest] = await world.api.wait_for_messages(
            chat.id, 1, timeout=5, after_message_id=world.last_bot_message_id(chat.id)
        )
        assert digest.text.startswith("Digest for ") and "· 1 new brief" in digest.text
        assert "Ceasefire talks" in digest.text and digest.callback_data


async def test_follow_alert_is_pushed_when_a_matching_brief_arrives(
    database: Database,
) -> None:
    async with running_bot(database, tick_interval=0.5) as world:
        world.clock.now = dt.datetime.now(dt.UTC)
        chat = world.api.create_private_chat(first_name="Bob")
        await world.say(chat.id, "/start")
        await world.say(chat.id, "/follow israel")
        after = world.last_bot_message_id(chat.id)
        await world.ingest(brief("Ceasefire talks", "Israel and Hamas negotiators met in Cairo."))
        world.clock.now = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
        [alert] = await world.api.wait_for_messages(chat.id, 1, timeout=5, after_message_id=after)
        assert "New on israel" in alert.text and "Ceasefire talks" in alert.text


async def test_on_postgresql_the_bot_joins_the_shared_budget_and_leaves_it_on_shutdown(
    migrated_postgres: Database,
) -> None:
    await empty_tables(migrated_postgres)
    engine = migrated_postgres.engine()
    try:
        async with running_bot(migrated_postgres, engine=engine) as world:
            async with world.sessions() as session:
                members = (await session.scalars(select(SendBudgetMember))).all()
            answers = await world.say(world.api.create_private_chat().id, "/help")
        async with async_sessionmaker(engine)() as session:
            after = (await session.scalars(select(SendBudgetMember))).all()
    finally:
        await engine.dispose()

    assert [m.claim for m in members] == [30]  # alone: the whole budget (default L = 30)
    assert answers[0].text is not None and answers[0].text.startswith("What I can do")
    assert after == []
