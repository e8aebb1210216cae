"""The bot's aiohttp transport: what it sends, and PTB's errors for timeouts and failures."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from aiohttp import web
from telegram import InputFile
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.request import AiohttpRequest
from outbox.outcomes import retry_after_seconds
from tests.support.world import free_port


@asynccontextmanager
async def serving(handler: web.RequestHandler) -> AsyncIterator[str]:  # type: ignore[type-arg]
    """A one-route HTTP server answering every POST with ``handler``; its base URL."""
    app = web.Application()
    app.router.add_post("/{method}", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


def data(**parameters: object) -> RequestData:
    """PTB's request data for ``parameters``."""
    return RequestData([RequestParameter.from_input(k, v) for k, v in parameters.items()])


async def test_parameters_go_as_one_json_document_and_the_answer_comes_back() -> None:
    seen: dict[str, object] = {}

    async def answer(request: web.Request) -> web.Response:
        seen.update(await request.json())
        seen["content_type"] = request.content_type
        return web.json_response({"ok": True, "result": True})

    markup = {"inline_keyboard": [[{"text": "📄 1", "callback_data": "full:1"}]]}
    async with serving(answer) as url, AiohttpRequest() as request:
        result = await request.post(
            f"{url}/sendMessage", data(chat_id=7, text="héllo <b>", reply_markup=markup)
        )

    assert result is True
    assert seen == {
        "chat_id": 7, "text": "héllo <b>", "reply_markup": markup,
        "content_type": "application/json",
    }  # fmt: skip


async def test_files_go_as_multipart_with_their_name() -> None:
    seen: dict[str, object] = {}

    async def answer(request: web.Request) -> web.Response:
        form = await request.post()
        upload = form["document"]
        assert isinstance(upload, web.FileField)
        seen.update(chat=form["chat_id"], name=upload.filename, body=upload.file.read())
        return web.json_response({"ok": True, "result": True})

    document = InputFile(io.BytesIO(b"report body"), filename="report.txt")
    async with serving(answer) as url, AiohttpRequest() as request:
        await request.post(f"{url}/sendDocument", data(chat_id=7, document=document))

    assert seen == {"chat": "7", "name": "report.txt", "body": b"report body"}


async def test_a_slow_answer_is_timed_out_and_a_refused_connection_a_network_error() -> None:
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.json_response({"ok": True, "result": True})

    async with serving(slow) as url, AiohttpRequest(read_timeout=0.2) as request:
        with pytest.raises(TimedOut):
            await request.post(f"{url}/sendMessage", data(chat_id=7, text="x"))
        with pytest.raises(NetworkError) as refused:
            await request.post(f"http://127.0.0.1:{free_port()}/sendMessage", data(chat_id=7))

    assert not isinstance(refused.value, TimedOut)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB's own
async def test_flood_control_keeps_ptbs_meaning() -> None:
    async def flooded(request: web.Request) -> web.Response:
        body = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 3",
                "parameters": {"retry_after": 3}}  # fmt: skip
        return web.json_response(body, status=429)

    async with serving(flooded) as url, AiohttpRequest() as request:
        with pytest.raises(RetryAfter) as raised:
            await request.post(f"{url}/sendMessage", data(chat_id=7, text="x"))

    assert retry_after_seconds(raised.value) == 3
