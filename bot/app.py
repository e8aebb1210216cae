"""The Telegram application: settings in, a ready python-telegram-bot ``Application`` out.

``build_application`` wires the typed context (:mod:`bot.context`), the bot's defaults (HTML,
no link previews: :func:`outbox.send.bot_defaults`), the handlers and lifecycle hooks; updates
of different chats are handled concurrently and one chat's in order (:mod:`bot.updates`).
Nothing is opened until ``post_init`` runs (``Application.run_polling``/``run_webhook`` call
it, and so does :func:`running`, which tests and the demo use in their own event loop):

* ``post_init`` opens :class:`BotServices` with :func:`runtime.root.open_services` (the
  engine unless one was injected, its schema check, the summary pool, the fetcher; behind:
  :class:`storage.schema.SchemaBehindError`, whose one line names ``briefbot db upgrade``),
  puts them on ``bot_data`` (handlers read ``context.services``, see
  :mod:`bot.context`), joins the token's shared send budget when the instance sends and
  ``BRIEFBOT_SEND_BUDGET`` says so (:mod:`outbox.shared_budget`) and, as the role
  (:mod:`bot.roles`) says, publishes the command menu (a role that receives updates),
  schedules the tick job, starts the delivery worker and, with ``BRIEFBOT_METRICS_PORT``
  set, the health and metrics endpoint (:mod:`bot.health`);
* ``post_stop`` stops the worker while the bot can still be used;
* ``post_shutdown`` closes what ``post_init`` opened, newest first.

Stopping is bounded even when the database hangs: the tick job is paused before the
application stops (so none starts meanwhile, which the scheduler's shutdown cancelled and
logged as an error) and a running one gets :data:`bot.jobs.TICK_STOP_GRACE_SECONDS`, then is
cancelled and ends as a normal run; leaving the shared send budget (a DELETE) gets
:data:`LEAVE_BUDGET_SECONDS` (the row then lapses with its lease); the engine is disposed
within seconds (:func:`storage.engine.dispose_engine`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, ApplicationBuilder

from bot.context import BotApplication as BotApplication
from bot.context import context_types
from bot.handlers import ALLOWED_UPDATES, register_handlers
from bot.handlers.menus import publish_command_menus, republish_chat_menus
from bot.health import health_server
from bot.jobs import TICK_JOB_NAME, TickRuns, stop_ticks
from bot.request import AiohttpRequest
from bot.roles import Role
from bot.updates import ChatOrderedUpdateProcessor
from outbox.send import bot_defaults
from rendering.translation import Catalogues
from runtime.root import open_services
from runtime.services import BotServices, Clock, utc_now
from runtime.settings import Settings
from storage.engine import within_or_drop
from tick.job import TICK_INTERVAL_SECONDS

_LOG = logging.getLogger(__name__)
WORKER_TASK_NAME = "briefbot-delivery-worker"
MENUS_TASK_NAME = "briefbot-chat-menus"
LEAVE_BUDGET_SECONDS = 2.0
# The delivery worker gives its claims back within 3 s (outbox.worker), then stops.
STOP_TASKS_SECONDS = 4.0
_T = TypeVar("_T")


def bot_api_urls(settings: Settings) -> tuple[str, str]:
    """``(base_url, base_file_url)`` for PTB: the bot calls ``<root>/bot<token>/<method>``."""
    root = settings.telegram_api_url
    return f"{root}/bot", f"{root}/file/bot"


def require_token(settings: Settings) -> str:
    """The bot token; ``ValueError`` (one line) when it is not configured."""
    if settings.telegram_token is None:
        raise ValueError("BRIEFBOT_TELEGRAM_TOKEN is not set; get a token from @BotFather")
    return settings.telegram_token.get_secret_value()


@dataclass
class Lifecycle:
    """What the bot opens in ``post_init`` and closes in ``post_stop``/``post_shutdown``."""

    settings: Settings
    clock: Clock = utc_now
    engine: AsyncEngine | None = None
    summary_workers: int | None = None
    tick_interval: float | None = TICK_INTERVAL_SECONDS
    role: Role = Role.ALL
    catalogues: Catalogues | None = None
    resources: contextlib.AsyncExitStack = field(default_factory=contextlib.AsyncExitStack)
    worker: asyncio.Task[None] | None = None
    menus: asyncio.Task[int | None] | None = None

    async def open(self, application: BotApplication) -> None:
        """Open the services (see :func:`runtime.root.open_services`); start the role's parts."""
        services = await self.resources.enter_async_context(
            open_services(
                self.settings,
                engine=self.engine,
                clock=self.clock,
                # 0: in-process, no processes, for a role that never summarizes
                summary_workers=self.summary_workers if self.role.summarizes else 0,
                catalogues=self.catalogues,
            )
        )
        application.bot_data.services = services
        if services.settings.shared_send_budget and self.role.sends:
            from outbox.shared_budget import shared_budget

            # A heartbeat task, cancelled (and this instance's row deleted) by `close`.
            await _enter_bounded(
                self.resources,
                shared_budget(services, require_token(self.settings)),
                services.engine,
                LEAVE_BUDGET_SECONDS,
                "leaving the shared send budget",
            )
        if self.role.receives_updates:
            try:
                await publish_command_menus(application.bot, services.catalogues)
            except TelegramError as error:  # the bot works without its menu; the next start
                _LOG.warning("command menus not published: %s", error)
            # The chats' own menus (bot.handlers.menus) in the background: one call per chat.
            self.menus = asyncio.create_task(
                _republish_menus(services, application), name=MENUS_TASK_NAME
            )
        interval = self.tick_interval if self.role.runs_tick else None
        if interval is not None and application.job_queue is not None:
            application.job_queue.run_repeating(
                TickRuns().run, interval=interval, first=1, name=TICK_JOB_NAME
            )
        if self.role.delivers:
            self.worker = asyncio.create_task(
                _deliver_forever(services, application), name=WORKER_TASK_NAME
            )
        server = health_server(application, services, self.role, interval)
        if server is not None:  # BRIEFBOT_METRICS_PORT is set
            await server.start()
            self.resources.push_async_callback(server.stop)

    async def stop(self, application: BotApplication) -> None:
        """Stop the delivery worker and the menus' publishing (the bot is still usable here)."""
        tasks = [task for task in (self.worker, self.menus) if task is not None]
        self.worker = self.menus = None
        for task in tasks:
            task.cancel()
        services = application.bot_data.services
        if services is None or not tasks:
            await _await_all(tasks)
            return
        # A worker waiting on a hung database (its LISTEN connection, giving claims back)
        # would hold the shutdown until the database answers: its connections are dropped.
        await within_or_drop(
            services.engine, _await_all(tasks), STOP_TASKS_SECONDS, "stopping the delivery worker"
        )

    async def close(self, application: BotApplication) -> None:
        """Close what ``open`` opened, newest first; safe after a partial ``open``."""
        await self.stop(application)
        application.bot_data.services = None
        await self.resources.aclose()


