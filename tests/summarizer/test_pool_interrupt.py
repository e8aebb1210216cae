"""Ctrl-C reaches the whole process group: the pool's workers leave it to their parent."""

from __future__ import annotations

import os
import signal
import time

import pytest

from summarizer.api import SummaryRequest, summarize_request
from summarizer.pool import SummaryPool

TEXT = (
    "The ministry signed a contract for six patrol vessels on Monday. "
    "The ships will be built at a domestic yard over five years. "
    "Officials said the deal would create thousands of jobs. "
    "The navy has asked for more ships to patrol the coast."
)


def test_workers_ignore_sigint_from_their_start_and_print_no_traceback(
    capfd: pytest.CaptureFixture[str],
) -> None:
    requests = [SummaryRequest(TEXT, sentences=n) for n in (1, 2, 3, 1)]
    with SummaryPool(workers=2) as pool:
        pids = pool.worker_pids()
        assert len(pids) == 2
        until = time.monotonic() + 1.0  # while they import, as a terminal's Ctrl-C would
        while time.monotonic() < until:
            for pid in pids:
                os.kill(pid, signal.SIGINT)
            time.sleep(0.05)
        outcomes = list(pool.map(requests, chunksize=1))
        assert pool.worker_pids() == pids
    assert outcomes == [summarize_request(request) for request in requests]
    assert "Traceback" not in capfd.readouterr().err


def test_the_parent_keeps_its_own_sigint_handler() -> None:
    before = signal.getsignal(signal.SIGINT)
    with SummaryPool(workers=1):
        assert signal.getsignal(signal.SIGINT) is before
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
