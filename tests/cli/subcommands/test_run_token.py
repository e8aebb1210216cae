"""``briefbot run``'s entry never prints or logs the token when the Bot API refuses it."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cli.subcommands import run
from local_bot_api import LocalBotApi
from runtime.logs import secret_fragments
from tests.support.world import make_settings

TOKEN = LocalBotApi().token
OTHER_TOKEN = "999999:BBH-a-different-token-for-this-server"


@contextmanager
def bot_api_in_thread(token: str) -> Iterator[str]:
    """A local Bot API server for ``token`` on its own thread and loop; yields its URL."""
    ready, urls = threading.Event(), []
    stopping: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    async def serve() -> None:
        stop = asyncio.Event()
        async with LocalBotApi(token=token) as api:
            urls.append(api.url)
            stopping.append((asyncio.get_running_loop(), stop))
            ready.set()
            await stop.wait()

    thread = threading.Thread(target=lambda: asyncio.run(serve()), daemon=True)
    thread.start()
    assert ready.wait(10)
    try:
        yield urls[0]
    finally:
        loop, stop = stopping[0]
        loop.call_soon_threadsafe(stop.set)
        thread.join(10)


@pytest.mark.parametrize(
    ("server_token", "path"),
    [
        (OTHER_TOKEN, ""),  # the server rejects the token
        (TOKEN, "/wrong"),  # a wrong API path: 404 with a body that is not JSON
        (TOKEN, f"/bot{TOKEN}/x"),  # a misconfigured API URL that carries the token
    ],
    ids=["rejected", "wrong-path", "token-in-url"],
)
def test_a_refused_start_prints_one_line_without_the_token(
    server_token: str,
    path: str,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    parser = argparse.ArgumentParser(prog="briefbot")
    run.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["run", "--connect-attempts", "1"])
    caplog.set_level(logging.DEBUG)
    with bot_api_in_thread(server_token) as url:
        api = LocalBotApi(token=TOKEN)
        api.url = url
        settings = make_settings(api, tmp_path / "bot.db", telegram_api_url=url + path)
        status = run.run_bot(args, settings)
    gc.collect()  # an HTTP session left open would be reported now ("Unclosed client session")
    out, err = capfd.readouterr()
    assert status == 1
    assert out == "" and err.count("\n") == 1 and err.startswith("briefbot run: ")
    assert "rejected the token" in err and "Traceback" not in caplog.text
    assert "Unclosed" not in caplog.text
    for secret in (TOKEN, *secret_fragments(TOKEN)):
        assert secret not in out + err and secret not in caplog.text
