"""Ingest throughput: the whole BBC set (summaries included) on SQLite and PostgreSQL.

Run: ``.venv/bin/python benchmarks/ingest.py [--skip-postgres]``. Each database starts
empty (a fresh SQLite file; a fresh PostgreSQL schema ``briefbot_bench_<random>``, dropped
afterwards). The BBC set is ingested twice (the second run must store nothing), then the
PIB defence set once (all 138 must be stored). Results go to stdout and to
``benchmarks/results/ingest.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.dedup import BANDS, NEAR_DUPLICATE_JACCARD, PERMUTATIONS
from ingest.pipeline import ingest_items, pool_summarizer
from ingest.sources.files import read_path
from storage.engine import create_engine, create_session_factory
from storage.schema import upgrade_engine
from summarizer.pool import SummaryPool
from summarizer.registry import DEFAULT_ALGORITHM

DATA = Path("/work/shared/data")
BBC = DATA / "bbc_news_summary.jsonl"
DEFENCE = DATA / "defence_briefs.jsonl"
POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
RESULTS = Path(__file__).resolve().parent / "results"


async def _run(path: Path, factory: Any, pool: SummaryPool) -> dict[str, Any]:
    items = list(read_path(path))
    summarize = pool_summarizer(pool, algorithm=DEFAULT_ALGORITHM, sentences=3)
    start = time.perf_counter()
    report = await ingest_items(items, session_factory=factory, summarize=summarize)
    seconds = time.perf_counter() - start
    return {
        "items": len(items),
        "stored": report.stored,
        "duplicate": report.duplicate,
        "rejected": report.rejected,
        "seconds": round(seconds, 2),
        "items_per_second": round(len(items) / seconds, 1),
        "stored_per_second": round(report.stored / seconds, 1),
        "problems": report.problems[:5],
    }


async def bench_database(url: str, pool: SummaryPool, schema: str | None = None) -> dict[str, Any]:
    engine = create_engine(url, schema=schema)
    try:
        await upgrade_engine(engine)
        factory = create_session_factory(engine)
        return {
            "bbc_first": await _run(BBC, factory, pool),
            "bbc_second": await _run(BBC, factory, pool),
            "defence": await _run(DEFENCE, factory, pool),
        }
    finally:
        await engine.dispose()


async def bench_postgres(pool: SummaryPool) -> dict[str, Any]:
    schema = f"briefbot_bench_{secrets.token_hex(4)}"
    admin = create_engine(POSTGRES_URL)
    try:
        async with admin.begin() as connection:
            await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            return await bench_database(POSTGRES_URL, pool, schema=schema)
        finally:
            async with admin.begin() as connection:
                await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        await admin.dispose()


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "# Ingest benchmark",
        "",
        f"Machine: {results['cpus']} CPUs, Python {results['python']}; summarizer "
        f"`{results['algorithm']}` (3 sentences) in a {results['workers']}-process pool. "
        f"Dedup: {results['permutations']} MinHash permutations in {results['bands']} bands, "
        f"Jaccard >= {results['threshold']}.",
        "",
        "| database | run | items | stored | duplicate | rejected | seconds | items/s | stored/s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for database in ("sqlite", "postgresql"):
        runs = results.get(database)
        if not isinstance(runs, dict):
            lines.append(f"| {database} | {runs or 'skipped'} | | | | | | | |")
            continue
        for name, run in runs.items():
            lines.append(
                f"| {database} | {name} | {run['items']} | {run['stored']} | {run['duplicate']} "
                f"| {run['rejected']} | {run['seconds']} | {run['items_per_second']} "
                f"| {run['stored_per_second']} |"
            )
    return "\n".join(lines) + "\n"


async def main(skip_postgres: bool) -> None:
    results: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "algorithm": DEFAULT_ALGORITHM,
        "permutations": PERMUTATIONS,
        "bands": BANDS,
        "threshold": NEAR_DUPLICATE_JACCARD,
    }
    with SummaryPool() as pool:
        results["workers"] = os.cpu_count()
        with tempfile.TemporaryDirectory() as directory:
            url = f"sqlite+aiosqlite:///{Path(directory) / 'bench.db'}"
            results["sqlite"] = await bench_database(url, pool)
        if skip_postgres:
            results["postgresql"] = "skipped"
        else:
            try:
                results["postgresql"] = await bench_postgres(pool)
            except OSError as error:
                results["postgresql"] = f"unavailable: {error}"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ingest.json").write_text(json.dumps(results, indent=2) + "\n")
    report = markdown(results)
    (RESULTS / "ingest.md").write_text(report)
    print(report)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-postgres", action="store_true")
    asyncio.run(main(parser.parse_args().skip_postgres))
