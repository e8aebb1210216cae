"""``briefbot backfill-languages``: a summary line, a dry run storing nothing, one-line errors."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.ingest.test_language_backfill import languages as stored_languages
from tests.ingest.test_language_backfill import seed
from tests.support.cli import run_command
from tests.support.database import Database


@pytest.fixture
def url(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    asyncio.run(seed(database))
    return database.url


def test_a_dry_run_prints_what_it_would_store_then_a_run_stores_it(
    url: str, database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("backfill-languages", "--dry-run", database_url=url) == 0
    assert capsys.readouterr().out == (
        "would store the language of 4 of 5 briefs without one (en 1, es 1, fr 1, hi 1); "
        "1 without letters stay NULL\n"
    )
    assert run_command("backfill-languages", "--batch", "2", database_url=url) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("stored the language of 4 of 5 briefs without one")
    assert captured.err.splitlines() == ["read 2 ...", "read 4 ...", "read 5 ..."]
    assert asyncio.run(stored_languages(database))["hi"] == "hi"


def test_a_batch_of_zero_is_refused_in_one_line(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        run_command("backfill-languages", "--batch", "0", database_url=url)
    assert exit_.value.code == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("briefbot backfill-languages: error: argument --batch: ")


def test_a_missing_database_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = f"sqlite+aiosqlite:///{tmp_path / 'none.db'}"
    assert run_command("backfill-languages", database_url=missing) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefbot backfill-languages: ") and err.count("\n") == 1
