"""Broadcast: N subscribers due at one minute, delivered by one instance against flood limits.

Each subscriber is a private chat on the project's local Bot API server, run in a process
of its own as Telegram would be (its CPU is not the bot's), which enforces
``RateLimits(global_per_second=L, per_chat_per_second=1)`` over sliding windows (429 with
``retry_after`` above them). Every subscriber's digest is due now and a few briefs arrived in
the last hours, so each digest is one message. The benchmark times the tick stages that build
the N digests (``enqueue_due_digests``, run back to back until none is due), then runs the real
delivery path: ``outbox.worker.DeliveryWorker`` on the bot ``bot.app.build_application``
builds (its rate limiter included), as ``briefbot run`` does, until every digest was accepted.

Reported per database and L: the build time, achieved msg/s ÷ L from the first to the last
accepted message (server timestamps), the most messages the server accepted in any sliding
second, 429s received, lost (a subscriber without its digest) and duplicated (more than one).
SQLite always; PostgreSQL with ``--database-url`` (a database of its own, dropped after, so its
backends and their CPU are told apart from other jobs on the server).
Writes ``benchmarks/results/broadcast.{json,md}`` (``--results-name NAME``: ``NAME.{json,md}``,
so runs do not overwrite each other); ``--profile`` prints cProfile's top functions of the build
and delivery phases (by own and by cumulative time; the stats go to
``$TMPDIR/broadcast-<phase>.pstats``). Each case also reports the CPU milliseconds per message
of the bot, the Bot API stand-in and PostgreSQL's backends during delivery
(:mod:`benchmarks.cpu`): the largest names the ceiling on a machine of two cores.

``--instances 1,2,3`` (PostgreSQL only, with ``--database-url``) delivers instead with N real
``briefbot run --role worker`` subprocesses on a database of their own, each with its own CPU
and its share of one send budget (``BRIEFBOT_SEND_BUDGET=shared``, ``outbox/shared_budget.py``);
the rate is measured from the first to the last accepted message as above (``--send-budget
local``: each worker applies L alone, the old behaviour, for comparison). As in a deployment,
where the instances run long before readers' digests fall due, the digests are built first and
held back (due a day later) until every worker has joined the send budget and holds its equal
share of it, then made due at once and announced as the tick announces what it enqueues
(``outbox/notices.py``).
``--due-at-start`` makes them due before the workers start instead (how this was measured
until 2026-12-03: the span then also holds the other workers' start-up, on the same two
cores). Writes
``benchmarks/results/broadcast_instances.{json,md}`` (or ``--results-name``). ``--profile``
with ``--instances`` runs each worker under ``python -m cProfile`` (stopped with SIGTERM once
everything was delivered, so it writes its stats) and prints the first worker's top functions;
the stats go to ``$TMPDIR/broadcast-worker-<L>-<n>.pstats``.

    uv run --extra test python benchmarks/broadcast.py [--subscribers 5000] [--limits 30,300]
        [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/test] [--profile]
        [--instances 1,2,3 [--send-budget local] [--due-at-start]] [--results-name NAME]
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import cProfile
import datetime as dt
import gc
import hashlib
import io
import json
import pstats
import secrets
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr
from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.cpu import (  # noqa: E402
    backends_spent,
    cpu_seconds,
    per_message,
    postgres_backends,
    total_cpu_seconds,
)
from benchmarks.report import save_results  # noqa: E402
from benchmarks.scratch_database import scratch_database  # noqa: E402
from bot.app import build_application  # noqa: E402
from cli.subcommands.run import freeze_startup_heap  # noqa: E402
from ingest.http import Fetcher  # noqa: E402
from local_bot_api import CallRecord, LocalBotApi, RateLimits  # noqa: E402
from outbox.notices import announce_deliveries  # noqa: E402
from outbox.worker import DeliveryWorker  # noqa: E402
from runtime.services import BotServices, utc_now  # noqa: E402
from runtime.settings import Settings  # noqa: E402
from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.models import (  # noqa: E402
    Brief,
    ChatType,
    Delivery,
    DeliveryState,
    SendBudgetMember,
    Subscriber,
)
from storage.schema import upgrade  # noqa: E402
from tests.support.bot_process import bots  # noqa: E402
from tick.digests import enqueue_due_digests  # noqa: E402

BRIEFS = 3  # a digest of three short briefs is one message
DAY_SECONDS = 86_400.0  # how far digests are held back while the workers start
MAX_TICKS = 1_000  # bound on back-to-back digest passes
TARGET_RATIO, TARGET_429_PER_1000 = 0.95, 1.0


async def no_summary(text_: str, title: str | None) -> Sequence[str]:
    """Never called: the benchmark ingests nothing."""
    return [text_]


@asynccontextmanager
async def database(url: str | None, folder: Path) -> AsyncIterator[tuple[str, str | None]]:
    """A migrated database: a fresh SQLite file, or a PostgreSQL schema dropped afterwards."""
    if url is None:
        sqlite = f"sqlite+aiosqlite:///{folder / f'broadcast-{secrets.token_hex(3)}.db'}"
        await upgrade(sqlite)
        yield sqlite, None
        return
    schema = f"briefbot_bench_{secrets.token_hex(4)}"
    admin = create_engine(url)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        await upgrade(url, schema=schema)
        yield url, schema
    finally:
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def brief_rows(now: dt.datetime) -> list[dict[str, Any]]:
    """A few short briefs that arrived in the last hours."""
    rows = []
    for n in range(BRIEFS):
        body = f"Ministry statement {n} on the exercise. Units returned to base on schedule."
        rows.append({
            "title": f"Exercise update {n}", "text": body, "url": f"https://example.org/b/{n}",
            "external_id": None, "published_on": now.date(),
            "ingested_at": now - dt.timedelta(hours=n + 1),
            "content_hash": hashlib.sha256(body.encode()).hexdigest(),
            "summary": [body.split(". ")[0] + "."], "topics": [],
        })
    return rows


def subscriber_rows(chat_ids: Sequence[int], now: dt.datetime) -> list[dict[str, Any]]:
    """Active private chats whose digest fell due a second ago."""
    due = now - dt.timedelta(seconds=1)
    return [
        {
            "chat_id": chat_id, "chat_type": ChatType.PRIVATE, "timezone": "UTC",
            "digest_time": due.time().replace(microsecond=0), "next_digest_at": due,
            "created_at": now - dt.timedelta(days=1),
        }
        for chat_id in chat_ids
    ]


async def build_digests(services: BotServices, profile: bool) -> tuple[float, int, int]:
    """Run the digest stage back to back until nothing is due: (seconds, passes, enqueued)."""
    profiler = cProfile.Profile() if profile else None
    began, passes, enqueued = time.perf_counter(), 0, 0
    if profiler is not None:
        profiler.enable()
    for _ in range(MAX_TICKS):
        summary = await enqueue_due_digests(services, services.now())
        passes += 1
        enqueued += summary.enqueued
        if summary.enqueued + summary.empty + summary.already + summary.failed == 0:
            break
    elapsed = time.perf_counter() - began
    if profiler is not None:
        profiler.disable()
        print_profile(profiler, "build")
    return elapsed, passes, enqueued


def max_in_any_second(times: Sequence[float]) -> int:
    """The most timestamps within any sliding one-second window."""
    ordered = sorted(times)
    return max(
        (bisect.bisect_right(ordered, t + 1.0 - 1e-9) - i for i, t in enumerate(ordered)),
        default=0,
    )


async def sent_rows(engine: Any) -> int:
    """How many outbox rows are marked sent."""
    async with engine.connect() as connection:
        sent = await connection.scalar(
            select(func.count()).select_from(Delivery).where(Delivery.state == DeliveryState.SENT)
        )
    return int(sent or 0)


async def shift_due(engine: Any, seconds: float) -> None:
    """Move every pending row's due time by ``seconds`` (PostgreSQL), keeping their order."""
    async with engine.begin() as connection:
        await connection.execute(
            text("UPDATE deliveries SET due_at = due_at + make_interval(secs => :seconds)"
                 " WHERE state = 'pending'"),
            {"seconds": seconds},
        )


