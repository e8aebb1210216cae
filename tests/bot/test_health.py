"""The health endpoint of the real bot: ready on the local Bot API server, 503 when the database
goes away, the tick judged stale, and metrics counting a digest delivered through the server."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

import httpx
import pytest

from bot.health import readiness_checks
from bot.roles import Role
from tests.support.database import Database
from tests.support.factories import brief
from tests.support.freezable_proxy import FreezableProxy
from tests.support.tcp_proxy import TcpProxy
from tests.support.world import World, free_port, running_bot


def endpoint(world: World) -> str:
    settings = world.services.settings
    return f"http://{settings.metrics_host}:{settings.metrics_port}"


async def readiness(world: World) -> tuple[int, dict[str, str]]:
    async with httpx.AsyncClient(timeout=10) as client:
        answer = await client.get(f"{endpoint(world)}/readyz")
    return answer.status_code, answer.json()["checks"]


async def sample(world: World, line_start: str) -> float | None:
    """The value of the first /metrics sample line starting with ``line_start``."""
    async with httpx.AsyncClient(timeout=10) as client:
        text = (await client.get(f"{endpoint(world)}/metrics")).text
    for line in text.splitlines():
        if line.startswith(line_start + " "):
            return float(line.rsplit(" ", 1)[1])
    return None


@asynccontextmanager
async def bot_through(proxy: TcpProxy, database: Database) -> AsyncIterator[World]:
    """The bot with its health endpoint, reaching PostgreSQL ``database`` through ``proxy``
    (whose target is that server), opened here and closed afterwards."""
    proxied = Database(
        database.url.replace(f":{proxy.target[1]}/", f":{proxy.port}/"), database.schema
    )
    await proxy.open()
    engine = proxied.engine()
    try:
        settings = {"metrics_port": free_port()}
        async with running_bot(proxied, settings=settings, engine=engine) as world:
            yield world
    finally:
        await proxy.close()
        await engine.dispose()


def proxy_to(database: Database, kind: type[TcpProxy] = TcpProxy) -> TcpProxy:
    """A proxy (not yet open) to ``database``'s PostgreSQL server, on a free port."""
    target = urlsplit(database.url.replace("postgresql+asyncpg", "http"))
    return kind(target.hostname or "127.0.0.1", target.port or 5432, free_port())


async def test_the_running_bot_is_live_and_ready_on_the_local_server(database: Database) -> None:
    async with running_bot(database, settings={"metrics_port": free_port()}) as world:
        async with httpx.AsyncClient() as client:
            live = await client.get(f"{endpoint(world)}/healthz")
        status, checks = await readiness(world)
        assert (live.status_code, live.text) == (200, "ok\n")
        # No tick is scheduled in this world, so there is no tick check.
        assert (status, checks) == (200, {"database": "ok", "schema": "ok", "bot_api": "ok"})
        assert world.api.calls("getMe")  # the Bot API check asked the local server


async def test_only_the_roles_that_run_the_tick_judge_it(world: World) -> None:
    assert world.app is not None
    checks = {
        role: set(readiness_checks(world.app, world.services, role, tick_interval=60))
        for role in Role
    }
    common = {"database", "schema", "bot_api"}
    assert checks == {
        Role.ALL: common | {"tick"},
        Role.SCHEDULER: common | {"tick"},
        Role.UPDATES: common,
        Role.WORKER: common,
    }
    assert set(readiness_checks(world.app, world.services, Role.ALL, None)) == common


async def test_no_port_means_no_endpoint(database: Database) -> None:
    port = free_port()
    async with running_bot(database) as world:
        assert world.services.settings.metrics_port is None
        with pytest.raises(httpx.ConnectError):
            async with httpx.AsyncClient() as client:
                await client.get(f"http://127.0.0.1:{port}/healthz")


