"""The floor under reply latency at the commands benchmark's offered load: a simulation.

``benchmarks/commands.py`` plays 200 users, each sending 20 commands and thinking 4-12 s after
each answer (a closed loop). This replays that load against idealised senders, in simulated
time (1 ms steps), with no processing at all, to show what no bot can beat at L = 30:

- *perfect queue*: one first-come-first-served queue served at exactly L messages a second;
- *sliding second*: replies alone (no broadcast beside them), each sent the moment fewer than L
  messages were sent in the last second plus the answer time, which is all Telegram's rule
  (as the budget counts it, ``outbox/budget.py``) allows;
- *budget, before*: replies ahead of a broadcast that fills every place, spaced 1/L apart;
- *budget, reserve*: the same with the reserve for replies and unspaced replies (the code now).

Each reply is one message. Reported per sender: the median and p99 of the wait from a command
to its reply's start, over seeds, and the broadcast's messages a second beside the replies.
Writes ``benchmarks/results/reply_floor.{json,md}``.

    uv run python benchmarks/reply_floor.py [--think-min 4 --think-max 12] [--seeds 3]
"""

from __future__ import annotations

import argparse
import heapq
import math
import random
import statistics
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.report import save_results  # noqa: E402
from benchmarks.search_latency import percentile  # noqa: E402  (as commands.py's p99)
from outbox.budget import REPLY_RESERVE_SHARE  # noqa: E402

LIMIT = 30
USERS = 200
COMMANDS = 20
ANSWER_SECONDS = 0.02  # the local server's answer time: a send is counted this much longer
STEP = 0.001


@dataclass(frozen=True)
class Sender:
    """How replies (and a broadcast beside them) get their places."""

    name: str
    window: bool  # Telegram's sliding second (else one queue served every 1/L s)
    broadcast: bool = False
    spaced_replies: bool = True
    reserve: bool = False


SENDERS = [
    Sender("perfect queue", window=False),
    Sender("sliding second, replies alone", window=True, spaced_replies=False),
    Sender("budget before (broadcast beside)", window=True, broadcast=True),
    Sender("budget now: reserve, unspaced replies", window=True, broadcast=True,
           spaced_replies=False, reserve=True),
]  # fmt: skip


def simulate(
    sender: Sender, seed: int, think: tuple[float, float]
) -> tuple[list[float], float]:
    """Every reply's wait in seconds, and the broadcast's messages a second."""
    rng = random.Random(seed)
    arrivals = [(rng.uniform(*think), user, 0) for user in range(USERS)]
    heapq.heapify(arrivals)
    counted: deque[float] = deque()  # when each counted send stops counting
    replied: deque[float] = deque()  # start times of the last second's replies
    queue: deque[tuple[float, int, int]] = deque()
    waits: list[float] = []
    now = next_start = 0.0
    broadcast = finished = 0
    while finished < USERS:
        while arrivals and arrivals[0][0] <= now:
            queue.append(heapq.heappop(arrivals))
        while counted and counted[0] <= now:
            counted.popleft()
        while replied and replied[0] <= now - 1:
            replied.popleft()
        while queue:
            if sender.window:
                ready = len(counted) < LIMIT and (not sender.spaced_replies or now >= next_start)
            else:
                ready = now >= next_start
            if not ready:
                break
            asked, user, sent = queue.popleft()
            waits.append(now - asked)
            counted.append(now + 1 + ANSWER_SECONDS)
            replied.append(now)
            next_start = max(next_start, now) + 1 / LIMIT
            if sent + 1 < COMMANDS:
                again = now + ANSWER_SECONDS + rng.uniform(*think)
                heapq.heappush(arrivals, (again, user, sent + 1))
            else:
                finished += 1
        reserve = min(len(replied), math.ceil(LIMIT * REPLY_RESERVE_SHARE)) if sender.reserve else 0
        if sender.broadcast and not queue and now >= next_start and len(counted) < LIMIT - reserve:
            counted.append(now + 1 + ANSWER_SECONDS)
            next_start = now + 1 / LIMIT
            broadcast += 1
        now += STEP
    return waits, broadcast / now


def main(argv: list[str] | None = None) -> int:
    """Simulate every sender over the seeds; print and write the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--think-min", type=float, default=4.0)
    parser.add_argument("--think-max", type=float, default=12.0)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args(argv)
    think = (args.think_min, args.think_max)
    rows = []
    for sender in SENDERS:
        runs = [simulate(sender, seed, think) for seed in range(1, args.seeds + 1)]
        rows.append({
            "sender": sender.name,
            "median_ms": [round(statistics.median(w) * 1000, 1) for w, _ in runs],
            "p99_ms": [round(percentile(w, 0.99) * 1000, 1) for w, _ in runs],
            "broadcast_per_s": [round(rate, 1) for _, rate in runs],
        })  # fmt: skip
    lines = [
        "| sender | median wait ms | p99 wait ms | broadcast msg/s |",
        "|---|---|---|---|",
        *(
            f"| {r['sender']} | {' / '.join(map(str, r['median_ms']))} | "
            f"{' / '.join(map(str, r['p99_ms']))} | {' / '.join(map(str, r['broadcast_per_s']))} |"
            for r in rows
        ),
    ]
    table = "\n".join(lines)
    command = "uv run python benchmarks/reply_floor.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    save_results(
        "reply_floor" if think == (4.0, 12.0) else f"reply_floor-think-{think[0]:g}-{think[1]:g}",
        rows,
        "# The floor under reply latency: idealised senders, simulated\n\n"
        f"L = {LIMIT}, {USERS} users x {COMMANDS} commands thinking {think[0]:g}-{think[1]:g} s, "
        f"one message a reply, answers {ANSWER_SECONDS * 1000:g} ms, no processing; one figure "
        f"per seed.\n\n`{command.strip()}`\n\n{table}\n",
    )
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
