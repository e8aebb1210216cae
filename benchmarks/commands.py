"""Commands under load: reply latency while a broadcast runs, and the bot's peak memory.

100,000 briefs stored (``search_latency.synthesise``, the newest ingested a minute ago) and
N subscribers (default 5,000) due for a digest. The bot is a real ``briefbot run`` in a process
of its own (long polling, its tick building the digests, its delivery worker sending them at
L = 30 msg/s), so its memory is its own. The local Bot API runs in another process, enforcing
the limits (429 above them), and plays U users (default 200): each sends C commands (default
20) drawn from a mix (``/latest``, ``/latest 5``, ``/topic <word>``, ``/digest``, ``/help`` and
bad ones: ``/topic``, ``/latest abc``, ``/foo``), waits for the first reply part, thinks 4-12 s
and sends the next (a closed loop per user: 200 users thinking 8 s on average offer about 25
commands a second, most of L = 30 before any digest; ``--think-min/--think-max`` set a load
within the budget). The users start once the first digests are enqueued (the broadcast runs).
Reported with the offered load: commands a second and reply messages a second.

Latency = the user's message handed to the server -> the first reply part accepted by it
(the server's own clock); median and p99 per database. Peak RSS = the bot process's VmHWM from
``/proc`` (its summary workers are separate processes, reported apart). SQLite always;
PostgreSQL with ``--database-url`` (a database of its own on that server, dropped after), run
after SQLite, each with its own server and bot process: one bot on the 2 cores at a time, as
deployed (``--side-by-side`` runs both at once, twice the load on the machine: a comparison of
the databases, not the latency a deployment sees).
Writes ``benchmarks/results/commands.{json,md}`` (``--results-name NAME``: ``NAME.{json,md}``).

    uv run --extra test python benchmarks/commands.py
        [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/test]
        [--briefs 100000] [--subscribers 5000] [--users 200] [--commands 20] [--limit 30]
        [--think-min 4 --think-max 12] [--side-by-side] [--results-name NAME]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.broadcast import subscriber_rows  # noqa: E402
from benchmarks.proc_status import status_kb  # noqa: E402
from benchmarks.report import save_results  # noqa: E402
from benchmarks.scratch_database import scratch_database  # noqa: E402
from benchmarks.search_latency import BATCH, FIXED_QUERIES, percentile, synthesise  # noqa: E402
from local_bot_api import LocalBotApi, RateLimits  # noqa: E402
from storage.engine import create_engine  # noqa: E402
from storage.models import Brief, Delivery, DeliveryState, Subscriber  # noqa: E402

LIMIT = 30  # L, the overall messages per second (--limit)
TARGET_P99_MS, TARGET_RSS_MB = 300.0, 300.0
REPLY_TIMEOUT = 60.0
REPORT_BYTES = 1 << 24  # the users' report is one JSON line with every latency
WORDS = FIXED_QUERIES[:8]  # common words, so /topic finds ten briefs
COMMANDS = (
    "/latest", "/latest 5", "/topic {word}", "/digest", "/help",
    "/topic", "/latest abc", "/foo",
)  # fmt: skip


async def load(url: str, briefs: int, chats: Sequence[int]) -> float:
    """Store ``briefs`` briefs (newest a minute old) and the due subscribers; seconds."""
    rows = synthesise(briefs)
    now = dt.datetime.now(dt.UTC)
    shift = now - dt.timedelta(minutes=1) - max(row["ingested_at"] for row in rows)
    for row in rows:
        row["ingested_at"] += shift
    engine = create_engine(url)
    began = time.perf_counter()
    try:
        for offset in range(0, len(rows), BATCH):
            async with engine.begin() as connection:
                await connection.execute(insert(Brief), rows[offset : offset + BATCH])
        async with engine.begin() as connection:
            await connection.execute(insert(Subscriber), subscriber_rows(chats, now))
            await connection.execute(text("ANALYZE"))
    finally:
        await engine.dispose()
    return time.perf_counter() - began


async def deliveries(url: str) -> tuple[int, int]:
    """(outbox rows, rows sent)."""
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            total = await connection.scalar(select(func.count()).select_from(Delivery))
            sent = await connection.scalar(
                select(func.count()).where(Delivery.state == DeliveryState.SENT)
            )
    finally:
        await engine.dispose()
    return int(total or 0), int(sent or 0)


def children(pid: int) -> list[int]:
    """The process's direct children."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


