"""One world for driving briefbot: the local Bot API, a real PTB bot, the services and a clock.

Two ways to start it, on a migrated :class:`~tests.support.database.Database`:

* :func:`running_bot`: the real bot built by ``bot.app.build_application``, polling the local
  server (handlers, its own delivery worker); tests play users with :meth:`World.say`;
* :func:`outbox_world`: no handlers and no polling, only the services, a real bot and a
  :class:`DeliveryWorker` the test drives (``await w.worker.drain()``), for the tick and outbox.
"""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot.app import BotApplication, build_application, running
from ingest.http import Fetcher
from ingest.items import BriefCandidate
from ingest.pipeline import IngestReport, ingest_items
from local_bot_api import LocalBotApi, StoredMessage, User
from outbox.send import bot_defaults
from outbox.worker import DeliveryWorker
from rendering.parts import MessagePart, parts_to_payload
from runtime.services import BotServices
from runtime.settings import Settings
from storage.engine import create_session_factory
from storage.models import Brief, Delivery, DeliveryKind, RuleKind, Subscriber, TopicRule
from storage.repositories import DeliveryRepository
from tests.support.database import Database, sqlite_url
from tests.support.factories import make_brief, make_subscriber

START = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC)
SENTINEL = "/help"  # a command every chat but a channel answers, with a reply known by its start
SENTINEL_REPLY_START = "What I can do"


@dataclass
class Clock:
    """A settable clock for the bot (``services.now()``)."""

    now: dt.datetime = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        """Move the clock on by ``datetime.timedelta(**delta)``; the new instant."""
        self.now += dt.timedelta(**delta)
        return self.now


async def summarize_first_sentence(text: str, title: str | None) -> Sequence[str]:
    """A tiny summarizer: the first sentence."""
    return [text.split(". ")[0].strip().rstrip(".") + "."]


