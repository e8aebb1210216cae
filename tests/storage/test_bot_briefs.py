"""Brief queries the bot needs (alerts, digests, stats), duplicate counting and cursors."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import Brief
from storage.repositories import BriefRepository, CursorRepository
from tests.support.factories import make_brief

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)
Factory = async_sessionmaker[AsyncSession]


async def add(session: AsyncSession, title: str, text: str, **overrides: object) -> Brief:
    return await BriefRepository(session).add(make_brief(title=title, text=text, **overrides))


async def test_note_duplicate_increments_the_count(session: AsyncSession) -> None:
    repository = BriefRepository(session)
    brief = await add(session, "Harbour", "The harbour reopened.")
    other = await add(session, "Other", "Something else.")
    assert brief.duplicate_count == 0
    await repository.note_duplicate(brief.id)
    await repository.note_duplicate(brief.id, 2)
    await session.refresh(brief)
    await session.refresh(other)
    assert (brief.duplicate_count, other.duplicate_count) == (3, 0)


async def test_newer_than_id_is_ascending_and_bounded(session: AsyncSession) -> None:
    briefs = [await add(session, f"B{n}", f"Story {n}.") for n in range(5)]
    repository = BriefRepository(session)
    assert await repository.newer_than_id(briefs[1].id, limit=2) == briefs[2:4]
    assert await repository.newer_than_id(0, limit=10) == briefs
    assert await repository.newer_than_id(briefs[-1].id, limit=10) == []


async def test_arrived_since_is_open_closed_and_newest_first(session: AsyncSession) -> None:
    at_since = await add(session, "At since", "x", ingested_at=NOW - 2 * HOUR)
    early = await add(session, "Early", "x", ingested_at=NOW - HOUR)
    late = await add(session, "Late", "x", ingested_at=NOW)
    await add(session, "Future", "x", ingested_at=NOW + HOUR)
    repository = BriefRepository(session)
    assert await repository.arrived_since(NOW - 2 * HOUR, NOW) == [late, early]
    assert await repository.arrived_since(NOW - 2 * HOUR, NOW, limit=1) == [late]
    wider = await repository.arrived_since(NOW - 2 * HOUR, NOW + HOUR)
    assert at_since not in wider
    assert [brief.title for brief in wider] == ["Future", "Late", "Early"]


async def test_count_ingested_since_includes_the_boundary(session: AsyncSession) -> None:
    await add(session, "Yesterday", "x", ingested_at=NOW - 24 * HOUR)
    await add(session, "Midnight", "x", ingested_at=NOW - 12 * HOUR)
    await add(session, "Noon", "x", ingested_at=NOW)
    repository = BriefRepository(session)
    assert await repository.count_ingested_since(NOW - 12 * HOUR) == 2
    assert await repository.count_ingested_since(NOW + HOUR) == 0


async def test_matching_uses_search_semantics_within_the_given_ids(
    session: AsyncSession,
) -> None:
    israel = await add(session, "Israel holds election", "Voters went to the polls.")
    israeli = await add(session, "Army statement", "The Israeli defence forces spoke.")
    phrase = await add(session, "Visit", "The defence minister met troops.")
    apart = await add(session, "Budget", "Minister of defence and spending.")
    other = await add(session, "Markets", "The economic outlook brightened.")
    ids = [israel.id, israeli.id, phrase.id, apart.id, other.id]
    repository = BriefRepository(session)
    assert await repository.matching("israelis", ids) == {israel.id, israeli.id}
    assert await repository.matching("israel", [israeli.id, other.id]) == {israeli.id}
    assert await repository.matching("israel", [israel.id, other.id]) == {israel.id}
    assert await repository.matching('"defence minister"', ids) == {phrase.id}
    assert await repository.matching("defence minister", ids) == {phrase.id, apart.id}
    assert await repository.matching("economy", ids) == {other.id}
    assert await repository.matching("ISRAEL", set(ids)) == {israel.id, israeli.id}


async def test_matching_scattered_ids_in_several_ranges(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storage.repositories.briefs.MATCHING_SPAN", 2)
    briefs = [await add(session, f"Harbour {n}", f"The harbour story {n}.") for n in range(9)]
    wanted = [briefs[n].id for n in (0, 1, 4, 8)]
    assert await BriefRepository(session).matching("harbours", wanted) == set(wanted)


async def test_matching_edge_cases_match_nothing(session: AsyncSession) -> None:
    brief = await add(session, "Israel", "Voters in Israel.")
    repository = BriefRepository(session)
    for query in ("", "   ", "*:()-'", '"', "israel zebra"):
        assert await repository.matching(query, [brief.id]) == set(), query
    assert await repository.matching("israel", []) == set()
    assert await repository.matching("israel", [brief.id + 1000]) == set()


async def test_matching_checks_every_id_beyond_the_search_window(
    session: AsyncSession,
) -> None:
    briefs = [
        make_brief(title=f"Common {n}", text=f"Common words number {n}.") for n in range(1200)
    ]
    session.add_all(briefs)
    await session.flush()
    ids = [brief.id for brief in briefs]
    repository = BriefRepository(session)
    assert await repository.matching("common", ids) == set(ids)
    assert await repository.matching('"words number 5"', ids) == {briefs[5].id}


async def test_cursor_defaults_to_zero_and_upserts(session: AsyncSession) -> None:
    cursors = CursorRepository(session)
    assert await cursors.get("alerts") == 0
    await cursors.set("alerts", 41)
    assert await cursors.get("alerts") == 41
    await cursors.set("alerts", 2**40)
    assert await cursors.get("alerts") == 2**40
    assert await cursors.get("other") == 0


async def test_cursor_survives_commit(session_factory: Factory) -> None:
    async with session_factory() as session, session.begin():
        await CursorRepository(session).set("alerts", 7)
    async with session_factory() as session:
        assert await CursorRepository(session).get("alerts") == 7
