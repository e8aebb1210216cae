"""A world for the tick and the delivery worker: local Bot API, real PTB Bot, migrated DB, clock."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import secrets
import shutil
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from ingest.http import Fetcher
from local_bot_api import LocalBotApi
from outbox.send import bot_defaults
from outbox.worker import DeliveryWorker
from rendering.messages import MessagePart, parts_to_payload
from runtime.services import BotServices
from runtime.settings import Settings
from storage.engine import create_engine, create_session_factory
from storage.models import Brief, Delivery, DeliveryKind, RuleKind, Subscriber, TopicRule
from storage.repositories import DeliveryRepository
from storage.schema import upgrade
from tests.support.factories import make_brief, make_subscriber

START = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC)
POSTGRES_URL = os.environ.get(
    "BRIEFBOT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
TABLES = "cursors, deliveries, topic_rules, subscribers, brief_fingerprints, briefs, sources"


@dataclass
class Clock:
    """A settable clock for ``services.now()``."""

    now: dt.datetime = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@dataclass(frozen=True)
class Database:
    """A migrated database: a SQLite file or a private PostgreSQL schema."""

    url: str
    schema: str | None = None


def sqlite_template(folder: Path) -> Path:
    """A migrated SQLite file, made once per session and copied per test."""
    path = folder / "template.db"
    if not path.exists():
        asyncio.run(upgrade(f"sqlite+aiosqlite:///{path}"))
    return path


def sqlite_copy(template: Path, folder: Path) -> Database:
    """A fresh copy of the migrated template."""
    shutil.copyfile(template, folder / "briefbot.db")
    return Database(f"sqlite+aiosqlite:///{folder / 'briefbot.db'}")


async def _admin(statement: str) -> None:
    engine = create_engine(POSTGRES_URL)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


def postgres_schema() -> Database:
    """A private migrated PostgreSQL schema; the test is skipped if the server is down."""
    schema = f"briefbot_jobs_{secrets.token_hex(5)}"
    try:
        asyncio.run(asyncio.wait_for(_admin(f'CREATE SCHEMA "{schema}"'), 15))
    except (OSError, TimeoutError, ConnectionError) as error:
        pytest.skip(f"PostgreSQL unreachable at {POSTGRES_URL}: {error}")
    asyncio.run(upgrade(POSTGRES_URL, schema=schema))
    return Database(POSTGRES_URL, schema)


def drop_postgres_schema(database: Database) -> None:
    asyncio.run(_admin(f'DROP SCHEMA IF EXISTS "{database.schema}" CASCADE'))


async def summarise_first_sentence(text: str, title: str | None) -> Sequence[str]:
    """A tiny summariser: the first sentence."""
    return [text.split(". ")[0].strip().rstrip(".") + "."]


def make_settings(api: LocalBotApi, database: Database, **overrides: Any) -> Settings:
    """Settings for ``api`` and ``database``; nothing read from the environment."""
    values: dict[str, Any] = {
        "telegram_token": api.token,
        "telegram_api_url": api.url,
        "database_url": database.url,
        "rate_per_chat_per_second": 100.0,
        "delivery_max_attempts": 3,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def make_bot(api: LocalBotApi, *, rate_limited: bool = False) -> ExtBot[Any]:
    """A real PTB bot on ``api`` with the app's defaults; with ``AIORateLimiter`` as the app has."""
    limiter = AIORateLimiter(
        overall_max_rate=30, overall_time_period=1, group_max_rate=20, group_time_period=60,
        max_retries=0,
    )
    return ExtBot(api.token, base_url=api.base_url, base_file_url=api.base_file_url,
                  request=HTTPXRequest(read_timeout=5.0), defaults=bot_defaults(),
                  rate_limiter=limiter if rate_limited else None)


@dataclass
class World:
    """The local server, a real bot, the services (with a clock) and a delivery worker."""

    api: LocalBotApi
    bot: ExtBot[Any]
    services: BotServices
    clock: Clock
    worker: DeliveryWorker

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        return self.services.session_factory

    async def add(self, *rows: Any) -> None:
        async with self.sessions() as session, session.begin():
            session.add_all(rows)

    async def add_reader(self, **fields: Any) -> Subscriber:
        """An active private-chat reader with a chat on the server (digest at 08:00 UTC)."""
        chat_id = fields.pop("chat_id", None) or self.api.create_private_chat().id
        values: dict[str, Any] = {
            "chat_id": chat_id, "timezone": "UTC", "digest_time": dt.time(8, 0),
            "created_at": self.clock.now,
        }
        values.update(fields)
        reader = make_subscriber(**values)
        await self.add(reader)
        return reader

    async def add_brief(self, **fields: Any) -> Brief:
        """A stored brief, ingested an hour ago unless told otherwise."""
        fields.setdefault("ingested_at", self.clock.now - dt.timedelta(hours=1))
        brief = make_brief(**fields)
        await self.add(brief)
        return brief

    async def add_rule(
        self, reader: Subscriber, kind: RuleKind, phrase: str, created_at: dt.datetime
    ) -> None:
        await self.add(TopicRule(subscriber_id=reader.id, kind=kind, phrase=phrase,
                                 created_at=created_at))

    async def enqueue(self, reader: Subscriber, *texts: str, key: str = "m") -> int:
        """A pending message row of ``texts`` (one part each) for ``reader``, due now."""
        payload = parts_to_payload([MessagePart(text) for text in texts])
        async with self.sessions() as session, session.begin():
            row = await DeliveryRepository(session).enqueue(
                reader.id, DeliveryKind.MESSAGE, due_at=self.clock.now, payload=payload,
                dedup_key=key,
            )
            assert row is not None
            return row.id

    async def row(self, delivery_id: int) -> Delivery:
        async with self.sessions() as session:
            row = await session.get(Delivery, delivery_id)
            assert row is not None
            return row

    def texts(self, chat_id: int) -> list[str]:
        """The texts the bot has sent to ``chat_id``, in order."""
        return [message.text or "" for message in self.api.messages(chat_id)]

    async def deliveries(self) -> list[Delivery]:
        async with self.sessions() as session:
            return list((await session.scalars(select(Delivery).order_by(Delivery.id))).all())

    async def reader(self, reader_id: int) -> Subscriber:
        async with self.sessions() as session:
            found = await session.get(Subscriber, reader_id)
            assert found is not None
            return found


@asynccontextmanager
async def world(
    database: Database,
    *,
    rate_limited: bool = False,
    transport: httpx.AsyncBaseTransport | None = None,
    **settings: Any,
) -> AsyncIterator[World]:
    """Start the local Bot API and a real bot; services on ``database`` with a test clock."""
    engine = create_engine(database.url, schema=database.schema)
    if database.schema is not None:
        async with engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    clock = Clock()
    try:
        async with LocalBotApi() as api, Fetcher(transport=transport) as fetcher:
            services = BotServices(
                make_settings(api, database, **settings), engine, create_session_factory(engine),
                summarise_first_sentence, fetcher, clock,
            )
            async with make_bot(api, rate_limited=rate_limited) as bot:
                worker = DeliveryWorker(services, bot, idle_seconds=0.05)
                yield World(api, bot, services, clock, worker)
    finally:
        await engine.dispose()