async def wait_members(engine: Any, count: int, limit: int) -> None:
    """Poll until ``count`` instances have joined the send budget and each holds its equal part
    of ``limit`` (within one message a second), as instances running before the minute do
    (bounded in time). Joined is not enough: the last to join starts with no share and gets
    its part over the next heartbeats, and a broadcast made due at once then ran its first
    second on the others' shares alone."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        async with engine.connect() as connection:
            claims = list(await connection.scalars(select(SendBudgetMember.claim)))
        if len(claims) == count and min(claims) >= limit // count - 1:
            return
        await asyncio.sleep(0.2)
    raise RuntimeError(f"{count} workers never joined the send budget and settled their shares")


async def wait_delivered(engine: Any, count: int, limit: float) -> None:
    """Poll until ``count`` rows are marked sent, i.e. accepted (bounded in time)."""
    deadline = time.monotonic() + count / limit * 3 + 60
    while time.monotonic() < deadline and await sent_rows(engine) < count:
        await asyncio.sleep(0.2)


async def deliver(
    services: BotServices, settings: Settings, engine: Any, count: int, limit: float,
    profile: bool,
) -> tuple[float, float]:
    """Run the worker on the application's bot until ``count`` sends were accepted.

    (seconds, this process's CPU seconds meanwhile: the bot's, and the benchmark's polling).
    """
    application = build_application(settings, engine=engine, tick_interval=None)
    profiler = cProfile.Profile() if profile else None
    async with application.bot as bot:
        worker = DeliveryWorker(services, bot)
        began, cpu = time.perf_counter(), time.process_time()
        if profiler is not None:
            profiler.enable()
        freeze_startup_heap()  # as `briefbot run` does once it runs
        task = asyncio.create_task(worker.run())
        try:
            await wait_delivered(engine, count, limit)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            gc.unfreeze()
            if profiler is not None:
                profiler.disable()
        elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    if profiler is not None:
        print_profile(profiler, "delivery")
    return elapsed, cpu


def worker_stats(limit: int, n: int) -> Path:
    """Where worker ``n``'s cProfile stats go at limit ``limit``."""
    return Path(tempfile.gettempdir()) / f"broadcast-worker-{limit}-{n}.pstats"


def print_profile(profiler: cProfile.Profile, phase: str) -> None:
    """Print the phase's top functions by own time and by cumulative time; dump the stats."""
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    for order in ("tottime", "cumulative"):
        stats.sort_stats(order).print_stats(25)
    print(f"== profile of the {phase} phase ==\n{out.getvalue()}")
    stats.dump_stats(Path(tempfile.gettempdir()) / f"broadcast-{phase}.pstats")


@asynccontextmanager
async def bot_api_process(
    limit: int, subscribers: int
) -> AsyncIterator[tuple[str, str, list[int], int]]:
    """The local Bot API in a process of its own, as Telegram would be: (url, token, chats, pid)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--serve", str(limit), str(subscribers),
        stdout=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        ready = json.loads(await asyncio.wait_for(process.stdout.readline(), 120))
        yield ready["url"], ready["token"], ready["chats"], process.pid
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 30)


@asynccontextmanager
async def bot_api_server(limit: int, subscribers: int) -> AsyncIterator[tuple[str, str, list[int]]]:
    """The local Bot API in a process of its own, as Telegram would be: (url, token, chats)."""
    async with bot_api_process(limit, subscribers) as (url, token, chats, _):
        yield url, token, chats


async def serve(limit: int, subscribers: int) -> None:
    """The ``--serve`` child: a rate-limited local Bot API with private chats, until killed."""
    limits = RateLimits(per_chat_per_second=1, per_group_per_minute=20, global_per_second=limit)
    async with LocalBotApi(rate_limits=limits) as api:
        chats = [api.create_private_chat().id for _ in range(subscribers)]
        # Telegram does not pause for its garbage collector: the stand-in's full collections
        # (143 ms in one traced run, over the messages it keeps) stalled every worker's sends
        # for a quarter second mid-broadcast. Reference counting still frees what it drops.
        gc.collect()
        gc.freeze()
        gc.disable()
        print(json.dumps({"url": api.url, "token": api.token, "chats": chats}), flush=True)
        await asyncio.Event().wait()


async def seeded_services(
    engine: AsyncEngine, fetcher: Fetcher, chats: Sequence[int], *,
    token: str, api_url: str, db_url: str, limit: int,
) -> BotServices:
    """Store the briefs and one due subscriber per chat; services on them at limit ``limit``."""
    now = utc_now()
    async with engine.begin() as connection:
        await connection.execute(insert(Brief), brief_rows(now))
        await connection.execute(insert(Subscriber), subscriber_rows(chats, now))
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, telegram_token=SecretStr(token), telegram_api_url=api_url,
        database_url=db_url, rate_global_per_second=limit,
    )
    return BotServices(settings, engine, create_session_factory(engine), no_summary, fetcher)


async def measure(
    label: str, url: str | None, folder: Path, subscribers: int, limit: int, profile: bool
) -> dict[str, Any]:
    """One broadcast of ``subscribers`` digests at global limit ``limit``; its figures."""
    async with scratch_database(url, folder, "broadcast") as db_url, bot_api_process(
        limit, subscribers
    ) as (api_url, token, chats, api_pid), Fetcher() as fetcher:
        engine = create_engine(db_url)
        services = await seeded_services(
            engine, fetcher, chats, token=token, api_url=api_url, db_url=db_url, limit=limit
        )
        build_seconds, passes, enqueued = await build_digests(services, profile)
        api_cpu, backends = cpu_seconds(api_pid), await postgres_backends(db_url)
        seconds, bot_cpu = await deliver(
            services, services.settings, engine, enqueued, limit, profile
        )
        spent = {
            "bot": bot_cpu, "bot_api": cpu_seconds(api_pid) - api_cpu,
            "postgresql": backends_spent(backends, await postgres_backends(db_url)),
        }
        calls = await recorded_sends(api_url)
        figures = collect(calls, chats, limit) | {"rows_sent": await sent_rows(engine)}
        await engine.dispose()
    return {
        "database": label, "subscribers": subscribers, "limit": limit,
        "build_seconds": round(build_seconds, 2), "digest_passes": passes,
        "enqueued": enqueued, "deliver_seconds": round(seconds, 1), **figures,
        "cpu_ms_per_message": per_message(spent, figures["accepted"]),
    }


async def measure_instances(
    url: str, folder: Path, subscribers: int, limit: int, instances: int, budget: str = "shared",
    profile: bool = False, due_at_start: bool = False,
) -> dict[str, Any]:
    """One broadcast delivered by ``instances`` ``briefbot run --role worker`` processes.

    CPU is counted from the first digest recorded sent (start-up left out) to the last.
    """
    async with scratch_database(url, folder, "broadcast") as db_url, bot_api_process(
        limit, subscribers
    ) as (api_url, token, chats, api_pid), Fetcher() as fetcher:
        engine = create_engine(db_url)
        services = await seeded_services(
            engine, fetcher, chats, token=token, api_url=api_url, db_url=db_url, limit=limit
        )
        build_seconds, passes, enqueued = await build_digests(services, profile=False)
        if not due_at_start:
            await shift_due(engine, DAY_SECONDS)  # held back until every worker runs
        async with bots(token, api_url, db_url, folder, 120.0, limit) as launcher:
            launcher.env["BRIEFBOT_SEND_BUDGET"] = budget
            began = time.perf_counter()
            for n in range(instances):
                if profile:
                    stats = worker_stats(limit, n)
                    launcher.interpreter = [sys.executable, "-m", "cProfile", "-o", str(stats)]
                await launcher.start(f"worker-{n}", 1.0, "--role", "worker")
            if not due_at_start:
                if budget == "shared":
                    await wait_members(engine, instances, limit)
                else:  # no membership rows: give them the time they take to start
                    await asyncio.sleep(10)
                began = time.perf_counter()
                await shift_due(engine, -DAY_SECONDS)
                await announce_deliveries(services)  # as the tick announces its digests
            await wait_delivered(engine, 1, limit)  # start-up's CPU is left out
            pids = [process.pid for process in launcher.processes]
            bot_cpu, api_cpu = total_cpu_seconds(pids), cpu_seconds(api_pid)
            backends = await postgres_backends(db_url)
            await wait_delivered(engine, enqueued, limit)
            seconds = time.perf_counter() - began
            spent = {
                "bot": total_cpu_seconds(pids) - bot_cpu,
                "bot_api": cpu_seconds(api_pid) - api_cpu,
                "postgresql": backends_spent(backends, await postgres_backends(db_url)),
            }
            if profile:  # SIGTERM: each worker stops cleanly and cProfile writes its stats
                for process in launcher.processes:
                    process.terminate()
                for process in launcher.processes:
                    await asyncio.wait_for(process.wait(), 60)
        calls = await recorded_sends(api_url)
        figures = collect(calls, chats, limit) | {"rows_sent": await sent_rows(engine)}
        await engine.dispose()
    if profile:
        out = io.StringIO()
        worker = pstats.Stats(str(worker_stats(limit, 0)), stream=out)
        for order in ("tottime", "cumulative"):
            worker.sort_stats(order).print_stats(30)
        print(f"== profile of worker 0 of {instances} at L = {limit} ==\n{out.getvalue()}")
    return {
        "database": "PostgreSQL", "instances": instances, "budget": budget,
        "due": "at start" if due_at_start else "once running", "subscribers": subscribers,
        "limit": limit, "build_seconds": round(build_seconds, 2), "digest_passes": passes,
        "enqueued": enqueued, "deliver_seconds": round(seconds, 1), **figures,
        "cpu_ms_per_message": per_message(spent, figures["accepted"]),
    }


def cpu_cell(result: dict[str, Any]) -> str:
    """CPU ms per message as "bot / Bot API / PostgreSQL"."""
    cpu = result.get("cpu_ms_per_message") or {}
    return " / ".join(str(cpu.get(name, "-")) for name in ("bot", "bot_api", "postgresql"))


def write_instance_results(
    results: list[dict[str, Any]], command: str, load: str, name: str = "broadcast_instances"
) -> str:
    """Write the several-instances JSON and Markdown results; the Markdown table."""
    lines = [
        "| instances | budget | due | subscribers | L | msg/s | ÷ L | max in 1 s | 429s | lost "
        "| duplicated | CPU ms/msg bot / Bot API / PostgreSQL |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['instances']} | {r['budget']} | {r.get('due', 'at start')} "
            f"| {r['subscribers']:,} | {r['limit']} "
            f"| {r['msg_per_second']} | {r['ratio']} | {r['max_in_any_second']} "
            f"| {r['answers_429']} | {r['lost']} | {r['duplicated']} | {cpu_cell(r)} |"
        )
    table = "\n".join(lines)
    save_results(
        name,
        results,
        "# Broadcast: several `briefbot run --role worker` instances on one PostgreSQL, one "
        "send budget\n\n"
        "msg/s from the first to the last accepted message. Due *once running*: the digests "
        "are made due once every worker has joined the send budget (instances running before "
        "the minute, as deployed); *at start*: due before the workers start, so the span also "
        "holds the later workers' start-up on the same cores.\n\n"
        f"`{command}`\n\nLoad (uptime) at the start: {load}\n\n{table}\n\n"
        "CPU: milliseconds per accepted message during delivery, of the worker processes "
        "together, the Bot API stand-in and PostgreSQL's backends of the run's database.\n"
    )
    return table


async def recorded_sends(api_url: str) -> list[CallRecord]:
    """Every ``sendMessage`` the server received, from its control endpoint."""
    async with httpx.AsyncClient(timeout=60) as client:
        answer = await client.get(f"{api_url}/_control/calls", params={"method": "sendMessage"})
    return [CallRecord(**call) for call in answer.json()["result"]]


def collect(calls: Sequence[CallRecord], chats: Sequence[int], limit: int) -> dict[str, Any]:
    """Rate, 429s, lost and duplicated, from the server's call log."""
    accepted = sorted(c.time for c in calls if c.status == 200)
    per_chat = Counter(int(str(c.chat_id)) for c in calls if c.status == 200)
    span = accepted[-1] - accepted[0] if len(accepted) > 1 else 0.0
    rate = (len(accepted) - 1) / span if span else 0.0
    too_many = sum(1 for c in calls if c.status == 429)
    return {
        "accepted": len(accepted),
        "msg_per_second": round(rate, 1), "ratio": round(rate / limit, 3),
        "max_in_any_second": max_in_any_second(accepted),
        "answers_429": too_many,
        "per_1000": round(1000 * too_many / max(len(accepted), 1), 2),
        "lost": sum(1 for chat in chats if per_chat[chat] == 0),
        "duplicated": sum(1 for chat in chats if per_chat[chat] > 1),
        "per_quarter_second": per_quarter_second(accepted),
    }


def per_quarter_second(accepted: Sequence[float]) -> list[int]:
    """Messages accepted in each quarter second from the first: where a broadcast loses time
    (its start, a dip, its end), which the one ratio does not tell."""
    if not accepted:
        return []
    counts = Counter(int((t - accepted[0]) * 4) for t in accepted)
    return [counts[q] for q in range(max(counts) + 1)]


def write_results(
    results: list[dict[str, Any]], command: str, load: str, name: str = "broadcast"
) -> str:
    """Write the JSON and Markdown results; the Markdown table."""
    header = (
        "| database | subscribers | L | build s | msg/s | ÷ L | max in 1 s | 429s | per 1,000 "
        "| lost | duplicated | CPU ms/msg bot / Bot API / PostgreSQL |"
    )
    lines = [header, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        lines.append(
            f"| {r['database']} | {r['subscribers']:,} | {r['limit']} | {r['build_seconds']} | "
            f"{r['msg_per_second']} | {r['ratio']} | {r['max_in_any_second']} | "
            f"{r['answers_429']} | {r['per_1000']} | {r['lost']} | {r['duplicated']} "
            f"| {cpu_cell(r)} |"
        )
    table = "\n".join(lines)
    save_results(
        name,
        results,
        "# Broadcast: one instance, every digest due at one minute\n\n"
        f"Targets: msg/s ≥ {TARGET_RATIO} L from the first to the last accepted message, "
        f"no loss, no duplicate, at most {TARGET_429_PER_1000:g} answer of 429 per 1,000 "
        "messages. Build = the digest stage run back to back until none is due. CPU: "
        "milliseconds per accepted message during delivery, of the bot (the benchmark's "
        "process), the Bot API stand-in and PostgreSQL's backends of the run's database.\n\n"
        f"`{command}`\n\nLoad (uptime) at the start: {load}\n\n" + table + "\n"
    )
    return table


async def main(argv: list[str] | None = None) -> int:
    """Run every (database, L) case, print and write the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=5_000)
    parser.add_argument("--limits", default="30,300", help="comma-separated global limits L")
    parser.add_argument("--database-url", default=None, help="also run on this PostgreSQL")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--instances", default=None,
                        help="comma-separated instance counts (PostgreSQL only)")
    parser.add_argument("--send-budget", default="shared", choices=("shared", "local"),
                        help="with --instances: BRIEFBOT_SEND_BUDGET of the workers")
    parser.add_argument("--due-at-start", action="store_true",
                        help="with --instances: digests due before the workers start")
    parser.add_argument("--results-name", default=None,
                        help="write benchmarks/results/NAME.{json,md} instead of the default")
    parser.add_argument("--serve", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        await serve(*args.serve)
        return 0
    limits = [int(value) for value in args.limits.split(",")]
    command = "uv run --extra test python benchmarks/broadcast.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    if args.instances:
        if not args.database_url:
            parser.error("--instances needs --database-url (PostgreSQL)")
        return await main_instances(args, limits, command.strip())
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    databases: list[tuple[str, str | None]] = [("SQLite", None)]
    if args.database_url:
        databases.append(("PostgreSQL", args.database_url))
    results = []
    with tempfile.TemporaryDirectory() as directory:
        for label, url in databases:
            for limit in limits:
                result = await measure(label, url, Path(directory), args.subscribers, limit,
                                       args.profile)
                print(json.dumps(result), flush=True)
                results.append(result)
    print(write_results(results, command.strip(), load, args.results_name or "broadcast"))
    return 0


async def main_instances(args: argparse.Namespace, limits: list[int], command: str) -> int:
    """Every (L, N instances) case on PostgreSQL; print and write the figures."""
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    results = []
    with tempfile.TemporaryDirectory() as directory:
        for limit in limits:
            for count in (int(value) for value in args.instances.split(",")):
                result = await measure_instances(
                    args.database_url, Path(directory), args.subscribers, limit, count,
                    args.send_budget, args.profile, args.due_at_start,
                )
                print(json.dumps(result), flush=True)
                results.append(result)
    name = args.results_name or "broadcast_instances"
    print(write_instance_results(results, command, load, name))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