async def start_bot(db_url: str, api_url: str, token: str, folder: Path, limit: int) -> Any:
    """``briefbot run`` in a process of its own, in ``folder`` (no project .env is read)."""
    env = os.environ | {
        "PYTHONPATH": str(ROOT),
        "BRIEFBOT_TELEGRAM_TOKEN": token,
        "BRIEFBOT_TELEGRAM_API_URL": api_url,
        "BRIEFBOT_DATABASE_URL": db_url,
        "BRIEFBOT_RATE_GLOBAL_PER_SECOND": str(limit),
        "BRIEFBOT_LOG_LEVEL": "WARNING",
    }
    log = (folder / "bot.log").open("wb")
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cli.main", "run", cwd=folder, env=env,
        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


async def stop(process: Any) -> None:
    """SIGTERM, and SIGKILL if the process has not ended within a minute."""
    if process.returncode is None:
        process.terminate()
        try:
            async with asyncio.timeout(60):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()


async def measure(label: str, url: str | None, folder: Path, args: argparse.Namespace) -> Any:
    """One run on one database: latencies, RSS, broadcast progress."""
    server = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--serve", json.dumps(vars(args)),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, limit=REPORT_BYTES,
    )  # fmt: skip
    assert server.stdin is not None and server.stdout is not None
    try:
        ready = json.loads(await asyncio.wait_for(server.stdout.readline(), 300))
        async with scratch_database(url, folder, "bench") as db_url:
            load_seconds = await load(db_url, args.briefs, ready["chats"])
            bot = await start_bot(db_url, ready["url"], ready["token"], folder, args.limit)
            try:
                return await drive(label, db_url, bot, server, load_seconds, args)
            finally:
                await stop(bot)
    finally:
        server.terminate()
        await server.wait()


async def drive(
    label: str, db_url: str, bot: Any, server: Any, load_seconds: float, args: Any
) -> dict[str, Any]:
    """Wait for the broadcast to start, let the users loose, sample the bot's memory."""
    began = time.monotonic()
    while (await deliveries(db_url))[0] == 0:
        if bot.returncode is not None or time.monotonic() - began > 600:
            raise RuntimeError("the bot enqueued no digest; see bot.log")
        await asyncio.sleep(0.5)
    first_digests_after = time.monotonic() - began
    server.stdin.write(b"go\n")
    await server.stdin.drain()
    answer = asyncio.ensure_future(server.stdout.readline())
    workers_kb = 0
    while not answer.done():
        workers_kb = max(workers_kb, sum(status_kb(c, "VmRSS") for c in children(bot.pid)))
        await asyncio.wait({answer}, timeout=0.5)
    users = json.loads(answer.result())
    enqueued, sent = await deliveries(db_url)
    latencies = [ms for ms in users["latencies_ms"] if ms is not None]
    return {
        "database": label, "briefs": args.briefs, "subscribers": args.subscribers,
        "users": args.users, "commands": len(users["latencies_ms"]),
        "unanswered": len(users["latencies_ms"]) - len(latencies),
        "median_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1), "max_ms": round(max(latencies), 1),
        "by_command": users["by_command"],
        "bot_peak_rss_mb": round(status_kb(bot.pid, "VmHWM") / 1024, 1),
        "summary_workers_rss_mb": round(workers_kb / 1024, 1),
        "load_seconds": round(load_seconds, 1),
        "first_digests_after_s": round(first_digests_after, 1),
        "digests_enqueued": enqueued, "digests_sent_by_end": sent,
        "users_seconds": users["seconds"], "answers_429": users["answers_429"],
        "reply_messages": users["reply_messages"],
        "commands_per_s": round(len(users["latencies_ms"]) / users["seconds"], 1),
        "reply_messages_per_s": round(users["reply_messages"] / users["seconds"], 1),
        "digest_messages_per_s": round(users["digest_messages"] / users["seconds"], 1),
    }  # fmt: skip


