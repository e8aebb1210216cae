"""The process pool: same answers as in-process, in order, errors carried back."""

from __future__ import annotations

import asyncio
import threading

import pytest

from summarizer.api import (
    MIN_WORDS,
    NothingToExtract,
    SummaryInputError,
    SummaryRequest,
    summarize_request,
)
from summarizer.pool import SummaryPool

TEXT = (
    "The ministry signed a contract for six patrol vessels on Monday. "
    "The ships will be built at a domestic yard over five years. "
    "Officials said the deal would create thousands of jobs. "
    "The navy has asked for more ships to patrol the coast."
)


def test_worker_processes_give_the_same_summaries_in_input_order() -> None:
    requests = [SummaryRequest(TEXT, sentences=n) for n in (1, 2, 3)] * 3
    expected = [summarize_request(request) for request in requests]
    with SummaryPool(workers=2) as pool:
        assert list(pool.map(requests, chunksize=2)) == expected


def test_a_bad_request_comes_back_as_its_error_without_stopping_the_batch() -> None:
    requests = [SummaryRequest(TEXT), SummaryRequest(""), SummaryRequest(TEXT, sentences=1)]
    with SummaryPool(workers=1) as pool:
        outcomes = list(pool.map(requests))
    assert isinstance(outcomes[1], SummaryInputError)
    assert outcomes[0] == summarize_request(requests[0])
    assert len(outcomes[2]) == 1


async def test_async_summary_runs_in_a_worker_and_raises_input_errors() -> None:
    with SummaryPool(workers=1) as pool:
        assert await pool.summarize(SummaryRequest(TEXT, sentences=2)) == summarize_request(
            SummaryRequest(TEXT, sentences=2)
        )
        with pytest.raises(NothingToExtract) as refused:
            await pool.summarize(SummaryRequest("short"))
    # it crossed the pipe whole: its kind, and the catalogue line it was made from
    assert refused.value.reason.startswith("text is too short to summarize")
    assert dict(refused.value.values) == {"words": str(MIN_WORDS)}


async def test_inline_pool_summarizes_without_worker_processes() -> None:
    with SummaryPool(workers=0) as pool:
        assert len(await pool.summarize(SummaryRequest(TEXT, sentences=1))) == 1


async def test_aclose_lets_the_event_loop_run_while_the_workers_exit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pool = SummaryPool(workers=0)
    released = threading.Event()
    waits: list[bool] = []
    # A close that ends only once the event loop has run on: it never would on the loop.
    monkeypatch.setattr(pool, "close", lambda: waits.append(released.wait(timeout=10)))
    closing = asyncio.create_task(pool.aclose())
    await asyncio.sleep(0)  # the task starts closing
    released.set()
    await closing
    assert waits == [True]

