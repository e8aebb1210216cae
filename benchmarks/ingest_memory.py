"""Peak memory of ``briefbot ingest FILE`` on large JSON files, and of reading large feeds.

Run: ``.venv/bin/python benchmarks/ingest_memory.py [--cases NAME,...] [--code DIR]``. Each
case is a file generated in a temporary folder and read by a fresh process: ``ingest``
cases run ``briefbot ingest`` into a fresh migrated SQLite file (summaries by ``lead``, so
that the figures are about reading, not ranking); ``read`` cases only read the file into
candidates (``read_path``), for a document at the value cap whose full ingest would take
long; ``feed`` cases read an RSS file as a fetched feed is read (``feed_items``: parsing,
then the newest ``BRIEFBOT_FEED_MAX_ITEMS``), without summarizing or storing. The peak
resident set of that process (``ru_maxrss`` from ``wait4``) is reported, with its exit
status, wall time and its summary line. ``--code DIR`` runs the ``read`` and ``feed``
cases on the code in DIR (e.g. ``git archive main | tar -x -C /tmp/main``) for a
before/after figure. Results go to stdout and to ``benchmarks/results/ingest_memory.json``
and ``.md`` (``--out NAME`` for other names).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
BRIEFBOT = str(Path(sys.executable).parent / "briefbot")
SENTENCE = "The council approved a new budget for the harbour district after a long debate. "


def integers(megabytes: int) -> Callable[[Path], None]:
    """A JSON array of single-digit integers, ``megabytes`` MB: the issue's hostile file."""

    def write(path: Path) -> None:
        count = megabytes * 1_000_000 // 2
        path.write_text("[" + "7," * (count - 1) + "7]")

    return write


def briefs(count: int, sentences: int) -> Callable[[Path], None]:
    """A JSON array of ``count`` legitimate briefs with five fields each."""

    def write(path: Path) -> None:
        records = [
            {
                "id": f"brief-{n}",
                "title": f"Harbour budget {n}",
                "date": "2025-11-05",
                "url": f"https://news.example/{n}",
                "text": f"Story {n}. " + SENTENCE * sentences,
            }
            for n in range(count)
        ]
        path.write_text(json.dumps(records))

    return write


def feed(megabytes: float, *, well_formed: bool = True) -> Callable[[Path], None]:
    """An RSS 2.0 feed of ~1 KB items, ``megabytes`` MB (45: the issue's 39,000-item feed)."""
    item = (
        "<item><title>Harbour budget {n}</title><link>https://news.example/{n}</link>"
        "<guid>brief-{n}</guid><pubDate>Tue, 0{day} Dec 2026 10:00:00 GMT</pubDate>"
        "<description>Story {n}. " + SENTENCE * 12 + "</description></item>\n"
    )

    def write(path: Path) -> None:
        count = int(megabytes * 1_000_000 / len(item.format(n=10_000, day=1)))
        with path.open("w") as out:
            out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>')
            out.write("<title>Big</title><link>https://news.example/</link>\n")
            for n in range(count):
                out.write(item.format(n=n, day=1 + n % 9))
            out.write("</channel></rss>\n" if well_formed else "</rss>\n")

    return write


CASES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "integers_12mb": ("ingest", integers(12)),
    "integers_20mb": ("ingest", integers(20)),
    "briefs_40mb_read": ("read", briefs(20_000, 24)),
    "briefs_90k_at_value_cap_read": ("read", briefs(90_000, 2)),
    "briefs_2k_4mb": ("ingest", briefs(2_000, 24)),
    "feed_45mb": ("feed", feed(45)),
    "feed_8mb": ("feed", feed(8)),
    "feed_45mb_ill_formed": ("feed", feed(45, well_formed=False)),
}
READ = (
    "import sys; from pathlib import Path; from ingest.sources.files import read_path; "
    "from ingest.items import Rejection; items = list(read_path(Path(sys.argv[1]))); "
    "bad = sum(isinstance(item, Rejection) for item in items); "
    "print(f'read {len(items) - bad}, rejected {bad}')"
)
FEED = (
    "import asyncio, sys; from pathlib import Path; from ingest.http import Fetcher; "
    "from ingest.sources.feeds import feed_items\n"
    "async def main():\n"
    "    async with Fetcher(allow_private=True) as fetcher:\n"
    "        items = await feed_items(Path(sys.argv[1]).read_bytes(), 'https://x.example/f', "
    "fetcher)\n"
    "    print(f'entries {len(items)}' if isinstance(items, list) else f'refused: {items}')\n"
    "asyncio.run(main())"
)


