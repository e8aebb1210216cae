"""The pipeline against a migrated SQLite file: store, dedup, isolate failures, re-ingest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from ingest import store
from ingest.files import read_path
from ingest.items import BriefCandidate, Rejection
from ingest.pipeline import ingest_items
from storage.models import Brief, BriefFingerprint

BBC = Path("/work/shared/data/bbc_news_summary.jsonl")
PARAGRAPHS = [
    "The defence ministry on Monday signed a contract worth 2,000 crore rupees with a "
    "domestic shipyard for six new offshore patrol vessels for the coast guard.",
    "The vessels will be delivered over the next five years and will be used for fisheries "
    "protection, search and rescue and anti-smuggling operations at sea.",
    "Officials said that the contract would create about three thousand jobs at the yard "
    "and at small suppliers of steel, engines and electronics across the region.",
    "The coast guard has asked for more ships for years, citing the length of the "
    "coastline and the rising number of incidents in the exclusive economic zone.",
]
STORY = "\n\n".join(PARAGRAPHS)


def other_story(n: int) -> str:
    return (
        f"Story number {n} reports that the council approved a new library budget today. "
        f"Councillors argued for {n} hours about reading rooms, opening times and staff. "
        f"The mayor said residents of district {n} would welcome the longer weekend hours."
    )


async def count(database: Any, model: type[Any] = Brief) -> int:
    async with database.factory() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_stores_brief_with_summary_topics_and_fingerprints(
    database: Any, fake_summarise: Any
) -> None:
    items = [BriefCandidate("a.txt", STORY, url="https://e.org/a", external_id="a")]
    report = await ingest_items(items, session_factory=database.factory, summarise=fake_summarise)
    assert (report.stored, report.duplicate, report.rejected) == (1, 0, 0)
    async with database.factory() as session:
        brief = (await session.scalars(select(Brief))).one()
    assert brief.title.startswith("The defence ministry on Monday signed")
    assert len(brief.summary) == 2 and 3 <= len(brief.topics) <= 6
    assert await count(database, BriefFingerprint) == 32


async def test_changed_headline_and_updated_paragraph_are_duplicates_even_in_one_batch(
    database: Any, fake_summarise: Any
) -> None:
    updated = STORY.replace(PARAGRAPHS[3], PARAGRAPHS[3] + " The navy may order two more.")
    items = [
        BriefCandidate("1", STORY, title="Six patrol vessels ordered"),
        BriefCandidate("2", STORY, title="Coast guard gets new ships"),
        BriefCandidate("3", updated, title="Update: six patrol vessels ordered"),
        BriefCandidate("4", other_story(1)),
    ]
    report = await ingest_items(items, session_factory=database.factory, summarise=fake_summarise)
    assert (report.stored, report.duplicate, report.rejected) == (2, 2, 0)
    again = await ingest_items(
        [BriefCandidate("5", updated, title="Later update")],
        session_factory=database.factory,
        summarise=fake_summarise,
    )
    assert (again.stored, again.duplicate) == (0, 1)


async def test_same_url_or_external_id_is_a_duplicate(database: Any, fake_summarise: Any) -> None:
    first = [BriefCandidate("1", other_story(1), url="https://e.org/x", external_id="guid-1")]
    await ingest_items(first, session_factory=database.factory, summarise=fake_summarise)
    items = [
        BriefCandidate("2", other_story(2), url="https://e.org/x"),
        BriefCandidate("3", other_story(3), external_id="guid-1"),
    ]
    report = await ingest_items(items, session_factory=database.factory, summarise=fake_summarise)
    assert (report.stored, report.duplicate) == (0, 2)


async def test_failing_items_do_not_affect_their_neighbours(
    database: Any, fake_summarise: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_add_brief = store.add_brief

    async def add_brief_failing_late(session: Any, prepared: Any, *args: Any) -> Any:
        brief = await real_add_brief(session, prepared, *args)
        if "number 3 " in prepared.candidate.text:
            raise SQLAlchemyError("disk on fire")  # after the brief row was flushed
        return brief

    monkeypatch.setattr("ingest.pipeline.add_brief", add_brief_failing_late)
    items = [
        BriefCandidate("ok-1", other_story(1)),
        BriefCandidate("bad-summary", other_story(2) + " UNSUMMARISABLE."),
        BriefCandidate("bad-store", other_story(3)),
        BriefCandidate("crash", other_story(4) + " EXPLODE."),
        Rejection("x.jsonl:9", "malformed JSON line"),
        BriefCandidate("too-short", "Too short."),
        BriefCandidate("ok-2", other_story(5)),
    ]
    report = await ingest_items(items, session_factory=database.factory, summarise=fake_summarise)
    assert (report.stored, report.duplicate, report.rejected) == (2, 0, 5)
    assert report.problems[0] == "x.jsonl:9: malformed JSON line"
    assert any(p.startswith("bad-store: could not store: disk on fire") for p in report.problems)
    assert any(p.startswith("bad-summary: cannot summarise") for p in report.problems)
    assert any(p.startswith("crash: summariser failed: RuntimeError") for p in report.problems)
    assert await count(database) == 2
    assert await count(database, BriefFingerprint) == 64  # nothing left of the failed brief


async def test_bbc_slice_dedups_and_reingest_stores_nothing(
    database: Any, fake_summarise: Any
) -> None:
    lines = BBC.read_text(encoding="utf-8").splitlines()
    wanted = {
        "tech/155",
        "tech/294",
        "politics/088",
        "politics/337",
        "politics/327",
        "politics/328",
        "business/001",
    }
    chosen = [line for line in lines if json.loads(line)["id"] in wanted]
    path = Path(database.url.removeprefix("sqlite+aiosqlite:///")).with_name("slice.jsonl")
    path.write_text("\n".join(chosen))
    first = await ingest_items(
        read_path(path), session_factory=database.factory, summarise=fake_summarise, chunk_size=3
    )
    assert (first.stored, first.duplicate, first.rejected) == (5, 2, 0)
    second = await ingest_items(
        read_path(path), session_factory=database.factory, summarise=fake_summarise
    )
    assert (second.stored, second.duplicate, second.rejected) == (0, 7, 0)
