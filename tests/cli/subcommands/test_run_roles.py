"""``briefbot run --role``: each role starts only its parts; a bad role is one line, exit 2."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import multiprocessing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.app import TICK_JOB_NAME, WORKER_TASK_NAME, BotApplication
from bot.roles import Role
from cli import main as cli
from cli.subcommands import run
from cli.subcommands.run import RunOptions, serve
from local_bot_api import LocalBotApi
from runtime.services import utc_now
from runtime.settings import Settings
from storage.engine import create_session_factory
from storage.models import Delivery
from tests.support.database import Database, enqueue_message
from tests.support.factories import make_brief, make_subscriber
from tests.support.world import make_settings

FAST = RunOptions(connect_attempts=2, connect_delay=0.01, poll_timeout=1)
BUILD = {"summary_workers": 0, "tick_interval": 0.2, "get_updates_read_timeout": 3.0}
UPDATE_CALLS = ("getUpdates", "deleteWebhook", "setWebhook")


@dataclass(frozen=True)
class Parts:
    """What a running instance started: receiving updates, the tick job, the delivery worker
    (and how many summary processes)."""

    updates: bool
    tick: bool
    worker: bool
    summary_processes: int = 0


def parts_of(application: BotApplication) -> Parts:
    updater = application.updater
    assert application.job_queue is not None
    return Parts(
        updates=updater is not None and updater.running,
        tick=bool(application.job_queue.get_jobs_by_name(TICK_JOB_NAME)),
        worker=any(task.get_name() == WORKER_TASK_NAME for task in asyncio.all_tasks()),
        summary_processes=len(multiprocessing.active_children()),
    )


async def run_as(
    role: Role,
    settings: Settings,
    work: Callable[[], Awaitable[object]] | None = None,
    *,
    summary_workers: int = 0,
) -> Parts:
    """Run the bot in ``role`` until it is ready and ``work`` is done; the parts it started."""
    stop, started = asyncio.Event(), asyncio.Event()
    seen: list[Parts] = []

    def ready(application: BotApplication) -> None:
        seen.append(parts_of(application))
        started.set()

    build = BUILD | {"summary_workers": summary_workers}
    running = asyncio.create_task(serve(settings, FAST, stop=stop, role=role, ready=ready, **build))
    try:
        await asyncio.wait_for(started.wait(), 10)
        if work is not None:
            await asyncio.wait_for(work(), 10)
    finally:
        stop.set()
        assert await asyncio.wait_for(running, 10) == 0
    [parts] = seen
    return parts


async def add_due_digest_reader(database: Database) -> None:
    """A subscriber whose digest fell due a minute ago, and a brief for it."""
    engine = database.engine()
    now = utc_now()
    try:
        async with create_session_factory(engine)() as session, session.begin():
            session.add(make_subscriber(
                timezone="UTC", digest_time=dt.time(8, 0), created_at=now - dt.timedelta(days=1),
                next_digest_at=now - dt.timedelta(minutes=1),
            ))
            session.add(make_brief(ingested_at=now - dt.timedelta(hours=1)))
    finally:
        await engine.dispose()


async def wait_for_rows(database: Database, count: int) -> None:
    """Wait (bounded) until the outbox holds ``count`` rows."""
    engine = database.engine()
    try:
        for _ in range(100):
            async with create_session_factory(engine)() as session:
                if await session.scalar(select(func.count()).select_from(Delivery)) == count:
                    return
            await asyncio.sleep(0.1)
        raise AssertionError(f"the outbox never held {count} row(s)")
    finally:
        await engine.dispose()


@pytest.mark.parametrize(
    ("role", "parts"),
    [
        (Role.ALL, Parts(updates=True, tick=True, worker=True)),
        (Role.UPDATES, Parts(updates=True, tick=False, worker=False)),
        (Role.WORKER, Parts(updates=False, tick=False, worker=True)),
        (Role.SCHEDULER, Parts(updates=False, tick=True, worker=False)),
    ],
)
async def test_each_role_starts_only_its_parts(
    database: Database, role: Role, parts: Parts
) -> None:
    async with LocalBotApi() as api:
        started = await run_as(role, make_settings(api, database))
        assert started == parts
        assert len(api.calls("getMe")) >= 1  # every role checks the token at start
        if not role.receives_updates:
            assert [call for name in UPDATE_CALLS for call in api.calls(name)] == []
            assert api.calls("setMyCommands") == []


async def test_a_worker_delivers_and_never_asks_for_updates(database: Database) -> None:
    async with LocalBotApi() as api:
        chat = api.create_private_chat(first_name="Ada")
        await enqueue_message(database, chat.id, "From the outbox")

        await run_as(Role.WORKER, make_settings(api, database),
                     lambda: api.wait_for_messages(chat.id, 1, timeout=10))

        assert [m.text for m in api.messages(chat.id, from_bot=True)] == ["From the outbox"]
        assert [call for name in UPDATE_CALLS for call in api.calls(name)] == []


async def test_updates_answers_commands(database: Database) -> None:
    async with LocalBotApi() as api:
        chat = api.create_private_chat(first_name="Bob")

        async def start() -> None:
            api.user_sends(chat.id, "/start")
            await api.wait_for_messages(chat.id, 1, timeout=10)

        parts = await run_as(Role.UPDATES, make_settings(api, database), start)

        assert parts.updates and not parts.tick
        assert len(api.messages(chat.id, from_bot=True)) == 1
        assert api.calls("getUpdates")


async def test_a_scheduler_runs_the_tick(database: Database) -> None:
    await add_due_digest_reader(database)
    async with LocalBotApi() as api:
        await run_as(Role.SCHEDULER, make_settings(api, database),
                     lambda: wait_for_rows(database, 1))  # the tick enqueued the digest
        assert api.calls("getUpdates") == []


def test_a_bad_role_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_TOKEN", LocalBotApi().token)
    monkeypatch.setattr(cli, "register_all", run.register)
    assert cli.main(["run", "--role", "boss"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "briefbot run: --role must be one of all, updates, worker, scheduler, not 'boss'\n"
    )


@pytest.mark.parametrize(("role", "processes"), [(Role.WORKER, 0), (Role.SCHEDULER, 1)])
async def test_a_worker_starts_no_summary_processes(
    database: Database, role: Role, processes: int
) -> None:
    async with LocalBotApi() as api:
        started = await run_as(role, make_settings(api, database), summary_workers=1)
    assert started.summary_processes == processes


async def test_a_running_bot_has_frozen_its_start_up_heap(database: Database) -> None:
    frozen: list[int] = []
    stop = asyncio.Event()
    options = RunOptions(connect_attempts=2, connect_delay=0.01, poll_timeout=1, freeze_heap=True)

    def ready(_: BotApplication) -> None:
        frozen.append(gc.get_freeze_count())
        stop.set()

    before = gc.get_freeze_count()
    async with LocalBotApi() as api:
        running = serve(make_settings(api, database), options, stop=stop, role=Role.WORKER,
                        ready=ready, **BUILD)
        try:
            assert await asyncio.wait_for(running, 10) == 0
        finally:
            gc.unfreeze()  # the test process's objects go back to the collector
    assert len(frozen) == 1 and frozen[0] > before


def test_the_cli_runs_the_bot_with_its_heap_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_TOKEN", LocalBotApi().token)
    monkeypatch.setattr(cli, "register_all", run.register)
    seen: list[RunOptions] = []

    async def fake_serve(settings: Settings, options: RunOptions, **_: object) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(run, "serve", fake_serve)
    assert cli.main(["run", "--role", "worker"]) == 0
    assert [options.freeze_heap for options in seen] == [True]
