"""Digests at a chat's /length: N due chats, each brief summarised again once per length.

Stores the six example defence releases (``examples/defence-releases.jsonl``, each with its
summary at the default of 3) and N private chats whose digest is due now, then times the tick
stage that builds the digests (``tick.digests.enqueue_due_digests``, back to back until none is
due) in three cases: every chat at the default length (the stored summaries), every chat at
``/length 1``, and the chats spread over ``/length 1`` to ``5``. Each case runs on a fresh SQLite
database with the real services (``runtime.root.open_services``: the summary process pool of
``--workers`` processes, started before the clock runs). Reported: build seconds, digests
enqueued, and summaries computed (``services.lengths.computed``) against the chats x briefs a
per-chat summary would take.
Writes ``benchmarks/results/digest_lengths.{json,md}``.

    uv run --extra test python benchmarks/digest_lengths.py [--subscribers 5000] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.report import save_results  # noqa: E402
from runtime.root import open_services  # noqa: E402
from runtime.services import utc_now  # noqa: E402
from runtime.settings import Settings  # noqa: E402
from storage.models import Brief, ChatType, Subscriber  # noqa: E402
from storage.schema import upgrade  # noqa: E402
from summarizer.api import summarize  # noqa: E402
from tick.digests import enqueue_due_digests  # noqa: E402

EXAMPLES = ROOT / "examples" / "defence-releases.jsonl"
MAX_PASSES = 1_000

CASES: dict[str, Callable[[int], int | None]] = {
    "default (stored summaries)": lambda n: None,
    "/length 1": lambda n: 1,
    "/length 1 to 5": lambda n: 1 + n % 5,
}


def brief_rows(now: dt.datetime) -> list[dict[str, Any]]:
    """The example releases, arrived in the last hours, with their summaries at 3 sentences."""
    rows = []
    for n, line in enumerate(EXAMPLES.read_text().splitlines()):
        item = json.loads(line)
        rows.append(
            {
                "title": item["title"][:500],
                "text": item["text"],
                "url": item["url"],
                "external_id": None,
                "published_on": now.date(),
                "ingested_at": now - dt.timedelta(hours=n + 1),
                "content_hash": hashlib.sha256(item["text"].encode()).hexdigest(),
                "summary": summarize(item["text"], title=item["title"], sentences=3),
                "topics": [],
            }
        )
    return rows


def subscriber_rows(
    count: int, now: dt.datetime, length: Callable[[int], int | None]
) -> list[dict[str, Any]]:
    """Active private chats whose digest fell due a second ago, at the case's lengths."""
    due = now - dt.timedelta(seconds=1)
    return [
        {
            "chat_id": 1_000_000 + n,
            "chat_type": ChatType.PRIVATE,
            "timezone": "UTC",
            "digest_time": due.time().replace(microsecond=0),
            "next_digest_at": due,
            "created_at": now - dt.timedelta(days=1),
            "summary_length": length(n),
        }
        for n in range(count)
    ]


async def measure(
    label: str, length: Callable[[int], int | None], subscribers: int, workers: int, folder: Path
) -> dict[str, Any]:
    """Build every due digest of one case on a fresh database."""
    url = f"sqlite+aiosqlite:///{folder / (hashlib.sha1(label.encode()).hexdigest() + '.db')}"
    await upgrade(url)
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    async with open_services(settings, summary_workers=workers) as services:
        now = utc_now()
        briefs = brief_rows(now)
        async with services.engine.begin() as connection:
            await connection.execute(insert(Brief), briefs)
            await connection.execute(insert(Subscriber), subscriber_rows(subscribers, now, length))
        # Start the pool's workers (spawned, each loading the algorithm) before the clock runs.
        warm = " ".join(f"Sentence number {n} of the warm-up text says little." for n in range(9))
        await asyncio.gather(*(services.summarize(warm, None) for _ in range(max(workers, 1))))
        began, enqueued = time.perf_counter(), 0
        for _ in range(MAX_PASSES):
            summary = await enqueue_due_digests(services, services.now())
            enqueued += summary.enqueued
            if summary.enqueued + summary.empty + summary.already + summary.failed == 0:
                break
        seconds = time.perf_counter() - began
        computed = services.lengths.computed
    per_chat = 0 if length(0) is None else subscribers * len(briefs)
    return {
        "case": label,
        "subscribers": subscribers,
        "briefs": len(briefs),
        "build_seconds": round(seconds, 2),
        "enqueued": enqueued,
        "summaries_computed": computed,
        "summaries_if_per_chat": per_chat,
    }


def markdown(results: list[dict[str, Any]], command: str, workers: int) -> str:
    """The results as a table."""
    lines = [
        "# Digests at a chat's /length",
        "",
        f"`{command}` (summary workers: {workers})",
        "",
        "| case | chats | briefs | build s | enqueued | summaries made | per chat it would be |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['case']} | {r['subscribers']:,} | {r['briefs']} | {r['build_seconds']} | "
            f"{r['enqueued']:,} | {r['summaries_computed']:,} | {r['summaries_if_per_chat']:,} |"
        )
    return "\n".join(lines) + "\n"


async def main(argv: list[str] | None = None) -> int:
    """Run the three cases and write the results."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    command = "uv run --extra test python benchmarks/digest_lengths.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for label, length in CASES.items():
            result = await measure(label, length, args.subscribers, args.workers, Path(folder))
            print(result)
            results.append(result)
    text = markdown(results, command.strip(), args.workers)
    print(text)
    save_results("digest_lengths", results, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
