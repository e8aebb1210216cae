"""Follow/mute phrase matching shared by digests and alerts."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from storage.repositories import BriefRepository


async def matching_any(
    briefs: BriefRepository, phrases: Iterable[str], among_ids: Collection[int]
) -> set[int]:
    """The ids among ``among_ids`` that at least one of ``phrases`` matches (search semantics)."""
    hits: set[int] = set()
    for phrase in phrases:
        remaining = [brief_id for brief_id in among_ids if brief_id not in hits]
        if not remaining:
            break
        hits |= await briefs.matching(phrase, remaining)
    return hits
