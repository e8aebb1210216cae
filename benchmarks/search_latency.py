"""Search latency of ``BriefRepository.search(limit=10)`` on SQLite and PostgreSQL.

Synthesises N briefs (default 100,000) by recombining paragraphs of the BBC and
defence corpora under varied titles and dates, bulk-inserts them straight into
the tables (the FTS5 triggers / generated tsvector column index them), then
times a mix of queries: common words, light stems (``israeli``), quoted phrases,
multi-word queries and rare words. PostgreSQL runs in its own schema, dropped
afterwards. Writes ``benchmarks/results/search_latency.{json,md}``.

``--stemmed-share`` (default 0.2) of the briefs are stored as German with their search
stems (``storage.search_stems``): their text is still English, which gives the indexes as
many tagged stems as German briefs of that length would, and every Latin query word is
looked up among the stems too (as it always is). ``0`` stores none.

    .venv/bin/python benchmarks/search_latency.py [--briefs N] [--queries N]
        [--stemmed-share S] [--postgres-url URL] [--sqlite-only]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, cast

from sqlalchemy import insert, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.models import Brief  # noqa: E402
from storage.repositories import BriefRepository  # noqa: E402
from storage.schema import upgrade  # noqa: E402
from storage.search_stems import brief_stems  # noqa: E402

DATA = Path("/work/shared/data")
CORPORA = ("bbc_news_summary.jsonl", "defence_briefs.jsonl")
RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
BATCH = 2_000
FIXED_QUERIES = [
    # common words
    "government", "said", "minister", "company", "market", "people", "year", "defence",
    # light stems and inflections
    "israeli", "israel", "economies", "elections", "defences", "ministers", "markets",
    "technologies", "announced", "growing",
    # phrases and several words
    '"prime minister"', '"chief of defence staff"', '"interest rates"', '"world cup"',
    '"operation sindoor"', "oil prices", "defence minister", "mobile phone",
    "indian navy ship", '"general election" labour',
    # hostile input
    'AND "*', "(*)", "it's", "🙂 israel",
]
TITLE_PREFIXES = ("", "Update: ", "Analysis: ", "Explainer: ", "Live: ", "Report: ")


def load_corpus() -> tuple[list[str], list[str], list[str]]:
    titles: list[str] = []
    paragraphs: list[str] = []
    categories: list[str] = []
    for name in CORPORA:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            titles.append(record["title"])
            categories.append(record.get("category") or "defence")
            paragraphs.extend(p.strip() for p in record["text"].split("\n") if len(p) > 40)
    return titles, paragraphs, categories


def synthesise(count: int, stemmed_share: float = 0.0, seed: int = 7) -> list[dict[str, Any]]:
    titles, paragraphs, categories = load_corpus()
    rng = random.Random(seed)
    german = random.Random(seed + 1)  # its own draws: the corpus is the same at any share
    start = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    rows = []
    for n in range(count):
        body = "\n\n".join(rng.sample(paragraphs, rng.randint(3, 6)))
        ingested = start - dt.timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
        published = (ingested - dt.timedelta(days=rng.randint(0, 3))).date()
        title = f"{rng.choice(TITLE_PREFIXES)}{rng.choice(titles)}"
        rows.append({
            "title": title, "text": body, "url": f"https://bench.example/{n}",
            "external_id": None, "published_on": published if n % 10 else None,
            "ingested_at": ingested,
            "content_hash": hashlib.sha256(f"{n}\0{body}".encode()).hexdigest(),
            "summary": body.split(". ")[:2], "topics": [rng.choice(categories)],
            "language": None, "search_stems": None,
        })
        if german.random() < stemmed_share:
            rows[-1].update(language="de", search_stems=brief_stems(body, "de"))
    rows.sort(key=lambda row: cast(dt.datetime, row["ingested_at"]))
    return rows


def build_queries(count: int, rows: list[dict[str, Any]], seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    words: Counter[str] = Counter()
    for row in rows[:5_000]:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{6,}", row["text"]))
    rare = sorted(w for w, c in words.items() if c <= 2)
    queries = list(FIXED_QUERIES)
    while len(queries) < count:
        queries.append(rng.choice(rare) if rng.random() < 0.6 else rng.choice(FIXED_QUERIES))
    rng.shuffle(queries)
    return queries[:count]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def measure(
    label: str, url: str, schema: str | None, rows: list[dict[str, Any]], queries: list[str]
) -> dict[str, Any]:
    await upgrade(url, schema=schema)
    engine = create_engine(url, schema=schema)
    started = time.perf_counter()
    for offset in range(0, len(rows), BATCH):
        async with engine.begin() as connection:
            await connection.execute(insert(Brief), rows[offset : offset + BATCH])
    load_seconds = time.perf_counter() - started
    async with engine.begin() as connection:
        await connection.execute(text("ANALYZE"))
    factory = create_session_factory(engine)
    now = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)

    async def search(query: str) -> int:
        async with factory() as session, session.begin():
            return len(await BriefRepository(session).search(query, limit=10, now=now))

    for query in queries[:20]:  # warm caches
        await search(query)
    timings, hits = [], []
    for query in queries:
        began = time.perf_counter()
        hits.append(await search(query))
        timings.append((time.perf_counter() - began) * 1000)
    await engine.dispose()
    slowest = sorted(zip(timings, queries, strict=True), reverse=True)[:5]
    return {
        "database": label, "briefs": len(rows), "queries": len(queries),
        "stemmed": sum(1 for row in rows if row["search_stems"]),
        "load_seconds": round(load_seconds, 1),
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "p99_ms": round(percentile(timings, 0.99), 2),
        "max_ms": round(max(timings), 2),
        "queries_with_hits": sum(1 for h in hits if h),
        "slowest": [{"query": q, "ms": round(t, 2)} for t, q in slowest],
    }


async def run_postgres(url: str, rows: list[dict[str, Any]], queries: list[str]) -> dict[str, Any]:
    schema = f"briefbot_bench_{secrets.token_hex(4)}"
    admin = create_engine(url)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        return await measure("PostgreSQL", url, schema, rows, queries)
    finally:
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def write_results(results: list[dict[str, Any]], target_ms: float) -> str:
    header = (
        "| database | briefs | with stems | queries | median ms | p95 ms | p99 ms | max ms "
        "| load s |"
    )
    lines = [header, "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(
            f"| {r['database']} | {r['briefs']:,} | {r['stemmed']:,} | {r['queries']} | "
            f"{r['median_ms']} | "
            f"{r['p95_ms']} | {r['p99_ms']} | {r['max_ms']} | {r['load_seconds']} |"
        )
    table = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "search_latency.json").write_text(json.dumps(results, indent=2) + "\n")
    slow = "\n".join(
        f"- {r['database']}: " + ", ".join(f"`{s['query']}` {s['ms']} ms" for s in r["slowest"])
        for r in results
    )
    (RESULTS / "search_latency.md").write_text(
        "# Search latency (`BriefRepository.search`, limit 10)\n\n"
        f"Target: p99 < {target_ms:.0f} ms. Each timing includes opening a session and "
        "its transaction.\n\n" + table + "\n\nSlowest queries:\n" + slow + "\n"
    )
    return table


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--stemmed-share", type=float, default=0.2)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args(argv)
    if not 0 <= args.stemmed_share <= 1:
        parser.error("--stemmed-share must be between 0 and 1")
    rows = synthesise(args.briefs, args.stemmed_share)
    queries = build_queries(args.queries, rows)
    results = []
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite+aiosqlite:///{Path(directory) / 'bench.db'}"
        results.append(await measure("SQLite", url, None, rows, queries))
        print(f"SQLite done: {results[-1]['p99_ms']} ms p99", file=sys.stderr)
    if not args.sqlite_only:
        results.append(await run_postgres(args.postgres_url, rows, queries))
    print(write_results(results, target_ms=50))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
