"""``briefbot run`` in webhook mode, end to end against the local Bot API server.

PTB registers the public URL with ``setWebhook`` on the local server (which only stores it);
the test then plays Telegram and POSTs updates to the bot's own webhook server.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import logging
import socket
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from bot.handlers import ALLOWED_UPDATES
from cli.subcommands import run
from cli.subcommands.run import RunOptions, serve, webhook_secret
from local_bot_api import Chat, LocalBotApi
from runtime.logs import REDACTED, secret_fragments
from runtime.settings import Settings
from tests.support.database import Database
from tests.support.raw_http import first_bytes
from tests.support.world import free_port, make_settings

FAST = RunOptions(connect_attempts=2, connect_delay=0.01, poll_timeout=1)
BUILD: dict[str, Any] = {
    "summary_workers": 0,
    "tick_interval": None,
    "get_updates_read_timeout": 3.0,
}
HOOK_PATH = "/hook/Zq3-webhook-path"
PUBLIC_URL = f"https://bot.example.org{HOOK_PATH}"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_settings(api: LocalBotApi, database: Database, port: int, **overrides: Any) -> Settings:
    return make_settings(
        api,
        database,
        webhook_url=PUBLIC_URL,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        **overrides,
    )


async def wait_listening(port: int, timeout: float = 5.0) -> None:
    """Until something accepts TCP connections on 127.0.0.1:``port``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing listens on port {port}") from None
            await asyncio.sleep(0.02)
        else:
            writer.close()
            await writer.wait_closed()
            return


