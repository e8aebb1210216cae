"""``briefbot demo`` and ``briefbot chat``: the offline bot, as a new user first meets it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cli.main import main


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_TOKEN", "TELEGRAM_API_URL", "DATABASE_URL", "TIMEZONE", "DIGEST_TIME"):
        monkeypatch.delenv(f"BRIEFBOT_{name}", raising=False)


def test_demo_plays_a_reader_from_start_to_the_digest(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    chat = capsys.readouterr().out
    for step in ("you > /start", "you > /latest 3", "you > /topic israel", "you > /digest "):
        assert step in chat
    assert "Welcome to briefbot" in chat
    assert "Joint Working Group" in chat  # /topic israel found the India-Israel brief
    assert "Digest for" in chat and "7 new briefs" in chat
    assert chat.index("clock forward") < chat.index("Digest for")


def test_demo_keeps_its_database_where_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "taken.db"
    existing.write_text("")
    assert main(["demo", "--database", str(existing)]) == 1
    assert "exists" in capsys.readouterr().err


def test_chat_answers_what_a_person_types(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = "/start\n/follow drone\n/latest 1\n:press 1\n:press 9\n:quit\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    assert main(["chat"]) == 0
    chat = capsys.readouterr().out
    assert "Welcome to briefbot" in chat
    assert "Following “drone”" in chat
    assert "The newest brief" in chat
    assert "(no button 9: the last message has 1)" in chat
