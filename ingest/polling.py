"""Polling one source (feed or page): conditional GET, ingest, then success or backoff.

A source's URL is dispatched on what it serves through the source registry, as
``briefbot ingest URL`` is (:func:`ingest.sources.registry.read_location`): a feed gives its
new entries, an HTML page its article. ``Source.kind`` records the kind of source that read
the URL at its last successful poll: it starts as the admin declared it (``briefbot sources
add URL`` is a feed, ``--page`` a page) and a successful poll corrects it if the URL turns
out to serve the other kind. Only the kinds in :data:`~ingest.sources.registry.POLLED_KINDS`
(the sources that read fetched URLs) are polled. Anything else
(a fetch error, a document that is neither a feed nor an HTML page, a feed that does not
parse, a page without article text, a document whose every entry is refused) is a failure:
the source backs off exponentially (``SourceRepository.record_failure``; a refused document
is polled again at its interval), and
``last_error`` / ``last_error_at`` / ``consecutive_failures`` tell the admin why, since when
and how often. A success clears the failure count and the last error (in the same
transaction), so ``last_error`` is set exactly while a source is failing.

A page source stores its article once: later polls of the same URL find it stored (a
duplicate by URL) and store nothing, and a ``304 Not Modified`` answer is not even read.
A feed's entries whose URL or external id this source stored already are skipped before
anything else is done with them (not counted in the report), so a poll cut short by its
timeout leaves what it stored stored, and the next one goes on with the entries still
missing. (An entry another source stored still goes through the pipeline, which counts
this source once in that brief's ``duplicate_count``.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ingest.filters import SourceFilter
from ingest.http import Fetcher, FetchError
from ingest.items import Rejection
from ingest.phrases import Phrase, phrase_of
from ingest.pipeline import IngestReport, Summarize, ingest_items
from ingest.sources import Answer
from ingest.sources.registry import read_location
from storage.models import Brief, Source, SourceKind
from storage.repositories.sources import SourceRepository


async def _record(
    session_factory: async_sessionmaker[AsyncSession],
    source_id: int,
    now: dt.datetime,
    *,
    error: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    kind: SourceKind | None = None,
    back_off: bool = True,
) -> None:
    async with session_factory() as session, session.begin():
        repository = SourceRepository(session)
        source = await repository.get(source_id)
        if source is None:
            return  # removed while being polled
        if error is not None:
            await repository.record_failure(source, error, now, back_off=back_off)
            return
        # record_success keeps last_error; a source that works again is not failing.
        source.last_error = None
        source.last_error_phrase = None
        source.last_error_at = None
        if kind is not None:
            source.kind = kind
        await repository.record_success(source, now=now, etag=etag, last_modified=last_modified)


async def poll_source(
    source: Source,
    *,
    session_factory: async_sessionmaker[AsyncSession],
    fetcher: Fetcher,
    summarize: Summarize,
    now: dt.datetime | None = None,
) -> IngestReport:
    """Fetch ``source`` (with its ETag/Last-Modified), ingest what it serves, record the outcome.

    See the module docstring for what counts as a failure. Rejected entries of a good feed
    are not failures while the feed holds one that is stored (now or before) or a
    duplicate: they are in the report. ``304 Not Modified`` ingests nothing and
    counts as a success.
    """
    moment = now or dt.datetime.now(dt.UTC)
    report = IngestReport()
    if source.url is None:
        report.reject(Rejection(f"source {source.id}", Phrase("source has no URL")))
        return report
    try:
        result = await fetcher.fetch(
            source.url, etag=source.etag, last_modified=source.last_modified
        )
    except FetchError as error:
        report.reject(Rejection(source.url, phrase_of(error)))
        report.source_error = phrase_of(error)  # a Phrase: the admins' alert says it in theirs
        await _record(session_factory, source.id, moment, error=phrase_of(error))
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

    skipped = 0  # entries this source stored before: the feed serves something storable

    async def known(entries: Sequence[tuple[str | None, str | None]]) -> list[bool]:
        nonlocal skipped
        stored = await stored_entries(session_factory, source.id, entries)
        skipped += sum(stored)
        return stored

    document = await read_location(Answer(source.url, result, known), fetcher)
    if document.problem is not None or document.kind is None:
        problem = document.problem or Rejection(source.url, Phrase("nothing to ingest"))
        report.reject(problem)
        report.source_error = problem.reason
        await _record(session_factory, source.id, moment, error=problem.reason)
        return report
    report = await ingest_items(
        document.items,
        session_factory=session_factory,
        summarize=summarize,
        source_id=source.id,
        source_filter=SourceFilter(source.include_phrases or (), source.exclude_phrases or ()),
    )
    if report.rejected and not (report.failed or report.stored or report.duplicate or skipped):
        # All the document holds is refused: the source is failing until an entry is stored,
        # so /sources and the admins' alert say why. Refused entries beside stored ones are
        # not: they are read again at every poll and refused again. Polled at its interval,
        # not backed off: an entry worth storing may come at any poll and leave the feed's
        # window before a late one. A summarizer's or database's failure is the bot's, not
        # the source's: never this.
        report.source_error = Phrase(
            "every new entry was refused ({count}), the first: {problem}",
            count=report.rejected,
            problem=report.problems[0],
        )
        await _record(
            session_factory, source.id, moment, error=report.source_error, back_off=False
        )
        return report
    # An entry the bot failed on (its summarizer, its database) is read again at the next
    # poll: no validators kept, so that GET is unconditional and no 304 hides it.
    kept = not report.failed
    await _record(
        session_factory,
        source.id,
        moment,
        etag=result.etag if kept else None,
        last_modified=result.last_modified if kept else None,
        kind=document.kind,
    )
    return report


async def stored_entries(
    session_factory: async_sessionmaker[AsyncSession],
    source_id: int,
    entries: Sequence[tuple[str | None, str | None]],
    slice_size: int = 500,
) -> list[bool]:
    """For each ``(url, external_id)``, whether ``source_id`` stored a brief with either."""
    urls: set[str] = set()
    external_ids: set[str] = set()
    async with session_factory() as session:
        for start in range(0, len(entries), slice_size):
            part = entries[start : start + slice_size]
            wanted_urls = {url for url, _ in part if url}
            wanted_ids = {external_id for _, external_id in part if external_id}
            if not wanted_urls and not wanted_ids:
                continue
            rows = await session.execute(
                select(Brief.url, Brief.external_id).where(
                    Brief.source_id == source_id,
                    or_(Brief.url.in_(wanted_urls), Brief.external_id.in_(wanted_ids)),
                )
            )
            for url, external_id in rows:
                urls.update([url] if url else [])
                external_ids.update([external_id] if external_id else [])
    return [(url in urls) or (external_id in external_ids) for url, external_id in entries]
