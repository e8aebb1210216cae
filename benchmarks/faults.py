"""Faults: a broadcast through an outage, and the log lines the outage costs.

Each case is a broadcast as in ``benchmarks/broadcast.py`` (N subscribers' digests due at one
minute, the local Bot API in a process of its own enforcing L msg/s) with one fault a few
seconds in:

* ``5xx``: the Bot API answers every ``sendMessage`` with 500 for ``--telegram-seconds``;
* ``timeout``: it executes every ``sendMessage`` but answers 8 s late (PTB gives up after 5 s),
  for ``--telegram-seconds``;
* ``postgres``: on a PostgreSQL server the benchmark starts itself (``benchmarks/
  postgres_server.py``, never the shared one) the server is stopped (``pg_ctl -m fast``) for
  ``--postgres-seconds`` and started again;
* ``sqlite-lock``: another connection holds the SQLite file's write lock (``BEGIN IMMEDIATE``)
  for ``--lock-seconds``.

The bot is the real delivery path in this process: ``outbox.worker.DeliveryWorker`` on the bot
``bot.app.build_application`` builds, plus the scheduler tick (``tick.run_tick``) every
``TICK_SECONDS`` with a short lease (``LEASE_SECONDS``), so rows left ``sending`` come back
soon. Logging is the bot's (``runtime.logs.configure_logging``); a handler counts the records at
WARNING and above from the fault's start until everything was delivered (target: 2, one as the
episode starts and one as it ends). Reported per case: lost (a subscriber without a digest,
target 0), duplicated, seconds from the fault's end until every digest was accepted, and the
log lines. Writes ``benchmarks/results/faults.{json,md}`` (``--output`` names another file).

    uv run --extra test python benchmarks/faults.py [--subscribers 600] [--limit 30]
        [--cases 5xx,timeout,postgres,sqlite-lock]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.broadcast import (  # noqa: E402
    bot_api_server,
    brief_rows,
    build_digests,
    collect,
    database,
    no_summary,
    recorded_sends,
    sent_rows,
    subscriber_rows,
)
from benchmarks.postgres_server import PostgresServer, postgres_server  # noqa: E402
from bot.app import build_application  # noqa: E402
from ingest.http import Fetcher  # noqa: E402
from outbox.worker import DeliveryWorker  # noqa: E402
from runtime.logs import configure_logging  # noqa: E402
from runtime.services import BotServices, utc_now  # noqa: E402
from runtime.settings import Settings  # noqa: E402
from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.models import Brief, Subscriber  # noqa: E402
from storage.schema import upgrade  # noqa: E402
from tick import run_tick  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
LEASE_SECONDS = 30.0
TICK_SECONDS = 2.0
FAULT_AFTER_SECONDS = 5.0
LATE_ANSWER_SECONDS = 8.0  # beyond PTB's 5 s read timeout
DELIVERY_TIMEOUT = 600.0
TARGET_LINES = 2


class Records(logging.Handler):
    """Keeps every record at WARNING and above, with its monotonic time."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: list[tuple[float, logging.LogRecord]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append((time.monotonic(), record))

    def between(self, start: float, end: float) -> list[str]:
        """'LEVEL name: message' of the records from ``start`` to ``end``."""
        return [
            f"{r.levelname} {r.name}: {r.getMessage()}" for t, r in self.seen if start <= t <= end
        ]


@dataclass
class Fault:
    """How to start and end one case's fault."""

    begin: Callable[[], Awaitable[None]]
    end: Callable[[], Awaitable[None]]
    seconds: float


async def control(api_url: str, verb: str, body: dict[str, Any] | None = None) -> None:
    """Add (POST) or clear (DELETE) the local Bot API's scripted faults."""
    async with httpx.AsyncClient(timeout=30) as client:
        answer = await client.request(verb, f"{api_url}/_control/faults", json=body)
        answer.raise_for_status()


def telegram_fault(api_url: str, rule: dict[str, Any], seconds: float) -> Fault:
    """A scripted Bot API fault on every sendMessage, cleared after ``seconds``."""
    return Fault(
        lambda: control(api_url, "POST", {"method": "sendMessage", "times": 10**9, **rule}),
        lambda: control(api_url, "DELETE"),
        seconds,
    )


def postgres_fault(server: PostgresServer, seconds: float) -> Fault:
    """The server stopped, then started again."""
    return Fault(server.stop, server.start, seconds)


def sqlite_lock_fault(url: str, seconds: float) -> Fault:
    """Another connection holding the SQLite file's write lock."""
    other = sqlite3.connect(
        make_url(url).database or "", isolation_level=None, check_same_thread=False, timeout=60
    )

    async def begin() -> None:
        await asyncio.to_thread(other.execute, "BEGIN IMMEDIATE")

    async def end() -> None:
        await asyncio.to_thread(other.execute, "COMMIT")
        other.close()

    return Fault(begin, end, seconds)


async def ticking(services: BotServices) -> None:
    """The scheduler tick every ``TICK_SECONDS`` (it logs its own failures)."""
    while True:
        await asyncio.sleep(TICK_SECONDS)
        await run_tick(services)


async def all_sent(engine: Any, count: int, deadline: float) -> bool:
    """Wait until ``count`` rows are sent (the database may still be coming back)."""
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if await sent_rows(engine) >= count:
                return True
        await asyncio.sleep(0.2)
    return False


