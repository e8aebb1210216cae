"""Chat pace: what reserving every send's start in PostgreSQL costs (``outbox/chat_pace.py``).

1. **Per reservation.** :class:`outbox.chat_pace.SharedChatPace` reserves ``--reservations``
   starts on a scratch database of its own: one chat at a time (a statement each, as a lone
   reply does) and ``--concurrency`` chats at once (the requests that overlap go as one batch,
   as a broadcast's do). Reported: the bot's CPU (``time.process_time``) and the PostgreSQL
   backend's CPU (``/proc/<pid>/stat`` of its one connection, so other databases' work is not
   counted) per reservation, the wall time per reservation, and reservations per statement.
2. **Broadcast.** ``benchmarks/broadcast.py``'s several-instances case (``--subscribers``
   readers due at once, L = ``--limit``, 1 and 3 ``briefbot run --role worker`` processes)
   on this tree (reservations on) and, with ``--before DIR``, on a checkout without them
   (e.g. a worktree of main), alternating, ``--rounds`` each; medians. Each waits up to six
   minutes more than ``count / L * 3`` for every digest (lost: not delivered by then).

Writes ``benchmarks/results/chat_pace.{json,md}``.

    uv run --extra test python benchmarks/chat_pace.py \\
        --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/test \\
        [--reservations 5000] [--concurrency 50] \\
        [--subscribers 2000] [--limit 300] [--instances 1,3] [--rounds 2] [--before DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from benchmarks.report import save_results  # noqa: E402
from benchmarks.scratch_database import scratch_database  # noqa: E402
from outbox.chat_pace import SharedChatPace, pace_rule  # noqa: E402
from storage.engine import create_engine  # noqa: E402

APPLICATION = "briefbot-chat-pace-benchmark"
TICKS = os.sysconf("SC_CLK_TCK")


def backend_cpu(pid: int) -> float:
    """CPU seconds (user + system) the server process ``pid`` has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


async def reservations(url: str, count: int, concurrency: int) -> dict[str, Any]:
    """``count`` reservations of distinct chats, ``concurrency`` at once; CPU and wall per one."""
    engine = create_engine(
        url, pool_size=1, max_overflow=0,
        connect_args={"server_settings": {"application_name": APPLICATION}},
    )
    try:
        pace = SharedChatPace(engine, pace_rule(1.0, 20))
        await pace.reserve(-1)  # opens the one connection
        async with engine.connect() as connection:
            pid = int(await connection.scalar(text("SELECT pg_backend_pid()")) or 0)
        statements = pace.statements
        server, client, wall = backend_cpu(pid), time.process_time(), time.perf_counter()
        chats = iter(range(1, count + 1))

        async def reserve_some() -> None:
            for chat in chats:
                turn = await pace.reserve(chat)
                assert turn.reserved

        await asyncio.gather(*(reserve_some() for _ in range(concurrency)))
        wall = time.perf_counter() - wall
        client = time.process_time() - client
        server = backend_cpu(pid) - server
        statements = pace.statements - statements
    finally:
        await engine.dispose()
    return {
        "reservations": count, "concurrency": concurrency,
        "bot_cpu_ms": round(1000 * client / count, 3),
        "postgres_cpu_ms": round(1000 * server / count, 3),
        "wall_ms": round(1000 * wall / count, 3),
        "per_statement": round(count / statements, 1),
    }


# Run by each tree's Python. broadcast.py gives up count / L * 3 + 60 s after the workers start,
# too soon for three worker processes on a loaded 2-core machine: here it waits 5 minutes more.
BROADCAST = """
import asyncio, json, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, ".")
import benchmarks.broadcast as broadcast
from benchmarks.broadcast import measure_instances, sent_rows

async def wait_delivered(engine, count, limit):
    deadline = time.monotonic() + count / limit * 3 + 360
    while time.monotonic() < deadline and await sent_rows(engine) < count:
        await asyncio.sleep(0.2)

broadcast.wait_delivered = wait_delivered
url, numbers = sys.argv[1], [int(value) for value in sys.argv[2:]]
with tempfile.TemporaryDirectory() as folder:
    result = asyncio.run(measure_instances(url, Path(folder), *numbers))
print("RESULT " + json.dumps(result))
"""