async def _await_all(tasks: list[asyncio.Task[Any]]) -> None:
    """Await every task, whatever one of them ended with (close must still run); log errors."""
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    for task, outcome in zip(tasks, outcomes, strict=True):
        if isinstance(outcome, Exception):
            _LOG.error("%s had stopped with %r", task.get_name(), outcome)


async def _enter_bounded(
    stack: contextlib.AsyncExitStack,
    manager: AbstractAsyncContextManager[_T],
    engine: AsyncEngine,
    seconds: float,
    what: str,
) -> _T:
    """Enter ``manager`` on ``stack``; past ``seconds``, its exit's database connections are
    dropped so that it fails at once (:func:`storage.engine.within_or_drop`)."""
    inner = contextlib.AsyncExitStack()
    value = await inner.enter_async_context(manager)

    async def leave() -> None:
        await within_or_drop(engine, inner.aclose(), seconds, what)

    stack.push_async_callback(leave)
    return value


async def _republish_menus(services: BotServices, application: BotApplication) -> int | None:
    """The chats' own menus again if the menus changed; a failure is logged, never raised."""
    try:
        return await republish_chat_menus(
            application.bot, services.catalogues, services.session_factory, services.engine
        )
    except Exception:
        _LOG.exception("could not publish the chats' command menus again")
        return None


