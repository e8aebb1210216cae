"""The ingest side of storage: batched duplicate lookups and writing one brief with its keys.

Both work on Core tables (no ORM objects), which keeps a chunk of briefs cheap to check
and to write. Duplicate lookups take a whole chunk at once: one query for exact copies
(same content hash, URL or external id) and, for the rest, one query for the stored
briefs sharing an LSH bucket, whose texts are then compared shingle by shingle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Row, Table, and_, insert, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from ingest.dedup import (
    NEAR_DUPLICATE_JACCARD,
    DedupKeys,
    closest_candidates,
    jaccard,
    shingles,
)
from ingest.items import BriefCandidate
from ingest.threads import off_loop
from storage.models import Base, utc_now
from storage.models.content import ORIGIN_LENGTH
from storage.repositories.briefs import BriefRepository, to_signed_bucket

_BRIEFS: Table = Base.metadata.tables["briefs"]
_FINGERPRINTS: Table = Base.metadata.tables["brief_fingerprints"]
_ORIGINS: Table = Base.metadata.tables["brief_origins"]
_INSERT_BRIEF = insert(_BRIEFS).returning(_BRIEFS.c.id)
# Many rows at once; the content hash (unique) maps each returned id to its row.
_INSERT_BRIEFS = insert(_BRIEFS).returning(_BRIEFS.c.id, _BRIEFS.c.content_hash)
_INSERT_FINGERPRINTS = insert(_FINGERPRINTS)
# Items per lookup query: 100 items x 32 bands x 2 = 6,400 bound parameters, well under
# SQLite's (32,766) and PostgreSQL's (32,767) limits.
LOOKUP_SLICE = 100


@dataclass(frozen=True)
class PreparedBrief:
    """A validated candidate (title filled in) with its duplicate keys."""

    candidate: BriefCandidate
    keys: DedupKeys
    held: bool = False  # failed its source's include/exclude phrases (ingest.filters)
    language: str | None = None  # ISO 639-1, as summarized (ingest.languages); None: unknown
    search_stems: str | None = None  # storage.search_stems.brief_stems in that language


async def find_stored_duplicates(
    session: AsyncSession, batch: Sequence[PreparedBrief]
) -> list[int | None]:
    """For each item, the id of a stored brief it duplicates (exactly or nearly), or ``None``.

    Exact: the same URL, external id or content hash (the lowest such id). Near: the stored
    brief sharing an LSH bucket with the highest Jaccard similarity at or above
    :data:`~ingest.dedup.NEAR_DUPLICATE_JACCARD` (the lower id on a tie).
    """
    found: list[int | None] = []
    for start in range(0, len(batch), LOOKUP_SLICE):
        found.extend(await _find_slice(session, batch[start : start + LOOKUP_SLICE]))
    return found


def origin_key(candidate: BriefCandidate, source_id: int | None) -> str:
    """Who carried ``candidate``: ``source:<id>``, else ``host:<url host>``, else ``file:<path>``.

    A story counts once per origin, so a feed re-polled, a file ingested again or a feed of
    near-identical items never raises a brief's ``duplicate_count``.
    """
    if source_id is not None:
        return f"source:{source_id}"
    host = urlsplit(candidate.url).hostname if candidate.url else None
    if host:
        return f"host:{host}"[:ORIGIN_LENGTH]
    return "file:" + re.sub(r":\d+$", "", candidate.origin)[: ORIGIN_LENGTH - 5]


async def note_duplicates(session: AsyncSession, arrivals: Sequence[tuple[int, str]]) -> None:
    """For each ``(brief_id, origin)``, count one more source if that origin is new to it.

    The caller owns the transaction.
    """
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    repository = BriefRepository(session)
    # Ascending ids: concurrent ingesters lock the rows in the same order (no deadlock).
    for brief_id, origin in sorted(set(arrivals)):
        statement = (
            dialect.insert(_ORIGINS)
            .values(brief_id=brief_id, origin=origin)
            .on_conflict_do_nothing(index_elements=["brief_id", "origin"])
            .returning(_ORIGINS.c.brief_id)
        )
        if (await session.execute(statement)).first() is not None:
            await repository.note_duplicate(brief_id)


async def _find_slice(session: AsyncSession, batch: Sequence[PreparedBrief]) -> list[int | None]:
    if not batch:
        return []
    found = await _exact_duplicates(session, batch)
    open_items = [i for i, ident in enumerate(found) if ident is None]
    if open_items:
        near = await _near_duplicates(session, [batch[i] for i in open_items])
        for index, ident in zip(open_items, near, strict=True):
            found[index] = ident
    return found


async def _exact_duplicates(
    session: AsyncSession, batch: Sequence[PreparedBrief]
) -> list[int | None]:
    c = _BRIEFS.c
    hashes = {p.keys.content_hash for p in batch}
    urls = {p.candidate.url for p in batch if p.candidate.url is not None}
    external_ids = {p.candidate.external_id for p in batch if p.candidate.external_id is not None}
    conditions: list[ColumnElement[bool]] = [c.content_hash.in_(sorted(hashes))]
    if urls:
        conditions.append(c.url.in_(sorted(urls)))
    if external_ids:
        conditions.append(c.external_id.in_(sorted(external_ids)))
    statement = select(c.id, c.content_hash, c.url, c.external_id).where(or_(*conditions))
    by_hash: dict[str, int] = {}
    by_url: dict[str, int] = {}
    by_external_id: dict[str, int] = {}
    for ident, hash_, url, external_id in (await session.execute(statement)).all():
        for table, key in ((by_hash, hash_), (by_url, url), (by_external_id, external_id)):
            if key is not None and (key not in table or ident < table[key]):
                table[key] = ident
    found: list[int | None] = []
    for prepared in batch:
        candidate = prepared.candidate
        matches = [
            table[key]
            for table, key in (
                (by_hash, prepared.keys.content_hash),
                (by_url, candidate.url),
                (by_external_id, candidate.external_id),
            )
            if key is not None and key in table
        ]
        found.append(min(matches) if matches else None)
    return found


async def _near_duplicates(
    session: AsyncSession, batch: Sequence[PreparedBrief]
) -> list[int | None]:
    c = _FINGERPRINTS.c
    by_band: dict[int, set[int]] = {}
    for prepared in batch:
        for band, bucket in prepared.keys.buckets:
            by_band.setdefault(band, set()).add(to_signed_bucket(bucket))
    # One "band = b AND bucket IN (...)" per band: each is a range of the (band, bucket)
    # index on both databases, and cheaper to plan than one (band, bucket) pair per row.
    statement = select(c.brief_id, c.band, c.bucket).where(
        or_(
            *(and_(c.band == band, c.bucket.in_(sorted(by_band[band]))) for band in sorted(by_band))
        )
    )
    holders: dict[tuple[int, int], list[int]] = {}
    for brief_id, band, bucket in (await session.execute(statement)).all():
        holders.setdefault((band, bucket), []).append(brief_id)
    if not holders:
        return [None] * len(batch)
    # The closest stored candidates of each item (lower ids first on a tie), a bounded number.
    chosen = [
        closest_candidates(
            sorted(
                ident
                for band, bucket in prepared.keys.buckets
                for ident in holders.get((band, to_signed_bucket(bucket)), ())
            )
        )
        for prepared in batch
    ]
    wanted = sorted(set().union(*chosen))
    texts = select(_BRIEFS.c.id, _BRIEFS.c.text).where(_BRIEFS.c.id.in_(wanted))
    stored = await off_loop(_shingles_by_id, (await session.execute(texts)).all())
    found: list[int | None] = []
    for prepared, candidates in zip(batch, chosen, strict=True):
        best: tuple[int, float] | None = None
        for ident in sorted(candidates):
            if ident not in stored:
                continue  # deleted between the two queries
            score = jaccard(prepared.keys.shingles, stored[ident])
            if score >= NEAR_DUPLICATE_JACCARD and (best is None or score > best[1]):
                best = (ident, score)
        found.append(best[0] if best else None)
    return found


def _shingles_by_id(rows: Sequence[Row[Any, Any]]) -> dict[int, frozenset[str]]:
    """The shingles of each stored brief's text, by id (CPU-bound)."""
    return {ident: shingles(text) for ident, text in rows}


