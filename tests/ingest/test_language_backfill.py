"""Briefs stored before migration 0011 get their language detected and stored, batch by batch."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from ingest.language_backfill import BackfillReport, backfill_languages
from storage.engine import create_session_factory
from storage.models import Brief
from storage.repositories import BriefRepository
from tests.support.database import Database
from tests.support.factories import make_brief

TEXTS = {
    "en": "The harbour reopened on Tuesday after the storm. Ships came back to the quay.",
    "hi": "मंत्रालय ने आज नई नीति की घोषणा की। इससे किसानों को लाभ होगा।",
    "fr": "Le port a rouvert mardi après la tempête. Les navires sont revenus au quai.",
    "es": "El puerto reabrió el martes después de la tormenta. Los barcos volvieron al muelle.",
}

WHEN = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


class Interrupted(Exception):
    pass


async def languages(database: Database) -> dict[str, str | None]:
    engine = database.engine()
    async with create_session_factory(engine)() as session:
        rows = await session.execute(select(Brief.title, Brief.language))
        found = {title: language for title, language in rows}
    await engine.dispose()
    return found


async def seed(database: Database) -> None:
    engine = database.engine()
    async with create_session_factory(engine)() as session, session.begin():
        for code, text in TEXTS.items():
            session.add(make_brief(title=code, text=text, language=None))
        session.add(make_brief(title="numbers", text="2026 — 14:30 / 7.5", language=None))
        session.add(make_brief(title="kept", text=TEXTS["en"] + " Again.", language="de"))
    await engine.dispose()


@pytest.fixture
def seeded(any_database: Database) -> Iterator[Database]:
    asyncio.run(seed(any_database))
    yield any_database


async def test_a_dry_run_detects_and_stores_nothing(seeded: Database) -> None:
    engine = seeded.engine()
    report = await backfill_languages(create_session_factory(engine), batch=2, dry_run=True)
    await engine.dispose()
    assert (report.read, report.stored, dict(report.languages), report.undetected) == (
        5, 0, {"en": 1, "hi": 1, "fr": 1, "es": 1}, 1
    )
    assert report.summary_line(dry_run=True) == (
        "would store the language of 4 of 5 briefs without one (en 1, es 1, fr 1, hi 1); "
        "1 without letters stay NULL"
    )
    assert set((await languages(seeded)).values()) == {None, "de"}


async def test_the_backfill_stores_each_language_and_leaves_stored_ones(seeded: Database) -> None:
    engine = seeded.engine()
    report = await backfill_languages(create_session_factory(engine), batch=2)
    again = await backfill_languages(create_session_factory(engine), batch=2)
    await engine.dispose()
    assert (report.read, report.stored, report.undetected) == (5, 4, 1)
    assert await languages(seeded) == {
        "en": "en", "hi": "hi", "fr": "fr", "es": "es", "numbers": None, "kept": "de"
    }
    assert (again.read, again.stored, again.undetected) == (1, 0, 1)


async def test_an_interrupted_run_keeps_its_batches_and_the_next_finishes(
    seeded: Database,
) -> None:
    engine = seeded.engine()
    batches: list[int] = []

    def stop_after_the_first(report: BackfillReport) -> None:
        batches.append(report.read)
        raise Interrupted

    with pytest.raises(Interrupted):
        await backfill_languages(
            create_session_factory(engine), batch=2, progress=stop_after_the_first
        )
    halfway = await languages(seeded)
    rest = await backfill_languages(create_session_factory(engine), batch=2)
    await engine.dispose()
    assert batches == [2]
    assert sum(code is not None for code in halfway.values()) == 3  # "kept" and the first two
    assert (rest.read, rest.stored) == (3, 2)
    assert (await languages(seeded))["es"] == "es"


async def test_the_backfill_stores_the_search_stems_of_a_brief_in_a_stemmed_language(
    seeded: Database,
) -> None:
    engine = seeded.engine()
    await backfill_languages(create_session_factory(engine), batch=2)
    async with create_session_factory(engine)() as session:
        stems = dict((await session.execute(select(Brief.title, Brief.search_stems))).all())
        # "volvieron" (came back) finds the Spanish brief by its stem "volv" only
        hits = await BriefRepository(session).search("volver", now=WHEN)
    await engine.dispose()
    assert {title for title, value in stems.items() if value} == {"fr", "es", "hi", "kept"}
    assert "fr0navir" in stems["fr"].split()
    assert [hit.title for hit in hits] == ["es"]
