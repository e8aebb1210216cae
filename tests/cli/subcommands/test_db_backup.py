"""``briefbot db backup PATH``: SQLite copied consistently under writes; pg_dump for PostgreSQL."""

from __future__ import annotations

import os
import secrets
import shlex
import shutil
import sqlite3
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from cli.main import main
from storage.backup import libpq_uri, pg_restore_command
from tests.support.database import Database, postgres_url, sqlite_url

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "india-israel-jwg-2025-11-05.txt"
INSERT_BRIEF = (
    "INSERT INTO briefs (title, ingested_at, text, content_hash, summary, topics) "
    "VALUES (?, '2026-12-01 10:00:00', ?, ?, '[]', '[]')"
)


def sqlite_file(database: Database) -> Path:
    """The file behind a SQLite test database."""
    return Path(database.url.removeprefix("sqlite+aiosqlite:///"))


def count(path: Path, table: str) -> int:
    """Rows in ``table`` of the SQLite file ``path``."""
    with sqlite3.connect(path) as connection:
        (rows,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    connection.close()
    return int(rows)


def add_pairs(path: Path, first: int, last: int) -> None:
    """Insert briefs two per transaction (numbered first..last), as a writer beside the backup."""
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        for n in range(first, last):
            connection.execute("BEGIN IMMEDIATE")
            for half in ("a", "b"):
                text = f"Brief {n}{half} about the harbour."
                connection.execute(INSERT_BRIEF, (f"Brief {n}{half}", text, f"hash-{n}{half}"))
            connection.execute("COMMIT")
    finally:
        connection.close()


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in an empty folder, as an operator would (no stray .env)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def use_database(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Point BRIEFBOT_DATABASE_URL at ``url``, as the operator does."""
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", url)


def test_backup_while_another_connection_writes_is_one_consistent_snapshot(
    database: Database, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live, copy = sqlite_file(database), in_tmp / "copy.db"
    add_pairs(live, 0, 200)
    writer = threading.Thread(target=add_pairs, args=(live, 200, 1200))
    use_database(monkeypatch, database.url)

    writer.start()
    try:
        status = main(["db", "backup", str(copy)])
    finally:
        writer.join()

    assert status == 0
    copied = count(copy, "briefs")
    assert copied % 2 == 0 and copied >= 400  # whole transactions only
    assert count(live, "briefs") == 2400
    assert count(copy, "briefs_fts") == copied  # the search index matches the rows
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()


def test_a_restored_copy_serves_the_cli(
    database: Database,
    in_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_pairs(sqlite_file(database), 0, 3)
    use_database(monkeypatch, database.url)
    assert main(["db", "backup", "copy.db"]) == 0
    assert capsys.readouterr().out.startswith(f"backed up {sqlite_file(database)} to copy.db (")
    assert main(["briefs", "list"]) == 0
    listed = capsys.readouterr().out

    # Restore: the copy is a plain database file; point the setting at it.
    use_database(monkeypatch, sqlite_url(in_tmp / "copy.db"))
    assert main(["db", "status"]) == 0
    assert main(["briefs", "list"]) == 0

    out = capsys.readouterr().out
    assert out.startswith("schema up to date")
    assert "Brief 2b" in listed and out.endswith(listed)


def test_an_existing_file_is_kept_unless_forced(
    database: Database,
    in_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (in_tmp / "copy.db").write_text("an older backup")
    use_database(monkeypatch, database.url)

    refused = main(["db", "backup", "copy.db"])
    err = capsys.readouterr().err
    kept = (in_tmp / "copy.db").read_text()
    forced = main(["db", "backup", "copy.db", "--force"])

    assert refused == 1 and kept == "an older backup"
    assert err == "briefbot db backup: copy.db already exists; give --force to overwrite it\n"
    assert forced == 0 and count(in_tmp / "copy.db", "briefs") == 0
    assert [p.name for p in in_tmp.iterdir() if p.name.startswith(".")] == []  # no partial copy


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("missing/copy.db", "cannot write missing/copy.db: its folder does not exist"),
        (".", ". is a folder; give a file name"),
        ("", "a target path is required"),
    ],
)
def test_a_bad_target_is_one_line(
    database: Database,
    in_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: str,
    expected: str,
) -> None:
    use_database(monkeypatch, database.url)

    assert main(["db", "backup", target]) == 1

    err = capsys.readouterr().err
    assert err.startswith(f"briefbot db backup: {expected}") and err.count("\n") == 1


@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_is_never_replaced_even_forced(
    database: Database,
    in_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    force: bool,
) -> None:
    os.mkfifo(in_tmp / "pipe")
    use_database(monkeypatch, database.url)

    status = main(["db", "backup", "pipe", *(["--force"] if force else [])])

    assert status == 1 and stat.S_ISFIFO((in_tmp / "pipe").lstat().st_mode)
    assert capsys.readouterr().err == (
        "briefbot db backup: pipe is not a regular file (a device, FIFO or socket); "
        "give a file name\n"
    )


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("dangling", [False, True])
def test_a_symlink_is_never_replaced_even_forced(
    database: Database,
    in_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    force: bool,
    dangling: bool,
) -> None:
    pointed = in_tmp / "elsewhere.db"
    if not dangling:
        pointed.write_text("kept")
    (in_tmp / "link.db").symlink_to(pointed)
    use_database(monkeypatch, database.url)

    status = main(["db", "backup", "link.db", *(["--force"] if force else [])])

    assert status == 1 and (in_tmp / "link.db").is_symlink()
    assert pointed.exists() != dangling and (dangling or pointed.read_text() == "kept")
    assert capsys.readouterr().err == (
        "briefbot db backup: link.db is a symbolic link; give the path of a regular file\n"
    )


def test_backing_up_a_missing_database_is_one_line_and_creates_nothing(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_database(monkeypatch, sqlite_url(in_tmp / "nothing.db"))

    assert main(["db", "backup", "copy.db"]) == 1

    err = capsys.readouterr().err
    assert err == f"briefbot db backup: database file {in_tmp / 'nothing.db'} does not exist\n"
    assert list(in_tmp.iterdir()) == []


def test_the_database_itself_is_never_the_target(
    database: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_database(monkeypatch, database.url)
    live = sqlite_file(database)
    before = live.read_bytes()

    assert main(["db", "backup", str(live), "--force"]) == 1

    assert capsys.readouterr().err == f"briefbot db backup: {live} is the database itself\n"
    assert live.read_bytes() == before


def psql(server: str, statement: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE) with psql."""
    uri = libpq_uri(make_url(server))
    subprocess.run(
        ["psql", "--quiet", "--no-psqlrc", uri, "-c", statement], check=True, capture_output=True
    )


@pytest.fixture
def postgres_databases() -> Iterator[tuple[str, str]]:
    """Two new databases on the test server (the source and the restore); dropped after."""
    missing = [tool for tool in ("psql", "pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"the PostgreSQL client tools are not installed: {', '.join(missing)}")
    server = postgres_url()
    tag = secrets.token_hex(4)
    names = (f"briefbot_backup_test_{tag}", f"briefbot_restore_test_{tag}")
    try:
        for name in names:
            psql(server, f'CREATE DATABASE "{name}"')
    except subprocess.CalledProcessError as error:
        reason = f"PostgreSQL at {server}: {error.stderr.decode().strip()}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this is an error)")
        pytest.skip(reason)
    base = server.rsplit("/", 1)[0]
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    finally:
        for name in names:
            psql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_postgres_prints_the_pg_dump_line_and_its_dump_restores(
    postgres_databases: tuple[str, str],
    in_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source, restored = postgres_databases
    use_database(monkeypatch, source)
    assert main(["db", "upgrade"]) == 0
    assert main(["ingest", str(EXAMPLE)]) == 0
    capsys.readouterr()
    assert main(["briefs", "list"]) == 0
    listed = capsys.readouterr().out
    assert "India" in listed

    status = main(["db", "backup", "briefbot.dump"])
    printed = capsys.readouterr()
    assert status == 2 and not (in_tmp / "briefbot.dump").exists()
    assert printed.err.count("\n") == 1 and "pg_dump" in printed.err
    subprocess.run(shlex.split(printed.out), check=True)
    subprocess.run(shlex.split(pg_restore_command(restored, "briefbot.dump")), check=True)

    use_database(monkeypatch, restored)
    assert main(["db", "status"]) == 0
    assert main(["briefs", "list"]) == 0
    assert capsys.readouterr().out.endswith(listed)


def test_the_pg_dump_line_leaves_out_the_password_and_asyncpg_only_options(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql+asyncpg://bot:s3cret-pw@db.example:6432/news?ssl=require&command_timeout=5"
    use_database(monkeypatch, url)

    assert main(["db", "backup", "my backup.dump"]) == 2

    out = capsys.readouterr().out
    assert out == (
        "pg_dump --format=custom --no-owner '--file=my backup.dump' "
        "'postgresql://bot@db.example:6432/news?sslmode=require'\n"
    )


def test_the_pg_dump_line_keeps_a_socket_host_and_port_given_as_options(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_database(monkeypatch, "postgresql+asyncpg://postgres@/probe?host=/tmp/pgsock&port=5433")

    assert main(["db", "backup", "probe.dump"]) == 2

    out = capsys.readouterr().out
    assert out == (
        "pg_dump --format=custom --no-owner --file=probe.dump "
        "'postgresql://postgres@/probe?host=%2Ftmp%2Fpgsock&port=5433'\n"
    )


def test_the_libpq_uri_of_query_options_reaches_the_server() -> None:
    # The test server asked the asyncpg way (host and port as options) through libpq.
    server = make_url(postgres_url())
    if server.host is None or shutil.which("psql") is None:
        pytest.skip("needs psql and a test server reached over TCP")
    asyncpg_style = server.set(host=None, port=None).update_query_dict(
        {"host": server.host, "port": str(server.port or 5432)}
    )
    uri = libpq_uri(asyncpg_style)
    assert "host=" in uri and "port=" in uri

    def select_one(target: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["psql", "--quiet", "--no-psqlrc", "-At", target, "-c", "SELECT 1"],
            capture_output=True, text=True,
        )

    plain = select_one(libpq_uri(server))
    if plain.returncode != 0:
        pytest.skip(f"PostgreSQL at {server}: {plain.stderr.strip()}")
    assert select_one(uri).stdout == "1\n"
