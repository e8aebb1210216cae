"""Summaries off the event loop and in parallel, in worker processes that can be stopped.

Each worker is a spawned single-threaded process that runs one job at a time, sent over a
pipe. A summary whose caller is cancelled (a poll's timeout, an ``/add`` given up) or that
runs past the pool's ``timeout`` is stopped for real: its worker is killed and a fresh one
started in its place. (A ``ProcessPoolExecutor`` cannot stop a job: a hostile text kept
its workers busy for minutes after the poll that asked had timed out, and kept SIGTERM
waiting.) :meth:`SummaryPool.close` lets idle workers exit, gives busy ones ``grace``
seconds, then kills them. ``workers=0`` summarizes in a thread of this process instead:
there a deadline stops the wait, not the work.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.connection import Connection, wait
from types import TracebackType
from typing import Any

from summarizer.api import SummaryInputError, SummaryRequest, summarize_request
from summarizer.languages import detect_language
from summarizer.registry import get_ranker

_BLAS_THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)
CLOSE_GRACE_SECONDS = 1.0
_READY = "ready"

SummaryOutcome = list[str] | SummaryInputError
# The unit of work: a top-level function (workers import it by name), never raising input errors.
Job = Callable[[SummaryRequest], SummaryOutcome]


class SummaryTimeoutError(SummaryInputError):
    """A summary ran past the pool's deadline and was stopped."""


class SummaryWorkerError(RuntimeError):
    """A worker failed or was stopped under a job (an unexpected error, or the pool closing)."""


class _Failed:
    """A job's unexpected exception, as one line (exceptions need not pickle)."""

    def __init__(self, error: BaseException) -> None:
        self.message = f"{type(error).__name__}: {error}"


def pin_blas_threads() -> None:
    """Hold numpy's BLAS to one thread: parallelism comes from processes, not BLAS threads.

    Measured here: with several BLAS threads per worker competing for two cores, sumy's LSA
    slowed 6-21x when another process took a core.
    """
    for variable in _BLAS_THREAD_VARIABLES:
        os.environ[variable] = "1"
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


def summarize_or_error(request: SummaryRequest) -> SummaryOutcome:
    """The default job: the summary, or its input error as a value."""
    try:
        return summarize_request(request)
    except SummaryInputError as error:
        return error


def _serve(connection: Connection, job: Job, algorithm: str | None) -> None:
    """A worker's loop: a list of requests in, their outcomes out, until ``None`` or EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    pin_blas_threads()
    try:
        if algorithm is not None:
            get_ranker(algorithm)  # its imports (sumy, NLTK) take seconds: not a job's time
            detect_language("loaded")  # so is reading the language model
        connection.send(_READY)  # started and imported: a job's deadline runs from here on
        while (requests := connection.recv()) is not None:
            outcomes: list[SummaryOutcome | _Failed] = []
            for request in requests:
                try:
                    outcomes.append(job(request))
                except Exception as error:  # carried back; the worker goes on
                    outcomes.append(_Failed(error))
            connection.send(outcomes)
    except (EOFError, OSError):
        return  # the pool went away


def _start_deaf(process: multiprocessing.process.BaseProcess) -> None:
    """Start ``process`` ignoring SIGINT from its first instruction (it inherits SIG_IGN).

    Ctrl-C reaches the whole process group; the parent handles it and closes the pool. A
    worker still importing (for seconds, before ``_serve`` runs) printed a traceback. This
    thread blocks SIGINT meanwhile, so a Ctrl-C to this process waits for its own handler.
    """
    handler = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or handler is None:
        process.start()  # only the main thread sets handlers; _serve ignores SIGINT later
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            process.start()
        finally:
            signal.signal(signal.SIGINT, handler)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class _Worker:
    """One spawned worker process and this side of its pipe."""

    def __init__(self, job: Job, algorithm: str | None) -> None:
        # spawn: workers start clean, never inheriting the bot's threads or event loop.
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, job, algorithm), daemon=True)
        _start_deaf(self.process)
        child.close()  # so that the worker's death reads as EOF here
        self.ready = False  # until it says so: on a loaded machine, starting takes seconds

    def ask_to_stop(self) -> None:
        """Ask the worker to exit after its current job."""
        with contextlib.suppress(OSError):
            self.connection.send(None)

    def kill(self, *, close_connection: bool = True) -> None:
        """Stop the process now (SIGKILL) and reap it."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        if close_connection:
            self.connection.close()


