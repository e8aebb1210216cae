"""Hardening #4: a stored date at the ends of the calendar never breaks a search.

asyncpg stores ``date.max`` and ``date.min`` as PostgreSQL's ``infinity`` and ``-infinity``;
ingest refuses such dates now, but a database may already hold them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from storage.repositories import BriefRepository
from tests.support.factories import make_brief

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("published_on", [dt.date.max, dt.date.min, dt.date(9999, 1, 1)])
async def test_search_finds_a_brief_dated_at_the_end_of_the_calendar(
    session: AsyncSession, published_on: dt.date
) -> None:
    repository = BriefRepository(session)
    await repository.add(make_brief(title="Bridge vote", text="The bridge vote was held."))
    await repository.add(
        make_brief(title="Bridge far future", text="A bridge vote.", published_on=published_on)
    )
    for query in ("bridge", '"bridge vote"'):
        found = await repository.search(query, limit=10, now=NOW)
        assert sorted(brief.title for brief in found) == ["Bridge far future", "Bridge vote"]
