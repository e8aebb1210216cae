"""Duplicate detection within one batch: near-identical and distinct items, before and after.

Run: ``.venv/bin/python benchmarks/dedup.py [--baseline REF] [--timeout SECONDS]``.
Each case ingests its items into a fresh SQLite file through ``ingest.pipeline`` with a
summarizer that costs nothing (so the figures are dedup and storage only), in a process of
its own that is stopped after ``--timeout`` seconds. Cases: 500, 1,000, 2,000 and 10,000
near-identical items (one story, each with its own last sentence and URL), 10,000 distinct
ones, and the full BBC set (``/work/shared/data``, if present) to show the decisions are
the same. With ``--baseline REF`` (e.g. ``main``) the same cases also run on that commit's
code (``git archive``), interleaved with this checkout's. Results go to stdout and to
``benchmarks/results/dedup.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
BBC = Path("/work/shared/data/bbc_news_summary.jsonl")
STORY = (
    "The defence ministry on Monday signed a contract worth 2,000 crore rupees with a "
    "domestic shipyard for six new offshore patrol vessels for the coast guard. The vessels "
    "will be delivered over the next five years and will be used for fisheries protection, "
    "search and rescue and anti-smuggling operations at sea. Officials said that the contract "
    "would create about three thousand jobs at the yard and at small suppliers."
)
CASES = [("near", 500), ("near", 1000), ("near", 2000), ("near", 10000), ("distinct", 10000)]
WORDS = [f"{a}{b}" for a in ("har", "cou", "bud", "riv", "mus", "sch") for b in "aeiouyklmn"]


def _items(kind: str, count: int) -> list[Any]:
    """The case's candidates (imported from the code under test)."""
    from ingest.items import BriefCandidate
    from ingest.sources.files import read_path

    if kind == "bbc":
        return list(read_path(BBC))
    rng = random.Random(count)
    items = []
    for n in range(count):
        if kind == "near":
            text = f"{STORY} Item {n} was filed today."
        else:
            text = " ".join(rng.choice(WORDS) for _ in range(60)) + f" number {n}."
        items.append(BriefCandidate(f"i{n}", text, url=f"https://bench.example/{n}"))
    return items


async def _one_case(kind: str, count: int) -> dict[str, Any]:
    """Ingest one case with the code on ``sys.path`` (runs in a child process)."""
    from ingest.pipeline import ingest_items
    from storage.engine import create_engine, create_session_factory
    from storage.schema import upgrade_engine

    async def summarize(text: str, title: str | None) -> Sequence[str]:
        return [text[:40]]

    items = _items(kind, count)
    with tempfile.TemporaryDirectory() as directory:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(directory) / 'bench.db'}")
        try:
            await upgrade_engine(engine)
            factory = create_session_factory(engine)
            start = time.perf_counter()
            report = await ingest_items(items, session_factory=factory, summarize=summarize)
            seconds = time.perf_counter() - start
        finally:
            await engine.dispose()
    return {"stored": report.stored, "duplicate": report.duplicate, "seconds": round(seconds, 2)}


def _run_case(code: Path, kind: str, count: int, timeout: float) -> dict[str, Any]:
    """One case in a child process importing ``code``; its figures or why it has none."""
    command = [sys.executable, __file__, "--case", kind, str(count), "--code", str(code)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "note": f"did not finish in {timeout:.0f} s"}
    if done.returncode != 0:
        return {"seconds": None, "note": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _export(ref: str, directory: Path) -> Path:
    """``ref``'s tree (its code only) unpacked into ``directory``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True)
    archive.check_returncode()
    subprocess.run(["tar", "-x", "-C", str(directory)], input=archive.stdout, check=True)
    return directory


def markdown(results: dict[str, Any]) -> str:
    """The results as a table."""
    versions = list(results["versions"])
    lines = [
        "# Dedup benchmark",
        "",
        f"Machine: {results['cpus']} CPUs, Python {results['python']}, load before: "
        f"`{results['load_before']}`, after: `{results['load_after']}`. Command: "
        f"`{results['command']}`. A summarizer that costs nothing; SQLite; seconds per case "
        "(each in its own process, cases interleaved between versions).",
        "",
        "| case | items | "
        + " | ".join(f"{v} seconds | {v} stored/duplicate" for v in versions)
        + " |",
        "|---|---:|" + "---:|---|" * len(versions),
    ]
    for row in results["cases"]:
        cells = []
        for version in versions:
            run = row[version]
            seconds = run["seconds"] if run["seconds"] is not None else run["note"]
            counts = f"{run['stored']}/{run['duplicate']}" if "stored" in run else ""
            cells.append(f"{seconds} | {counts}")
        lines.append(f"| {row['kind']} | {row['items']} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(baseline: str | None, timeout: float) -> None:
    """Every case on this checkout (and the baseline), then the report."""
    results: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "command": " ".join(["benchmarks/dedup.py", *sys.argv[1:]]),
        "load_before": os.getloadavg(),
        "versions": {"branch": str(ROOT)},
        "cases": [],
    }
    cases = [*CASES, ("bbc", 0)] if BBC.is_file() else CASES
    with tempfile.TemporaryDirectory() as directory:
        if baseline:
            results["versions"][baseline] = str(_export(baseline, Path(directory)))
        for kind, count in cases:
            row: dict[str, Any] = {"kind": kind, "items": count or "all"}
            for version, code in results["versions"].items():
                row[version] = _run_case(Path(code), kind, count, timeout)
                print(kind, count, version, row[version], flush=True)
            results["cases"].append(row)
    results["load_after"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "dedup.json").write_text(json.dumps(results, indent=2) + "\n")
    report = markdown(results)
    (RESULTS / "dedup.md").write_text(report)
    print(report)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", metavar="REF", help="also run this commit's code")
    parser.add_argument("--timeout", type=float, default=600.0, metavar="SECONDS")
    parser.add_argument("--case", nargs=2, metavar=("KIND", "COUNT"), help=argparse.SUPPRESS)
    parser.add_argument("--code", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        sys.path.insert(0, args.code)
        print(json.dumps(asyncio.run(_one_case(args.case[0], int(args.case[1])))))
    else:
        main(args.baseline, args.timeout)
