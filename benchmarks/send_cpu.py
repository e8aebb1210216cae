"""The bot's CPU per ``sendMessage``: PTB on httpx (its default) and on aiohttp (``bot.request``).

Only the HTTP transport differs: the same ``ExtBot`` with the app's defaults sends N messages,
C at a time, to N private chats of the local Bot API (in a process of its own, limits far above
the load). The two transports alternate in rounds (A, B, A, B, ...) so both see the same
machine load; reported per transport: the process's CPU time per message (less sensitive to
other jobs than wall time) and messages per wall second, medians over the rounds.
Writes ``benchmarks/results/send_cpu.{json,md}``.

    uv run --extra test python benchmarks/send_cpu.py [--messages 1000] [--concurrency 30]
        [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram.ext import ExtBot
from telegram.request import BaseRequest, HTTPXRequest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.broadcast import bot_api_server  # noqa: E402
from benchmarks.report import save_results  # noqa: E402
from bot.request import AiohttpRequest  # noqa: E402
from outbox.send import bot_defaults  # noqa: E402

LIMIT = 100_000  # the server's limits, far above what one process sends
TRANSPORTS: dict[str, Callable[[], BaseRequest]] = {
    "httpx (PTB default)": lambda: HTTPXRequest(connection_pool_size=256, read_timeout=30),
    "aiohttp (bot.request)": lambda: AiohttpRequest(read_timeout=30),
}


async def one_round(
    api_url: str, token: str, chats: list[int], make: Callable[[], BaseRequest], concurrency: int
) -> tuple[float, float]:
    """Send one message to each chat, ``concurrency`` at a time: (CPU ms per message, msg/s)."""
    bot: ExtBot[Any] = ExtBot(
        token, base_url=f"{api_url}/bot", base_file_url=f"{api_url}/file/bot",
        request=make(), defaults=bot_defaults(),
    )  # fmt: skip
    room = asyncio.Semaphore(concurrency)

    async def send(chat_id: int) -> None:
        async with room:
            await bot.send_message(chat_id, "<b>Digest</b> · three new briefs\nA line of text.")

    async with bot:
        await send(chats[-1])  # connections opened, nothing lazy left (a chat of its own)
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.gather(*(send(chat) for chat in chats[:-1]))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return 1000 * cpu / (len(chats) - 1), (len(chats) - 1) / wall


async def main(argv: list[str] | None = None) -> int:
    """Alternate the transports over the rounds; print and write the medians."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in TRANSPORTS}
    async with bot_api_server(LIMIT, args.messages + 1) as (api_url, token, chats):
        for _ in range(args.rounds):
            for name, make in TRANSPORTS.items():
                figures[name].append(await one_round(api_url, token, chats, make, args.concurrency))
                await asyncio.sleep(1.1)  # each chat's one message a second, between rounds
    results: list[dict[str, Any]] = [
        {
            "transport": name,
            "cpu_ms_per_message": round(statistics.median(cpu for cpu, _ in runs), 2),
            "msg_per_second": round(statistics.median(rate for _, rate in runs), 1),
            "rounds": [[round(cpu, 2), round(rate, 1)] for cpu, rate in runs],
        }
        for name, runs in figures.items()
    ]
    load = f"uptime load before {load_before}, after {os.getloadavg()} (2 cores, shared)"
    command = "uv run --extra test python benchmarks/send_cpu.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    lines = ["| transport | CPU ms per message | msg/s | rounds (CPU ms, msg/s) |",
             "|---|---:|---:|---|"]  # fmt: skip
    for r in results:
        rounds = ", ".join(f"{cpu}/{rate}" for cpu, rate in r["rounds"])
        lines.append(
            f"| {r['transport']} | {r['cpu_ms_per_message']} | {r['msg_per_second']} | {rounds} |"
        )
    table = "\n".join(lines)
    save_results(
        "send_cpu",
        results,
        "# The bot's CPU per sendMessage, by HTTP transport\n\n"
        f"{args.messages} messages to as many private chats, {args.concurrency} at a time, "
        f"{args.rounds} alternating rounds; medians.\n\n"
        f"`{command.strip()}`\n\nLoad: {load}\n\n{table}\n",
    )
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
