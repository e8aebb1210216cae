"""Briefs' stored languages (``briefs.language``) for the backfill of briefs stored without one.

Briefs stored before migration 0011 have ``language`` NULL; ``briefbot backfill-languages``
reads them in id order, a batch at a time, and stores what it detects, with the search stems
of those in a stemmed language (``briefs.search_stems``, :mod:`storage.search_stems`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Base, Brief


class BriefLanguageRepository:
    """Briefs' languages in one session; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def without_language(self, after_id: int, limit: int) -> Sequence[tuple[int, str]]:
        """``(id, text)`` of up to ``limit`` briefs with no language and an id over ``after_id``,
        in id order."""
        rows = await self._session.execute(
            select(Brief.id, Brief.text)
            .where(Brief.language.is_(None), Brief.id > after_id)
            .order_by(Brief.id)
            .limit(limit)
        )
        return [(brief_id, text) for brief_id, text in rows]

    async def store(self, languages: Mapping[int, str]) -> int:
        """Set each brief's language, only where it is still NULL; how many rows changed."""
        by_language: defaultdict[str, list[int]] = defaultdict(list)
        for brief_id, language in languages.items():
            by_language[language].append(brief_id)
        changed = 0
        for language, ids in sorted(by_language.items()):
            result = await self._session.execute(
                update(Brief)
                .where(Brief.id.in_(ids), Brief.language.is_(None))
                .values(language=language)
                .execution_options(synchronize_session=False)
            )
            changed += int(getattr(result, "rowcount", 0) or 0)
        return changed

    async def store_stems(self, stems: Mapping[int, str]) -> None:
        """Set each brief's search stems where it has none (one statement, many rows)."""
        if not stems:
            return
        briefs = Base.metadata.tables["briefs"]  # Core: one UPDATE per row, many at once
        await self._session.execute(
            update(briefs)
            .where(briefs.c.id == bindparam("brief_id"), briefs.c.search_stems.is_(None))
            .values(search_stems=bindparam("stems")),
            [{"brief_id": ident, "stems": value} for ident, value in sorted(stems.items())],
        )
