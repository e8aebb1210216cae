"""Ingest stopped while a chunk is being summarized: nothing is left for asyncio to complain of."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ingest.items import BriefCandidate
from ingest.pipeline import ingest_items


class _StoreFailed(Exception):
    """Storing a chunk failed in a way ingest does not handle (as an interrupt would)."""


def story(n: int) -> str:
    return (
        f"Story number {n} reports that the council approved a new library budget today. "
        f"Councillors argued for {n} hours about reading rooms, opening times and staff. "
        f"The mayor said residents of district {n} would welcome the longer weekend hours."
    )


async def test_a_store_failing_while_summaries_run_leaves_no_unretrieved_gather(
    database: Any,
) -> None:
    never = asyncio.Event()

    async def summarize(text: str, title: str | None) -> Sequence[str]:
        if "number 2" in text:
            await never.wait()  # still summarizing when the first chunk's store fails
        return [text.split(". ")[0] + "."]

    sessions = 0

    def session_factory() -> AsyncSession:
        nonlocal sessions
        sessions += 1
        if sessions == 3:  # chunk 1's duplicate check, chunk 2's, then chunk 1's store
            raise _StoreFailed
        session: AsyncSession = database.factory()
        return session

    loop = asyncio.get_running_loop()
    reported: list[str] = []
    failed = False
    loop.set_exception_handler(lambda _, context: reported.append(context["message"]))
    try:
        try:
            await ingest_items(
                [BriefCandidate(f"story-{n}", story(n)) for n in (1, 2)],
                session_factory=session_factory,  # type: ignore[arg-type]
                summarize=summarize,
                chunk_size=1,
            )
        except _StoreFailed:
            failed = True
        for _ in range(5):  # the cancelled summaries finish
            await asyncio.sleep(0)
        gc.collect()  # an unretrieved future's exception is logged when it is collected
    finally:
        loop.set_exception_handler(None)
    assert failed
    assert sessions == 3
    assert reported == []
