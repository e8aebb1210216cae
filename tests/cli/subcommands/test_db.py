"""``briefbot db upgrade|status``: explicit migration, one-line errors."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from cli.subcommands import db
from runtime.settings import load_settings
from storage.engine import create_engine
from storage.schema import head_revision, upgrade
from tests.support.cli import run_command
from tests.support.database import execute

HEAD = head_revision()  # the newest migration, whatever its number

Run = Callable[..., int]




@pytest.fixture
def sqlite_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    return f"sqlite+aiosqlite:///{tmp_path / 'briefbot.db'}"


def test_status_of_missing_database_names_upgrade_command(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("db", "status", database_url=sqlite_url) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "briefbot db upgrade" in err


def test_upgrade_then_status_is_up_to_date(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("db", "upgrade", database_url=sqlite_url) == 0
    assert f"upgraded from empty to {HEAD}" in capsys.readouterr().out
    assert run_command("db", "upgrade", database_url=sqlite_url) == 0
    assert "already up to date" in capsys.readouterr().out
    assert run_command("db", "status", database_url=sqlite_url) == 0
    assert capsys.readouterr().out.startswith("schema up to date")


def test_upgrade_refuses_a_newer_schema(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("db", "upgrade", database_url=sqlite_url) == 0

    async def pretend_newer() -> None:
        engine = create_engine(sqlite_url)
        async with engine.begin() as connection:
            await connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        await engine.dispose()

    asyncio.run(pretend_newer())
    capsys.readouterr()
    assert run_command("db", "upgrade", database_url=sqlite_url) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "newer" in err


def test_unreachable_postgres_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "postgresql+asyncpg://postgres@127.0.0.1:1/nowhere"
    assert run_command("db", "status", database_url=url) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefbot db status: ")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_unopenable_sqlite_path_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}"
    assert run_command("db", "upgrade", database_url=url) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefbot db upgrade: ") and err.count("\n") == 1


def test_db_status_reports_0001_behind_and_db_upgrade_moves_it_to_head(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    asyncio.run(upgrade(url, revision="0001"))
    settings = load_settings(database_url=url)
    assert db.run_status(argparse.Namespace(), settings) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"schema behind (current 0001, head {HEAD})")
    assert "briefbot db upgrade" in captured.err
    assert db.run_upgrade(argparse.Namespace(), settings) == 0
    assert f"schema upgraded from 0001 to {HEAD}" in capsys.readouterr().out
    assert db.run_status(argparse.Namespace(), settings) == 0


def set_revision(url: str, statement: str) -> None:
    """Run one statement on the database at ``url`` (to fake a revision state)."""
    asyncio.run(execute(url, statement))


def test_a_revision_no_briefbot_made_is_unknown_not_newer(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("db", "upgrade", database_url=sqlite_url) == 0
    set_revision(sqlite_url, "UPDATE alembic_version SET version_num = 'garbage'")
    capsys.readouterr()

    assert run_command("db", "status", database_url=sqlite_url) == 1
    status = capsys.readouterr()
    assert run_command("db", "upgrade", database_url=sqlite_url) == 1
    upgrade_err = capsys.readouterr().err

    assert status.out == f"schema revision 'garbage' is unknown to this briefbot (head {HEAD})\n"
    assert "newer" not in status.out + status.err + upgrade_err
    assert upgrade_err == (
        f"briefbot db upgrade: database schema revision 'garbage' is unknown to this briefbot "
        f"(head {HEAD}); is BRIEFBOT_DATABASE_URL the bot's database?\n"
    )


def test_tables_without_a_revision_are_not_an_empty_schema(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_command("db", "upgrade", database_url=sqlite_url) == 0
    set_revision(sqlite_url, "DROP TABLE alembic_version")
    capsys.readouterr()

    assert run_command("db", "status", database_url=sqlite_url) == 1
    status = capsys.readouterr()
    assert run_command("db", "upgrade", database_url=sqlite_url) == 1
    upgrade_err = capsys.readouterr().err

    assert status.out.startswith("schema unversioned: has briefbot's tables but no schema")
    assert not status.out.startswith("schema empty") and status.err == ""
    assert upgrade_err.startswith(
        "briefbot db upgrade: database has briefbot's tables but no schema revision"
    )
    assert upgrade_err.count("\n") == 1 and "already exists" not in upgrade_err
