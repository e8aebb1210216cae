"""The pipeline against a migrated SQLite file: store, dedup, isolate failures, re-ingest."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from ingest.items import BriefCandidate, Rejection
from ingest.phrases import Phrase
from ingest.pipeline import ingest_items
from ingest.sources.files import read_path
from storage.engine import create_engine, create_session_factory
from storage.models import Brief, BriefFingerprint
from summarizer.api import MIN_WORDS, summarize

BBC = Path(__file__).parents[1] / "data" / "bbc_slice.jsonl"
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
    database: Any, fake_summarize: Any
) -> None:
    items = [BriefCandidate("a.txt", STORY, url="https://e.org/a", external_id="a")]
    report = await ingest_items(items, session_factory=database.factory, summarize=fake_summarize)
    assert (report.stored, report.duplicate, report.rejected) == (1, 0, 0)
    async with database.factory() as session:
        brief = (await session.scalars(select(Brief))).one()
    assert brief.title.startswith("The defence ministry on Monday signed")
    assert len(brief.summary) == 2 and 3 <= len(brief.topics) <= 6
    assert await count(database, BriefFingerprint) == 32


async def test_changed_headline_and_updated_paragraph_are_duplicates_even_in_one_batch(
    database: Any, fake_summarize: Any
) -> None:
    updated = STORY.replace(PARAGRAPHS[3], PARAGRAPHS[3] + " The navy may order two more.")
    items = [
        BriefCandidate("1", STORY, title="Six patrol vessels ordered"),
        BriefCandidate("2", STORY, title="Coast guard gets new ships"),
        BriefCandidate("3", updated, title="Update: six patrol vessels ordered"),
        BriefCandidate("4", other_story(1)),
    ]
    report = await ingest_items(items, session_factory=database.factory, summarize=fake_summarize)
    assert (report.stored, report.duplicate, report.rejected) == (2, 2, 0)
    again = await ingest_items(
        [BriefCandidate("5", updated, title="Later update")],
        session_factory=database.factory,
        summarize=fake_summarize,
    )
    assert (again.stored, again.duplicate) == (0, 1)


async def test_same_url_or_external_id_is_a_duplicate(database: Any, fake_summarize: Any) -> None:
    first = [BriefCandidate("1", other_story(1), url="https://e.org/x", external_id="guid-1")]
    await ingest_items(first, session_factory=database.factory, summarize=fake_summarize)
    items = [
        BriefCandidate("2", other_story(2), url="https://e.org/x"),
        BriefCandidate("3", other_story(3), external_id="guid-1"),
    ]
    report = await ingest_items(items, session_factory=database.factory, summarize=fake_summarize)
    assert (report.stored, report.duplicate) == (0, 2)


@contextmanager
def failing_brief_insert(database: Any, marker: str) -> Iterator[list[int]]:
    """Make every INSERT of a brief whose text has ``marker`` fail *after* it ran.

    The row (or the rows of a multi-row insert) is then in the transaction, so the test
    shows that what a failing brief wrote is rolled back. Yields the failure count.
    """
    failures: list[int] = []

    def fail_late(
        connection: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO BRIEFS ") and marker in repr(
            parameters
        ):
            failures.append(1)
            raise SQLAlchemyError("disk on fire")

    event.listen(database.engine.sync_engine, "after_cursor_execute", fail_late)
    try:
        yield failures
    finally:
        event.remove(database.engine.sync_engine, "after_cursor_execute", fail_late)


async def test_failing_items_do_not_affect_their_neighbours(
    database: Any, fake_summarize: Any
) -> None:
    items = [
        BriefCandidate("ok-1", other_story(1)),
        BriefCandidate("bad-summary", other_story(2) + " UNSUMMARIZABLE."),
        BriefCandidate("bad-store", other_story(3)),
        BriefCandidate("crash", other_story(4) + " EXPLODE."),
        Rejection("x.jsonl:9", "malformed JSON line"),
        BriefCandidate("no-words", "--- | ..."),
        BriefCandidate("ok-2", other_story(5)),
    ]
    with failing_brief_insert(database, "number 3 ") as failures:
        report = await ingest_items(
            items, session_factory=database.factory, summarize=fake_summarize
        )
    assert failures  # the brief row was written, then its statement failed
    assert (report.stored, report.duplicate, report.rejected) == (2, 0, 5)
    assert report.problems[0] == "x.jsonl:9: malformed JSON line"
    assert any(p.startswith("bad-store: could not store: disk on fire") for p in report.problems)
    assert any(p.startswith("bad-summary: cannot summarize") for p in report.problems)
    assert any(p.startswith("crash: summarizer failed: RuntimeError") for p in report.problems)
    assert await count(database) == 2
    assert await count(database, BriefFingerprint) == 64  # nothing left of the failed brief
    async with database.factory() as session:
        texts = (await session.scalars(select(Brief.text).order_by(Brief.id))).all()
    assert ["number 1 " in texts[0], "number 5 " in texts[1]] == [True, True]


async def test_a_summarizer_refusal_reaches_the_report_as_its_catalogue_line(
    database: Any,
) -> None:
    async def real_summarize(text: str, title: str | None) -> Sequence[str]:
        return summarize(text, title=title)

    report = await ingest_items(
        [BriefCandidate("short.txt", "Too short.")],
        session_factory=database.factory,
        summarize=real_summarize,
    )
    [problem] = report.problems
    assert problem == (
        "short.txt: cannot summarize: text is too short to summarize: it needs at least one "
        f"full sentence and {MIN_WORDS} words"
    )
    said = problem.values["reason"].values["error"]  # type: ignore[attr-defined]
    assert isinstance(said, Phrase)  # so the bot says it in the admin's language
    assert (said.message, dict(said.values)) == (
        "text is too short to summarize: it needs at least one full sentence and {words} words",
        {"words": str(MIN_WORDS)},
    )


async def test_a_read_only_database_rejects_each_brief_saying_so_in_catalogue_words(
    migrated_sqlite_template: Path, tmp_path: Path, fake_summarize: Any
) -> None:
    path = tmp_path / "briefs.db"
    shutil.copyfile(migrated_sqlite_template, path)
    engine = create_engine(f"sqlite+aiosqlite:///file:{path}?mode=ro&uri=true")
    try:
        report = await ingest_items(
            [BriefCandidate("read-only", STORY)],
            session_factory=create_session_factory(engine),
            summarize=fake_summarize,
        )
    finally:
        await engine.dispose()
    [problem] = report.problems
    assert problem == "read-only: could not store: the database is read-only"
    said = problem.values["reason"].values["error"]  # type: ignore[attr-defined]
    assert isinstance(said, Phrase)  # so the bot says it in the admin's language


async def test_a_brief_failing_late_in_a_big_chunk_rolls_back_only_itself(
    database: Any, fake_summarize: Any
) -> None:
    items = [BriefCandidate(f"story-{n}", other_story(n)) for n in range(1, 21)]
    with failing_brief_insert(database, "number 7 "):
        report = await ingest_items(
            items, session_factory=database.factory, summarize=fake_summarize
        )
    assert (report.stored, report.duplicate, report.rejected) == (19, 0, 1)
    assert report.problems == ["story-7: could not store: disk on fire"]
    assert await count(database) == 19
    assert await count(database, BriefFingerprint) == 19 * 32
    assert sorted(report.stored_ids) == sorted(set(report.stored_ids))


async def test_a_brief_stored_meanwhile_by_another_ingester_counts_as_duplicate(
    database: Any, fake_summarize: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    await ingest_items(
        [BriefCandidate("other", other_story(2), url="https://e.org/taken")],
        session_factory=database.factory,
        summarize=fake_summarize,
    )

    async def sees_nothing(session: Any, batch: Any) -> list[None]:
        return [None] * len(batch)  # as if the other ingester committed after our check

    monkeypatch.setattr("ingest.pipeline.find_stored_duplicates", sees_nothing)
    items = [
        BriefCandidate("1", other_story(1)),
        BriefCandidate("2", other_story(3), url="https://e.org/taken"),
        BriefCandidate("3", other_story(4)),
    ]
    report = await ingest_items(items, session_factory=database.factory, summarize=fake_summarize)
    assert (report.stored, report.duplicate, report.rejected) == (2, 1, 0)
    assert await count(database) == 3
    assert await count(database, BriefFingerprint) == 3 * 32


async def test_when_the_chunk_commit_fails_each_brief_is_stored_alone(
    database: Any, fake_summarize: Any
) -> None:
    commits: list[int] = []

    def fail_first_commit_with_briefs(session: Session) -> None:
        if session.in_nested_transaction():
            return  # a savepoint's release, not the commit
        written = session.execute(select(func.count()).select_from(Brief)).scalar_one()
        if written and not commits:
            commits.append(written)
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    event.listen(Session, "before_commit", fail_first_commit_with_briefs)
    try:
        items = [BriefCandidate(f"story-{n}", other_story(n)) for n in range(1, 6)]
        report = await ingest_items(
            items, session_factory=database.factory, summarize=fake_summarize
        )
    finally:
        event.remove(Session, "before_commit", fail_first_commit_with_briefs)
    assert commits == [5]  # the chunk was written, then its commit failed
    assert (report.stored, report.duplicate, report.rejected) == (5, 0, 0)
    assert await count(database) == 5
    assert await count(database, BriefFingerprint) == 5 * 32


async def test_bbc_slice_dedups_and_reingest_stores_nothing(
    database: Any, fake_summarize: Any
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
        read_path(path), session_factory=database.factory, summarize=fake_summarize, chunk_size=3
    )
    assert (first.stored, first.duplicate, first.rejected) == (5, 2, 0)
    second = await ingest_items(
        read_path(path), session_factory=database.factory, summarize=fake_summarize
    )
    assert (second.stored, second.duplicate, second.rejected) == (0, 7, 0)


async def duplicate_counts(database: Any) -> list[int]:
    async with database.factory() as session:
        return list(await session.scalars(select(Brief.duplicate_count).order_by(Brief.id)))


async def test_duplicate_count_counts_each_other_origin_once(
    database: Any, fake_summarize: Any
) -> None:
    updated = STORY.replace(PARAGRAPHS[3], PARAGRAPHS[3] + " The navy may order two more.")
    first = [
        BriefCandidate("1", STORY, url="https://e.org/a"),
        BriefCandidate("2", other_story(1)),
        BriefCandidate("3", updated, title="Update", url="https://f.org/u"),  # near, elsewhere
    ]
    report = await ingest_items(first, session_factory=database.factory, summarize=fake_summarize)
    assert (report.stored, report.duplicate) == (2, 1)
    assert await duplicate_counts(database) == [1, 0]
    again = [
        BriefCandidate("4", other_story(9), url="https://e.org/a"),  # same URL, same host
        BriefCandidate("5", STORY, url="https://f.org/again"),  # f.org already counted
        BriefCandidate("6", STORY, url="https://g.org/s"),  # a third host: counts
        BriefCandidate("2", other_story(1)),  # the same file item again
    ]
    for _ in range(3):  # every poll without a 304 reads the same items again
        report = await ingest_items(
            again, session_factory=database.factory, summarize=fake_summarize
        )
        assert (report.stored, report.duplicate) == (0, 4)
    assert await duplicate_counts(database) == [2, 0]
    assert await count(database) == 2  # re-ingest stores nothing new


async def test_a_feed_of_near_identical_items_does_not_inflate_duplicate_count(
    any_database: Any, fake_summarize: Any
) -> None:
    items = [
        BriefCandidate(f"i{n}", STORY + f" Item {n}.", url=f"https://spam.example/{n}")
        for n in range(40)
    ]
    engine = any_database.engine()
    try:
        factory = create_session_factory(engine)
        for _ in range(2):
            await ingest_items(items, session_factory=factory, summarize=fake_summarize,
                               chunk_size=7)
        async with factory() as session:
            counts = list(await session.scalars(select(Brief.duplicate_count)))
    finally:
        await engine.dispose()
    assert counts == [0]


async def test_a_lone_surrogate_from_a_json_escape_rejects_its_item_only(
    database: Any, fake_summarize: Any, tmp_path: Path
) -> None:
    path = tmp_path / "escapes.jsonl"
    path.write_text(
        json.dumps({"text": other_story(1) + " \ud800 here."}) + "\n"
        + json.dumps({"text": other_story(2)}) + "\n"
    )
    report = await ingest_items(
        read_path(path), session_factory=database.factory, summarize=fake_summarize
    )
    assert (report.stored, report.rejected) == (1, 1)
    assert report.problems[0].startswith(f"{path}:1: undecodable: the text contains a lone")
