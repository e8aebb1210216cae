"""The health server: liveness, readiness as 200/503 with one JSON line, metrics, a busy port."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
import pytest

import runtime.health
from runtime.health import HealthServer, HealthServerError
from runtime.metrics import Metrics
from runtime.readiness import Check
from tests.support.raw_http import first_bytes
from tests.support.world import free_port


def passing() -> Check:
    async def check() -> str | None:
        return None

    return check


def failing(reason: str) -> Check:
    async def check() -> str | None:
        return reason

    return check


@asynccontextmanager
async def serving(
    checks: dict[str, Check], before_scrape: Callable[[], Awaitable[None]] | None = None
) -> AsyncIterator[str]:
    server = HealthServer(
        "127.0.0.1", free_port(), checks=checks, metrics=Metrics(), before_scrape=before_scrape
    )
    await server.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        await server.stop()


async def test_healthz_answers_ok_even_when_not_ready() -> None:
    async with serving({"database": failing("down")}) as base, httpx.AsyncClient() as client:
        answer = await client.get(f"{base}/healthz")
    assert (answer.status_code, answer.text) == (200, "ok\n")


async def test_readyz_is_200_with_every_check_when_all_pass() -> None:
    checks = {"database": passing(), "bot_api": passing()}
    async with serving(checks) as base, httpx.AsyncClient() as client:
        answer = await client.get(f"{base}/readyz")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json() == {"ready": True, "checks": {"database": "ok", "bot_api": "ok"}}


async def test_readyz_is_503_naming_each_failed_check_on_one_line() -> None:
    checks = {
        "database": failing("ConnectionRefusedError: connect call failed"),
        "schema": passing(),
        "tick": failing("last successful tick 400 s ago (limit 180 s)"),
    }
    async with serving(checks) as base, httpx.AsyncClient() as client:
        answer = await client.get(f"{base}/readyz")
    assert answer.status_code == 503
    assert answer.text.count("\n") == 1 and answer.text.endswith("\n")
    assert json.loads(answer.text) == {
        "ready": False,
        "checks": {
            "database": "ConnectionRefusedError: connect call failed",
            "schema": "ok",
            "tick": "last successful tick 400 s ago (limit 180 s)",
        },
    }


async def test_metrics_refreshes_first_and_answers_in_the_prometheus_text_format() -> None:
    refreshed: list[bool] = []

    async def before_scrape() -> None:
        refreshed.append(True)

    async with serving({}, before_scrape=before_scrape) as base, httpx.AsyncClient() as client:
        answer = await client.get(f"{base}/metrics")
    assert answer.status_code == 200 and refreshed == [True]
    assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert '\nbriefbot_sends_total{outcome="sent"} 0.0\n' in answer.text


async def test_metrics_still_answers_when_the_outbox_cannot_be_read() -> None:
    async def before_scrape() -> None:
        raise OSError("database is away")

    async with serving({}, before_scrape=before_scrape) as base, httpx.AsyncClient() as client:
        answer = await client.get(f"{base}/metrics")
    assert answer.status_code == 200 and "briefbot_sends_total" in answer.text


async def test_a_port_in_use_is_one_line_naming_the_settings() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = HealthServer("127.0.0.1", port, checks={}, metrics=Metrics())
        with pytest.raises(HealthServerError) as caught:
            await server.start()
    message = str(caught.value)
    assert message.startswith(f"cannot listen on 127.0.0.1:{port} (BRIEFBOT_METRICS_HOST/PORT)")
    assert "\n" not in message
    await server.stop()  # nothing to stop: harmless


async def test_the_start_line_brackets_an_ipv6_host(caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()
    server = HealthServer("::", port, checks={}, metrics=Metrics())
    with caplog.at_level(logging.INFO, logger="runtime.health"):
        await server.start()
    try:
        lines = [r.getMessage() for r in caplog.records if r.name == "runtime.health"]
    finally:
        await server.stop()
    assert lines == [f"health and metrics on http://[::]:{port}/ (healthz, readyz, metrics)"]


async def test_a_port_in_use_on_ipv6_is_one_line_with_the_host_bracketed() -> None:
    with socket.socket(socket.AF_INET6) as taken:
        taken.bind(("::1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = HealthServer("::1", port, checks={}, metrics=Metrics())
        with pytest.raises(HealthServerError) as caught:
            await server.start()
    assert str(caught.value).startswith(f"cannot listen on [::1]:{port} (BRIEFBOT_METRICS_HOST")


def host_port(base: str) -> tuple[str, int]:
    host, port = base.removeprefix("http://").rsplit(":", 1)
    return host, int(port)


async def test_a_request_the_client_got_wrong_is_400_and_no_error_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    too_long = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Junk: " + b"a" * 9000 + b"\r\n\r\n"
    async with serving({}) as base:
        answer = await first_bytes(*host_port(base), too_long)
        async with httpx.AsyncClient() as client:
            live = await client.get(f"{base}/healthz")
    assert answer.startswith((b"HTTP/1.0 400", b"HTTP/1.1 400")), answer
    assert live.status_code == 200
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_an_idle_connection_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runtime.health, "IDLE_SECONDS", 0.5)
    async with serving({}) as base:
        assert await first_bytes(*host_port(base), b"") == b""
        assert await first_bytes(*host_port(base), b"GET /healthz HTTP/1.1\r\nHo") == b""


async def fifty_at_once(
    base: str, path: str, calls: list[None], release: asyncio.Event
) -> list[httpx.Response]:
    """50 requests for ``path`` sent together; ``release`` set once the first has begun its run
    (``calls`` no longer empty) and the others had half a second to arrive."""
    async with httpx.AsyncClient() as client:
        asking = [asyncio.ensure_future(client.get(f"{base}{path}")) for _ in range(50)]
        while not calls:  # the first request's run has begun
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.5)  # the others arrive meanwhile
        release.set()
        return await asyncio.gather(*asking)


async def test_readiness_asked_many_times_at_once_runs_its_checks_once() -> None:
    calls: list[None] = []
    release = asyncio.Event()

    async def slow_database() -> str | None:
        calls.append(None)
        await release.wait()
        return None

    async with serving({"database": slow_database}) as base:
        answers = await fifty_at_once(base, "/readyz", calls, release)
    assert [answer.status_code for answer in answers] == [200] * 50
    # Once for the burst, maybe again for a straggler arriving after it; once a request before.
    assert 1 <= len(calls) < 10


async def test_metrics_scraped_many_times_at_once_read_the_outbox_once() -> None:
    calls: list[None] = []
    release = asyncio.Event()

    async def slow_outbox() -> None:
        calls.append(None)
        await release.wait()

    async with serving({}, before_scrape=slow_outbox) as base:
        pages = await fifty_at_once(base, "/metrics", calls, release)
    assert [page.status_code for page in pages] == [200] * 50
    assert all(page.text == pages[0].text and page.text for page in pages)
    assert 1 <= len(calls) < 10
