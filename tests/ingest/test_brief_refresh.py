"""Stored briefs' topics and search stems (and, asked, summaries) are recomputed as ingest
computes them now."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator, Sequence

import pytest
from sqlalchemy import select, text, update

from ingest.brief_refresh import RefreshReport, refresh_briefs
from ingest.pipeline import pool_summarizer_at
from ingest.topics import extract_topics
from storage.engine import create_session_factory
from storage.models import Brief
from storage.repositories import BriefRepository
from storage.repositories.brief_derived import BriefDerivedRepository, Derived
from summarizer.pool import SummaryPool
from summarizer.refusals import SummaryInputError
from tests.support.database import Database
from tests.support.factories import make_brief

RUSSIAN = (
    "\u041c\u0438\u043d\u0438\u0441\u0442\u0435\u0440\u0441\u0442\u0432\u043e \u043e\u0431"
    "\u043e\u0440\u043e\u043d\u044b \u043f\u0440\u043e\u0432\u0435\u043b\u043e \u0443\u0447"
    "\u0435\u043d\u0438\u044f \u0432 \u041c\u0443\u0440\u043c\u0430\u043d\u0441\u043a\u0435. "
    "\u0412 \u0443\u0447\u0435\u043d\u0438\u044f\u0445 \u0443\u0447\u0430\u0441\u0442\u0432"
    "\u043e\u0432\u0430\u043b\u0438 \u043a\u043e\u0440\u0430\u0431\u043b\u0438."
)  # "The ministry held exercises in Murmansk. Ships took part in the exercises."
RUSSIAN_IN = "\u0412"  # "In": a topic under English's topic words, never under Russian's
HINDI = "भारत ने G20 बैठक की मेज़बानी की। बैठक में कई देश आए।"
WHEN = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


async def stored(database: Database) -> dict[str, tuple[list[str], str | None]]:
    engine = database.engine()
    async with create_session_factory(engine)() as session:
        rows = await session.execute(select(Brief.title, Brief.topics, Brief.search_stems))
        found = {title: (topics, stems) for title, topics, stems in rows}
    await engine.dispose()
    return found


async def seed(database: Database) -> None:
    """Briefs as an earlier release stored them, and one as this one does."""
    engine = database.engine()
    async with create_session_factory(engine)() as session, session.begin():
        session.add(
            make_brief(
                title="ru", text=RUSSIAN, summary=[RUSSIAN], language="ru", topics=[RUSSIAN_IN]
            )
        )
        # Before 2026-12-04 a Hindi brief's "G20" gave the number tag hi020 ("20" found it).
        session.add(
            make_brief(title="hi", text=HINDI, summary=[HINDI], language="hi", search_stems="hi020")
        )
        current = "The harbour reopened on Tuesday after the storm. Ships came back."
        topics = extract_topics("now", [current], current, language="en")
        session.add(make_brief(title="now", text=current, summary=[current], language="en",
                               topics=topics))  # fmt: skip
    await engine.dispose()


@pytest.fixture
def seeded(any_database: Database) -> Iterator[Database]:
    asyncio.run(seed(any_database))
    yield any_database


async def test_a_dry_run_counts_what_would_change_and_stores_nothing(seeded: Database) -> None:
    before = await stored(seeded)
    engine = seeded.engine()
    report = await refresh_briefs(create_session_factory(engine), batch=2, dry_run=True)
    await engine.dispose()
    assert (report.read, report.changed, report.topics, report.stems) == (3, 2, 2, 1)
    assert report.summary_line(dry_run=True) == (
        "would refresh 2 of 3 briefs (topics of 2, search stems of 1)"
    )
    assert await stored(seeded) == before


async def test_a_refresh_recomputes_topics_and_stems_and_search_reads_them(
    seeded: Database,
) -> None:
    engine = seeded.engine()
    sessions = create_session_factory(engine)
    async with sessions() as session:
        # Found by its stale tag before the refresh.
        assert [b.title for b in await BriefRepository(session).search("20", now=WHEN)] == ["hi"]
    report = await refresh_briefs(sessions, batch=2)
    again = await refresh_briefs(sessions, batch=2)
    async with sessions() as session:
        by_number = await BriefRepository(session).search("20", now=WHEN)
    await engine.dispose()
    assert report.summary_line(dry_run=False) == (
        "refreshed 2 of 3 briefs (topics of 2, search stems of 1)"
    )
    assert (again.read, again.changed) == (3, 0)  # nothing left to write
    after = await stored(seeded)
    russian_topics, _ = after["ru"]
    murmansk = "\u041c\u0443\u0440\u043c\u0430\u043d\u0441\u043a"  # in the nominative
    assert murmansk in russian_topics and RUSSIAN_IN not in russian_topics
    _, hindi_stems = after["hi"]
    assert hindi_stems is not None and "hi020" not in hindi_stems.split()
    assert "hi0भारत" in hindi_stems.split()
    assert by_number == []  # "20" is not a number of the brief: only "G20" is


async def test_an_interrupted_refresh_keeps_its_batches_and_the_next_finishes(
    seeded: Database,
) -> None:
    engine = seeded.engine()

    def stop_after_the_first(report: RefreshReport) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        await refresh_briefs(create_session_factory(engine), batch=1, progress=stop_after_the_first)
    halfway = await stored(seeded)
    rest = await refresh_briefs(create_session_factory(engine), batch=1)
    await engine.dispose()
    assert RUSSIAN_IN not in halfway["ru"][0]  # the first batch was stored
    assert halfway["hi"][1] == "hi020"  # the second was not reached
    assert (rest.read, rest.changed) == (3, 1)


async def test_a_brief_whose_stored_summary_is_unreadable_is_passed_over_and_named(
    seeded: Database,
) -> None:
    # Never written so by ingest; by hand or another tool. Before, the first of them stopped
    # the refresh with a traceback and left every later brief unrefreshed.
    engine = seeded.engine()
    sessions = create_session_factory(engine)
    async with sessions() as session, session.begin():
        session.add(make_brief(title="null", text=RUSSIAN, language="ru", summary=None))
        session.add(make_brief(title="numbers", text=RUSSIAN, language="ru", summary=[1, 2]))
        if seeded.url.startswith("sqlite"):  # PostgreSQL's jsonb refuses text that is no JSON
            await session.execute(
                text("UPDATE briefs SET summary = '[not json' WHERE title = 'ru'")
            )
        ids = dict((await session.execute(select(Brief.title, Brief.id))).all())
    report = await refresh_briefs(sessions, batch=2)
    await engine.dispose()
    unreadable = (
        ["ru", "null", "numbers"] if seeded.url.startswith("sqlite") else ["null", "numbers"]
    )
    assert report.skipped_ids == sorted(ids[title] for title in unreadable)
    assert report.skipped == len(unreadable) and report.read == 5
    assert report.summary_line(dry_run=False).endswith(
        f"; passed over {len(unreadable)} whose stored summary is not a list of sentences "
        f"(id {', '.join(str(ids[title]) for title in unreadable)})"
    )
    after = await stored(seeded)
    assert "hi020" not in (after["hi"][1] or "").split()  # the briefs after them refreshed
    assert after["null"][0] == [] and after["numbers"][0] == []  # passed over, not written


async def test_topics_computed_for_a_language_since_changed_are_not_written(
    any_database: Database,
) -> None:
    # refresh-briefs reads, computes, then writes: a backfill-languages run in between may
    # have stored the brief's language; what was computed for the old one is then stale.
    engine = any_database.engine()
    sessions = create_session_factory(engine)
    async with sessions() as session, session.begin():
        brief = make_brief(title="late", text=RUSSIAN, language=None, topics=["old"])
        session.add(brief)
    async with sessions() as session, session.begin():
        await session.execute(update(Brief).where(Brief.id == brief.id).values(language="ru"))
    stale = Derived(topics=["stale"], search_stems=None, summary=[RUSSIAN], language=None)
    stems = "ru0\u0443\u0447\u0435\u043d"
    fresh = Derived(topics=["fresh"], search_stems=stems, summary=[RUSSIAN], language="ru")
    async with sessions() as session, session.begin():
        await BriefDerivedRepository(session).store({brief.id: (None, stale)})
    first = (await stored(any_database))["late"]
    async with sessions() as session, session.begin():
        await BriefDerivedRepository(session).store({brief.id: ("ru", fresh)})
    await engine.dispose()
    assert first == (["old"], None)
    assert (await stored(any_database))["late"] == (["fresh"], "ru0\u0443\u0447\u0435\u043d")


GERMAN_TITLE = "Bundeswehr"
GERMAN = (
    "Die Bundeswehr hat am Montag eine neue Übung in Norddeutschland begonnen. "
    "Nach Angaben des Ministeriums nehmen rund 3000 Soldatinnen und Soldaten daran teil. "
    "Die Übung soll die Zusammenarbeit mit den Partnern in der Nato stärken. "
    "Das Ministerium will die Ergebnisse im Frühjahr vorstellen."
)
REFUSED = "A text the summarizer no longer takes, stored with the summary it had."


async def summaries(database: Database) -> dict[str, list[str]]:
    engine = database.engine()
    async with create_session_factory(engine)() as session:
        found = dict((await session.execute(select(Brief.title, Brief.summary))).all())
    await engine.dispose()
    return found


async def test_with_summaries_each_brief_is_summarised_again_and_its_topics_follow(
    any_database: Database,
) -> None:
    # A German brief stored with the summary an older ranking chose (its last sentence).
    engine = any_database.engine()
    sessions = create_session_factory(engine)
    stale = [GERMAN.rsplit(". ", 1)[1]]
    async with sessions() as session, session.begin():
        topics = extract_topics(GERMAN_TITLE, stale, GERMAN, language="de")
        session.add(make_brief(title=GERMAN_TITLE, text=GERMAN, summary=stale, language="de",
                               topics=topics))  # fmt: skip
    with SummaryPool(workers=0) as pool:
        at_length = pool_summarizer_at(pool, algorithm="briefrank")
        expected = list(await at_length(GERMAN, GERMAN_TITLE, 2, "de"))

        async def resummarize(text: str, title: str, language: str | None) -> Sequence[str]:
            return await at_length(text, title, 2, language)

        kept = await refresh_briefs(sessions)
        assert (await summaries(any_database))[GERMAN_TITLE] == stale  # not asked: kept
        dry = await refresh_briefs(sessions, resummarize=resummarize, dry_run=True)
        assert (await summaries(any_database))[GERMAN_TITLE] == stale
        report = await refresh_briefs(sessions, resummarize=resummarize)
        again = await refresh_briefs(sessions, resummarize=resummarize)
    await engine.dispose()
    assert len(expected) == 2 and expected != stale
    assert (await summaries(any_database))[GERMAN_TITLE] == expected
    topics, _ = (await stored(any_database))[GERMAN_TITLE]
    assert topics == extract_topics(GERMAN_TITLE, expected, GERMAN, language="de")
    assert (kept.changed, kept.summaries) == (0, 0)
    assert dry.summary_line(dry_run=True) == report.summary_line(dry_run=False).replace(
        "refreshed", "would refresh"
    )
    assert report.summary_line(dry_run=False).startswith(
        "refreshed 1 of 1 briefs (summaries of 1, topics of "
    )
    assert (again.changed, again.summaries) == (0, 0)  # the same summary again: not written


async def test_a_brief_the_summarizer_refuses_now_keeps_its_summary_and_is_named(
    any_database: Database,
) -> None:
    engine = any_database.engine()
    sessions = create_session_factory(engine)
    async with sessions() as session, session.begin():
        refused = make_brief(title="refused", text=REFUSED, summary=["As it was sent."])
        # Unreadable (never written so by ingest): summarised anew, not passed over.
        repaired = make_brief(title="repaired", text=GERMAN, language="de", summary=None)
        session.add_all([refused, repaired])

    async def resummarize(text: str, title: str, language: str | None) -> Sequence[str]:
        if text == REFUSED:
            raise SummaryInputError("no full sentence")
        return ["A summary made now."]

    report = await refresh_briefs(sessions, resummarize=resummarize)
    await engine.dispose()
    after = await summaries(any_database)
    assert after == {"refused": ["As it was sent."], "repaired": ["A summary made now."]}
    assert (report.kept_ids, report.skipped, report.summaries) == ([refused.id], 0, 1)
    assert report.summary_line(dry_run=False).endswith(
        f"; kept the stored summary of 1 that could not be summarised again (id {refused.id}; "
        "the first: no full sentence)"
    )


async def test_a_fault_of_the_summarizer_is_no_briefs_and_stops_the_refresh(
    any_database: Database,
) -> None:
    # A review's find: every exception counted as a brief not summarised again, so a bug
    # would have kept every stored summary and reported success.
    engine = any_database.engine()
    sessions = create_session_factory(engine)
    async with sessions() as session, session.begin():
        session.add(make_brief(title="one", text=GERMAN, language="de", summary=["Kept."]))

    async def broken(text: str, title: str, language: str | None) -> Sequence[str]:
        raise TypeError("a bug")

    with pytest.raises(TypeError):
        await refresh_briefs(sessions, resummarize=broken)
    await engine.dispose()
    assert (await summaries(any_database))["one"] == ["Kept."]


HINGLISH = (
    "Sena ne Rajasthan ke registan mein naya yuddh abhyas shuru kiya. Is abhyas mein tank, "
    "topkhana aur vayusena ke helicopter bhi shamil hain. Abhyas do hafte tak chalega."
)  # Hindi in Latin letters: taken for another language before is_romanised_hindi


async def languages(database: Database) -> dict[str, str | None]:
    engine = database.engine()
    async with create_session_factory(engine)() as session:
        found = dict((await session.execute(select(Brief.title, Brief.language))).all())
    await engine.dispose()
    return found


@pytest.mark.parametrize("redetect", [False, True])
async def test_with_languages_a_brief_is_detected_again_and_refreshed_in_its_language(
    any_database: Database, redetect: bool
) -> None:
    engine = any_database.engine()
    sessions = create_session_factory(engine)
    async with sessions() as session, session.begin():
        # As stored before Hinglish was recognised: Hausa, with topics made in it.
        session.add(make_brief(title="hinglish", text=HINGLISH, summary=[HINGLISH], language="ha"))
        session.add(make_brief(title="digits", text="2024 1999 42", summary=["42"], language="en"))
    report = await refresh_briefs(sessions, redetect=redetect)
    again = await refresh_briefs(sessions, redetect=redetect)
    await engine.dispose()
    found = await languages(any_database)
    assert found["digits"] == "en"  # nothing detected in it: its stored language is kept
    if not redetect:
        assert found["hinglish"] == "ha" and report.languages == 0
        assert report.summary_line(dry_run=False) == (
            "refreshed 1 of 2 briefs (topics of 1, search stems of 0)"
        )
        return
    assert found["hinglish"] == "hi"
    assert report.summary_line(dry_run=False) == (
        "refreshed 1 of 2 briefs (languages of 1, topics of 1, search stems of 1)"
    )
    assert (again.changed, again.languages) == (0, 0)  # nothing left to write
    # Its topics made in Hindi: "mein" ("in") is a Hindi stop word, no topic as in Hausa.
    hindi_topics, _ = (await stored(any_database))["hinglish"]
    assert hindi_topics == extract_topics("hinglish", [HINGLISH], HINGLISH, language="hi")
    assert "mein" in extract_topics("hinglish", [HINGLISH], HINGLISH, language="ha")
    assert "mein" not in hindi_topics
