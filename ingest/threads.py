"""CPU-bound ingest work (parsing feeds, pages and files, dedup keys, topics) off the event loop.

Why a worker thread and not the summary process pool: the pool belongs to the summarizer
and reaches ingest only as a ``summarize`` callable (the demo and small CLI runs build it
with no worker processes at all), and a process would have to receive up to 50 MB of
bytes and send back every candidate pickled, for work that takes milliseconds per item.
A thread shares memory, so nothing is copied. Under the GIL the thread is not faster, but
the interpreter hands the GIL back every few milliseconds (``sys.getswitchinterval()``),
so the event loop keeps answering updates, running the tick and delivering while a large
feed is parsed; lxml (trafilatura), hashlib and numpy (MinHash) also release the GIL for
part of their work, which then runs truly in parallel. A thread cannot be interrupted: when
an await is cancelled (the tick's poll timeout), its thread finishes and the result is dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


async def off_loop(function: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
    """``function(*args, **kwargs)`` in a worker thread, without blocking the event loop."""
    return await asyncio.to_thread(function, *args, **kwargs)