def accepted_at(api: LocalBotApi, chat_id: int, since: float) -> float | None:
    """When the server received the first accepted send to ``chat_id`` after ``since``."""
    first = None
    for call in reversed(api.state.call_log):  # the newest few: the reply was just stored
        if call.time < since:
            break
        ours = str(call.params.get("chat_id")) == str(chat_id)
        if call.method == "sendMessage" and call.status == 200 and ours:
            first = call.time
    return first


async def play_user(api: LocalBotApi, chat_id: int, args: Any, rng: random.Random) -> list[Any]:
    """One user's commands, each sent once the previous one was answered: (command, ms)."""
    results = []
    for _ in range(args.commands):
        await asyncio.sleep(rng.uniform(args.think_min, args.think_max))
        command = rng.choice(COMMANDS).format(word=rng.choice(WORDS))
        before = len(api.messages(chat_id, from_bot=True))

        def replied(before: int = before) -> bool:
            return len(api.messages(chat_id, from_bot=True)) > before

        sent_at = time.time()
        api.user_sends(chat_id, command)
        answered = await api.changed.wait_until(replied, REPLY_TIMEOUT)
        reply_at = accepted_at(api, chat_id, sent_at) if answered else None
        ms = None if reply_at is None else (reply_at - sent_at) * 1000
        results.append((command.split()[0] + (" N" if command == "/latest 5" else ""), ms))
    return results


