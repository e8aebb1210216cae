"""A brief's summary at a chat's length (``/length N``): summarised again, never truncated.

A brief is stored with the summary of the bot's length (``BRIEFBOT_SUMMARY_SENTENCES``). A chat
that chose another length gets the brief's stored text summarised again at that length, by the
project's summarizer (in its process pool, off the event loop), so ``/length 1`` is the one
sentence that best stands for the text, not the first of the default three, and ``/length 5``
holds sentences the default left out.

One :class:`SummaryLengths` lives in the services, so the digests of one tick (and the answers
to ``/latest`` and ``/topic``) share it: each (brief, length) is summarised once, however many
chats get it, and a request for one already under way waits for that one. A summary that fails
(a timeout, a worker gone) gives the stored summary for that brief, never a failed digest.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ingest.pipeline import SummarizeAt

if TYPE_CHECKING:
    from storage.models import Brief

logger = logging.getLogger(__name__)

MIN_LENGTH = 1
MAX_LENGTH = 5
CACHE_SIZE = 20_000  # (brief, length) summaries kept, the least recently used dropped first

_Key = tuple[int, str, int]  # brief id, content hash (a brief replaced under its id), length


class SummaryLengths:
    """Summaries at a given length, computed once per (brief, length) and cached."""

    def __init__(
        self, summarize_at: SummarizeAt, *, default: int, capacity: int = CACHE_SIZE
    ) -> None:
        self._summarize_at = summarize_at
        self._default = default
        self._capacity = capacity
        self._done: OrderedDict[_Key, tuple[str, ...]] = OrderedDict()
        self._running: dict[_Key, asyncio.Future[tuple[str, ...]]] = {}
        self.computed = 0  # summaries made (not served from the cache): for tests and figures

    def resummarised(self, length: int | None) -> int | None:
        """``length`` when it asks for a summary made again, None when the stored one will do."""
        return None if length is None or length == self._default else length

    async def summaries(
        self, briefs: Sequence[Brief], length: int | None
    ) -> Mapping[int, Sequence[str]] | None:
        """Brief id -> its summary at ``length``; None when the stored summaries are that length."""
        length = self.resummarised(length)
        if length is None or not briefs:
            return None
        found = await asyncio.gather(*(self._summary(brief, length) for brief in briefs))
        return {brief.id: summary for brief, summary in zip(briefs, found, strict=True)}

    async def _summary(self, brief: Brief, length: int) -> Sequence[str]:
        """One brief's summary at ``length``: cached, joined while running, or computed."""
        key = (brief.id, brief.content_hash, length)
        cached = self._done.get(key)
        if cached is not None:
            self._done.move_to_end(key)
            return cached
        running = self._running.get(key)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[tuple[str, ...]] = asyncio.get_running_loop().create_future()
        self._running[key] = future
        stored = tuple(brief.summary or ())
        try:
            summary = await self._compute(brief, length)
        except BaseException:  # cancelled: whoever joined it gets the stored summary
            future.set_result(stored)
            raise
        finally:
            del self._running[key]
        future.set_result(stored if summary is None else summary)
        if summary is None:
            return stored  # not cached: the next digest tries again
        self._remember(key, summary)
        return summary

    async def _compute(self, brief: Brief, length: int) -> tuple[str, ...] | None:
        """Summarise the stored text again; None when that fails (logged)."""
        self.computed += 1
        try:
            summary = tuple(
                await self._summarize_at(brief.text, brief.title, length, brief.language)
            )
        except Exception as error:
            logger.warning(
                "brief %s at %s sentences: %s; its stored summary is used", brief.id, length, error
            )
            return None
        return summary or None

    def _remember(self, key: _Key, summary: tuple[str, ...]) -> None:
        """Cache ``summary``, dropping the least recently used beyond the capacity."""
        self._done[key] = summary
        while len(self._done) > self._capacity:
            self._done.popitem(last=False)
