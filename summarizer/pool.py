"""Summaries off the event loop and in parallel: a process pool of single-threaded workers."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from types import TracebackType

from summarizer.api import SummaryInputError, SummaryRequest, summarize_request

_BLAS_THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)

SummaryOutcome = list[str] | SummaryInputError


def pin_blas_threads() -> None:
    """Hold numpy's BLAS to one thread: parallelism comes from processes, not BLAS threads.

    Measured here: with several BLAS threads per worker competing for two cores, sumy's LSA
    slowed 6-21x when another process took a core.
    """
    for variable in _BLAS_THREAD_VARIABLES:
        os.environ[variable] = "1"
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


def _summarize_or_error(request: SummaryRequest) -> SummaryOutcome:
    try:
        return summarize_request(request)
    except SummaryInputError as error:
        return error


class SummaryPool:
    """Runs ``summarize`` in worker processes; ``workers=0`` runs it in this process instead."""

    def __init__(self, workers: int | None = None) -> None:
        count = (os.cpu_count() or 1) if workers is None else workers
        if count < 0:
            raise ValueError("workers must be 0 or more")
        self._executor: Executor | None = None
        if count > 0:
            # spawn: workers start clean, never inheriting the bot's threads or event loop.
            self._executor = ProcessPoolExecutor(
                max_workers=count,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=pin_blas_threads,
            )

    def map(
        self, requests: Iterable[SummaryRequest], chunksize: int = 8
    ) -> Iterator[SummaryOutcome]:
        """Each request's summary or its input error, in input order."""
        if self._executor is None:
            return (_summarize_or_error(request) for request in requests)
        return self._executor.map(_summarize_or_error, requests, chunksize=chunksize)

    async def summarize(self, request: SummaryRequest) -> list[str]:
        """One summary without blocking the event loop; raises ``SummaryInputError``."""
        if self._executor is None:
            outcome = await asyncio.to_thread(_summarize_or_error, request)
        else:
            future: Future[SummaryOutcome] = self._executor.submit(_summarize_or_error, request)
            outcome = await asyncio.wrap_future(future)
        if isinstance(outcome, SummaryInputError):
            raise outcome
        return outcome

    def close(self) -> None:
        """Stop the workers, waiting for work in progress."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> SummaryPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
