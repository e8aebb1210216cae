"""Sources (feeds, pages, files) and their polling schedule with failure backoff."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Brief, Source, SourceKind
from storage.phrase_documents import phrase_document

MAX_BACKOFF = dt.timedelta(hours=24)
LAST_ERROR_CHARS = 2000  # of an error's English text kept in ``sources.last_error``
ETAG_CHARS = 500  # the widths of ``sources.etag`` and ``sources.last_modified``
LAST_MODIFIED_CHARS = 100
# URLs per ``IN`` query: far under SQLite's and PostgreSQL's bound-parameter limits.
URL_SLICE = 1000


def failure_backoff(poll_interval_seconds: int, consecutive_failures: int) -> dt.timedelta:
    """The wait after the n-th consecutive failure: interval * 2**(n-1), capped at 24 h.

    Never shorter than the interval itself: a failing source is not polled more often
    than a healthy one (a 2-day source that fails waits 2 days, not 24 h).
    """
    interval = dt.timedelta(seconds=poll_interval_seconds)
    exponent = min(max(consecutive_failures - 1, 0), 32)
    return max(interval, min(interval * (1 << exponent), MAX_BACKOFF))


class SourceRepository:
    """Sources in one session; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, source: Source) -> Source:
        self._session.add(source)
        await self._session.flush()
        return source

    async def add_all(self, sources: Iterable[Source]) -> None:
        """Insert many sources at once (one flush)."""
        self._session.add_all(sources)
        await self._session.flush()

    async def get(self, source_id: int) -> Source | None:
        return await self._session.get(Source, source_id)

    async def get_by_url(self, url: str) -> Source | None:
        return await self._session.scalar(select(Source).where(Source.url == url))

    async def urls_present(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` are already sources (queried in slices of :data:`URL_SLICE`)."""
        wanted = sorted(set(urls))
        found: set[str] = set()
        for start in range(0, len(wanted), URL_SLICE):
            statement = select(Source.url).where(Source.url.in_(wanted[start : start + URL_SLICE]))
            found.update(url for url in (await self._session.scalars(statement)).all() if url)
        return found

    async def list(self) -> builtins.list[Source]:
        return list((await self._session.scalars(select(Source).order_by(Source.id))).all())

    async def brief_counts(self) -> dict[int, int]:
        """How many stored briefs each source brought (sources with none are left out)."""
        statement = (
            select(Brief.source_id, func.count())
            .where(Brief.source_id.is_not(None))
            .group_by(Brief.source_id)
        )
        rows = await self._session.execute(statement)
        return {source_id: count for source_id, count in rows if source_id is not None}

    async def remove(self, id_or_url: int | str) -> bool:
        """Delete a source by id or URL; its briefs stay (their ``source_id`` becomes NULL)."""
        source = (
            await self.get(id_or_url)
            if isinstance(id_or_url, int)
            else await self.get_by_url(id_or_url)
        )
        if source is None:
            return False
        await self._session.delete(source)
        await self._session.flush()
        return True

    async def due(self, now: dt.datetime) -> builtins.list[Source]:
        """Sources never polled or whose ``next_poll_at`` has come, most overdue first."""
        statement = (
            select(Source)
            .where(or_(Source.next_poll_at.is_(None), Source.next_poll_at <= now))
            .order_by(Source.next_poll_at.is_(None).desc(), Source.next_poll_at, Source.id)
        )
        return list((await self._session.scalars(statement)).all())

    async def claim_due(
        self,
        now: dt.datetime,
        *,
        kinds: Iterable[SourceKind],
        limit: int,
        hold: dt.timedelta,
    ) -> builtins.list[Source]:
        """Claim up to ``limit`` due sources of ``kinds`` with a URL, most overdue first.

        Each claimed source's ``next_poll_at`` moves to ``now + hold``, so no other poller
        takes it for this due time. The caller commits before fetching; the poll's outcome
        then sets the real next poll, and a poller that died mid-poll leaves the source to be
        taken again after ``hold``. On PostgreSQL rows another transaction is claiming are
        skipped (``SKIP LOCKED``), and one it already claimed is no longer due when re-checked;
        SQLite serialises writers.
        """
        statement = (
            select(Source)
            .where(
                or_(Source.next_poll_at.is_(None), Source.next_poll_at <= now),
                Source.url.is_not(None),
                Source.url != "",
                Source.kind.in_(builtins.list(kinds)),
            )
            .order_by(Source.next_poll_at.is_(None).desc(), Source.next_poll_at, Source.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        claimed = builtins.list((await self._session.scalars(statement)).all())
        for source in claimed:
            source.next_poll_at = now + hold
        await self._session.flush()
        return claimed

    async def record_success(
        self,
        source: Source,
        *,
        now: dt.datetime,
        etag: str | None,
        last_modified: str | None,
        next_poll_at: dt.datetime | None = None,
    ) -> None:
        """A successful poll: remember validators, clear failures, schedule the next poll.

        A validator longer than its column (a server's choice) is dropped rather than
        failing the poll: the next GET is then unconditional.
        """
        source.etag = etag if etag is None or len(etag) <= ETAG_CHARS else None
        source.last_modified = (
            last_modified
            if last_modified is None or len(last_modified) <= LAST_MODIFIED_CHARS
            else None
        )
        source.last_polled_at = now
        source.consecutive_failures = 0
        source.next_poll_at = next_poll_at or now + dt.timedelta(
            seconds=source.poll_interval_seconds
        )
        await self._session.flush()

    async def record_failure(
        self, source: Source, error: str, now: dt.datetime, *, back_off: bool = True
    ) -> None:
        """A failed poll: count it and back off exponentially (capped at 24 hours), or with
        ``back_off=False`` poll it again at its interval.

        ``error`` is kept as English text, and when it is a Phrase (ingest.phrases) its
        message and values too (``last_error_phrase``), to be said in a reader's language.
        """
        source.consecutive_failures += 1
        source.last_error = error[:LAST_ERROR_CHARS]
        source.last_error_phrase = phrase_document(error)
        source.last_error_at = now
        source.last_polled_at = now
        failures = source.consecutive_failures if back_off else 1  # 1: the interval itself
        source.next_poll_at = now + failure_backoff(source.poll_interval_seconds, failures)
        await self._session.flush()
