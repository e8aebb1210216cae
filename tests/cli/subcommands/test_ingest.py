"""``briefbot ingest`` and ``briefbot sources`` through their argparse handlers."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest

from cli.subcommands import ingest as ingest_command
from cli.subcommands import sources as sources_command
from runtime.settings import Settings, load_settings
from tests.support.database import Database
from tests.support.factories import make_brief
from tests.support.local_http import serving

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
def settings(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings on this test's migrated SQLite copy, run from an empty working directory."""
    monkeypatch.chdir(tmp_path)
    return load_settings(database_url=database.url, summary_algorithm="lead", summary_sentences=2)


def test_ingest_prints_rejections_then_the_summary_line_and_exits_1(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "briefs.jsonl"
    path.write_text(json.dumps({"text": BODY}) + "\n{oops\n" + json.dumps({"text": BODY}) + "\n")
    assert run(settings, "ingest", str(path)) == 1
    out, err = capsys.readouterr()
    assert out == "stored 1, duplicate 1, rejected 1\n"
    assert err.startswith(f"{path}:2: malformed JSON line")


def test_ingest_of_a_file_with_bad_utf8_stores_it_and_says_what_was_replaced(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "brief.txt"
    path.write_bytes(BODY.replace("domestic", "domestic\u00e9").encode().replace(b"six", b"s\xffx"))
    assert run(settings, "ingest", str(path)) == 0  # stored: a notice is no rejection
    out, err = capsys.readouterr()
    assert out == "stored 1, duplicate 0, rejected 0\n"
    assert err == (
        f"{path}: invalid UTF-8 replaced by \ufffd (U+FFFD) in one place; read all the same\n"
    )


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
    with pytest.raises(SystemExit) as refused:
        run(settings, "sources", "add", "https://example.org/feed", "--every", "30s")
    assert refused.value.code == 2


def test_sources_pages_list_status_and_export_only_feeds(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(settings, "sources", "add", "https://example.org/feed.xml") == 0
    assert run(settings, "sources", "add", "--page", "https://example.org/article") == 0
    assert capsys.readouterr().out.splitlines() == [
        "added 1 feed https://example.org/feed.xml every 1h",
        "added 2 page https://example.org/article every 1h",
    ]
    asyncio.run(_record_polls(settings))
    assert run(settings, "sources", "list") == 0
    feed_line, page_line = capsys.readouterr().out.splitlines()
    assert feed_line.startswith("1\tfeed\thttps://example.org/feed.xml\tevery 1h")
    assert feed_line.endswith(
        "\tfailing (2x, last 2025-11-05 09:00 UTC): HTTP 500 Server Error\t0 briefs"
    )
    assert page_line.startswith("2\tpage\thttps://example.org/article\tevery 1h")
    assert page_line.endswith("\tok (polled 2025-11-05 09:00 UTC)\t1 brief")
    assert run(settings, "sources", "export") == 0
    out, err = capsys.readouterr()
    assert 'xmlUrl="https://example.org/feed.xml"' in out and "article" not in out
    assert err == "briefbot sources: 1 page source(s) not exported (OPML lists feeds)\n"


async def _record_polls(settings: Settings) -> None:
    """Two failed polls of the feed; a failure, then a success storing a brief, for the page."""
    from storage.engine import create_engine, create_session_factory
    from storage.repositories import SourceRepository

    engine = create_engine(settings.database_url)
    first, second = (
        dt.datetime(2025, 11, 5, 8, tzinfo=dt.UTC),
        dt.datetime(2025, 11, 5, 9, tzinfo=dt.UTC),
    )
    try:
        async with create_session_factory(engine)() as session, session.begin():
            repository = SourceRepository(session)
            feed, page = await repository.list()
            await repository.record_failure(feed, "HTTP 500 Server Error\ndetails", first)
            await repository.record_failure(feed, "HTTP 500 Server Error\ndetails", second)
            await repository.record_failure(page, "timed out", first)
            page.last_error = page.last_error_at = None  # what a successful poll clears
            await repository.record_success(page, now=second, etag=None, last_modified=None)
            session.add(make_brief(source_id=page.id))
    finally:
        await engine.dispose()


def test_ingest_names_a_looping_symlink_instead_of_calling_it_missing(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    assert run(settings, "ingest", str(tmp_path / "self.txt")) == 1
    out, err = capsys.readouterr()
    assert out == "stored 0, duplicate 0, rejected 1\n"
    assert err.startswith(f"{tmp_path / 'self.txt'}: cannot read: Too many levels")


def test_ingest_and_sources_on_a_missing_database_file_do_not_create_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.db"
    settings = load_settings(database_url=f"sqlite+aiosqlite:///{missing}")
    (tmp_path / "a.txt").write_text(BODY)
    assert run(settings, "ingest", str(tmp_path / "a.txt")) == 2
    assert run(settings, "sources", "list") == 2
    assert not missing.exists()
    assert capsys.readouterr().err.splitlines() == [
        f"briefbot ingest: database file {missing} does not exist; run `briefbot db upgrade`",
        f"briefbot sources: database file {missing} does not exist; run `briefbot db upgrade`",
    ]


def test_sources_add_treats_scheme_and_host_case_as_the_same_url(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(settings, "sources", "add", "HTTPS://Example.ORG/Feed.xml") == 0
    assert run(settings, "sources", "add", "https://example.org/Feed.xml") == 1
    out, err = capsys.readouterr()
    assert out == "added 1 feed https://example.org/Feed.xml every 1h\n"
    assert err == "briefbot sources: already subscribed: #1 https://example.org/Feed.xml\n"
    assert run(settings, "sources", "remove", "https://EXAMPLE.org/Feed.xml") == 0


@pytest.mark.parametrize("interval", ["31d", "1000d", "99999999999d"])
def test_sources_add_rejects_intervals_over_thirty_days(settings: Settings, interval: str) -> None:
    with pytest.raises(SystemExit) as refused:
        run(settings, "sources", "add", "https://example.org/feed", "--every", interval)
    assert refused.value.code == 2


def test_sources_import_of_thousands_of_outlines_adds_each_once(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outlines = "".join(
        f'<outline type="rss" text="F{n}" xmlUrl="https://f{n % 7}.example/{n}.xml"/>'
        for n in range(2500)
    )
    path = tmp_path / "many.opml"
    path.write_text(f'<opml version="2.0"><body>{outlines}</body></opml>')
    assert run(settings, "sources", "add", "https://f0.example/0.xml") == 0
    assert run(settings, "sources", "import", str(path)) == 0
    assert run(settings, "sources", "import", str(path)) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "added 2499, already subscribed 1, skipped 0",
        "added 0, already subscribed 2500, skipped 0",
    ]


def test_sources_import_of_an_unreadable_file_is_one_line(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(settings, "sources", "import", str(tmp_path / "nope.opml")) == 1
    assert run(settings, "sources", "import", str(tmp_path)) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{tmp_path / 'nope.opml'}: cannot read: No such file or directory",
        f"{tmp_path}: cannot read: Is a directory",
    ]


def test_sources_import_of_a_device_or_a_fifo_is_one_line_not_an_endless_read(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.opml"
    os.mkfifo(fifo)  # no writer: opening it would wait forever
    assert run(settings, "sources", "import", "/dev/zero") == 1  # reads forever, says size 0
    assert run(settings, "sources", "import", str(fifo)) == 1
    assert capsys.readouterr().err.splitlines() == [
        "/dev/zero: not a regular file",
        f"{fifo}: not a regular file",
    ]


def test_sources_import_skips_what_sources_add_refuses(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mixed.opml"
    outlines = "".join(
        f'<outline type="rss" text="F" xmlUrl="{url}"/>'
        for url in (
            "https://ok.example/feed", "http://127.0.0.1/feed",
            "http://169.254.169.254/latest", "http://example.org:abc/",
        )
    )
    path.write_text(f'<opml version="2.0"><body>{outlines}</body></opml>')
    assert run(settings, "sources", "import", str(path)) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == "added 1, already subscribed 0, skipped 3"
    skipped = captured.err.splitlines()
    assert len(skipped) == 3
    assert "'http://example.org:abc/'" in skipped[0] and "host or port" in skipped[0]
    assert skipped[1].endswith(": http://127.0.0.1/feed: refused: 127.0.0.1 is a loopback address")
    assert skipped[2].startswith(f"{path}: skipped: http://169.254.169.254/latest: refused: ")


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:5432/", "http://[::1]/feed", "http://user:pass@example.org/feed"]
)
def test_sources_add_refuses_private_addresses_and_user_info(
    settings: Settings, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    assert run(settings, "sources", "add", url) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefbot sources: refused: ") and err.count("\n") == 1
    assert "pass@" not in err
    assert run(settings, "sources", "list") == 0
    assert "no sources" in capsys.readouterr().out


def test_ingest_of_a_url_that_trickles_stops_at_the_fetch_deadline_with_one_line(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(
        database_url=database.url, allow_private_urls=True, fetch_deadline_seconds=1
    )
    with serving() as server:
        # 2 KB a byte every 0.2 s: each read comes well inside httpx's timeouts, the whole
        # answer would take seven minutes.
        server.serve("/feed.xml", b"<rss>" + b" " * 2048, trickle_seconds=0.2)
        assert run(settings, "ingest", server.url("/feed.xml")) == 1
    out, err = capsys.readouterr()
    assert err == f"{server.url('/feed.xml')}: no complete answer within the 1 s deadline\n"
    assert out == "stored 0, duplicate 0, rejected 1\n"
