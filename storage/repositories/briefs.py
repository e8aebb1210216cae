"""Briefs: storage, duplicate lookups, recency listings and full-text search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Date,
    Float,
    Integer,
    Select,
    and_,
    bindparam,
    cast,
    func,
    literal_column,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Brief, BriefFingerprint, utc_now
from storage.search import (
    RECENCY_HALF_LIFE_DAYS,
    SEARCH_WINDOW,
    fts5_match_expression,
    parse_query,
    tsquery_expression,
)

_SIGNED_64 = 1 << 63
# Title, topics, text: a hit in the title counts most.
_FTS5_WEIGHTS = "10.0, 4.0, 1.0"


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
        if self._session.get_bind().dialect.name == "postgresql":
            statement = _postgres_search(tsquery_expression(terms), now, limit)
        else:
            statement = _sqlite_search(fts5_match_expression(terms), now, limit)
        return list((await self._session.scalars(statement)).all())


def _sqlite_search(match: str, now: dt.datetime, limit: int) -> Select[Brief]:
    hits = (
        text(
            f"SELECT rowid AS id, -bm25(briefs_fts, {_FTS5_WEIGHTS}) AS relevance "
            "FROM briefs_fts WHERE briefs_fts MATCH :match ORDER BY rowid DESC LIMIT :window"
        )
        .bindparams(match=match, window=SEARCH_WINDOW)
        .columns(id=Integer, relevance=Float)
        .subquery("hits")
    )
    reference = func.coalesce(Brief.published_on, Brief.ingested_at)
    now_text = now.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    age_days = func.max(0.0, func.julianday(now_text) - func.julianday(reference))
    score = hits.c.relevance / (1.0 + age_days / RECENCY_HALF_LIFE_DAYS)
    return (
        select(Brief)
        .join(hits, hits.c.id == Brief.id)
        .order_by(score.desc(), Brief.id.desc())
        .limit(limit)
    )


def _postgres_search(tsquery: str, now: dt.datetime, limit: int) -> Select[Brief]:
    query = func.to_tsquery(
        bindparam("config", "simple", type_=REGCONFIG), bindparam("tsquery", tsquery)
    )
    vector: ColumnElement[Any] = literal_column("briefs.search_vector")
    reference = func.coalesce(cast(Brief.published_on, Date), func.date(Brief.ingested_at))
    age_days = func.greatest(0, cast(func.date(bindparam("now", now)), Date) - reference)
    score = func.ts_rank(vector, query) / (1.0 + age_days / RECENCY_HALF_LIFE_DAYS)
    window = (
        select(Brief.id)
        .where(vector.op("@@")(query))
        .order_by(Brief.id.desc())
        .limit(SEARCH_WINDOW)
        .subquery("window")
    )
    return (
        select(Brief)
        .join(window, window.c.id == Brief.id)
        .order_by(score.desc(), Brief.id.desc())
        .limit(limit)
    )