async def _deliver_forever(services: BotServices, application: BotApplication) -> None:
    """The delivery worker's loop, for the lifetime of the application."""
    from outbox.worker import DeliveryWorker

    await DeliveryWorker(services, application.bot).run()


def build_application(
    settings: Settings,
    *,
    clock: Clock | None = None,
    engine: AsyncEngine | None = None,
    summary_workers: int | None = None,
    tick_interval: float | None = TICK_INTERVAL_SECONDS,
    get_updates_read_timeout: float = 30.0,
    role: Role = Role.ALL,
    catalogues: Catalogues | None = None,
) -> BotApplication:
    """The bot's ``Application``; ``engine`` (kept open) and ``clock`` are for tests and the demo.

    ``summary_workers=0`` summarizes in-process; ``tick_interval=None`` schedules no tick. A
    ``role`` that receives no updates gets no ``Updater``, so it can never call getUpdates.
    ``catalogues`` replace the shipped ones (a test's pseudo-locale).
    """
    base_url, base_file_url = bot_api_urls(settings)
    lifecycle = Lifecycle(
        settings,
        clock=clock or utc_now,
        engine=engine,
        summary_workers=summary_workers,
        tick_interval=tick_interval,
        role=role,
        catalogues=catalogues,
    )
    builder = (
        ApplicationBuilder()
        .context_types(context_types())
        .defaults(bot_defaults())
        .token(require_token(settings))
        .base_url(base_url)
        .base_file_url(base_file_url)
        .get_updates_read_timeout(get_updates_read_timeout)
        # Sends (digests, replies) on aiohttp: a fraction of httpx's CPU per call (bot.request).
        .request(AiohttpRequest())
        # Chats are answered side by side, each chat's updates in order (bot.updates).
        .concurrent_updates(ChatOrderedUpdateProcessor())
        .rate_limiter(
            AIORateLimiter(
                # The overall budget is paced evenly by services.pacer (outbox.budget);
                # this limiter keeps the per-group limit only.
                overall_max_rate=0,
                overall_time_period=1,
                group_max_rate=settings.rate_group_per_minute,
                group_time_period=60,
                max_retries=0,
            )
        )
        .post_init(lifecycle.open)
        .post_stop(lifecycle.stop)
        .post_shutdown(lifecycle.close)
    )
    if not role.receives_updates:
        builder = builder.updater(None)
    application = builder.build()
    register_handlers(application)
    return application


@contextlib.asynccontextmanager
async def running(
    application: BotApplication, *, poll_timeout: int = 1
) -> AsyncIterator[BotApplication]:
    """Run ``application`` with long polling inside the current event loop, as run_polling would.

    On exit: stop polling, stop (``post_stop``), shut down, then ``post_shutdown``.
    """
    try:
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(
            timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES
        )
        yield application
    finally:
        await wind_down(application)


async def wind_down(application: BotApplication) -> None:
    """Stop whatever of ``application`` is running and close what it opened (idempotent).

    Summaries under way are stopped first: ``Application.stop`` waits for running handlers,
    and an ``/add`` (or a poll) waiting for a slow summary would hold the shutdown until the
    summary ended (issue 10: over two minutes after SIGTERM).
    """
    services = application.bot_data.services
    if services is not None:
        await services.stop_summaries()
    try:
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await stop_ticks(application)
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        # A start that failed in getMe left the bot uninitialised, so PTB shuts nothing down;
        # aiohttp would report the open session when it is collected (bot.request).
        await application.bot.request.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