def broadcast(tree: Path, url: str, subscribers: int, limit: int, instances: int) -> dict[str, Any]:
    """One several-instances broadcast measured by ``tree``'s own code (its venv)."""
    done = subprocess.run(
        ["uv", "run", "--extra", "test", "python", "-c", BROADCAST, url, str(subscribers),
         str(limit), str(instances)],
        cwd=tree, capture_output=True, text=True, check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line.removeprefix("RESULT ")))
    raise RuntimeError(f"broadcast in {tree} failed:\n{done.stderr[-3000:]}")


def median_of(runs: list[dict[str, Any]], key: str) -> float:
    return round(statistics.median(float(run[key]) for run in runs), 3)


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--reservations", type=int, default=5_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--subscribers", type=int, default=2_000)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--instances", default="1,3")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--before", type=Path, default=None,
                        help="a checkout without chat pace reservations (e.g. main)")
    parser.add_argument("--skip-broadcast", action="store_true")
    args = parser.parse_args(argv)
    command = "uv run --extra test python benchmarks/chat_pace.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()

    per_reservation = []
    with tempfile.TemporaryDirectory() as folder:
        async with scratch_database(args.database_url, Path(folder), "chat_pace") as url:
            for concurrency in (1, args.concurrency):
                for _ in range(args.rounds):
                    await empty_chat_pace(url)
                    result = await reservations(url, args.reservations, concurrency)
                    print(json.dumps(result), flush=True)
                    per_reservation.append(result)

    trees = [("with reservations", ROOT)]
    if args.before is not None:
        trees.append(("before (no reservations)", args.before.resolve()))
    runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
    if not args.skip_broadcast:
        for _ in range(args.rounds):
            for instances in (int(value) for value in args.instances.split(",")):
                for label, tree in trees:
                    result = broadcast(tree, args.database_url, args.subscribers, args.limit,
                                       instances)
                    print(label, json.dumps(result), flush=True)
                    runs.setdefault((label, instances), []).append(result)

    print(write(per_reservation, runs, args, command.strip(), load))
    return 0


async def empty_chat_pace(url: str) -> None:
    """Delete every reservation, so each round starts from chats never sent to."""
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM chat_pace"))
    finally:
        await engine.dispose()


def write(
    per_reservation: list[dict[str, Any]],
    runs: dict[tuple[str, int], list[dict[str, Any]]],
    args: argparse.Namespace,
    command: str,
    load: str,
) -> str:
    """Write the JSON and Markdown results; the Markdown."""
    cost = [
        "| chats at once | reservations | bot CPU ms / reservation | PostgreSQL CPU ms "
        "/ reservation | wall ms / reservation | reservations / statement |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for concurrency in sorted({r["concurrency"] for r in per_reservation}):
        mine = [r for r in per_reservation if r["concurrency"] == concurrency]
        cost.append(
            f"| {concurrency} | {mine[0]['reservations']:,} x {len(mine)} "
            f"| {median_of(mine, 'bot_cpu_ms')} | {median_of(mine, 'postgres_cpu_ms')} "
            f"| {median_of(mine, 'wall_ms')} | {median_of(mine, 'per_statement')} |"
        )
    effect = [
        "| code | instances | rounds | msg/s (median) | ÷ L | max in 1 s | 429s | lost "
        "| duplicated |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (label, instances), mine in sorted(runs.items(), key=lambda item: item[0][1]):
        effect.append(
            f"| {label} | {instances} | {len(mine)} | {median_of(mine, 'msg_per_second')} "
            f"| {median_of(mine, 'ratio')} | {max(r['max_in_any_second'] for r in mine)} "
            f"| {sum(r['answers_429'] for r in mine)} | {sum(r['lost'] for r in mine)} "
            f"| {sum(r['duplicated'] for r in mine)} |"
        )
    markdown = (
        "# Chat pace: reserving each send's start in PostgreSQL\n\n"
        f"`{command}`\n\nLoad (uptime) at the start: {load}\n\n"
        "## Cost per reservation (medians of the rounds)\n\n" + "\n".join(cost) + "\n\n"
        f"## Broadcast, {args.subscribers:,} readers, L = {args.limit} "
        "(`benchmarks/broadcast.py` several-instances case; 429s, lost and duplicated summed "
        "over the rounds)\n\n" + "\n".join(effect) + "\n"
    )
    save_results(
        "chat_pace",
        {"command": command, "load": load, "per_reservation": per_reservation,
         "broadcast": [{"code": label, "instances": n, "runs": mine}
                       for (label, n), mine in runs.items()]},
        markdown,
    )
    return markdown


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
