"""What is derived from a stored brief at ingest (its topics and search stems), for
``briefbot refresh-briefs``, which recomputes them after a release changes how.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Base, Brief


@dataclass(frozen=True)
class StoredBrief:
    """A stored brief's inputs (title, summary, text, language) and what was derived."""

    id: int
    title: str
    summary: list[str]
    text: str
    language: str | None
    topics: list[str]
    search_stems: str | None


@dataclass(frozen=True)
class Derived:
    """A brief's topics and search stems (None: a language without stems)."""

    topics: list[str]
    search_stems: str | None


class BriefDerivedRepository:
    """Briefs' topics and search stems in one session; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def page(self, after_id: int, limit: int) -> Sequence[StoredBrief]:
        """Up to ``limit`` briefs with an id over ``after_id``, in id order."""
        rows = await self._session.execute(
            select(
                Brief.id, Brief.title, Brief.summary, Brief.text, Brief.language, Brief.topics,
                Brief.search_stems,
            )
            .where(Brief.id > after_id)
            .order_by(Brief.id)
            .limit(limit)
        )  # fmt: skip
        return [StoredBrief(*row) for row in rows]

    async def store(self, derived: Mapping[int, Derived]) -> None:
        """Set each brief's topics and search stems (one statement, many rows)."""
        if not derived:
            return
        briefs = Base.metadata.tables["briefs"]  # Core: one UPDATE per row, many at once
        await self._session.execute(
            update(briefs)
            .where(briefs.c.id == bindparam("brief_id"))
            .values(topics=bindparam("topics"), search_stems=bindparam("stems")),
            [
                {"brief_id": ident, "topics": value.topics, "stems": value.search_stems}
                for ident, value in sorted(derived.items())
            ],
        )
