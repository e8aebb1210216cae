"""``briefbot health``: exit 0 when ready, 1 with one line when not or down, 2 without a port."""

from __future__ import annotations

import asyncio
import gzip
import io
import math
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
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


@asynccontextmanager
async def serve(
    respond: Callable[[asyncio.StreamWriter], Awaitable[None]],
) -> AsyncIterator[str]:
    """A raw HTTP server on this test's loop answering every request with ``respond``."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        try:
            await respond(writer)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/readyz"
    finally:
        server.close()


def answering(head: bytes, body: bytes) -> Callable[[asyncio.StreamWriter], Awaitable[None]]:
    async def respond(writer: asyncio.StreamWriter) -> None:
        writer.write(head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        await writer.drain()

    return respond


async def ask_with_timeout(url: str, timeout: float) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = await asyncio.to_thread(
        health.ask, settings_for(None), url, timeout=timeout, out=out, err=err
    )
    return status, out.getvalue(), err.getvalue()


async def test_a_server_trickling_its_answer_is_cut_off_at_the_timeout() -> None:
    async def trickle(writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
        for _ in range(1000):  # one byte every 0.2 s: each read is quick, the whole is not
            writer.write(b" ")
            await writer.drain()
            await asyncio.sleep(0.2)

    async with serve(trickle) as url:
        started = time.monotonic()
        status, out, err = await ask_with_timeout(url, 1)
        elapsed = time.monotonic() - started
    assert (status, out, err) == (1, "", f"briefbot health: no answer from {url} within 1 s\n")
    assert elapsed < 3


@pytest.mark.parametrize("timeout", [math.inf, math.nan, 0, -1, 3601])
async def test_a_timeout_that_is_not_a_sensible_number_exits_2(timeout: float) -> None:
    status, out, err = await ask_with_timeout("http://127.0.0.1:9/readyz", timeout)
    assert (status, out) == (2, "")
    assert err == (
        "briefbot health: --timeout must be a number of seconds above 0 and at most 3600\n"
    )


def test_the_command_line_refuses_an_infinite_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["health", "--url", "http://127.0.0.1:9/readyz", "--timeout", "inf"]) == 2
    assert capsys.readouterr().err.startswith("briefbot health: --timeout must be a number")


OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (OK_HEAD, RSS, "answered HTTP 200 but not with the readiness JSON"),
        (OK_HEAD, b"{}", "answered HTTP 200 but not with the readiness JSON"),
        (OK_HEAD, b'{"checks": {}}', "answered HTTP 200 but not with the readiness JSON"),
        (OK_HEAD, b'{"ready": true}', "answered HTTP 200 but not with the readiness JSON"),
        (OK_HEAD, b" " * 70_000 + b"{}", "answered more than 65,536 bytes, not the readiness JSON"),
        (
            OK_HEAD + b"Content-Encoding: gzip\r\n",
            gzip.compress(b'{"ready": true, "checks": {}}' + b" " * 10_000_000),
            "answered with a gzip body, not the readiness JSON",
        ),
    ],
)
async def test_an_answer_that_is_not_the_readiness_json_is_not_ready(
    head: bytes, body: bytes, expected: str
) -> None:
    async with serve(answering(head, body)) as url:
        status, out, err = await ask_with_timeout(url, 5)
    assert (status, out) == (1, "")
    assert err == f"briefbot health: not ready: {url} {expected}\n"


async def test_the_readiness_json_with_no_checks_is_ready() -> None:
    async with serve(answering(OK_HEAD, b'{"ready": true, "checks": {}}\n')) as url:
        status, out, err = await ask_with_timeout(url, 5)
    assert (status, out, err) == (0, "ready (no checks)\n", "")


async def test_a_ready_bot_listening_on_the_ipv6_wildcard_is_asked_on_ipv6_loopback(
    database: Database,
) -> None:
    port = free_port()
    async with running_bot(database, settings={"metrics_port": port, "metrics_host": "::"}):
        status, out, err = await ask(settings_for(port, host="::"))  # asked on [::1]
    assert (status, out, err) == (0, "ready (database, schema, bot_api)\n", "")


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("0.0.0.0", "http://127.0.0.1:9090/readyz"),
        ("::", "http://[::1]:9090/readyz"),
        ("::0", "http://[::1]:9090/readyz"),
        ("0:0:0:0:0:0:0:0", "http://[::1]:9090/readyz"),
        ("::1", "http://[::1]:9090/readyz"),
        ("2001:db8::7", "http://[2001:db8::7]:9090/readyz"),
        ("127.0.0.1", "http://127.0.0.1:9090/readyz"),
        ("bot.internal", "http://bot.internal:9090/readyz"),
    ],
)
def test_a_wildcard_host_is_asked_on_the_loopback_of_its_family(host: str, url: str) -> None:
    assert health.readiness_url(settings_for(9090, host=host)) == url
