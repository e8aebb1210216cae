"""``briefbot briefs list|show|search``: human and JSON output, schema check."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path

import pytest

from storage.engine import create_engine, create_session_factory
from storage.repositories import BriefRepository
from tests.support.cli import run_command
from tests.support.database import Database
from tests.support.factories import make_brief


async def seed(url: str) -> None:
    """Two briefs in the migrated database at ``url``."""
    engine = create_engine(url)
    async with create_session_factory(engine)() as session, session.begin():
        repository = BriefRepository(session)
        await repository.add(make_brief(
            title="Israel holds election", text="Voters in Israel went to the polls.",
            summary=["Voters in Israel went to the polls."], topics=["israel", "election"],
            published_on=dt.date(2026, 11, 24), url="https://news.example/israel",
            ingested_at=dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC),
        ))
        await repository.add(make_brief(
            title="Defence forces drill", text="The Israeli defence forces held a drill.",
            summary=["The Israeli defence forces held a drill."], topics=["defence"],
            published_on=None, ingested_at=dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC),
        ))
    await engine.dispose()


@pytest.fixture
def url(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    asyncio.run(seed(database.url))
    return database.url


def json_lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_list_json_has_one_object_per_line_newest_first(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("briefs", "list", "--json", database_url=url) == 0
    records = json_lines(capsys.readouterr().out)
    assert [r["title"] for r in records] == ["Defence forces drill", "Israel holds election"]
    second = records[1]
    assert {"id", "title", "date", "summary", "topics", "url", "ingested_at"} <= second.keys()
    assert second["date"] == "2026-11-24" and records[0]["date"] is None
    assert second["summary"] == ["Voters in Israel went to the polls."]
    assert second["topics"] == ["israel", "election"]
    assert second["ingested_at"] == "2026-11-25T09:00:00+00:00"


def test_list_human_form_shows_id_date_title_and_preview(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("briefs", "list", "--limit", "1", database_url=url) == 0
    assert capsys.readouterr().out.splitlines() == [
        "[2] undated · Defence forces drill",
        "    The Israeli defence forces held a drill.",
    ]


def test_show_prints_full_brief_and_json_includes_text(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("briefs", "show", "1", database_url=url) == 0
    out = capsys.readouterr().out
    assert out.startswith("Israel holds election\nid 1 · published 2026-11-24")
    assert "  • Voters in Israel went to the polls." in out
    assert run_command("briefs", "show", "1", "--json", database_url=url) == 0
    (record,) = json_lines(capsys.readouterr().out)
    assert record["text"] == "Voters in Israel went to the polls."


def test_show_missing_id_exits_1_with_one_line(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("briefs", "show", "99", database_url=url) == 1
    assert capsys.readouterr().err == "briefbot briefs show: no brief with id 99\n"


def test_search_finds_stemmed_words_and_phrases(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("briefs", "search", "israel", "--json", database_url=url) == 0
    assert len(json_lines(capsys.readouterr().out)) == 2
    assert run_command("briefs", "search", "defence forces", "--json", database_url=url) == 0
    assert [r["id"] for r in json_lines(capsys.readouterr().out)] == [2]
    assert run_command("briefs", "search", "forces defence", database_url=url) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no briefs found" in captured.err


def test_search_without_letters_is_a_usage_error(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("briefs", "search", "???", "--", database_url=url) == 2
    assert "no letters or digits" in capsys.readouterr().err


def test_commands_refuse_a_database_without_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite+aiosqlite:///{tmp_path / 'missing.db'}"
    assert run_command("briefs", "list", database_url=url) == 1
    assert not (tmp_path / "missing.db").exists()
    assert "briefbot db upgrade" in capsys.readouterr().err

    async def blank() -> None:
        engine = create_engine(url)
        async with engine.begin():
            pass
        await engine.dispose()

    asyncio.run(blank())
    assert run_command("briefs", "search", "israel", database_url=url) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("briefbot briefs search: database has no briefbot schema")
    assert "run `briefbot db upgrade`" in err


def test_a_non_numeric_limit_is_refused_in_plain_words(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        run_command("briefs", "list", "--limit", "abc", database_url=url)
    assert caught.value.code == 2
    assert "expected a positive integer, got 'abc'" in capsys.readouterr().err
