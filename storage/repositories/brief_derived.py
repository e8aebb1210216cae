"""What is derived from a stored brief at ingest (its summary, topics and search stems), for
``briefbot refresh-briefs``, which recomputes them after a release changes how.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Text, bindparam, cast, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Base, Brief


@dataclass(frozen=True)
class StoredBrief:
    """A stored brief's inputs (title, summary, text, language) and what was derived.

    ``summary`` and ``topics`` are None where the stored value is not a list of strings (JSON
    null, a number, text that is no JSON: written by hand or another tool, never by ingest).
    """

    id: int
    title: str
    summary: list[str] | None
    text: str
    language: str | None
    topics: list[str] | None
    search_stems: str | None


@dataclass(frozen=True)
class Derived:
    """A brief's topics, search stems (None: a language without stems) and summary, and the
    language they were computed for (stored with them)."""

    topics: list[str]
    search_stems: str | None
    summary: list[str]
    language: str | None


class BriefDerivedRepository:
    """Briefs' summaries, topics and search stems in one session; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def page(self, after_id: int, limit: int) -> Sequence[StoredBrief]:
        """Up to ``limit`` briefs with an id over ``after_id``, in id order."""
        rows = await self._session.execute(
            select(
                Brief.id, Brief.title, cast(Brief.summary, Text), Brief.text, Brief.language,
                cast(Brief.topics, Text), Brief.search_stems,
            )
            .where(Brief.id > after_id)
            .order_by(Brief.id)
            .limit(limit)
        )  # fmt: skip
        # Summary and topics are read as text and decoded here: one unreadable row must not
        # stop the page (the ORM's JSON type would raise on it). Unreadable topics are None,
        # so they differ from any recomputed ones and are written anew.
        return [
            StoredBrief(ident, title, _strings(summary), text, language, _strings(topics), stems)
            for ident, title, summary, text, language, topics, stems in rows
        ]

    async def store(self, derived: Mapping[int, tuple[str | None, Derived]]) -> None:
        """Set each brief's summary, topics, search stems and language, where its language is
        still the one given with them (the one read): a brief whose language changed since
        (``backfill-languages`` running at the same time) is left alone (one statement, many
        rows)."""
        if not derived:
            return
        briefs = Base.metadata.tables["briefs"]  # Core: one UPDATE per row, many at once
        await self._session.execute(
            update(briefs)
            .where(
                briefs.c.id == bindparam("brief_id"),
                briefs.c.language.is_not_distinct_from(bindparam("read_language")),
            )
            .values(
                summary=bindparam("summary"),
                topics=bindparam("topics"),
                search_stems=bindparam("stems"),
                language=bindparam("language"),
            ),
            [
                {
                    "brief_id": ident,
                    "read_language": language,
                    "summary": value.summary,
                    "topics": value.topics,
                    "stems": value.search_stems,
                    "language": value.language,
                }
                for ident, (language, value) in sorted(derived.items())
            ],
        )


def _strings(stored: str | None) -> list[str] | None:
    """A stored JSON list of strings (as text), or None if it is not one."""
    try:
        value = json.loads(stored) if stored is not None else None
    except ValueError:
        return None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return None
