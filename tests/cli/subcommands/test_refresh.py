"""``briefbot refresh-briefs``: a summary line, a dry run storing nothing, summaries made again
on request, one-line errors."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from storage.engine import create_session_factory
from tests.ingest.test_brief_refresh import HINDI, HINGLISH, languages, seed, stored, summaries
from tests.support.cli import run_command
from tests.support.database import Database
from tests.support.factories import make_brief


@pytest.fixture
def url(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    asyncio.run(seed(database))
    return database.url


def test_a_dry_run_prints_what_it_would_refresh_then_a_run_stores_it(
    url: str, database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    before = asyncio.run(stored(database))
    assert run_command("refresh-briefs", "--dry-run", database_url=url) == 0
    assert capsys.readouterr().out == (
        "would refresh 2 of 3 briefs (topics of 2, search stems of 1)\n"
    )
    assert asyncio.run(stored(database)) == before
    assert run_command("refresh-briefs", "--batch", "2", database_url=url) == 0
    captured = capsys.readouterr()
    assert captured.out == "refreshed 2 of 3 briefs (topics of 2, search stems of 1)\n"
    assert captured.err.splitlines() == ["read 2 ...", "read 3 ..."]
    assert asyncio.run(stored(database))["hi"][1] != before["hi"][1]


def test_a_batch_of_zero_is_refused_in_one_line(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        run_command("refresh-briefs", "--batch", "0", database_url=url)
    assert exit_.value.code == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("briefbot refresh-briefs: error: argument --batch: ")


def test_a_missing_database_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = f"sqlite+aiosqlite:///{tmp_path / 'none.db'}"
    assert run_command("refresh-briefs", database_url=missing) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefbot refresh-briefs: ") and err.count("\n") == 1


def test_with_summaries_the_briefs_are_summarised_again_in_the_summary_pool(
    url: str, database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    # The seed's briefs were stored with their whole text as one "sentence"; summarised now,
    # each is its two sentences.
    assert run_command("refresh-briefs", "--summaries", database_url=url) == 0
    assert capsys.readouterr().out == (
        "refreshed 3 of 3 briefs (summaries of 3, topics of 2, search stems of 1)\n"
    )
    first, second = HINDI.split("\u0964 ")
    assert asyncio.run(summaries(database))["hi"] == [first + "\u0964", second]


def test_with_languages_a_brief_is_detected_again_before_its_refresh(
    url: str, database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    asyncio.run(add_hinglish_as_hausa(database))
    assert run_command("refresh-briefs", "--languages", database_url=url) == 0
    assert capsys.readouterr().out == (
        "refreshed 3 of 4 briefs (languages of 1, topics of 3, search stems of 2)\n"
    )
    assert asyncio.run(languages(database))["hinglish"] == "hi"


async def add_hinglish_as_hausa(database: Database) -> None:
    engine = database.engine()
    async with create_session_factory(engine)() as session, session.begin():
        session.add(make_brief(title="hinglish", text=HINGLISH, summary=[HINGLISH], language="ha"))
    await engine.dispose()