def make_settings(api: LocalBotApi, database: Database | Path, **overrides: Any) -> Settings:
    """Settings pointing at ``api`` and ``database`` (no ``.env`` file is read)."""
    url = database.url if isinstance(database, Database) else sqlite_url(database)
    values: dict[str, Any] = {
        "telegram_token": api.token,
        "telegram_api_url": api.url,
        "database_url": url,
        "timezone": "UTC",
        "digest_time": dt.time(8, 0),
        "allow_private_urls": True,  # tests serve feeds and pages on 127.0.0.1
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def make_bot(api: LocalBotApi, *, read_timeout: float = 5.0) -> Bot:
    """A plain ``telegram.Bot`` talking to ``api`` over HTTP (no defaults, no rate limiter)."""
    return Bot(
        api.token,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        request=HTTPXRequest(read_timeout=read_timeout),
        get_updates_request=HTTPXRequest(read_timeout=read_timeout),
    )


def make_app_bot(api: LocalBotApi, *, rate_limited: bool = False) -> ExtBot[Any]:
    """A real PTB bot on ``api`` with the app's defaults; with ``AIORateLimiter`` as the app has."""
    limiter = AIORateLimiter(
        overall_max_rate=30, overall_time_period=1, group_max_rate=20, group_time_period=60,
        max_retries=0,
    )
    return ExtBot(api.token, base_url=api.base_url, base_file_url=api.base_file_url,
                  request=HTTPXRequest(read_timeout=5.0), defaults=bot_defaults(),
                  rate_limiter=limiter if rate_limited else None)


def services_of_app(application: BotApplication) -> BotServices | None:
    """The services a built bot keeps (None until ``post_init`` stored them): the one place."""
    return application.bot_data.services


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@dataclass
class World:
    """The local server, a bot, the services with a clock; helpers to play users and fill rows."""

    api: LocalBotApi
    bot: ExtBot[Any]
    services: BotServices
    clock: Clock
    admin: User
    test_worker: DeliveryWorker | None = None  # outbox worlds only
    app: BotApplication | None = None  # running bots only

    @property
    def settings(self) -> Settings:
        """The settings the services were built with."""
        return self.services.settings

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        """The services' session factory."""
        return self.services.session_factory

    @property
    def worker(self) -> DeliveryWorker:
        """The delivery worker the test drives (a running bot has its own instead)."""
        assert self.test_worker is not None, "only an outbox world has a test-driven worker"
        return self.test_worker

    # -- playing users (running bots) ----------------------------------------------------------
    async def say(
        self, chat_id: int, text: str, *, user: User | None = None, replies: int = 1, **kw: Any
    ) -> list[StoredMessage]:
        """A user sends ``text``; wait for the bot's next ``replies`` messages there."""
        after = self.last_bot_message_id(chat_id)
        self.api.user_sends(chat_id, text, user=user, **kw)
        return await self.api.wait_for_messages(chat_id, replies, timeout=5, after_message_id=after)

    def last_bot_message_id(self, chat_id: int) -> int:
        """The id of the bot's newest message in ``chat_id`` (0 if none)."""
        bot_messages = self.api.messages(chat_id, from_bot=True, include_deleted=True)
        return bot_messages[-1].message_id if bot_messages else 0

    def bot_messages_after(self, chat_id: int, after: int) -> list[StoredMessage]:
        """The bot's messages in ``chat_id`` newer than message ``after``."""
        return [m for m in self.api.messages(chat_id, from_bot=True) if m.message_id > after]

    async def replies_before_sentinel(
        self, chat_id: int, after: int, *, user: User | None = None
    ) -> list[StoredMessage]:
        """The bot's messages after ``after``, once a sentinel sent now has been answered.

        The bot handles one chat's updates one at a time and in order (bot.updates), so when
        the sentinel's reply arrives every update sent to that chat before it has been
        handled: what they produced is here.
        """

        def is_sentinel_reply(message: StoredMessage) -> bool:
            return (message.text or "").startswith(SENTINEL_REPLY_START)

        def answered() -> bool:
            return any(map(is_sentinel_reply, self.bot_messages_after(chat_id, after)))

        self.api.user_sends(chat_id, SENTINEL, user=user)
        assert await self.api.changed.wait_until(answered, 5), f"{SENTINEL} was not answered"
        return [m for m in self.bot_messages_after(chat_id, after) if not is_sentinel_reply(m)]

    async def ingest(self, *candidates: BriefCandidate) -> IngestReport:
        """Store briefs through the real ingest pipeline."""
        return await ingest_items(
            list(candidates), session_factory=self.sessions, summarize=summarize_first_sentence
        )

    # -- rows in the database ------------------------------------------------------------------
    async def add(self, *rows: Any) -> None:
        """Store ``rows`` in one transaction."""
        async with self.sessions() as session, session.begin():
            session.add_all(rows)

    async def add_subscriber(self, **fields: Any) -> Subscriber:
        """An active private-chat subscriber with a chat on the server (digest at 08:00 UTC)."""
        chat_id = fields.pop("chat_id", None) or self.api.create_private_chat().id
        values: dict[str, Any] = {
            "chat_id": chat_id, "timezone": "UTC", "digest_time": dt.time(8, 0),
            "created_at": self.clock.now,
        }
        values.update(fields)
        subscriber = make_subscriber(**values)
        await self.add(subscriber)
        return subscriber

    async def add_brief(self, **fields: Any) -> Brief:
        """A stored brief, ingested an hour ago unless told otherwise."""
        fields.setdefault("ingested_at", self.clock.now - dt.timedelta(hours=1))
        brief = make_brief(**fields)
        await self.add(brief)
        return brief

    async def add_rule(
        self,
        subscriber: Subscriber,
        kind: RuleKind,
        phrase: str,
        created_at: dt.datetime,
        written: str | None = None,
    ) -> None:
        """A follow or mute rule of ``subscriber`` (``written``: as the reader gave it)."""
        await self.add(TopicRule(subscriber_id=subscriber.id, kind=kind, phrase=phrase,
                                 written=written, created_at=created_at))

    async def enqueue(self, subscriber: Subscriber, *texts: str, key: str = "m") -> int:
        """A pending message row of ``texts`` (one part each) for ``subscriber``, due now."""
        payload = parts_to_payload([MessagePart(text) for text in texts])
        async with self.sessions() as session, session.begin():
            row = await DeliveryRepository(session).enqueue(
                subscriber.id, DeliveryKind.MESSAGE, due_at=self.clock.now, payload=payload,
                dedup_key=key,
            )
            assert row is not None
            return row.id

    async def row(self, delivery_id: int) -> Delivery:
        """The outbox row ``delivery_id`` as stored now."""
        async with self.sessions() as session:
            row = await session.get(Delivery, delivery_id)
            assert row is not None
            return row

    async def deliveries(self) -> list[Delivery]:
        """Every outbox row, oldest first."""
        async with self.sessions() as session:
            return list((await session.scalars(select(Delivery).order_by(Delivery.id))).all())

    async def subscriber(self, subscriber_id: int) -> Subscriber:
        """The subscriber ``subscriber_id`` as stored now."""
        async with self.sessions() as session:
            found = await session.get(Subscriber, subscriber_id)
            assert found is not None
            return found

    def texts(self, chat_id: int) -> list[str]:
        """The texts in ``chat_id``'s transcript, in order."""
        return [message.text or "" for message in self.api.messages(chat_id)]


@asynccontextmanager
async def running_bot(
    database: Database, *, settings: dict[str, Any] | None = None, **build: Any
) -> AsyncIterator[World]:
    """The local Bot API and the real bot polling it, on ``database``; both stopped afterwards.

    ``build`` overrides ``build_application``'s options (no tick, in-process summaries);
    ``settings`` overrides settings (``make_settings``).
    """
    clock = Clock()
    async with LocalBotApi(bot_username="briefbot_bot") as api:
        admin = api.create_user("Ada", username="ada")
        overrides: dict[str, Any] = {"admin_ids": frozenset({admin.id}), **(settings or {})}
        settings_ = make_settings(api, database, **overrides)
        options: dict[str, Any] = {
            "clock": clock,
            "summary_workers": 0,
            "tick_interval": None,
            "get_updates_read_timeout": 3.0,
        }
        options.update(build)
        application = build_application(settings_, **options)
        async with running(application, poll_timeout=1):
            services = services_of_app(application)
            assert services is not None, "the bot started without its services"
            yield World(api, application.bot, services, clock, admin, app=application)


@asynccontextmanager
async def outbox_world(
    database: Database,
    *,
    rate_limited: bool = False,
    transport: httpx.AsyncBaseTransport | None = None,
    **settings: Any,
) -> AsyncIterator[World]:
    """The local Bot API, a real bot and services on ``database`` with a test clock and worker.

    ``transport`` serves the fetcher's HTTP requests; ``settings`` override the defaults.
    """
    engine = database.engine()
    clock = Clock()
    values: dict[str, Any] = {"rate_per_chat_per_second": 100.0, "delivery_max_attempts": 3}
    values.update(settings)
    try:
        async with LocalBotApi() as api, Fetcher(
            transport=transport, allow_private=True
        ) as fetcher:
            services = BotServices(
                make_settings(api, database, **values), engine, create_session_factory(engine),
                summarize_first_sentence, fetcher, clock,
            )
            admin = api.create_user("Ada", username="ada")
            async with make_app_bot(api, rate_limited=rate_limited) as bot:
                worker = DeliveryWorker(services, bot, idle_seconds=0.05)
                yield World(api, bot, services, clock, admin, test_worker=worker)
    finally:
        await engine.dispose()
