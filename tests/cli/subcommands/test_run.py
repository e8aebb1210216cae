"""``briefbot run``: start-up faults are one line and a non-zero exit; the token is never logged."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import logging
import resource
import socket
from pathlib import Path

import pytest
from telegram import Bot
from telegram.error import Conflict

from cli import main as cli
from cli.subcommands import run
from cli.subcommands.run import RunOptions, serve, webhook_secret
from local_bot_api import LocalBotApi
from runtime.logs import REDACTED, redacting_logs, secret_fragments
from runtime.settings import Settings
from tests.support.database import Database
from tests.support.world import free_port, make_settings

FAST = RunOptions(connect_attempts=2, connect_delay=0.01, poll_timeout=1)
BUILD = {"summary_workers": 0, "tick_interval": None, "get_updates_read_timeout": 3.0}


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="briefbot")
    run.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(["run", *argv])


def test_malformed_token_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_TOKEN", "not-a-token-at-all")
    monkeypatch.setattr(cli, "register_all", run.register)
    assert cli.main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "BRIEFBOT_TELEGRAM_TOKEN" in err
    assert "not-a-token-at-all" not in err


def test_missing_token_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(_env_file=None, telegram_token=None)  # type: ignore[call-arg]
    assert run.run_bot(parse(), settings) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "BRIEFBOT_TELEGRAM_TOKEN is not set" in err


def test_unreachable_bot_api_is_one_line_after_retries_and_exit_1(
    database: Database, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    api = LocalBotApi()
    api.url = f"http://127.0.0.1:{free_port()}"
    settings = make_settings(api, database)
    caplog.set_level(logging.DEBUG)
    status = run.run_bot(parse("--connect-attempts", "3", "--connect-delay", "0.01"), settings)
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1 and "cannot reach the Bot API" in err and "after 3" in err
    assert "Traceback" not in err
    for secret in (api.token, *secret_fragments(api.token)):
        assert secret not in err and secret not in caplog.text


async def test_rejected_token_is_one_line_and_exit_1(database: Database) -> None:
    async with LocalBotApi(token="999999:BBH-a-different-token-for-this-server") as api:
        settings = make_settings(api, database, telegram_token=LocalBotApi().token)
        err = io.StringIO()
        assert await serve(settings, FAST, err=err, **BUILD) == 1
    assert err.getvalue().count("\n") == 1 and "rejected the token" in err.getvalue()


async def test_schema_behind_is_one_line_naming_the_upgrade_and_exit_1(tmp_path: Path) -> None:
    async with LocalBotApi() as api:
        err = io.StringIO()
        settings = make_settings(api, tmp_path / "empty.db")
        assert await serve(settings, FAST, err=err, **BUILD) == 1
    assert err.getvalue().count("\n") == 1 and "briefbot db upgrade" in err.getvalue()


async def test_a_metrics_port_in_use_is_one_line_and_exit_1(database: Database) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        async with LocalBotApi() as api:
            err = io.StringIO()
            settings = make_settings(api, database, metrics_port=port)
            assert await serve(settings, FAST, err=err, **BUILD) == 1
    assert err.getvalue() == (
        f"briefbot run: cannot listen on 127.0.0.1:{port} (BRIEFBOT_METRICS_HOST/PORT): "
        "Address already in use\n"
    )


async def test_a_second_poller_is_one_line_and_exit_1(database: Database) -> None:
    async with LocalBotApi() as api:
        settings = make_settings(api, database)
        err = io.StringIO()
        running = asyncio.create_task(serve(settings, FAST, err=err, **BUILD))
        assert await api.changed.wait_until(lambda: bool(api.calls("getUpdates")), 5)
        async with Bot(api.token, base_url=api.base_url) as rival:
            for _ in range(20):
                if running.done():
                    break
                with contextlib.suppress(Conflict):
                    await rival.get_updates(timeout=1)
        status = await asyncio.wait_for(running, 10)
    assert status == 1
    assert err.getvalue().count("\n") == 1 and "409 Conflict" in err.getvalue()


async def test_a_running_poller_keeps_polling_when_a_second_one_appears(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="cli")
    options = RunOptions(connect_attempts=2, connect_delay=0.01, poll_timeout=1,
                         conflict_window=0.5)
    async with LocalBotApi() as api:
        settings = make_settings(api, database)
        err, stop = io.StringIO(), asyncio.Event()
        running = asyncio.create_task(serve(settings, options, err=err, stop=stop, **BUILD))
        # Two long polls done (a second each): this instance is past its start-up.
        assert await api.changed.wait_until(lambda: len(api.calls("getUpdates")) >= 3, 10)
        conflicts = 0
        async with Bot(api.token, base_url=api.base_url) as newcomer:
            async with asyncio.timeout(30):
                while conflicts < 3 and not running.done():
                    try:
                        await newcomer.get_updates(timeout=1)
                    except Conflict:
                        conflicts += 1
        # Before: the running instance took the 409 for its own start-up fault and exited 1.
        assert not running.done(), err.getvalue()
        chat = api.create_private_chat()
        api.user_sends(chat.id, "/start")
        [welcome] = await api.wait_for_messages(chat.id, 1, timeout=10)
        stop.set()
        status = await asyncio.wait_for(running, 10)
    assert status == 0 and err.getvalue() == ""
    assert welcome.text
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len([line for line in warnings if "409 Conflict" in line]) == 1, warnings


def test_with_json_logs_a_start_up_fault_is_one_json_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    api = LocalBotApi()
    api.url = f"http://127.0.0.1:{free_port()}"
    settings = make_settings(api, tmp_path / "unused.db", log_format="json")
    status = run.run_bot(parse("--connect-attempts", "1"), settings)
    lines = capsys.readouterr().err.splitlines()
    assert status == 1
    # Before: a plain "briefbot run: ..." line among the JSON ones.
    [record] = [json.loads(line) for line in lines]
    assert record["level"] == "ERROR" and record["logger"] == "cli.subcommands.run"
    assert record["message"].startswith("briefbot run: cannot reach the Bot API")


async def test_token_never_appears_in_any_log_line(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    async with LocalBotApi() as api:
        settings = make_settings(api, database)
        stop = asyncio.Event()
        with redacting_logs(*secret_fragments(api.token)):
            caplog.set_level(logging.DEBUG)
            for name in ("httpx", "httpcore", "telegram", "apscheduler"):
                caplog.set_level(logging.DEBUG, logger=name)
            running = asyncio.create_task(serve(settings, FAST, stop=stop, **BUILD))
            chat = api.create_private_chat(first_name="Bob")
            assert await api.changed.wait_until(lambda: bool(api.calls("getUpdates")), 5)
            api.user_sends(chat.id, "/start")
            await api.wait_for_messages(chat.id, 1)
            api.fail_next("sendMessage", status=500)  # an error handled by the error handler
            api.user_sends(chat.id, "/help")
            # Barrier: updates are handled in order, so once the second /help is answered the
            # first one's failure has gone through the error handler (and its log lines).
            after = api.messages(chat.id, from_bot=True)[-1].message_id
            api.user_sends(chat.id, "/help")
            await api.wait_for_messages(chat.id, 1, after_message_id=after)
            assert [c.status for c in api.calls("sendMessage")][-2:] == [500, 200]
            stop.set()
            assert await running == 0
    assert "getMe" in caplog.text and REDACTED in caplog.text
    for secret in (api.token, *secret_fragments(api.token)):
        assert secret not in caplog.text


def test_webhook_secret_is_the_setting_or_derived_from_the_token() -> None:
    token = LocalBotApi().token
    settings = Settings(_env_file=None, telegram_token=token)  # type: ignore[call-arg]
    derived = webhook_secret(settings, token)
    assert len(derived) == 32 and token not in derived
    assert derived == webhook_secret(settings, token)
    chosen = Settings(  # type: ignore[call-arg]
        _env_file=None, telegram_token=token, webhook_secret="s3cret-0123456789"
    )
    assert webhook_secret(chosen, token) == "s3cret-0123456789"


def test_the_cli_raises_its_open_files_limit_to_the_hard_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard <= 1024:
        pytest.skip("the hard limit leaves nothing to raise to")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_TELEGRAM_TOKEN", LocalBotApi().token)
    monkeypatch.setattr(cli, "register_all", run.register)
    seen: list[int] = []

    async def fake_serve(settings: Settings, options: RunOptions, **_: object) -> int:
        seen.append(resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        return 0

    monkeypatch.setattr(run, "serve", fake_serve)
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, hard))  # a shell's usual soft limit
    try:
        assert cli.main(["run"]) == 0
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    expected = hard if hard != resource.RLIM_INFINITY else run.OPEN_FILES_WITHOUT_HARD_LIMIT
    assert seen == [expected]
