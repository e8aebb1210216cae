"""The ingest pipeline: validate → dedup keys → summarise (in parallel) → store.

Items are processed in chunks. Within a chunk: every candidate is validated and keyed;
one that duplicates an earlier candidate *of the same chunk* is deferred to the next
chunk (by then the earlier one is stored or has failed, so the answer is certain);
the rest are checked against the database; the survivors are summarised concurrently
through the injected ``summarise`` callable (a process pool keeps that off the event
loop); then each brief is stored in its own transaction with its summary, topics and
fingerprints. A failing item is rolled back and reported; it never stops the others
and never touches what is stored. The unique constraints on content hash, URL and
external id settle races with a concurrent ingester (the loser counts as a duplicate).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingest.dedup import DuplicateIndex, dedup_keys
from ingest.items import IngestItem, Rejection
from ingest.store import PreparedBrief, add_brief, find_stored_duplicate
from ingest.topics import extract_topics
from ingest.validation import validate_candidate
from summarizer.api import SummaryInputError, SummaryRequest
from summarizer.pool import SummaryPool

Summarise = Callable[[str, str | None], Awaitable[Sequence[str]]]
CHUNK_SIZE = 64


@dataclass
class IngestReport:
    """What one ingest run did; ``problems`` has one line per rejected item."""

    stored: int = 0
    duplicate: int = 0
    rejected: int = 0
    problems: list[str] = field(default_factory=list)
    stored_ids: list[int] = field(default_factory=list)

    def reject(self, rejection: Rejection) -> None:
        self.rejected += 1
        self.problems.append(str(rejection))

    def absorb(self, other: IngestReport) -> None:
        self.stored += other.stored
        self.duplicate += other.duplicate
        self.rejected += other.rejected
        self.problems.extend(other.problems)
        self.stored_ids.extend(other.stored_ids)

    def summary_line(self) -> str:
        return f"stored {self.stored}, duplicate {self.duplicate}, rejected {self.rejected}"


def pool_summariser(pool: SummaryPool, *, algorithm: str, sentences: int) -> Summarise:
    """A ``summarise`` callable running in ``pool`` with the configured algorithm and length."""

    async def summarise(text: str, title: str | None) -> Sequence[str]:
        request = SummaryRequest(text=text, title=title, sentences=sentences, algorithm=algorithm)
        return await pool.summarize(request)

    return summarise


async def _as_async(
    items: Iterable[IngestItem] | AsyncIterable[IngestItem],
) -> AsyncIterable[IngestItem]:
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item


async def ingest_items(
    items: Iterable[IngestItem] | AsyncIterable[IngestItem],
    *,
    session_factory: async_sessionmaker[AsyncSession],
    summarise: Summarise,
    source_id: int | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> IngestReport:
    """Validate, deduplicate, summarise and store ``items``; see the module docstring."""
    report = IngestReport()
    pending: list[PreparedBrief] = []
    async for item in _as_async(items):
        if isinstance(item, Rejection):
            report.reject(item)
            continue
        valid = validate_candidate(item)
        if isinstance(valid, Rejection):
            report.reject(valid)
            continue
        pending.append(PreparedBrief(valid, dedup_keys(valid.text)))
        if len(pending) >= chunk_size:
            pending = await _process_chunk(pending, report, session_factory, summarise, source_id)
    while pending:
        pending = await _process_chunk(pending, report, session_factory, summarise, source_id)
    return report


async def _process_chunk(
    chunk: list[PreparedBrief],
    report: IngestReport,
    session_factory: async_sessionmaker[AsyncSession],
    summarise: Summarise,
    source_id: int | None,
) -> list[PreparedBrief]:
    """Handle one chunk; return the candidates deferred to the next one."""
    in_chunk = DuplicateIndex()
    fresh: list[PreparedBrief] = []
    deferred: list[PreparedBrief] = []
    for prepared in chunk:
        c = prepared.candidate
        if in_chunk.find(prepared.keys, c.url, c.external_id) is not None:
            deferred.append(prepared)
        else:
            in_chunk.add(prepared, prepared.keys, c.url, c.external_id)
            fresh.append(prepared)
    async with session_factory() as session, session.begin():
        unseen = []
        for prepared in fresh:
            if await find_stored_duplicate(session, prepared) is None:
                unseen.append(prepared)
            else:
                report.duplicate += 1
    outcomes = await asyncio.gather(
        *(summarise(p.candidate.text, p.candidate.title) for p in unseen), return_exceptions=True
    )
    for prepared, outcome in zip(unseen, outcomes, strict=True):
        origin = prepared.candidate.origin
        if isinstance(outcome, SummaryInputError):
            report.reject(Rejection(origin, f"cannot summarise: {outcome}"))
        elif isinstance(outcome, BaseException):
            report.reject(
                Rejection(origin, f"summariser failed: {type(outcome).__name__}: {outcome}")
            )
        else:
            await _store_one(prepared, outcome, report, session_factory, source_id)
    return deferred


async def _store_one(
    prepared: PreparedBrief,
    summary: Sequence[str],
    report: IngestReport,
    session_factory: async_sessionmaker[AsyncSession],
    source_id: int | None,
) -> None:
    candidate = prepared.candidate
    topics = extract_topics(candidate.title, summary, candidate.text)
    try:
        async with session_factory() as session, session.begin():
            brief = await add_brief(session, prepared, summary, topics, source_id)
            brief_id = brief.id
    except IntegrityError:
        report.duplicate += 1  # a concurrent ingester stored the same brief first
        return
    except (SQLAlchemyError, ValueError, TypeError) as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        report.reject(Rejection(candidate.origin, f"could not store: {first_line}"))
        return
    report.stored += 1
    report.stored_ids.append(brief_id)
