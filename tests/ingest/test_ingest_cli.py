"""``briefbot ingest`` and ``briefbot sources`` through their argparse handlers."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
from pathlib import Path

import pytest

from bot.commands import ingest as ingest_command
from bot.commands import sources as sources_command
from bot.settings import Settings, load_settings
from storage.schema import upgrade

BODY = (
    "The ministry signed a contract for six patrol vessels on Monday. "
    "The ships will be built at a domestic yard over five years. "
    "Officials said the deal would create thousands of jobs."
)


def run(settings: Settings, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="briefbot")
    subcommands = parser.add_subparsers(dest="command", required=True)
    ingest_command.register(subcommands)
    sources_command.register(subcommands)
    args = parser.parse_args(argv)
    status: int = args.handler(args, settings)
    return status


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    asyncio.run(upgrade(url))
    return load_settings(database_url=url, summary_algorithm="lead", summary_sentences=2)


def test_ingest_prints_rejections_then_the_summary_line_and_exits_1(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "briefs.jsonl"
    path.write_text(json.dumps({"text": BODY}) + "\n{oops\n" + json.dumps({"text": BODY}) + "\n")
    assert run(settings, "ingest", str(path)) == 1
    out, err = capsys.readouterr()
    assert out == "stored 1, duplicate 1, rejected 1\n"
    assert err.startswith(f"{path}:2: malformed JSON line")


def test_ingest_again_stores_nothing_and_exits_0(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(f"date 2025-11-05\n\n{BODY}\n")
    assert run(settings, "ingest", str(path)) == 0
    assert run(settings, "ingest", str(path)) == 0
    assert capsys.readouterr().out.splitlines() == [
        "stored 1, duplicate 0, rejected 0",
        "stored 0, duplicate 1, rejected 0",
    ]


def test_ingest_reads_stdin(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO((json.dumps({"text": BODY}) + "\n").encode()))
    monkeypatch.setattr("sys.stdin", stdin)
    assert run(settings, "ingest", "-") == 0
    assert capsys.readouterr().out == "stored 1, duplicate 0, rejected 0\n"


def test_ingest_on_an_unmigrated_database_names_the_upgrade_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    assert run(settings, "ingest", str(tmp_path)) == 2
    assert "briefbot db upgrade" in capsys.readouterr().err


def test_sources_add_list_export_import_remove(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(settings, "sources", "add", "https://example.org/feed.xml", "--every", "30m") == 0
    assert run(settings, "sources", "add", "ftp://example.org/feed") == 1
    capsys.readouterr()
    assert run(settings, "sources", "export") == 0
    opml = capsys.readouterr().out
    assert 'xmlUrl="https://example.org/feed.xml"' in opml and 'version="2.0"' in opml
    path = tmp_path / "feeds.opml"
    path.write_text(
        opml.replace(
            "</body>",
            '<outline text="Tech"><outline type="rss" text="B" xmlUrl="https://b.org/rss"/>'
            "</outline></body>",
        )
    )
    assert run(settings, "sources", "import", str(path)) == 0
    assert capsys.readouterr().out == "added 1, already subscribed 1, skipped 0\n"
    assert run(settings, "sources", "list") == 0
    listing = capsys.readouterr().out.splitlines()
    assert len(listing) == 2 and "every 30m" in listing[0] and "every 1h" in listing[1]
    assert run(settings, "sources", "remove", "https://b.org/rss") == 0
    assert run(settings, "sources", "remove", "1") == 0
    assert run(settings, "sources", "remove", "1") == 1


def test_sources_add_rejects_intervals_under_a_minute(settings: Settings) -> None:
    with pytest.raises(SystemExit):
        run(settings, "sources", "add", "https://example.org/feed", "--every", "30s")
