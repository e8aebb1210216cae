"""A/B of the broadcast: the same case on a "before" checkout and on this one, alternating.

Each round runs ``benchmarks/broadcast.py`` once on each side as a subprocess (the before side's
own ``.venv``), the order flipping every round (A B, B A, A B ...) so both see the same drift in
the machine's load. Reported per side: the medians over the rounds of msg/s ÷ L, msg/s, the most
accepted in any sliding second, and the totals of 429s, lost and duplicated; per round the
1-minute load average at its start and, on this side, the CPU milliseconds per message of the
bot, the Bot API stand-in and PostgreSQL (the before side may not report them).
Writes ``benchmarks/results/<--results-name>.{json,md}``.

    uv run --extra test python benchmarks/broadcast_ab.py --before /work/wt/throughput-base
        [--rounds 3] [--subscribers 2000] [--limit 300]
        [--database-url postgresql+asyncpg://postgres@127.0.0.1:5432/test --instances 3]
        [--results-name broadcast_ab]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.report import RESULTS, save_results  # noqa: E402

SCRATCH = "broadcast_ab_scratch"  # this side's own results file, removed after each run


def side_python(checkout: Path) -> str:
    """The checkout's own interpreter (its .venv), else this one."""
    own = checkout / ".venv" / "bin" / "python"
    return str(own) if own.exists() else sys.executable


def run_once(checkout: Path, args: argparse.Namespace, this_side: bool) -> dict[str, Any]:
    """One broadcast on ``checkout``: the case's JSON line, with the load at its start."""
    command = [
        side_python(checkout), "benchmarks/broadcast.py",
        "--subscribers", str(args.subscribers), "--limits", str(args.limit),
    ]  # fmt: skip
    if args.instances:
        command += ["--database-url", args.database_url, "--instances", str(args.instances)]
    if this_side:
        command += ["--results-name", SCRATCH]
    load = os.getloadavg()[0]
    done = subprocess.run(command, cwd=checkout, capture_output=True, text=True, check=False)
    if this_side:
        for suffix in ("json", "md"):
            (RESULTS / f"{SCRATCH}.{suffix}").unlink(missing_ok=True)
    else:  # the before side wrote its default results files: leave its checkout clean
        subprocess.run(["git", "checkout", "--", "benchmarks/results"], cwd=checkout, check=False)
    found: list[dict[str, Any]] = [
        json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")
    ]
    if done.returncode != 0 or not found:
        failed = f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        raise SystemExit(f"{checkout}: broadcast failed\n{failed}")
    return found[0] | {"load_1min": round(load, 2)}


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians of the rates, totals of the failures, over one side's rounds."""
    return {
        "ratio": round(statistics.median(r["ratio"] for r in runs), 3),
        "msg_per_second": round(statistics.median(r["msg_per_second"] for r in runs), 1),
        "max_in_any_second": max(r["max_in_any_second"] for r in runs),
        "answers_429": sum(r["answers_429"] for r in runs),
        "lost": sum(r["lost"] for r in runs),
        "duplicated": sum(r["duplicated"] for r in runs),
        "ratios": [r["ratio"] for r in runs],
        "loads": [r["load_1min"] for r in runs],
        "cpu_ms_per_message": [r.get("cpu_ms_per_message") for r in runs],
    }


def cpu_median(runs: list[dict[str, Any]]) -> str:
    """Median CPU ms per message, bot / Bot API / PostgreSQL, where reported."""
    found = [r["cpu_ms_per_message"] for r in runs if r.get("cpu_ms_per_message")]
    if not found:
        return "-"
    names = ("bot", "bot_api", "postgresql")
    return " / ".join(str(round(statistics.median(c[n] for c in found), 2)) for n in names)


def main(argv: list[str] | None = None) -> int:
    """Alternate the two sides over the rounds; print and write the medians."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="the checkout to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--subscribers", type=int, default=2_000)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--instances", type=int, default=None,
                        help="worker processes on PostgreSQL (else one instance on SQLite)")
    parser.add_argument("--results-name", default="broadcast_ab")
    args = parser.parse_args(argv)
    if args.instances and not args.database_url:
        parser.error("--instances needs --database-url")
    sides = {"before": (args.before.resolve(), False), "after": (ROOT, True)}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in sides}
    for round_ in range(args.rounds):
        order = list(sides) if round_ % 2 == 0 else list(reversed(sides))
        for name in order:
            checkout, this_side = sides[name]
            result = run_once(checkout, args, this_side)
            print(name, json.dumps(result), flush=True)
            runs[name].append(result)
    case = (
        f"{args.instances} worker instance(s) on PostgreSQL" if args.instances
        else "one instance on SQLite"
    )
    command = "uv run --extra test python benchmarks/broadcast_ab.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    figures = {name: summary(side_runs) for name, side_runs in runs.items()}
    before, after = figures["before"], figures["after"]
    lines = [
        "| side | ÷ L (median) | msg/s | rounds ÷ L | max in 1 s | 429s | lost | duplicated "
        "| CPU ms/msg bot / Bot API / PostgreSQL |",
        "|---|---:|---:|---|---:|---:|---:|---:|---|",
    ]
    for name, f in figures.items():
        lines.append(
            f"| {name} | {f['ratio']} | {f['msg_per_second']} | "
            f"{', '.join(str(r) for r in f['ratios'])} | {f['max_in_any_second']} | "
            f"{f['answers_429']} | {f['lost']} | {f['duplicated']} | {cpu_median(runs[name])} |"
        )
    table = "\n".join(lines)
    gain = after["ratio"] / before["ratio"] if before["ratio"] else float("inf")
    loads = [r["load_1min"] for side_runs in runs.values() for r in side_runs]
    save_results(
        args.results_name,
        {"case": case, "limit": args.limit, "subscribers": args.subscribers,
         "before": str(args.before), "runs": runs, "figures": figures},
        f"# Broadcast A/B: {case}, L = {args.limit}, {args.subscribers:,} readers\n\n"
        f"before = `{args.before}`, after = this checkout; {args.rounds} rounds, alternating "
        f"(A B, B A, ...); medians.\n\n`{command.strip()}`\n\n"
        f"1-minute load average at the runs' starts: {min(loads)}-{max(loads)}\n\n{table}\n\n"
        f"after ÷ before (median ratios): {gain:.2f}\n",
    )
    print(table)
    print(f"after / before: {gain:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