async def test_readiness_is_503_naming_the_database_while_it_is_unreachable(
    migrated_postgres: Database,
) -> None:
    proxy = proxy_to(migrated_postgres)
    async with bot_through(proxy, migrated_postgres) as world:
        ready = {"database": "ok", "schema": "ok", "bot_api": "ok"}
        assert await readiness(world) == (200, ready)
        await proxy.close()
        status, checks = await readiness(world)
        assert status == 503
        assert checks["bot_api"] == "ok"
        for name in ("database", "schema"):
            assert checks[name] != "ok" and "\n" not in checks[name], checks
        await proxy.open()  # the database is back: ready again
        assert (await readiness(world))[0] == 200


async def test_the_tick_is_judged_stale_three_intervals_after_its_last_success(
    database: Database,
) -> None:
    settings = {"metrics_port": free_port()}
    async with running_bot(database, settings=settings, tick_interval=60) as world:
        metrics = world.services.metrics
        async with asyncio.timeout(10):  # the first tick runs a second after start
            while metrics.last_tick_success is None:
                await asyncio.sleep(0.05)
        assert await readiness(world) == (
            200, {"database": "ok", "schema": "ok", "bot_api": "ok", "tick": "ok"}
        )
        world.clock.advance(seconds=181)  # the next tick is a real minute away
        status, checks = await readiness(world)
        assert status == 503
        assert checks["tick"] == "last successful tick 181 s ago (limit 180 s)"
        assert checks["database"] == "ok"


async def test_metrics_count_a_digest_delivered_through_the_local_server(
    database: Database,
) -> None:
    settings = {"metrics_port": free_port()}
    async with running_bot(database, settings=settings, tick_interval=0.5) as world:
        world.clock.now = now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
        chat = world.api.create_private_chat(first_name="Bob")
        await world.say(chat.id, "/start")
        await world.ingest(brief("Ceasefire talks", "Israel and Hamas negotiators met in Cairo."))
        await world.say(chat.id, f"/digest {now + dt.timedelta(minutes=2):%H:%M}")
        await world.say(chat.id, "/no_such_command_1234")  # counted as "other", not by its name
        sent = 'briefbot_sends_total{outcome="sent"}'
        assert await sample(world, sent) == 0.0
        assert await sample(world, "briefbot_digests_enqueued_total") == 0.0
        world.clock.now = now + dt.timedelta(minutes=3)
        [digest] = await world.api.wait_for_messages(
            chat.id, 1, timeout=5, after_message_id=world.last_bot_message_id(chat.id)
        )
        assert digest.text.startswith("Digest for ")
        async with asyncio.timeout(5):  # the worker counts the send once sendMessage returns
            while await sample(world, sent) != 1.0:
                await asyncio.sleep(0.05)
        assert await sample(world, "briefbot_digests_enqueued_total") == 1.0
        assert await sample(world, "briefbot_send_duration_seconds_count") == 1.0
        start = 'briefbot_command_duration_seconds_count{command="start"}'
        digest_command = 'briefbot_command_duration_seconds_count{command="digest"}'
        assert await sample(world, start) == 1.0
        assert await sample(world, digest_command) == 1.0
        other = 'briefbot_command_duration_seconds_count{command="other"}'
        assert await sample(world, other) == 1.0
        last_tick = await sample(world, "briefbot_tick_last_success_timestamp_seconds")
        assert last_tick is not None and last_tick >= now.timestamp()
        assert await sample(world, 'briefbot_outbox_messages{state="failed"}') == 0.0


async def test_metrics_answer_with_the_last_gauges_while_the_database_hangs(
    migrated_postgres: Database,
) -> None:
    proxy = proxy_to(migrated_postgres, FreezableProxy)
    assert isinstance(proxy, FreezableProxy)
    try:
        async with bot_through(proxy, migrated_postgres) as world:
            proxy.freeze()  # the first scrape must read the outbox: nothing is cached yet
            # Within 6 s: the outbox read gives up after 2 s (unbounded, the scrape waited for
            # the pool's 10 s connect timeout, or for ever on a query already sent).
            async with httpx.AsyncClient(timeout=6) as client:
                page = await client.get(f"{endpoint(world)}/metrics")
            proxy.thaw()
            assert page.status_code == 200
            assert "\nbriefbot_outbox_messages{" in page.text
    finally:
        proxy.thaw()  # so that the stop can reach the database
