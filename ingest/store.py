"""The ingest side of storage: duplicate lookups and writing one brief with its keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from ingest.dedup import NEAR_DUPLICATE_JACCARD, DedupKeys, jaccard, shingles
from ingest.items import BriefCandidate
from storage.models import Brief
from storage.repositories.briefs import BriefRepository


@dataclass(frozen=True)
class PreparedBrief:
    """A validated candidate (title filled in) with its duplicate keys."""

    candidate: BriefCandidate
    keys: DedupKeys


async def find_stored_duplicate(session: AsyncSession, prepared: PreparedBrief) -> Brief | None:
    """A stored brief with the same URL, external id or content, or a near copy of it."""
    repository = BriefRepository(session)
    candidate = prepared.candidate
    exact = await repository.find_exact_duplicate(
        candidate.url, candidate.external_id, prepared.keys.content_hash
    )
    if exact is not None:
        return exact
    best: tuple[Brief, float] | None = None
    for stored in await repository.find_by_buckets(list(prepared.keys.buckets)):
        score = jaccard(prepared.keys.shingles, shingles(stored.text))
        if score >= NEAR_DUPLICATE_JACCARD and (best is None or score > best[1]):
            best = (stored, score)
    return best[0] if best else None


async def add_brief(
    session: AsyncSession,
    prepared: PreparedBrief,
    summary: Sequence[str],
    topics: Sequence[str],
    source_id: int | None = None,
) -> Brief:
    """Insert the brief and its fingerprints (the caller owns the transaction)."""
    candidate = prepared.candidate
    brief = Brief(
        source_id=source_id,
        external_id=candidate.external_id,
        url=candidate.url,
        title=candidate.title or "",
        published_on=candidate.published_on,
        text=candidate.text,
        content_hash=prepared.keys.content_hash,
        summary=list(summary),
        topics=list(topics),
    )
    repository = BriefRepository(session)
    await repository.add(brief)
    await repository.add_fingerprints(brief.id, list(prepared.keys.buckets))
    return brief
