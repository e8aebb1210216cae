"""Stopping summaries for real: a cancelled or overdue job frees its worker; close does not wait."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from summarizer.api import SummaryRequest
from summarizer.pool import SummaryPool, SummaryTimeoutError, SummaryWorkerError
from tests.support.slow_summary import SLEEP_PREFIX, echo_or_sleep


async def sleeping_pid(sentinel: Path) -> int:
    """Wait until the job has written its sentinel; the worker's process id."""
    async with asyncio.timeout(60):
        while not sentinel.exists() or not sentinel.read_text().startswith("sleeping "):
            await asyncio.sleep(0.05)
    return int(sentinel.read_text().split()[1])


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_a_cancelled_summary_kills_its_worker_and_the_next_job_runs_in_a_fresh_one(
    tmp_path: Path,
) -> None:
    sentinel = tmp_path / "job"
    with SummaryPool(workers=1, job=echo_or_sleep) as pool:
        job = asyncio.create_task(pool.summarize(SummaryRequest(f"{SLEEP_PREFIX}{sentinel}")))
        pid = await sleeping_pid(sentinel)
        assert pool.worker_pids() == [pid]
        job.cancel()
        with pytest.raises(asyncio.CancelledError):
            await job
        assert not is_running(pid)
        # One worker, so the next job can only complete if the slow one stopped.
        assert await pool.summarize(SummaryRequest("next")) == ["next"]
        [fresh] = pool.worker_pids()
        assert fresh != pid
    assert sentinel.read_text() == f"sleeping {pid}"  # the slow job never finished


async def test_a_summary_past_the_deadline_is_refused_and_its_worker_replaced(
    tmp_path: Path,
) -> None:
    sentinel = tmp_path / "job"
    with SummaryPool(workers=1, timeout=5, job=echo_or_sleep) as pool:
        assert await pool.summarize(SummaryRequest("warm")) == ["warm"]  # the worker is up
        with pytest.raises(SummaryTimeoutError, match="longer than 5 s"):
            await pool.summarize(SummaryRequest(f"{SLEEP_PREFIX}{sentinel}"))
        pid = await sleeping_pid(sentinel)
        assert not is_running(pid)
        assert await pool.summarize(SummaryRequest("next")) == ["next"]
        assert pool.worker_pids() != [pid]


async def test_closing_the_pool_stops_a_running_job_instead_of_waiting_for_it(
    tmp_path: Path,
) -> None:
    sentinel = tmp_path / "job"
    pool = SummaryPool(workers=2, grace=0.2, job=echo_or_sleep)
    job = asyncio.create_task(pool.summarize(SummaryRequest(f"{SLEEP_PREFIX}{sentinel}")))
    pid = await sleeping_pid(sentinel)
    pool.close()
    # Closed while the job is still inside its two-minute sleep: close did not wait for it.
    assert sentinel.read_text() == f"sleeping {pid}"
    assert pool.worker_pids() == []
    assert not is_running(pid)
    with pytest.raises(SummaryWorkerError):
        await job


def test_a_batch_abandoned_half_way_leaves_no_worker_running(tmp_path: Path) -> None:
    sentinel = tmp_path / "job"
    requests = [SummaryRequest("first"), SummaryRequest(f"{SLEEP_PREFIX}{sentinel}")]
    with SummaryPool(workers=1, grace=0.2, job=echo_or_sleep) as pool:
        outcomes = pool.map(requests, chunksize=1)
        assert next(outcomes) == ["first"]
        [pid] = pool.worker_pids()
        outcomes.close()  # the caller stops reading while the sleeping chunk is out
        assert not is_running(pid)
        [fresh] = pool.worker_pids()
        assert fresh != pid
