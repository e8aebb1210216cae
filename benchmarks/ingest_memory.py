"""Peak memory of ``briefbot ingest FILE`` on hostile and legitimate large JSON files.

Run: ``.venv/bin/python benchmarks/ingest_memory.py [--cases NAME,...]``. Each case is a
file generated in a temporary folder and read by a fresh process: ``ingest`` cases run
``briefbot ingest`` into a fresh migrated SQLite file (summaries by ``lead``, so that the
figures are about reading, not ranking); ``read`` cases only read the file into candidates
(``read_path``), for a document at the value cap whose full ingest would take long. The
peak resident set of that process (``ru_maxrss`` from ``wait4``) is reported, with its
exit status, wall time and its summary line. Results go to stdout and to
``benchmarks/results/ingest_memory.json`` and ``.md``.
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


CASES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "integers_12mb": ("ingest", integers(12)),
    "integers_20mb": ("ingest", integers(20)),
    "briefs_40mb_read": ("read", briefs(20_000, 24)),
    "briefs_90k_at_value_cap_read": ("read", briefs(90_000, 2)),
    "briefs_2k_4mb": ("ingest", briefs(2_000, 24)),
}
READ = (
    "import sys; from pathlib import Path; from ingest.sources.files import read_path; "
    "from ingest.items import Rejection; items = list(read_path(Path(sys.argv[1]))); "
    "bad = sum(isinstance(item, Rejection) for item in items); "
    "print(f'read {len(items) - bad}, rejected {bad}')"
)


def measure(name: str, folder: Path) -> dict[str, Any]:
    """Generate the case's file, ingest it in a fresh process, report its peak memory."""
    path = folder / f"{name}.json"
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
        command = (
            [BRIEFBOT, "ingest", str(path)]
            if mode == "ingest"
            else [sys.executable, "-c", READ, str(path)]
        )
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err, cwd=ROOT)
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


def write_results(results: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ingest_memory.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = [
        "# Ingest memory benchmark",
        "",
        f"Machine: {results['cpus']} CPUs, Python {results['python']}; load at start: "
        f"{results['load']}. Command: `{results['command']}`.",
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
    (RESULTS / "ingest_memory.md").write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    args = parser.parse_args()
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    results: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load": load,
        "command": "python benchmarks/ingest_memory.py " + " ".join(sys.argv[1:]),
        "cases": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        for name in args.cases.split(","):
            row = measure(name, Path(folder))
            print(json.dumps(row), flush=True)
            results["cases"].append(row)
            write_results(results)  # after each case: a long run stopped early keeps the rest


if __name__ == "__main__":
    main()