def _brief_values(
    prepared: PreparedBrief,
    summary: Sequence[str],
    topics: Sequence[str],
    source_id: int | None,
) -> dict[str, Any]:
    candidate = prepared.candidate
    return {
        "source_id": source_id,
        "external_id": candidate.external_id,
        "url": candidate.url,
        "title": candidate.title or "",
        "published_on": candidate.published_on,
        "ingested_at": utc_now(),
        "text": candidate.text,
        "content_hash": prepared.keys.content_hash,
        "summary": list(summary),
        "topics": list(topics),
        "held": prepared.held,
        "language": prepared.language,
        "search_stems": prepared.search_stems,
    }


def _fingerprint_rows(brief_id: int, keys: DedupKeys) -> list[dict[str, int]]:
    return [
        {"brief_id": brief_id, "band": band, "bucket": to_signed_bucket(bucket)}
        for band, bucket in keys.buckets
    ]


async def add_brief(
    session: AsyncSession,
    prepared: PreparedBrief,
    summary: Sequence[str],
    topics: Sequence[str],
    source_id: int | None = None,
) -> int:
    """Insert the brief and its fingerprints; return its id (the caller owns the transaction)."""
    values = _brief_values(prepared, summary, topics, source_id)
    brief_id = int((await session.execute(_INSERT_BRIEF, values)).scalar_one())
    origin = origin_key(prepared.candidate, source_id)
    await session.execute(insert(_ORIGINS), [{"brief_id": brief_id, "origin": origin}])
    if prepared.keys.buckets:
        await session.execute(_INSERT_FINGERPRINTS, _fingerprint_rows(brief_id, prepared.keys))
    return brief_id


async def add_briefs(
    session: AsyncSession,
    briefs: Sequence[tuple[PreparedBrief, Sequence[str], Sequence[str]]],
    source_id: int | None = None,
) -> list[int]:
    """Insert ``(prepared, summary, topics)`` briefs and their fingerprints in two statements.

    Returns the ids in the order given. All or nothing only if the caller rolls back on an
    error (the caller owns the transaction). The contents must have distinct hashes.
    """
    if not briefs:
        return []
    values = [_brief_values(p, summary, topics, source_id) for p, summary, topics in briefs]
    result = await session.execute(_INSERT_BRIEFS, values)
    by_hash = {content_hash: int(ident) for ident, content_hash in result.all()}
    ids = [by_hash[prepared.keys.content_hash] for prepared, _, _ in briefs]
    origins = [
        {"brief_id": brief_id, "origin": origin_key(prepared.candidate, source_id)}
        for brief_id, (prepared, _, _) in zip(ids, briefs, strict=True)
    ]
    await session.execute(insert(_ORIGINS), origins)
    rows = [
        row
        for brief_id, (prepared, _, _) in zip(ids, briefs, strict=True)
        for row in _fingerprint_rows(brief_id, prepared.keys)
    ]
    if rows:
        await session.execute(_INSERT_FINGERPRINTS, rows)  # one executemany
    return ids