async def serve(options: dict[str, Any]) -> None:
    """The ``--serve`` child: the rate-limited Bot API; on "go" it plays the users."""
    args = argparse.Namespace(**options)
    limits = RateLimits(
        per_chat_per_second=1, per_group_per_minute=20, global_per_second=args.limit
    )
    async with LocalBotApi(rate_limits=limits) as api:
        chats = [api.create_private_chat().id for _ in range(args.subscribers)]
        users = [api.create_private_chat().id for _ in range(args.users)]
        print(json.dumps({"url": api.url, "token": api.token, "chats": chats}), flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        began, began_at = time.monotonic(), time.time()
        readers = {str(c) for c in users}
        played = await asyncio.gather(
            *(play_user(api, c, args, random.Random(n)) for n, c in enumerate(users))
        )
        by_command: dict[str, list[float]] = {}
        for command, ms in (pair for user in played for pair in user):
            if ms is not None:
                by_command.setdefault(command, []).append(ms)
        report = {
            "latencies_ms": [ms for user in played for _, ms in user],
            "by_command": {
                c: {"n": len(v), "median_ms": round(statistics.median(v), 1),
                    "p99_ms": round(percentile(v, 0.99), 1)}
                for c, v in sorted(by_command.items())
            },
            "seconds": round(time.monotonic() - began, 1),
            "answers_429": sum(1 for c in api.calls("sendMessage") if c.status == 429),
            "reply_messages": sum(
                1 for c in api.calls("sendMessage")
                if c.status == 200 and str(c.params.get("chat_id")) in readers
            ),
            # Digest parts accepted while the users played (a digest is up to 20 parts).
            "digest_messages": sum(
                1 for c in api.calls("sendMessage")
                if c.status == 200 and c.time >= began_at
                and str(c.params.get("chat_id")) not in readers
            ),
        }  # fmt: skip
        print(json.dumps(report), flush=True)
        await asyncio.Event().wait()


def write_results(
    results: list[dict[str, Any]],
    command: str,
    load: str,
    name: str = "commands",
    limit: int = LIMIT,
) -> str:
    """Write ``benchmarks/results/NAME.{json,md}``; the Markdown table."""
    lines = [
        "| database | commands | commands/s | reply messages/s | unanswered | median ms "
        "| p99 ms | max ms | bot peak RSS MB | digest messages/s | digests sent / enqueued "
        "| 429s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['database']} | {r['commands']:,} | {r['commands_per_s']} | "
            f"{r['reply_messages_per_s']} | {r['unanswered']} | {r['median_ms']} | "
            f"{r['p99_ms']} | {r['max_ms']} | {r['bot_peak_rss_mb']} | "
            f"{r['digest_messages_per_s']} | "
            f"{r['digests_sent_by_end']:,} / {r['digests_enqueued']:,} | {r['answers_429']} |"
        )
    table = "\n".join(lines)
    per_command = "\n".join(
        f"- {r['database']}: "
        + ", ".join(f"`{c}` {v['median_ms']}/{v['p99_ms']}" for c, v in r["by_command"].items())
        for r in results
    )
    save_results(
        name,
        results,
        "# Commands under load, and the bot's memory\n\n"
        f"Targets: reply p99 < {TARGET_P99_MS:g} ms; bot peak RSS < {TARGET_RSS_MB:g} MB. "
        f"Global limit L = {limit} msg/s, broadcast running. Offered load: the users' commands "
        "a second and the reply messages the server accepted for them a second, over the users' "
        "run (replies count in Telegram's L too: offered reply messages near or above L queue "
        "whatever the bot does). Digest messages/s: digest parts accepted meanwhile (a digest "
        "of these 100,000 briefs is up to 20 parts, one a second to its chat, so digests sent "
        "counts few rows).\n\n"
        f"`{command}`\n\nLoad: {load}\n\n{table}\n\n"
        f"Median/p99 ms per command:\n{per_command}\n",
    )
    return table


async def main(argv: list[str] | None = None) -> int:
    """Run on SQLite (and PostgreSQL), print and write the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", default=None, help="also run on this PostgreSQL")
    parser.add_argument("--briefs", type=int, default=100_000)
    parser.add_argument("--subscribers", type=int, default=5_000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--commands", type=int, default=20)
    parser.add_argument("--think-min", type=float, default=4.0)
    parser.add_argument("--think-max", type=float, default=12.0)
    parser.add_argument(
        "--limit",
        type=int,
        default=LIMIT,
        help=f"L, the overall messages per second (default {LIMIT})",
    )
    parser.add_argument(
        "--side-by-side",
        action="store_true",
        help="run SQLite and PostgreSQL at once (default: one after the other)",
    )
    parser.add_argument(
        "--results-name",
        default="commands",
        help="write benchmarks/results/NAME.{json,md} (default: commands)",
    )
    parser.add_argument("--serve", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        await serve(json.loads(args.serve))
        return 0
    databases: list[tuple[str, str | None]] = [("SQLite", None)]
    if args.database_url:
        databases.append(("PostgreSQL", args.database_url))
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as directory:
        folders = [Path(directory) / label for label, _ in databases]
        for folder in folders:
            folder.mkdir()
        runs = [
            measure(label, url, f, args) for (label, url), f in zip(databases, folders, strict=True)
        ]
        if args.side_by_side:  # both databases under the same load, each bot beside the other
            results = list(await asyncio.gather(*runs))
        else:  # one bot on the machine at a time, as deployed
            results = [await run for run in runs]
        for result in results:
            print(json.dumps(result))
    load = f"uptime load before {load_before}, after {os.getloadavg()} (2 cores, shared)"
    command = "uv run --extra test python benchmarks/commands.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    print(write_results(results, command.strip(), load, args.results_name, args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
