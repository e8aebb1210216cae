"""Polling one feed source: conditional GET, the ingest pipeline, then success or backoff."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingest.feeds import feed_items
from ingest.http import Fetcher, FetchError
from ingest.items import Rejection
from ingest.pipeline import IngestReport, Summarise, ingest_items
from storage.models import Source
from storage.repositories.sources import SourceRepository


async def _record(
    session_factory: async_sessionmaker[AsyncSession],
    source_id: int,
    now: dt.datetime,
    *,
    error: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    async with session_factory() as session, session.begin():
        repository = SourceRepository(session)
        source = await repository.get(source_id)
        if source is None:
            return  # removed while being polled
        if error is not None:
            await repository.record_failure(source, error, now)
        else:
            await repository.record_success(source, now=now, etag=etag, last_modified=last_modified)


async def poll_source(
    source: Source,
    *,
    session_factory: async_sessionmaker[AsyncSession],
    fetcher: Fetcher,
    summarise: Summarise,
    now: dt.datetime | None = None,
) -> IngestReport:
    """Fetch ``source`` (with its ETag/Last-Modified), ingest new entries, record the outcome.

    A fetch error, or a document that is not a feed, is a failure: the source backs off
    (``SourceRepository.record_failure``). Rejected entries of a good feed are not: they
    are in the report. ``304 Not Modified`` ingests nothing and counts as a success.
    """
    moment = now or dt.datetime.now(dt.UTC)
    report = IngestReport()
    if source.url is None:
        report.reject(Rejection(f"source {source.id}", "source has no URL"))
        return report
    try:
        result = await fetcher.fetch(
            source.url, etag=source.etag, last_modified=source.last_modified
        )
    except FetchError as error:
        report.reject(Rejection(source.url, str(error)))
        await _record(session_factory, source.id, moment, error=str(error))
        return report
    if result.not_modified:
        await _record(
            session_factory,
            source.id,
            moment,
            etag=result.etag or source.etag,
            last_modified=result.last_modified or source.last_modified,
        )
        return report
    items = await feed_items(result.content, result.url, fetcher)
    if len(items) == 1 and isinstance(items[0], Rejection) and items[0].origin == result.url:
        report.reject(items[0])
        await _record(session_factory, source.id, moment, error=items[0].reason)
        return report
    report = await ingest_items(
        items, session_factory=session_factory, summarise=summarise, source_id=source.id
    )
    await _record(
        session_factory, source.id, moment, etag=result.etag, last_modified=result.last_modified
    )
    return report
