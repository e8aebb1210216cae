"""CPU per process of a benchmark run: the bot, the Bot API stand-in, PostgreSQL's backends.

Linux only (``/proc``). A process's CPU is its user + system time from ``/proc/<pid>/stat``,
read while it still runs; PostgreSQL's share is the sum over the backends serving one database
(``pg_stat_activity``), so the other jobs on the shared server are left out. A broadcast reads
every figure before and after its delivery and reports the difference per message
(:func:`per_message`), which names the process that spends the most: on a machine of two
cores the first to run out of CPU is the ceiling.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.engine import create_engine

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process; 0.0 once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0.0
    # After "pid (comm)": state is field 3, utime 14 and stime 15 (1-based) of the whole line.
    return (int(fields[11]) + int(fields[12])) / TICKS


def total_cpu_seconds(pids: Iterable[int]) -> float:
    """The CPU seconds of every process in ``pids``."""
    return sum(cpu_seconds(pid) for pid in pids)


async def postgres_backends(database_url: str) -> dict[int, float]:
    """Each backend serving ``database_url``'s database: pid -> CPU seconds so far.

    Empty for SQLite, or when the server runs on another machine (its /proc is not ours).
    """
    url = make_url(database_url)
    if not url.drivername.startswith("postgresql"):
        return {}
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            pids = (
                await connection.scalars(
                    text(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid()"
                    )
                )
            ).all()
    finally:
        await engine.dispose()
    return {int(pid): cpu_seconds(int(pid)) for pid in pids}


def backends_spent(before: Mapping[int, float], after: Mapping[int, float]) -> float:
    """CPU seconds the backends spent between two readings (a new backend counts from 0)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def per_message(spent: Mapping[str, float], messages: int) -> dict[str, float]:
    """Milliseconds of CPU per message, per process group."""
    return {name: round(1000 * seconds / max(messages, 1), 2) for name, seconds in spent.items()}
