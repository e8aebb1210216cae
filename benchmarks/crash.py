"""Crash: a broadcast through three ``kill -9``s of ``briefbot run``, restarted each time.

N subscribers' digests are due at one minute (built as in ``benchmarks/broadcast.py``); the
local Bot API runs in a process of its own enforcing L msg/s. ``briefbot run`` is a real
subprocess, killed with SIGKILL when the server has accepted a seeded random number of the
digests, and started again once the lease has passed (``BRIEFBOT_DELIVERY_LEASE_SECONDS`` =
``--lease``, short here so that rows left ``sending`` come back at the restart's first tick;
the default is 120 s). The shared routine is ``tests/support/crash.py`` (its test:
``tests/outbox/test_crash_broadcast.py``).

Reported per database and kill: the messages accepted at the kill, the sends in flight (the
server accepted them, the database had not recorded them: the only ones that may repeat),
and how long the restart took to send again (process start to its first accepted message:
Python start-up, migrations check, connecting, and the first claim). In the end: lost (target
0), duplicated, and duplicates not in flight at any kill (target 0), each of those with its
sends' times after the kill before it, and the bot logs' "taken over mid-send" lines. SQLite
always; PostgreSQL with ``--database-url`` (a database of its own, created and dropped:
``briefbot run`` has no schema setting). Writes ``benchmarks/results/crash.{json,md}``.

``--workers N`` (PostgreSQL only): several instances instead of one, a ``--role scheduler`` and
N ``--role worker`` processes sharing the send budget; the first worker is killed three times
and restarted at once while the others go on (results in ``crash_instances.{json,md}``).

    uv run --extra test python benchmarks/crash.py [--subscribers 1000] [--limit 30] [--seed 1]
        [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/test] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.broadcast import (  # noqa: E402
    bot_api_server,
    brief_rows,
    build_digests,
    no_summary,
    subscriber_rows,
)
from benchmarks.report import save_results  # noqa: E402
from benchmarks.scratch_database import scratch_database  # noqa: E402
from ingest.http import Fetcher  # noqa: E402
from runtime.services import BotServices, utc_now  # noqa: E402
from runtime.settings import Settings  # noqa: E402
from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.models import Brief, Subscriber  # noqa: E402
from tests.support.bot_process import bots  # noqa: E402
from tests.support.crash import CrashReport, crash_broadcast  # noqa: E402

TAKEN_OVER = "was taken over mid-send"


async def measure(
    label: str,
    url: str | None,
    folder: Path,
    subscribers: int,
    limit: int,
    seed: int,
    lease: float,
    workers: int = 0,
) -> dict[str, Any]:
    """One broadcast through three kills; its figures."""
    async with (
        scratch_database(url, folder, "crash") as db_url,
        bot_api_server(limit, subscribers) as (api_url, token, chats),
        Fetcher() as fetcher,
    ):
        engine = create_engine(db_url)
        now = utc_now()
        async with engine.begin() as connection:
            await connection.execute(insert(Brief), brief_rows(now))
            await connection.execute(insert(Subscriber), subscriber_rows(chats, now))
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            telegram_token=SecretStr(token),
            telegram_api_url=api_url,
            database_url=db_url,
        )
        sessions = create_session_factory(engine)
        services = BotServices(settings, engine, sessions, no_summary, fetcher)
        _, _, enqueued = await build_digests(services, profile=False)
        await engine.dispose()
        async with bots(token, api_url, db_url, folder, lease, limit) as launcher:
            report = await crash_broadcast(
                launcher,
                api_url,
                db_url,
                chats,
                kills=3,
                seed=seed,
                lease_seconds=lease,
                timeout=max(600.0, 5 * subscribers / limit),
                workers=workers,
            )
            taken_over = sum(
                log.read_text(errors="replace").count(TAKEN_OVER) for log in launcher.logs
            )
    return {
        "database": label,
        "workers": workers,
        "subscribers": subscribers,
        "enqueued": enqueued,
        "limit": limit,
        "lease_seconds": lease,
        "seed": seed,
        "kills": [
            {
                "accepted": k.accepted,
                "in_flight": len(k.in_flight),
                "resume_seconds": k.resume_seconds,
            }
            for k in report.kills
        ],
        "lost": len(report.lost),
        "duplicated": len(report.duplicated),
        "unexpected_duplicates": len(report.unexpected),
        "unexpected": unexpected_sends(report),
        "taken_over_lines": taken_over,
        "seconds": round(report.seconds, 1),
    }


def unexpected_sends(report: CrashReport) -> list[dict[str, Any]]:
    """Each duplicate not in flight at a kill: its sends, seconds after the kill before each."""
    kills = [kill.at for kill in report.kills]
    found = []
    for chat in report.unexpected:
        after = []
        for at in sorted(report.sends.get(chat, [])):
            earlier = [k for k in kills if k <= at]
            after.append(
                {"kill": len(earlier), "seconds": round(at - earlier[-1], 2) if earlier else None}
            )
        found.append({"chat": chat, "sends": after})
    return found


def write_results(results: list[dict[str, Any]], command: str, load: str, name: str) -> str:
    """Write the JSON and Markdown results; the Markdown table."""
    lines = [
        "| database | workers | subscribers | kill | accepted at kill | in flight | restart → "
        "first send, s | lost | duplicated | duplicated, not in flight | taken over |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for number, kill in enumerate(r["kills"], start=1):
            last = number == len(r["kills"])
            resume = "n/a" if kill["resume_seconds"] is None else kill["resume_seconds"]
            lines.append(
                f"| {r['database']} | {r['workers'] or 'one `run`'} | {r['subscribers']:,} | "
                f"{number} | {kill['accepted']} | {kill['in_flight']} | {resume} | "
                + (
                    f"{r['lost']} | {r['duplicated']} | {r['unexpected_duplicates']} | "
                    f"{r['taken_over_lines']} |"
                    if last
                    else " | | | |"
                )
            )
    table = "\n".join(lines)
    unexpected = "\n".join(
        f"- {r['database']}: chat {u['chat']}: sends at "
        + ", ".join(f"kill {s['kill']} + {s['seconds']} s" for s in u["sends"])
        for r in results
        for u in r["unexpected"]
    )
    several = any(r["workers"] for r in results)
    save_results(
        name,
        results,
        "# Crash: kill -9 "
        + ("of one of several instances" if several else "of briefbot run")
        + " three times during a broadcast\n\n"
        "Targets: 0 lost; only sends in flight at a kill repeat. "
        + (
            "A `--role scheduler` and N `--role worker` processes; worker 0 is killed and "
            "restarted at once while the others go on; its rows come back at the scheduler's "
            "first tick after the lease "
            if several
            else "Each restart waits out the lease "
        )
        + f"({results[0]['lease_seconds']:g} s, `BRIEFBOT_DELIVERY_LEASE_SECONDS`; default "
        "120 s). Restart → first send includes Python start-up and imports of `briefbot run` "
        "(not measurable with several workers: the server cannot tell whose send came first). "
        "Taken over = bot log lines `delivery N was taken over mid-send`.\n\n"
        f"`{command}`\n\nLoad (uptime) at the start: {load}\n\n{table}\n"
        + (f"\nDuplicates not in flight at a kill:\n{unexpected}\n" if unexpected else ""),
    )
    return table


async def main(argv: list[str] | None = None) -> int:
    """Run on SQLite (and PostgreSQL), print and write the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=1_000)
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lease", type=float, default=5.0)
    parser.add_argument("--database-url", default=None, help="also run on this PostgreSQL")
    parser.add_argument(
        "--workers", type=int, default=0, help="PostgreSQL only: a scheduler and N workers"
    )
    args = parser.parse_args(argv)
    if args.workers and not args.database_url:
        parser.error("--workers needs --database-url (several instances need PostgreSQL)")
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    databases: list[tuple[str, str | None]] = [] if args.workers else [("SQLite", None)]
    if args.database_url:
        databases.append(("PostgreSQL", args.database_url))
    results = []
    with tempfile.TemporaryDirectory() as directory:
        for label, url in databases:
            result = await measure(
                label,
                url,
                Path(directory),
                args.subscribers,
                args.limit,
                args.seed,
                args.lease,
                args.workers,
            )
            print(json.dumps(result), flush=True)
            results.append(result)
    command = "uv run --extra test python benchmarks/crash.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    name = "crash_instances" if args.workers else "crash"
    print(write_results(results, command.strip(), load, name))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
