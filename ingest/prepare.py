"""Validating candidates and computing their duplicate keys off the event loop, in batches."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator

from ingest.dedup import dedup_keys
from ingest.items import IngestItem, Notice, Rejection
from ingest.store import PreparedBrief
from ingest.threads import off_loop
from ingest.validation import validate_candidate

Prepared = PreparedBrief | Rejection | Notice


def prepare(item: IngestItem) -> Prepared:
    """A validated candidate with its duplicate keys, or why it was turned away (CPU-bound);
    a notice as it is."""
    if isinstance(item, Rejection | Notice):
        return item
    valid = validate_candidate(item)
    if isinstance(valid, Rejection):
        return valid
    return PreparedBrief(valid, dedup_keys(valid.text))


def _take_prepared(items: Iterator[IngestItem], count: int) -> list[Prepared]:
    """The next ``count`` items, prepared; a lazy reader (a directory walk) reads them here."""
    return [prepare(item) for item in itertools.islice(items, count)]


async def prepared_batches(
    items: Iterable[IngestItem] | AsyncIterable[IngestItem], size: int
) -> AsyncIterator[list[Prepared]]:
    """``items`` prepared in order, ``size`` at a time, each batch in a worker thread."""
    if not isinstance(items, AsyncIterable):
        iterator = iter(items)
        while batch := await off_loop(_take_prepared, iterator, size):
            yield batch
        return
    pending: list[IngestItem] = []
    async for item in items:
        pending.append(item)
        if len(pending) >= size:
            yield await off_loop(_take_prepared, iter(pending), size)
            pending = []
    if pending:
        yield await off_loop(_take_prepared, iter(pending), size)