@asynccontextmanager
async def case_database(case: str, folder: Path) -> AsyncIterator[tuple[str, str | None, Any]]:
    """(url, schema, server): SQLite, or a schema on a PostgreSQL server of our own."""
    if case != "postgres":
        async with database(None, folder) as (url, schema):
            yield url, schema, None
        return
    async with postgres_server() as server:  # thrown away after: the public schema will do
        await upgrade(server.url)
        yield server.url, None, server


async def run_case(
    case: str,
    subscribers: int,
    limit: int,
    seconds: dict[str, float],
    records: Records,
    folder: Path,
) -> dict[str, Any]:
    """One broadcast with the ``case`` fault; its figures."""
    async with (
        case_database(case, folder) as (db_url, schema, server),
        bot_api_server(limit, subscribers) as (api_url, token, chats),
        Fetcher() as fetcher,
    ):
        engine = create_engine(db_url, schema=schema)
        now = utc_now()
        async with engine.begin() as connection:
            await connection.execute(insert(Brief), brief_rows(now))
            await connection.execute(insert(Subscriber), subscriber_rows(chats, now))
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            telegram_token=token,
            telegram_api_url=api_url,
            database_url=db_url,
            rate_global_per_second=limit,
            delivery_lease_seconds=LEASE_SECONDS,
        )
        services = BotServices(
            settings, engine, create_session_factory(engine), no_summary, fetcher
        )
        _, _, enqueued = await build_digests(services, profile=False)
        if case == "5xx":
            fault = telegram_fault(api_url, {"status": 500}, seconds["telegram"])
        elif case == "timeout":
            rule = {"status": None, "delay": LATE_ANSWER_SECONDS}
            fault = telegram_fault(api_url, rule, seconds["telegram"])
        elif case == "postgres":
            fault = postgres_fault(server, seconds["postgres"])
        else:
            fault = sqlite_lock_fault(db_url, seconds["lock"])
        application = build_application(settings, engine=engine, tick_interval=None)
        async with application.bot as bot:
            tasks = [
                asyncio.create_task(DeliveryWorker(services, bot).run()),
                asyncio.create_task(ticking(services)),
            ]
            try:
                await asyncio.sleep(FAULT_AFTER_SECONDS)
                fault_start = time.monotonic()
                await fault.begin()
                await asyncio.sleep(fault.seconds)
                await fault.end()
                fault_end = time.monotonic()
                delivered = await all_sent(engine, enqueued, fault_end + DELIVERY_TIMEOUT)
                done = time.monotonic()
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
        calls = await recorded_sends(api_url)
        figures = collect(calls, chats, limit)
        await engine.dispose()
    lines = records.between(fault_start, done)
    return {
        "case": case,
        "database": "PostgreSQL" if case == "postgres" else "SQLite",
        "subscribers": subscribers,
        "limit": limit,
        "fault_seconds": fault.seconds,
        "all_delivered": delivered,
        "lost": figures["lost"],
        "duplicated": figures["duplicated"],
        "accepted": figures["accepted"],
        "recovery_seconds": round(done - fault_end, 1),
        "log_lines": len(lines),
        "lines": lines,
    }


def write_results(results: list[dict[str, Any]], command: str, load: str, name: str) -> str:
    """Write the JSON and Markdown results; the Markdown table."""
    lines = [
        "| case | database | subscribers | fault s | lost | duplicated | fault end → all "
        "delivered, s | log lines ≥ WARNING |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['case']} | {r['database']} | {r['subscribers']:,} | {r['fault_seconds']:g} | "
            f"{r['lost']} | {r['duplicated']} | {r['recovery_seconds']} | {r['log_lines']} |"
        )
    table = "\n".join(lines)
    logged = "\n".join(
        f"- {r['case']}:\n" + "\n".join(f"  - `{line[:200]}`" for line in r["lines"])
        for r in results
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / f"{name}.md").write_text(
        "# Faults: a broadcast through an outage\n\n"
        f"L = {results[0]['limit']} msg/s; the fault starts {FAULT_AFTER_SECONDS:g} s into the "
        f"broadcast; lease {LEASE_SECONDS:g} s, tick every {TICK_SECONDS:g} s. Targets: 0 lost, "
        f"everything delivered after the fault, {TARGET_LINES} log lines at WARNING+ per "
        "episode (its start and its end).\n\n"
        f"`{command}`\n\nLoad (uptime) at the start: {load}\n\n{table}\n\n"
        f"Log lines at WARNING+ from the fault's start until all was delivered:\n\n{logged}\n"
    )
    return table


async def main(argv: list[str] | None = None) -> int:
    """Run every case, print and write the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=600)
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--cases", default="5xx,timeout,postgres,sqlite-lock")
    parser.add_argument("--telegram-seconds", type=float, default=60.0)
    parser.add_argument("--postgres-seconds", type=float, default=20.0)
    parser.add_argument("--lock-seconds", type=float, default=30.0)
    parser.add_argument("--output", default="faults", help="results file name (no suffix)")
    args = parser.parse_args(argv)
    seconds = {
        "telegram": args.telegram_seconds,
        "postgres": args.postgres_seconds,
        "lock": args.lock_seconds,
    }
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    configure_logging()
    records = Records()
    logging.getLogger().addHandler(records)
    results = []
    with tempfile.TemporaryDirectory() as directory:
        for case in args.cases.split(","):
            result = await run_case(
                case, args.subscribers, args.limit, seconds, records, Path(directory)
            )
            print(json.dumps({k: v for k, v in result.items() if k != "lines"}), flush=True)
            results.append(result)
    command = "uv run --extra test python benchmarks/faults.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    print(write_results(results, command.strip(), load, args.output))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