def measure(name: str, folder: Path, code: Path) -> dict[str, Any]:
    """Generate the case's file, ingest it in a fresh process, report its peak memory."""
    path = folder / (f"{name}.xml" if CASES[name][0] == "feed" else f"{name}.json")
    mode, write = CASES[name]
    write(path)
    database = folder / f"{name}.db"
    env = {
        **os.environ,
        "BRIEFBOT_DATABASE_URL": f"sqlite+aiosqlite:///{database}",
        "BRIEFBOT_SUMMARY_ALGORITHM": "lead",
    }
    if mode == "ingest":
        subprocess.run([BRIEFBOT, "db", "upgrade"], env=env, check=True, capture_output=True)
    out_path, err_path = folder / f"{name}.out", folder / f"{name}.err"
    start = time.perf_counter()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        if mode == "ingest":
            command, cwd = [BRIEFBOT, "ingest", str(path)], ROOT
        else:  # python -c imports the code of its working directory first
            command, cwd = [sys.executable, "-c", READ if mode == "read" else FEED, str(path)], code
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err, cwd=cwd)
        # wait4 gives this one child's own peak (RUSAGE_CHILDREN would be the largest so far).
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stdout, stderr = out_path.read_bytes(), err_path.read_bytes()
    lines = stderr.decode(errors="replace").splitlines()
    return {
        "case": name,
        "mode": mode,
        "file_mb": round(path.stat().st_size / 1_000_000, 1),
        "exit": os.waitstatus_to_exitcode(status),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "seconds": round(seconds, 1),
        "summary": stdout.decode(errors="replace").strip(),
        "stderr_lines": len(lines),
        "first_problem": lines[0][:160] if lines else "",
    }


def write_results(results: dict[str, Any], name: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = [
        "# Ingest memory benchmark",
        "",
        f"Machine: {results['cpus']} CPUs, Python {results['python']}; load at start: "
        f"{results['load']}. Command: `{results['command']}`. Code: {results['code']}.",
        "",
        "| case | mode | file MB | exit | peak RSS MB | seconds | summary | stderr lines | first |",
        "|---|---|---:|---:|---:|---:|---|---:|---|",
    ]
    for row in results["cases"]:
        first = row["first_problem"].replace("|", "\\|")
        lines.append(
            f"| {row['case']} | {row['mode']} | {row['file_mb']} | {row['exit']} | "
            f"{row['peak_rss_mb']} | {row['seconds']} | {row['summary']} | "
            f"{row['stderr_lines']} | {first} |"
        )
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    parser.add_argument("--code", type=Path, default=ROOT, help="project folder to read with")
    parser.add_argument("--out", default="ingest_memory", help="results file name, no suffix")
    args = parser.parse_args()
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    results: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load": load,
        "command": "python benchmarks/ingest_memory.py " + " ".join(sys.argv[1:]),
        "code": "this checkout" if args.code == ROOT else str(args.code),
        "cases": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        for name in args.cases.split(","):
            row = measure(name, Path(folder), args.code.resolve())
            print(json.dumps(row), flush=True)
            results["cases"].append(row)
            # after each case: a long run stopped early keeps the rest.
            write_results(results, args.out)


if __name__ == "__main__":
    main()