class SummaryPool:
    """Runs ``job`` (``summarize``) in ``workers`` processes; ``workers=0`` runs it in-process.

    ``timeout`` bounds each :meth:`summarize` (``None``: no deadline), from the moment a
    worker has started and loaded ``algorithm`` (if given). ``map`` and ``summarize`` are
    not meant to run at the same time.
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        timeout: float | None = None,
        grace: float = CLOSE_GRACE_SECONDS,
        job: Job = summarize_or_error,
        algorithm: str | None = None,
    ) -> None:
        count = (os.cpu_count() or 1) if workers is None else workers
        if count < 0:
            raise ValueError("workers must be 0 or more")
        self._job = job
        self._algorithm = algorithm
        self._timeout = timeout
        self._grace = grace
        self._idle = [_Worker(job, algorithm) for _ in range(count)]
        self._busy: set[_Worker] = set()
        self._gate = asyncio.Semaphore(count) if count else None
        self._closed = False

    def worker_pids(self) -> list[int]:
        """The process ids of the live workers, idle or busy."""
        workers = [*self._idle, *self._busy]
        return sorted(w.process.pid for w in workers if w.process.pid and w.process.is_alive())

    def map(
        self, requests: Iterable[SummaryRequest], chunksize: int = 8
    ) -> Iterator[SummaryOutcome]:
        """Each request's summary or its input error, in input order."""
        if self._gate is None:
            return (self._job(request) for request in requests)
        return self._map_in_workers(requests, chunksize)

    async def summarize(self, request: SummaryRequest) -> list[str]:
        """One summary without blocking the event loop; raises ``SummaryInputError``.

        Past the deadline it raises :class:`SummaryTimeoutError`; cancelled, it stops the job.
        """
        if self._closed:
            raise SummaryWorkerError("the summary pool is closed")
        if self._gate is None:
            try:
                async with asyncio.timeout(self._timeout):
                    outcome = await asyncio.to_thread(self._job, request)
            except TimeoutError:
                raise self._timed_out() from None
        else:
            async with self._gate:
                outcome = await self._in_worker(request)
        if isinstance(outcome, SummaryInputError):
            raise outcome
        return outcome

    async def _in_worker(self, request: SummaryRequest) -> SummaryOutcome:
        """Run one job in an idle worker; kill and replace the worker if the job is abandoned."""
        worker = self._take()
        try:
            if not worker.ready:
                worker.ready = await _receive(worker.connection) == _READY
            async with asyncio.timeout(self._timeout):
                worker.connection.send([request])
                [outcome] = await _receive(worker.connection)
        except TimeoutError:
            self._replace(worker)
            raise self._timed_out() from None
        except (EOFError, OSError):
            self._replace(worker)
            raise SummaryWorkerError("the summary worker stopped under this job") from None
        except BaseException:  # cancelled: stop the job, not only the wait
            self._replace(worker)
            raise
        self._give_back(worker)
        return _outcome(outcome)

    def _map_in_workers(
        self, requests: Iterable[SummaryRequest], chunksize: int
    ) -> Iterator[SummaryOutcome]:
        """Chunks of ``requests`` spread over all workers, outcomes yielded in input order."""
        remaining = iter(requests)
        chunks = iter(lambda: list(islice(remaining, chunksize)), [])
        workers = [self._take() for _ in range(len(self._idle))]
        pending: dict[Connection, tuple[int, _Worker]] = {}
        done: dict[int, list[Any]] = {}
        sent = 0

        def feed(worker: _Worker) -> None:
            nonlocal sent
            chunk = next(chunks, None)
            if chunk is not None:
                if not worker.ready:
                    try:
                        worker.ready = worker.connection.recv() == _READY
                    except EOFError:
                        raise SummaryWorkerError("a summary worker did not start") from None
                worker.connection.send(chunk)
                pending[worker.connection] = (sent, worker)
                sent += 1

        try:
            for worker in workers:
                feed(worker)
            next_index = 0
            while pending:
                for ready in wait(list(pending)):
                    assert isinstance(ready, Connection)
                    index, worker = pending.pop(ready)
                    try:
                        done[index] = ready.recv()
                    except EOFError:
                        raise SummaryWorkerError("a summary worker stopped") from None
                    feed(worker)
                while next_index in done:
                    yield from (_outcome(outcome) for outcome in done.pop(next_index))
                    next_index += 1
        finally:
            for worker in workers:
                if any(worker is busy for _, busy in pending.values()):
                    self._replace(worker)  # abandoned mid-chunk (an error, or the caller stopped)
                else:
                    self._give_back(worker)

    def _take(self) -> _Worker:
        worker = self._idle.pop()
        self._busy.add(worker)
        return worker

    def _give_back(self, worker: _Worker) -> None:
        self._busy.discard(worker)
        self._idle.append(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and, unless the pool is closing, put a fresh one in its place."""
        self._busy.discard(worker)
        worker.kill()
        if not self._closed:
            self._idle.append(_Worker(self._job, self._algorithm))

    def _timed_out(self) -> SummaryTimeoutError:
        return SummaryTimeoutError(
            "summarizing took longer than {seconds} s; stopped", seconds=f"{self._timeout:g}"
        )

    def close(self) -> None:
        """Stop the workers: idle ones exit, busy ones get ``grace`` seconds, then are killed.

        It blocks while they exit (about a second for idle ones); :meth:`aclose` waits in a
        thread instead. Closing again does nothing.
        """
        if self._closed:
            return
        self._closed = True
        idle, busy = self._idle, list(self._busy)
        self._idle = []
        for worker in [*idle, *busy]:
            worker.ask_to_stop()
        deadline = time.monotonic() + self._grace
        for worker in [*idle, *busy]:
            worker.process.join(max(0.0, deadline - time.monotonic()))
        for worker in idle:
            worker.kill()
        for worker in busy:
            # Its job's caller still owns the pipe: it reads EOF and raises SummaryWorkerError.
            worker.kill(close_connection=False)

    async def aclose(self) -> None:
        """:meth:`close` without blocking the event loop while the workers exit."""
        await asyncio.to_thread(self.close)

    def __enter__(self) -> SummaryPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _outcome(outcome: SummaryOutcome | _Failed) -> SummaryOutcome:
    """A worker's outcome; an unexpected failure is raised here, as the job's own error."""
    if isinstance(outcome, _Failed):
        raise SummaryWorkerError(outcome.message)
    return outcome


async def _receive(connection: Connection) -> Any:
    """The next message on ``connection``, waiting on the event loop rather than a thread."""
    loop = asyncio.get_running_loop()
    readable: asyncio.Future[None] = loop.create_future()

    def on_readable() -> None:
        if not readable.done():
            readable.set_result(None)

    loop.add_reader(connection.fileno(), on_readable)
    try:
        await readable
    finally:
        loop.remove_reader(connection.fileno())
    return connection.recv()
