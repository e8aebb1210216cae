"""The send budget's admission under a busy event loop: achieved rate ÷ L, here and elsewhere.

500 senders each loop ``async with pacer.slot(): await asyncio.sleep(0.005)`` on one
``outbox.budget.GlobalPacer`` of rate L, while ``--busy`` other tasks burn ``--burn`` microseconds
each per turn of the event loop (a loop busy with hundreds of sends and their answers, as in a
worker sharing two cores). Reported: sends admitted per second over ``--seconds`` after a second
of warm-up, ÷ L. With ``--before PATH`` each case also runs on that checkout's ``GlobalPacer``
(its own ``.venv`` if it has one), alternating sides, so the ratio of the two is the figure.
Writes ``benchmarks/results/admission.{json,md}``.

    uv run python benchmarks/admission.py [--before ../before] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.report import save_results  # noqa: E402

SENDERS = 500
CASES = [(300, 0, 0), (300, 100, 20), (1000, 0, 0), (1000, 100, 10), (1000, 100, 20)]


async def admitted_per_second(rate: int, busy: int, burn_us: int, seconds: float) -> float:
    """Sends admitted per second by this interpreter's ``outbox.budget.GlobalPacer``."""
    from outbox.budget import GlobalPacer

    pacer = GlobalPacer(rate)
    running = True
    sent = 0

    async def burner() -> None:
        while running:
            until = time.perf_counter() + burn_us / 1e6
            while time.perf_counter() < until:
                pass
            await asyncio.sleep(0)

    async def sender() -> None:
        nonlocal sent
        while running:
            async with pacer.slot():
                await asyncio.sleep(0.005)
            sent += 1

    tasks = [asyncio.create_task(burner()) for _ in range(busy)]
    tasks += [asyncio.create_task(sender()) for _ in range(SENDERS)]
    await asyncio.sleep(1.0)
    first, began = sent, time.perf_counter()
    await asyncio.sleep(seconds)
    achieved = (sent - first) / (time.perf_counter() - began)
    running = False
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return achieved


def run_side(checkout: Path, rate: int, busy: int, burn: int, seconds: float) -> float:
    """One case on ``checkout``'s code, in a process of its own."""
    own = checkout / ".venv" / "bin" / "python"
    python = str(own) if own.exists() else sys.executable
    # Its own outbox must win: --code puts the checkout first on the path before importing.
    case = f"{rate},{busy},{burn},{seconds}"
    command = [python, __file__, "--one", case, "--code", str(checkout)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="a checkout to compare against")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # RATE,BUSY,BURN,SECONDS: one case
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)  # whose outbox to run
    args = parser.parse_args(argv)
    if args.one:
        sys.path.insert(0, str(args.code))
        rate, busy, burn, seconds = args.one.split(",")
        print(asyncio.run(admitted_per_second(int(rate), int(busy), int(burn), float(seconds))))
        return 0
    sides = {"after": ROOT} | ({"before": args.before.resolve()} if args.before else {})
    rows = []
    for rate, busy, burn in CASES:
        rounds: dict[str, list[float]] = {side: [] for side in sides}
        for index in range(args.rounds):
            order = list(sides) if index % 2 == 0 else list(reversed(sides))
            for side in order:
                achieved = run_side(sides[side], rate, busy, burn, args.seconds)
                rounds[side].append(round(achieved / rate, 3))
        row: dict[str, Any] = {"L": rate, "busy_tasks": busy, "burn_us": burn}
        row |= {side: statistics.median(values) for side, values in rounds.items()}
        row |= {f"{side}_rounds": values for side, values in rounds.items()}
        print(json.dumps(row), flush=True)
        rows.append(row)
    names = list(sides)
    lines = [
        "# Send budget admission under a busy event loop (achieved ÷ L, medians)",
        "",
        f"`uv run python benchmarks/admission.py {' '.join(argv or sys.argv[1:])}`",
        "",
        f"{SENDERS} senders, each send 5 ms; busy: tasks burning the given µs per loop turn.",
        "",
        "| L | busy tasks x µs | " + " | ".join(names) + " |",
        "|---:|---|" + "---:|" * len(names),
    ]
    for row in rows:
        cells = " | ".join(str(row[name]) for name in names)
        lines.append(f"| {row['L']} | {row['busy_tasks']} x {row['burn_us']} | {cells} |")
    markdown = "\n".join(lines) + "\n"
    print(markdown)
    save_results("admission", rows, markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
