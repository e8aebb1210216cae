"""Briefs: storage, duplicate lookups, recency listings and full-text search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from sqlalchemy import and_, func, or_, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Brief, BriefFingerprint, utc_now
from storage.repositories.brief_search import (
    MATCHING_SPAN,
    postgres_matching,
    postgres_search,
    sqlite_matching,
    sqlite_search,
)
from storage.search import parse_query
from storage.search_expressions import fts5_match_expression, has_phrase, tsquery_expression

_SIGNED_64 = 1 << 63


def to_signed_bucket(bucket: int) -> int:
    """Map an unsigned 64-bit bucket onto BIGINT's signed range (identity for signed input)."""
    if not -_SIGNED_64 <= bucket < 2 * _SIGNED_64:
        raise ValueError(f"bucket {bucket} does not fit in 64 bits")
    return bucket - 2 * _SIGNED_64 if bucket >= _SIGNED_64 else bucket


class BriefRepository:
    """Briefs in one session; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, brief: Brief) -> Brief:
        """Insert ``brief`` and flush so its id is set."""
        self._session.add(brief)
        await self._session.flush()
        return brief

    async def get(self, brief_id: int) -> Brief | None:
        return await self._session.get(Brief, brief_id)

    async def count(self) -> int:
        return int(await self._session.scalar(select(func.count()).select_from(Brief)) or 0)

    async def note_duplicate(self, brief_id: int, times: int = 1) -> None:
        """Count ``times`` more arrivals of the same story (exact or near duplicates)."""
        await self._session.execute(
            update(Brief)
            .where(Brief.id == brief_id)
            .values(duplicate_count=Brief.duplicate_count + times)
        )

    async def find_exact_duplicate(
        self, url: str | None, external_id: str | None, content_hash: str
    ) -> Brief | None:
        """A stored brief with the same URL, external id or content hash, if any."""
        conditions: list[ColumnElement[bool]] = [Brief.content_hash == content_hash]
        if url is not None:
            conditions.append(Brief.url == url)
        if external_id is not None:
            conditions.append(Brief.external_id == external_id)
        statement = select(Brief).where(or_(*conditions)).order_by(Brief.id).limit(1)
        return (await self._session.scalars(statement)).first()

    async def add_fingerprints(
        self, brief_id: int, buckets: Sequence[tuple[int, int]]
    ) -> None:
        """Store ``(band, bucket)`` pairs for a brief (one bucket per band)."""
        self._session.add_all(
            BriefFingerprint(brief_id=brief_id, band=band, bucket=to_signed_bucket(bucket))
            for band, bucket in buckets
        )
        await self._session.flush()

    async def find_by_buckets(self, buckets: Sequence[tuple[int, int]]) -> list[Brief]:
        """Briefs sharing at least one ``(band, bucket)`` pair, oldest first."""
        if not buckets:
            return []
        pairs = [(band, to_signed_bucket(bucket)) for band, bucket in buckets]
        matching = (
            select(BriefFingerprint.brief_id)
            .where(tuple_(BriefFingerprint.band, BriefFingerprint.bucket).in_(pairs))
            .distinct()
        )
        statement = select(Brief).where(Brief.id.in_(matching)).order_by(Brief.id)
        return list((await self._session.scalars(statement)).all())

    async def latest(self, limit: int = 10, since: dt.datetime | None = None) -> list[Brief]:
        """Newest first by ``ingested_at``, then ``published_on``, then id."""
        statement = select(Brief)
        if since is not None:
            statement = statement.where(Brief.ingested_at >= since)
        statement = statement.order_by(
            Brief.ingested_at.desc(), Brief.published_on.desc(), Brief.id.desc()
        ).limit(limit)
        return list((await self._session.scalars(statement)).all())

    async def ingested_between(self, start: dt.datetime, end: dt.datetime) -> list[Brief]:
        """Briefs with ``start <= ingested_at < end``, oldest first."""
        statement = (
            select(Brief)
            .where(and_(Brief.ingested_at >= start, Brief.ingested_at < end))
            .order_by(Brief.ingested_at, Brief.id)
        )
        return list((await self._session.scalars(statement)).all())

    async def search(
        self, query: str, limit: int = 10, *, now: dt.datetime | None = None
    ) -> list[Brief]:
        """Recent briefs about ``query``; see :mod:`storage.search` for what matches.

        A query with no letters or digits returns ``[]``.
        """
        terms = parse_query(query)
        if not terms or limit <= 0:
            return []
        now = now or utc_now()
        relax = has_phrase(terms)
        if self._session.get_bind().dialect.name == "postgresql":
            window = tsquery_expression(terms, adjacent=False) if relax else None
            statement = postgres_search(tsquery_expression(terms), window, now, limit)
        else:
            window = fts5_match_expression(terms, adjacent=False) if relax else None
            statement = sqlite_search(fts5_match_expression(terms), window, now, limit)
        return list((await self._session.scalars(statement)).all())

    async def newer_than_id(self, brief_id: int, limit: int = 100) -> list[Brief]:
        """Up to ``limit`` briefs with an id above ``brief_id``, ascending by id."""
        statement = select(Brief).where(Brief.id > brief_id).order_by(Brief.id).limit(limit)
        return list((await self._session.scalars(statement)).all())

    async def arrivals_after(
        self, brief_id: int, limit: int = 100
    ) -> list[tuple[int, dt.datetime]]:
        """``(id, ingested_at)`` of up to ``limit`` pushable (not ``held``) briefs with an id
        above ``brief_id``, by id."""
        statement = (
            select(Brief.id, Brief.ingested_at)
            .where(Brief.id > brief_id, Brief.held.is_(False))
            .order_by(Brief.id)
            .limit(limit)
        )
        return [(ident, at) for ident, at in (await self._session.execute(statement)).all()]

    async def arrived_since(
        self, since: dt.datetime, until: dt.datetime, limit: int = 200
    ) -> list[Brief]:
        """Pushable (not ``held``) briefs with ``since < ingested_at <= until``, newest first
        (then highest id)."""
        statement = (
            select(Brief)
            .where(Brief.ingested_at > since, Brief.ingested_at <= until, Brief.held.is_(False))
            .order_by(Brief.ingested_at.desc(), Brief.id.desc())
            .limit(limit)
        )
        return list((await self._session.scalars(statement)).all())

    async def count_ingested_since(self, since: dt.datetime) -> int:
        """How many briefs have ``ingested_at >= since``."""
        statement = select(func.count()).select_from(Brief).where(Brief.ingested_at >= since)
        return int(await self._session.scalar(statement) or 0)

    async def matching(self, query: str, among_ids: Collection[int]) -> set[int]:
        """The ids among ``among_ids`` that ``query`` matches as in :meth:`search`, no window."""
        # Every given id is checked (a quoted phrase must be adjacent); a query with no
        # letters or digits matches nothing.
        terms = parse_query(query)
        ids = sorted(set(among_ids))
        if not terms or not ids:
            return set()
        if self._session.get_bind().dialect.name == "postgresql":
            found = await self._session.scalars(postgres_matching(tsquery_expression(terms), ids))
            return set(found.all())
        match = fts5_match_expression(terms)
        hits: set[int] = set()
        for low, high in _id_ranges(ids, MATCHING_SPAN):
            hits.update((await self._session.scalars(sqlite_matching(match, low, high))).all())
        return hits & set(ids)


def _id_ranges(ids: Sequence[int], span: int) -> list[tuple[int, int]]:
    """Cover the sorted ``ids`` with ``(low, high)`` ranges, each at most ``span`` wide."""
    ranges: list[tuple[int, int]] = []
    for ident in ids:
        if ranges and ident - ranges[-1][0] < span:
            ranges[-1] = (ranges[-1][0], ident)
        else:
            ranges.append((ident, ident))
    return ranges