async def poll_until(predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


def start_update(
    api: LocalBotApi, chat: Chat, update_id: int, command: str = "/start"
) -> dict[str, Any]:
    """A Telegram ``Update`` for ``command`` typed by the chat's user (kept in the transcript)."""
    assert chat.user is not None
    sent = api.new_message(chat, chat.user, text=command, raw_text=command)
    return {
        "update_id": update_id,
        "message": {
            "message_id": sent.message_id,
            "date": sent.date,
            "chat": chat.to_api(),
            "from": chat.user.to_api(),
            "text": command,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
        },
    }


@asynccontextmanager
async def running_webhook(
    api: LocalBotApi,
    settings: Settings,
    runner: Callable[[asyncio.Event], Coroutine[Any, Any, int]],
) -> AsyncIterator[asyncio.Task[int]]:
    """``runner`` started with a stop event, ready to take POSTs; stopped (exit 0) on leaving."""
    stop = asyncio.Event()
    running = asyncio.create_task(runner(stop))
    try:
        # The server records calls without waking ``api.changed`` waiters: poll.
        assert await poll_until(lambda: bool(api.calls("setWebhook")) or running.done())
        assert not running.done(), "serve ended before the webhook was set"
        await wait_listening(settings.webhook_port)
        yield running
    finally:
        stop.set()
        status = await asyncio.wait_for(running, 5)
    assert status == 0


async def test_a_posted_start_update_is_answered_in_the_chat(database: Database) -> None:
    async with LocalBotApi() as api:
        port = free_port()
        settings = webhook_settings(api, database, port)
        secret = webhook_secret(settings, api.token)
        chat = api.create_private_chat(first_name="Alice")

        async def runner(stop: asyncio.Event) -> int:
            return await serve(settings, FAST, stop=stop, **BUILD)

        async with running_webhook(api, settings, runner), httpx.AsyncClient() as client:
            [registered] = api.calls("setWebhook")
            assert registered.params["url"] == PUBLIC_URL
            assert registered.params["secret_token"] == secret
            assert set(registered.params["allowed_updates"]) == set(ALLOWED_UPDATES)
            assert api.webhook_url == PUBLIC_URL
            assert not api.calls("getUpdates")

            response = await client.post(
                f"http://127.0.0.1:{port}{HOOK_PATH}",
                json=start_update(api, chat, 1),
                headers={SECRET_HEADER: secret},
            )
            assert response.status_code == 200
            [welcome] = await api.wait_for_messages(chat.id, 1)
            assert (welcome.text or "").startswith("Welcome to briefbot.")
            assert welcome.chat.id == chat.id
        assert not api.calls("getUpdates")


async def test_a_post_without_the_right_secret_is_refused_and_not_answered(
    database: Database,
) -> None:
    async with LocalBotApi() as api:
        port = free_port()
        settings = webhook_settings(api, database, port, webhook_secret="chosen-Secret_42")
        chat = api.create_private_chat(first_name="Mallory")

        async def runner(stop: asyncio.Event) -> int:
            return await serve(settings, FAST, stop=stop, **BUILD)

        async with running_webhook(api, settings, runner), httpx.AsyncClient() as client:
            [registered] = api.calls("setWebhook")
            assert registered.params["secret_token"] == "chosen-Secret_42"
            hook = f"http://127.0.0.1:{port}{HOOK_PATH}"
            refused = [
                await client.post(hook, json=start_update(api, chat, 1)),
                await client.post(
                    hook, json=start_update(api, chat, 2), headers={SECRET_HEADER: "wrong"}
                ),
                await client.post(
                    hook,
                    json=start_update(api, chat, 3),
                    headers={
                        SECRET_HEADER: webhook_secret(
                            settings.model_copy(update={"webhook_secret": None}), api.token
                        )
                    },
                ),
            ]
            assert [r.status_code for r in refused] == [403, 403, 403]
            elsewhere = await client.post(
                f"http://127.0.0.1:{port}/hook/other",
                json=start_update(api, chat, 4),
                headers={SECRET_HEADER: "chosen-Secret_42"},
            )
            assert elsewhere.status_code == 404
            # A right one afterwards is answered, alone: the refused ones never reached the bot.
            # It is a /help, so its answer is told apart from a /start's; updates are handled
            # in order, so had a refused /start reached the bot, its welcome would come first.
            accepted = await client.post(
                hook, json=start_update(api, chat, 5, "/help"),
                headers={SECRET_HEADER: "chosen-Secret_42"},
            )
            assert accepted.status_code == 200

            def helped() -> bool:
                texts = [m.text or "" for m in api.messages(chat.id, from_bot=True)]
                return any(text.startswith("What I can do") for text in texts)

            assert await api.changed.wait_until(helped, 5)
            [answer] = api.messages(chat.id, from_bot=True)
            assert (answer.text or "").startswith("What I can do")
            assert len(api.calls("sendMessage")) == 1


def test_the_webhook_secret_never_appears_in_any_log_line(
    database: Database, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Through ``run_bot`` (which installs the redaction), with PTB logging at DEBUG."""
    api = LocalBotApi()
    api_port, port = free_port(), free_port()
    api.url = f"http://127.0.0.1:{api_port}"
    settings = webhook_settings(api, database, port)
    secret = webhook_secret(settings, api.token)
    answered: list[str] = []

    async def serve_while_playing_telegram(
        settings: Settings, options: RunOptions, **kwargs: Any
    ) -> int:
        await api.start(port=api_port)
        try:
            chat = api.create_private_chat(first_name="Carol")

            async def runner(stop: asyncio.Event) -> int:
                return await serve(settings, FAST, **(kwargs | BUILD | {"stop": stop}))

            async with running_webhook(api, settings, runner), httpx.AsyncClient() as client:
                hook = f"http://127.0.0.1:{port}{HOOK_PATH}"
                bad = await client.post(
                    hook, json=start_update(api, chat, 1), headers={SECRET_HEADER: "nope"}
                )
                good = await client.post(
                    hook, json=start_update(api, chat, 2), headers={SECRET_HEADER: secret}
                )
                assert (bad.status_code, good.status_code) == (403, 200)
                answered.extend(m.text or "" for m in await api.wait_for_messages(chat.id, 1))
        finally:
            await api.stop()
        return 0

    caplog.set_level(logging.DEBUG)
    for name in ("bot", "telegram", "tornado", "apscheduler"):
        caplog.set_level(logging.DEBUG, logger=name)
    monkeypatch.setattr(run, "serve", serve_while_playing_telegram)
    args = argparse.Namespace(connect_attempts=2, connect_delay=0.01, role="all")
    assert run.run_bot(args, settings) == 0
    assert answered and answered[0].startswith("Welcome to briefbot.")
    # PTB logs setWebhook's parameters at DEBUG: the secret was there, and was redacted.
    assert f"'secret_token': '{REDACTED}'" in caplog.text
    assert "Received Update with ID 2 on Webhook" in caplog.text
    for hidden in (secret, *secret_fragments(api.token)):
        assert hidden not in caplog.text


async def test_a_webhook_port_in_use_is_one_line_and_exit_1(database: Database) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        async with LocalBotApi() as api:
            settings = webhook_settings(api, database, taken.getsockname()[1])
            err = io.StringIO()
            status = await asyncio.wait_for(serve(settings, FAST, err=err, **BUILD), 5)
    assert status == 1
    assert err.getvalue().count("\n") == 1 and "cannot start the webhook" in err.getvalue()
    assert webhook_secret(settings, api.token) not in err.getvalue()


async def test_a_webhook_path_holding_regex_characters_is_served_as_written(
    database: Database,
) -> None:
    path = "/hook+1(a)[b]$"
    async with LocalBotApi() as api:
        port = free_port()
        settings = webhook_settings(api, database, port)
        settings = settings.model_copy(update={"webhook_url": f"https://bot.example.org{path}"})
        chat = api.create_private_chat(first_name="Alice")

        async def runner(stop: asyncio.Event) -> int:
            return await serve(settings, FAST, stop=stop, **BUILD)

        async with running_webhook(api, settings, runner), httpx.AsyncClient() as client:
            response = await client.post(
                f"http://127.0.0.1:{port}{path}",
                json=start_update(api, chat, 1),
                headers={SECRET_HEADER: webhook_secret(settings, api.token)},
            )
            assert response.status_code == 200
            [welcome] = await api.wait_for_messages(chat.id, 1)
            assert (welcome.text or "").startswith("Welcome to briefbot.")


async def test_a_body_over_the_cap_or_an_idle_connection_is_cut_without_waiting(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run.updates, "WEBHOOK_IDLE_SECONDS", 0.5)
    async with LocalBotApi() as api:
        port = free_port()
        settings = webhook_settings(api, database, port)

        async def runner(stop: asyncio.Event) -> int:
            return await serve(settings, FAST, stop=stop, **BUILD)

        async with running_webhook(api, settings, runner):
            # Announced at 2 MiB and never sent: refused at once, not waited for (the default
            # cap, 100 MB, read it in full before the secret was checked).
            announced = (
                f"POST {HOOK_PATH} HTTP/1.1\r\nHost: bot\r\n"
                f"Content-Length: {2 * run.updates.WEBHOOK_MAX_BODY_BYTES}\r\n\r\n"
            ).encode()
            refused = await first_bytes("127.0.0.1", port, announced)
            assert refused == b"" or refused.startswith(b"HTTP/1.1 4"), refused
            # Nothing sent at all: closed after the idle time (it was kept an hour).
            assert await first_bytes("127.0.0.1", port, b"") == b""
