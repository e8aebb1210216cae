"""Hardening #14: ``briefs list/show/search`` never print a stored control character raw."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

from storage.engine import create_engine, create_session_factory
from storage.repositories import BriefRepository
from tests.cli.subcommands.test_out_of_range_numbers import run_command
from tests.support.database import Database
from tests.support.factories import make_brief

TITLE = "\x1b]0;pwned\x07Bridge\u009b2J \u202evote"  # an override reverses what follows
TEXT = "The bridge vote\x1b[2J was held.\n\tIt passed\x07 easily."
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


async def seed(url: str) -> int:
    """One brief stored with control characters (as an older version could store them)."""
    engine = create_engine(url)
    async with create_session_factory(engine)() as session, session.begin():
        brief = await BriefRepository(session).add(make_brief(
            title=TITLE, text=TEXT, summary=[TEXT], topics=["bridge\x1b"],
            url="https://news.example/\x1b",
        ))
        brief_id = brief.id
    await engine.dispose()
    return brief_id


@pytest.fixture
def url(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    return database.url


@pytest.mark.parametrize(
    "argv",
    [("list",), ("search", "bridge"), ("show", "ID"), ("list", "--json"), ("show", "ID", "--json")],
)
def test_control_characters_are_printed_escaped(
    url: str, argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    brief_id = asyncio.run(seed(url))
    argv = tuple(str(brief_id) if arg == "ID" else arg for arg in argv)
    assert run_command("briefs", *argv, database_url=url) == 0
    out = capsys.readouterr().out
    assert RAW.search(out) is None
    if "--json" in argv:
        assert json.loads(out.splitlines()[0])["title"] == TITLE
    else:
        assert "\\x1b]0;pwned\\x07Bridge\\x9b2J \\u202evote" in out
