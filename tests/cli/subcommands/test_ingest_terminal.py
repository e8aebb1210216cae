"""``briefbot ingest``'s lines on stderr name inputs: their control characters are escaped."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from cli.subcommands import ingest as ingest_command
from runtime.settings import Settings, load_settings
from tests.support.database import Database

RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.fixture
def settings(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.chdir(tmp_path)
    return load_settings(database_url=database.url, summary_algorithm="lead", summary_sentences=2)


def run(settings: Settings, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="briefbot")
    ingest_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    status: int = args.handler(args, settings)
    return status


def test_a_rejected_file_named_with_terminal_escapes_is_named_escaped(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\x1b]0;PWNED\x07\x1b[2J\u202ey\x9b.json").write_text("{bad")
    assert run(settings, "ingest", str(folder)) == 1
    out, err = capsys.readouterr()
    assert out == "stored 0, duplicate 0, rejected 1\n"
    assert not any(control in err for control in RAW_CONTROLS)
    assert "/x\\x1b]0;PWNED\\x07\\x1b[2J\\u202ey\\x9b.json:1: malformed JSON: " in err
    assert err.count("\n") == 1
