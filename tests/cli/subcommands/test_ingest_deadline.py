"""``briefbot ingest`` of a few briefs stops a summary past its deadline, not only the wait.

Fewer than ``POOL_THRESHOLD`` briefs used to be summarized in a thread of the CLI's own
process: the deadline gave up waiting, but the thread went on ranking (minutes for the
brief below), and the process could not exit until it had finished.
"""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import pytest

from cli.subcommands.ingest import POOL_THRESHOLD, ingest_inputs
from runtime.settings import load_settings
from storage.engine import create_engine
from tests.support.database import Database
from tests.support.slow_summary import SLOW_ALGORITHM, slow_to_rank


def threads_running_the_summarizer() -> list[str]:
    """Names of this process's threads with a summarizer or sumy frame on their stack."""
    import threading

    names = {thread.ident: thread.name for thread in threading.enumerate()}
    busy = []
    for ident, frame in sys._current_frames().items():
        stack = frame
        while stack is not None:
            filename = stack.f_code.co_filename
            if "/summarizer/" in filename or "/sumy/" in filename:
                busy.append(names.get(ident, str(ident)))
                break
            stack = stack.f_back
    return busy


async def test_a_small_ingest_past_the_summary_deadline_stops_the_summary_itself(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(
        database_url=database.url, summary_algorithm=SLOW_ALGORITHM, summary_timeout_seconds=1
    )
    brief = tmp_path / "slow.txt"
    brief.write_text(slow_to_rank())
    assert POOL_THRESHOLD > 1  # a single brief is the small case
    engine = create_engine(settings.database_url)
    try:
        report = await ingest_inputs([str(brief)], settings, engine)
    finally:
        await engine.dispose()
    assert report.rejected == 1
    [problem] = report.problems
    assert problem.endswith("cannot summarize: summarizing took longer than 1 s; stopped")
    assert "\n" not in problem
    # Nothing goes on ranking after the answer: no thread, no worker process.
    assert threads_running_the_summarizer() == []
    assert multiprocessing.active_children() == []
