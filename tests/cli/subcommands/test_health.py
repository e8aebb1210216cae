"""``briefbot health``: exit 0 when ready, 1 with one line when not or down, 2 without a port."""

from __future__ import annotations

import asyncio
import io
import socket
from pathlib import Path

import pytest

from cli import main as cli
from cli.subcommands import health
from runtime.health import HealthServer
from runtime.metrics import Metrics
from runtime.settings import Settings
from tests.support.database import Database
from tests.support.world import free_port, running_bot


def settings_for(port: int | None, host: str = "127.0.0.1") -> Settings:
    return Settings(_env_file=None, metrics_port=port, metrics_host=host)  # type: ignore[call-arg]


async def ask(settings: Settings, url: str | None = None) -> tuple[int, str, str]:
    """``briefbot health`` in a thread (the endpoint answers on this test's event loop)."""
    out, err = io.StringIO(), io.StringIO()
    status = await asyncio.to_thread(health.ask, settings, url, timeout=10, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


async def test_a_ready_bot_exits_0(database: Database) -> None:
    port = free_port()
    async with running_bot(database, settings={"metrics_port": port}):
        status, out, err = await ask(settings_for(port, host="0.0.0.0"))  # asked on 127.0.0.1
    assert (status, out, err) == (0, "ready (database, schema, bot_api)\n", "")


async def test_a_bot_that_is_not_ready_exits_1_naming_the_failed_check() -> None:
    async def database_down() -> str | None:
        return "OSError: Connect call failed ('127.0.0.1', 5432)"

    async def passing() -> str | None:
        return None

    port = free_port()
    server = HealthServer(
        "127.0.0.1", port, checks={"database": database_down, "bot_api": passing},
        metrics=Metrics(),
    )
    await server.start()
    try:
        status, out, err = await ask(settings_for(port))
    finally:
        await server.stop()
    assert (status, out) == (1, "")
    assert err == (
        "briefbot health: not ready: database: OSError: Connect call failed ('127.0.0.1', 5432)\n"
    )


async def test_nothing_listening_exits_1_with_one_line() -> None:
    port = free_port()
    status, out, err = await ask(settings_for(port))
    assert (status, out) == (1, "")
    assert err == (
        f"briefbot health: nothing answers at http://127.0.0.1:{port}/readyz "
        "(connection refused); is `briefbot run` up?\n"
    )


async def test_an_endpoint_that_never_answers_exits_1_after_the_timeout() -> None:
    with socket.socket() as silent:  # accepts connections (the backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/readyz"
        out, err = io.StringIO(), io.StringIO()
        status = await asyncio.to_thread(
            health.ask, settings_for(None), url, timeout=0.2, out=out, err=err
        )
    assert (status, err.getvalue()) == (1, f"briefbot health: no answer from {url} within 0.2 s\n")


async def test_url_without_a_path_asks_readyz() -> None:
    port = free_port()
    status, _, err = await ask(settings_for(None), f"http://127.0.0.1:{port}")
    assert status == 1 and f"http://127.0.0.1:{port}/readyz" in err


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (None, "briefbot health: BRIEFBOT_METRICS_PORT is not set, so there is no endpoint"),
        ("ftp://127.0.0.1/readyz", "briefbot health: --url must be an http:// or https:// URL"),
        ("http://127.0.0.1:8080/\x1b[31m x", "briefbot health: --url must be an http://"),
    ],
)
async def test_nothing_to_ask_exits_2_with_one_line(url: str | None, expected: str) -> None:
    status, out, err = await ask(settings_for(None), url)
    assert (status, out) == (2, "")
    assert err.startswith(expected) and err.count("\n") == 1 and "\x1b" not in err


def test_the_command_line_reads_the_port_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    port = free_port()
    monkeypatch.setenv("BRIEFBOT_METRICS_PORT", str(port))
    assert cli.main(["health"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"briefbot health: nothing answers at http://127.0.0.1:{port}/")
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
